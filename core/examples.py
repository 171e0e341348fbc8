"""Example records: made up to show what the portal does, never facts about
the coalition. Each model that can hold them has an `is_example` field (from
example_field()); every page showing such a record marks it, and every page
carries a banner while any exists."""

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext


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


FLAG_KEY = "examples:exist"
# This process's last answer, for when the cache has lost it (cleared or
# evicted): the banner then costs no query on the first page after a change.
_known = {}


def _any_example():
    first, *rest = (
        model._default_manager.filter(is_example=True).order_by().values_list("pk")[:1]
        for model in example_models()
    )
    # No default ordering on the union: it would name the first model's fields.
    return bool((first.union(*rest, all=True) if rest else first).order_by()[:1])


def _store(value):
    _known["value"] = value
    cache.set(FLAG_KEY, value, timeout=None)


def _forget():
    _known.pop("value", None)
    cache.delete(FLAG_KEY)
    # Answer again once the change is committed, for every process: one that
    # kept its own last answer would otherwise show it until the cache lost it.
    transaction.on_commit(lambda: _store(_any_example()))


def site_has_examples():
    """Whether any example record exists. Kept up to date when records are
    written (example_written, example_deleted), so pages ask the database
    only when nothing is known."""
    value = cache.get(FLAG_KEY)
    if value is None:
        value = _known.get("value")
    if value is None:
        value = _any_example()
        _store(value)
    return value


def example_written(sender, instance, **kwargs):
    if instance.is_example:
        if cache.get(FLAG_KEY) is not True:
            _store(True)
    elif site_has_examples():
        _forget()  # it may have been the last example


def example_deleted(sender, instance, **kwargs):
    if instance.is_example:
        _forget()


def connect_signals():
    for model in example_models():
        uid = f"examples:{model._meta.label}"
        post_save.connect(example_written, sender=model, dispatch_uid=uid)
        post_delete.connect(example_deleted, sender=model, dispatch_uid=uid)


def marked_title(record, title):
    """`title`, said to be an example's where `record` is one: for feeds and
    calendars, which show no badge."""
    if getattr(record, "is_example", False):
        return pgettext("title of an example record", "Example: %(title)s") % {
            "title": title
        }
    return title
