"""History of changes that keeps many-to-many links, so that a restore is whole.

django-simple-history records a model's fields on every save. With
`m2m_fields` it copies the links too, but out of the box:

- the record of a save is written before a form sets the links (the admin
  saves the object, then its many-to-many fields), and each link change then
  adds a record of its own: one save became three entries, the first one
  pairing the new fields with the old links;
- a deletion is recorded after Django removed the links, so it records none;
- a change made from the other side (`theme.activities.add(...)`) records the
  wrong object;
- the admin's revert form shows the current links, not those of the version
  being restored, so reverting keeps the current ones.

`register` fixes the first three, `HistoryAdmin` the last.
"""

from collections import defaultdict
from itertools import islice

import simple_history
from django.conf import settings
from django.db.models import GeneratedField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import HistoricalRecords, to_historic
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from core.models import VersionField

# Set on an instance by the save that recorded it; the link changes made
# through that same instance (a form's save_m2m) complete that record.
RECORD_ATTR = "_history_record"
LINKS_AT_DELETION_ATTR = "_history_links_at_deletion"
CLEARED_ATTR = "_history_cleared"


def _history_enabled(instance):
    return getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and not hasattr(
        instance, "skip_history_when_saving"
    )


class LinkedHistoricalRecords(HistoricalRecords):
    """Historical records whose every entry holds the links as they were."""

    def _links(self, field, instance):
        through = field.remote_field.through
        return list(through.objects.filter(**{get_m2m_field_name(field): instance}))

    def _record_links(self, record, field, rows, *, replace=False):
        m2m_model = self.m2m_models[field]
        if replace:
            m2m_model.objects.filter(history=record).delete()
        attnames = [f.attname for f in field.remote_field.through._meta.fields]
        m2m_model.objects.bulk_create(
            m2m_model(history=record, **{name: getattr(row, name) for name in attnames})
            for row in rows
        )

    def create_historical_record_m2ms(self, history_instance, instance):
        # Not the library's: it rebuilds the instance from the record first,
        # querying the excluded fields of the live row for nothing.
        deleted_links = instance.__dict__.pop(LINKS_AT_DELETION_ATTR, None)
        for field in history_instance._history_m2m_fields:
            if history_instance.history_type == "-" and deleted_links is not None:
                rows = deleted_links[field.name]
            else:
                rows = self._links(field, instance)
            self._record_links(history_instance, field, rows)
        setattr(instance, RECORD_ATTR, history_instance)

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        if _history_enabled(instance):
            # Django removes the links before the deletion is recorded.
            setattr(
                instance,
                LINKS_AT_DELETION_ATTR,
                {
                    field.name: self._links(field, instance)
                    for field in self.get_m2m_fields_from_model(type(instance))
                },
            )

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not _history_enabled(instance):
            return
        if reverse:
            self._reverse_m2m_changed(instance, action, attr, pk_set, kwargs["model"])
            return
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        record = instance.__dict__.get(RECORD_ATTR)
        if record is None:
            self.create_historical_record(instance, "~")
            return
        field = self.cls._meta.get_field(attr)
        self._record_links(record, field, self._links(field, instance), replace=True)

    def _reverse_m2m_changed(self, target, action, attr, pk_set, model):
        """A link changed from the other side: record each object of this
        model whose links changed."""
        if model is not self.cls:
            return
        field = self.cls._meta.get_field(attr)
        if action == "pre_clear":
            linked = field.remote_field.through.objects.filter(
                **{get_m2m_reverse_field_name(field): target}
            ).values_list(f"{get_m2m_field_name(field)}_id", flat=True)
            target.__dict__.setdefault(CLEARED_ATTR, {})[attr] = list(linked)
            return
        if action == "post_clear":
            pk_set = target.__dict__.get(CLEARED_ATTR, {}).pop(attr, [])
        elif action not in ("post_add", "post_remove"):
            return
        for obj in self.cls._base_manager.filter(pk__in=pk_set):
            self.create_historical_record(obj, "~")


def register(model, **options):
    """Keep the history of `model`: its fields but those Django or the
    database keep (creation and update times, search vectors, the version
    counting saves: a revert takes the live row's and moves on), and its
    many-to-many links (those with a through model of their own are edited,
    and recorded, on their own)."""
    kept_for_us = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, GeneratedField | VersionField)
        or getattr(field, "auto_now", False)
        or getattr(field, "auto_now_add", False)
    ]
    links = [
        field.name
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    simple_history.register(
        model,
        records_class=LinkedHistoricalRecords,
        excluded_fields=kept_for_us,
        m2m_fields=links,
        **options,
    )


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin history whose revert (and restore of a deleted record) puts
    the links of the chosen version back."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        record = to_historic(obj) if obj is not None else None
        if record is None:
            return form
        links = {}
        for field in record._history_m2m_fields:
            if field.name in form.base_fields:
                target = f"{get_m2m_reverse_field_name(field)}_id"
                links[field.name] = [
                    getattr(row, target)
                    for row in HistoricalRecords.m2m_models[field].objects.filter(
                        history=record
                    )
                ]

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                kwargs["initial"] = {**links, **(kwargs.get("initial") or {})}
                super().__init__(*args, **kwargs)

        VersionForm.__name__ = form.__name__
        return VersionForm

    def save_model(self, request, obj, form, change):
        record = to_historic(obj)
        if record is not None:
            # A deleted record restored: the history does not keep the
            # creation time (excluded), the first record's date is it.
            history = getattr(obj, obj._meta.simple_history_manager_attribute)
            for field in obj._meta.concrete_fields:
                if getattr(field, "auto_now_add", False) and (
                    getattr(obj, field.attname) is None
                ):
                    setattr(obj, field.attname, history.earliest().history_date)
        super().save_model(request, obj, form, change)


def record_current_links(apps, schema_editor, app_label):
    """Data migration: records kept before links were recorded get today's
    links, so that restoring one of them keeps the links (as it did then)
    instead of removing them all."""
    for m2m_model in apps.get_app_config(app_label).get_models():
        name = m2m_model.__name__
        if not (name.startswith("Historical") and "_" in name):
            continue
        model_name, field_name = name.removeprefix("Historical").split("_", 1)
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        links = defaultdict(list)
        for link in field.remote_field.through.objects.values("id", source, target):
            links[link[source]].append(link)
        records = m2m_model._meta.get_field("history").related_model.objects
        rows = (
            m2m_model(history_id=history_id, **link)
            for history_id, pk in records.values_list("history_id", "id").iterator()
            for link in links.get(pk, ())
        )
        while batch := list(islice(rows, 2000)):
            m2m_model.objects.bulk_create(batch)
