"""Example records: made up to show what the portal does, never facts about
the coalition. Each model that can hold them has an `is_example` field (from
example_field()); every page showing such a record marks it, and every page
carries a banner while any exists."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.content import cached

EXAMPLES_CACHE_TIMEOUT = 3600


def example_field():
    return models.BooleanField(
        _("example"),
        default=False,
        help_text=_(
            "Made up to show what the portal can do, not a fact about the "
            "coalition: marked “Example” wherever it appears."
        ),
    )


def example_models():
    return [
        model
        for model in apps.get_models()
        if any(field.name == "is_example" for field in model._meta.concrete_fields)
        # Not the history tables: an example deleted leaves its history.
        and not any(field.name == "history_id" for field in model._meta.fields)
    ]


def _any_example():
    first, *rest = (
        model._default_manager.filter(is_example=True).order_by().values_list("pk")[:1]
        for model in example_models()
    )
    # No default ordering on the union: it would name the first model's fields.
    return bool((first.union(*rest, all=True) if rest else first).order_by()[:1])


def site_has_examples():
    """Whether any example record exists: one query, then kept under the
    content version (which any change to a record bumps)."""
    return cached("examples", (), _any_example, EXAMPLES_CACHE_TIMEOUT)


def marked_title(record, title):
    """`title`, said to be an example's where `record` is one: for feeds and
    calendars, which show no badge."""
    if getattr(record, "is_example", False):
        return pgettext("title of an example record", "Example: %(title)s") % {
            "title": title
        }
    return title
