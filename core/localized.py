"""Translated fields read from values() rows rather than from models."""

from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)


def localized(field):
    """`field`'s column in each language, most wanted first ("name_km",
    "name_en"): to select for translated()."""
    return [
        build_localized_fieldname(field, language)
        for language in resolution_order(get_language())
    ]


def translated(item, field):
    """`field` of a values() row in the current language, else in the
    fallback one, as modeltranslation reads it on a model."""
    for name in localized(field):
        if value := item.get(name):
            return value
    return ""
