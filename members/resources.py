"""Spreadsheet import and export (django-import-export) for the secretariat."""

from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from core.exports import SpreadsheetResourceMixin
from core.models import Province, Theme

from .models import Contribution, MembershipStatusChange, Organization


class _LookupMixin:
    """Find a row's value by code, slug, English or Khmer name, any case."""

    lookups = ("name_en__iexact", "name_km")
    label = ""

    def _find(self, value):
        value = str(value).strip()
        query = Q()
        for lookup in self.lookups:
            query |= Q(**{lookup: value})
        match = self.model.objects.filter(query).first()
        if match is None:
            raise ValueError(
                _("Unknown %(what)s “%(value)s”.")
                % {"what": self.label, "value": value}
            )
        return match


class PlaceOrThemeWidget(_LookupMixin, widgets.ForeignKeyWidget):
    def __init__(self, model, label, lookups):
        super().__init__(model)
        self.label, self.lookups = label, lookups

    def clean(self, value, row=None, **kwargs):
        return self._find(value) if value not in (None, "") else None

    def render(self, value, obj=None, **kwargs):
        return value.name_en if value else ""


class PlacesOrThemesWidget(_LookupMixin, widgets.ManyToManyWidget):
    def __init__(self, model, label, lookups):
        super().__init__(model, separator=";")
        self.label, self.lookups = label, lookups

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        parts = [p for p in str(value).replace(",", ";").split(";") if p.strip()]
        return self.model.objects.filter(pk__in=[self._find(p).pk for p in parts])

    def render(self, value, obj=None, **kwargs):
        return "; ".join(item.name_en for item in value.all()) if value else ""


PROVINCE_LOOKUPS = ("code", "name_en__iexact", "name_km", "gazetteer_name__iexact")
THEME_LOOKUPS = ("slug", "name_en__iexact", "name_km")


class OrganizationResource(SpreadsheetResourceMixin, resources.ModelResource):
    name_en = fields.Field(attribute="name_en", column_name="name_en")
    head_office_province = fields.Field(
        attribute="head_office_province",
        column_name="head_office_province",
        widget=PlaceOrThemeWidget(Province, gettext_lazy("province"), PROVINCE_LOOKUPS),
    )
    provinces = fields.Field(
        attribute="provinces",
        column_name="provinces",
        widget=PlacesOrThemesWidget(
            Province, gettext_lazy("province"), PROVINCE_LOOKUPS
        ),
    )
    themes = fields.Field(
        attribute="themes",
        column_name="themes",
        widget=PlacesOrThemesWidget(Theme, gettext_lazy("theme"), THEME_LOOKUPS),
    )

    class Meta:
        model = Organization
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name_en",
            "name_km",
            "acronym",
            "kind",
            "membership_status",
            "joined_on",
            "website",
            "email",
            "phone",
            "address",
            "head_office_province",
            "provinces",
            "themes",
            "founded_year",
            "registration_number",
            "description_en",
            "description_km",
        ]
        export_order = fields
        use_transactions = True
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def get_queryset(self):
        return Organization.objects.select_related(
            "head_office_province"
        ).prefetch_related("provinces", "themes")

    def before_import(self, dataset, **kwargs):
        # `slug` identifies an organisation; a sheet without it (a new list of
        # members) gets one from the acronym or name, so importing it twice
        # updates the same rows instead of duplicating them.
        if "slug" not in dataset.headers:
            dataset.append_col([""] * len(dataset), header="slug")

    def before_import_row(self, row, **kwargs):
        if not row.get("slug"):
            row["slug"] = slugify(row.get("acronym") or row.get("name_en") or "")[:80]
        for choice_field, choices in (
            ("kind", Organization.Kind),
            ("membership_status", Organization.MembershipStatus),
        ):
            value = (row.get(choice_field) or "").strip()
            by_label = {str(label).lower(): key for key, label in choices.choices}
            row[choice_field] = by_label.get(value.lower(), value)

    def after_save_instance(self, instance, row, **kwargs):
        # Keep the membership history complete for imported members.
        if not instance.membership_status:
            return
        latest = instance.status_changes.first()
        if latest is None or latest.status != instance.membership_status:
            MembershipStatusChange.objects.create(
                organization=instance,
                status=instance.membership_status,
                effective_on=instance.joined_on or instance.created_at.date(),
                recorded_by=kwargs.get("user"),
                note="Imported from a spreadsheet",
            )


class ContributionResource(SpreadsheetResourceMixin, resources.ModelResource):
    organization = fields.Field(
        attribute="organization",
        column_name="organization",
        widget=widgets.ForeignKeyWidget(Organization, field="slug"),
    )
    organization_name = fields.Field(
        attribute="organization__name_en",
        column_name="organization_name",
        readonly=True,
    )

    class Meta:
        model = Contribution
        fields = [
            "organization",
            "organization_name",
            "year",
            "amount",
            "currency",
            "paid_on",
            "reference",
            "note",
        ]
        export_order = fields
        import_id_fields = ["organization", "year"]
        use_transactions = True
        clean_model_instances = True

    def get_queryset(self):
        return Contribution.objects.select_related("organization")
