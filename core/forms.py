"""How forms render, and the forms that refuse to overwrite someone else's edit.

Rendering: Django's own form templates in their Jinja2 flavour.

A form with a few dozen fields and checkbox lists spends tens of milliseconds
in the Django template language, one `{% include %}` per widget and option;
the same templates in Jinja2 render several times faster. The output is the
same HTML, so the site's templates and tests do not see the difference.
"""

import datetime
from functools import cached_property
from pathlib import Path

import django.forms
from django import forms
from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    MAX_NUM_FORM_COUNT,
    MIN_NUM_FORM_COUNT,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.forms.models import model_to_dict
from django.forms.renderers import BaseRenderer, TemplatesSetting
from django.template import TemplateDoesNotExist
from django.template.backends.jinja2 import Jinja2
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext

from .images import ACCEPT_ATTRIBUTE, clean_image_upload


class FormRenderer(BaseRenderer):
    """Form templates from `templates/jinja2/` (the site's overrides), then
    Django's Jinja2 form templates; any other form template (the admin's
    widgets, a library's) from the site's Django template engine as before.

    Override a form template in `templates/jinja2/`: a Django-language copy
    of a name Django ships in Jinja2 would be shadowed.
    """

    @cached_property
    def jinja2(self):
        return Jinja2(
            {
                "NAME": "forms",
                "APP_DIRS": False,
                "DIRS": [
                    settings.BASE_DIR / "templates" / "jinja2",
                    Path(django.forms.__file__).parent / "jinja2",
                ],
                "OPTIONS": {},
            }
        )

    @cached_property
    def fallback(self):
        return TemplatesSetting()

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)


# Conflicting edits --------------------------------------------------------
#
# A form shows a record at some version (`Versioned.version`) and sends that
# version back as `edited_version`. Before saving, the form locks the row and
# compares: if someone else saved in between, the save is refused, the user's
# input stays in the form, and the error lists what differs from the saved
# record, field by field. The lock holds until the request's transaction ends
# (the admin's change view is atomic; so are the member editors' posts), so
# two saves of one version cannot both pass.

EDITED_VERSION = "edited_version"
CONFLICT = "conflict"


def _locked(instance):
    """The saved row of `instance`, locked until the transaction ends; None
    when it is gone (a deleted record being restored from its history)."""
    return (
        type(instance)._base_manager.select_for_update().filter(pk=instance.pk).first()
    )


def _shown(field, value):
    """`value` of a form `field` as the person filling in the form reads it."""
    if isinstance(value, models.Model):
        if isinstance(field, forms.ModelChoiceField):
            return str(field.label_from_instance(value))
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        return ", ".join(_shown(field, item) for item in value) or gettext("(empty)")
    if value is None or value == "":
        return gettext("(empty)")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, FieldFile):
        return value.name
    if isinstance(field, forms.ChoiceField):
        for key, label in field.choices:
            if isinstance(label, list | tuple):
                label = dict(label).get(value)
                if label is not None:
                    return str(label)
            elif str(key) == str(value):
                return str(label)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return Truncator(str(formats.localize(value))).chars(200)


def _saved_value(instance, name):
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).all())
    if field.is_relation:
        return getattr(instance, name)
    return getattr(instance, field.attname)


def changed_fields(form, saved):
    """(label, yours, saved) for each visible field of `form` whose submitted
    value differs from that of the `saved` model instance."""
    model_fields = {field.name for field in saved._meta.get_fields()}
    names = [
        name
        for name, field in form.fields.items()
        if name in model_fields and not field.disabled and not field.widget.is_hidden
    ]
    initial = model_to_dict(saved, fields=names)
    changes = []
    for name in names:
        field, bound = form.fields[name], form[name]
        if not field.has_changed(initial.get(name), bound.data):
            continue
        cleaned = getattr(form, "cleaned_data", {})
        yours = cleaned.get(name, bound.data)
        changes.append(
            (
                str(bound.label),
                _shown(field, yours),
                _shown(field, _saved_value(saved, name)),
            )
        )
    return changes


def _field_lines(changes, row=None):
    for label, yours, saved in changes:
        values = {"field": label, "yours": yours, "saved": saved}
        if row is None:
            yield gettext("%(field)s: yours “%(yours)s”, saved “%(saved)s”.") % values
        else:
            yield gettext(
                "%(row)s, %(field)s: yours “%(yours)s”, saved “%(saved)s”."
            ) % {**values, "row": row}


def _conflict(record, lines):
    headline = gettext(
        "Someone else saved this %(record)s while you were editing it, so "
        "nothing was saved. Your entries are still in the form: compare them "
        "with the saved values below, then save again to keep yours."
    ) % {"record": record._meta.verbose_name}
    if not lines:
        lines = [
            gettext(
                "The fields here match the saved ones: someone else changed "
                "another part of the record."
            )
        ]
    return forms.ValidationError(
        [forms.ValidationError(line, code=CONFLICT) for line in [headline, *lines]]
    )


def _with_version(data, key, version):
    """`data` (the POST) with the edited version set to `version`: saving
    again then means "keep mine", knowingly."""
    data = data.copy()
    data[key] = str(version)
    return data


def has_conflict(errors):
    """Whether a form's or formset's non-field errors report a conflict."""
    return any(error.code == CONFLICT for error in errors.as_data())


class VersionedModelForm(forms.ModelForm):
    """A form of a `core.models.Versioned` record that refuses to save over a
    version its user did not see."""

    edited_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, label=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault(EDITED_VERSION, self.instance.version)

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        saved = _locked(self.instance)
        if saved is None or cleaned.get(EDITED_VERSION) == saved.version:
            return cleaned
        self.data = _with_version(
            self.data, self.add_prefix(EDITED_VERSION), saved.version
        )
        raise _conflict(saved, list(_field_lines(changed_fields(self, saved))))

    @property
    def has_conflict(self):
        return has_conflict(self.non_field_errors())


class _VersionedManagementForm(ManagementForm):
    edited_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionedInlineFormSet(forms.BaseInlineFormSet):
    """The rows of a `Versioned` record (its contacts) edited on a page of
    their own: a save over a version of the record its user did not see is
    refused, with the rows that differ. The rows' model is a
    `core.models.VersionedPart` of the record, so saving them changes it."""

    @cached_property
    def management_form(self):
        options = {"auto_id": self.auto_id, "prefix": self.prefix}
        if self.is_bound:
            form = _VersionedManagementForm(
                self.data, renderer=self.renderer, **options
            )
            form.full_clean()
            return form
        return _VersionedManagementForm(
            initial={
                TOTAL_FORM_COUNT: self.total_form_count(),
                INITIAL_FORM_COUNT: self.initial_form_count(),
                MIN_NUM_FORM_COUNT: self.min_num,
                MAX_NUM_FORM_COUNT: self.max_num,
                EDITED_VERSION: self.instance.version,
            },
            renderer=self.renderer,
            **options,
        )

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        saved = _locked(self.instance)
        edited = self.management_form.cleaned_data.get(EDITED_VERSION)
        if saved is None or edited == saved.version:
            return
        self.management_form.data = _with_version(
            self.data, self.management_form.add_prefix(EDITED_VERSION), saved.version
        )
        raise _conflict(saved, self._row_changes())

    def _row_changes(self):
        saved_rows = {
            row.pk: row
            for row in self.model._base_manager.filter(**{self.fk.name: self.instance})
        }
        pk_name = self.model._meta.pk.name
        submitted = set()
        lines = []
        for form in self.initial_forms:
            pk = form[pk_name].data
            pk = getattr(pk, "pk", pk)
            saved = saved_rows.get(int(pk)) if str(pk).isdigit() else None
            if saved is None:
                lines.append(
                    gettext("“%(row)s” was deleted by someone else.")
                    % {"row": form.instance}
                )
                continue
            submitted.add(saved.pk)
            lines.extend(_field_lines(changed_fields(form, saved), row=saved))
        lines.extend(
            gettext("“%(row)s” was added by someone else.") % {"row": row}
            for pk, row in saved_rows.items()
            if pk not in submitted
        )
        return lines


class SafeImageField(forms.ImageField):
    """An image form field whose cleaned value is a re-encoded `ContentFile`.

    Use it for every image upload, e.g. `field_classes = {"logo": SafeImageField}`
    in a ModelForm; the model's `ResponsiveImageField` does the rest.
    """

    def __init__(self, **kwargs):
        # The upload's own name is replaced, so its length does not matter.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, data):
        # Skip ImageField.to_python: it decodes the upload with Pillow before
        # any size limit applies. clean_image_upload does all of its checks.
        upload = super(forms.ImageField, self).to_python(data)
        if upload is None:
            return None
        return clean_image_upload(upload).as_content_file()

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs
