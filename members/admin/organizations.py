"""The back-office of organisations, their contacts, contributions and
working groups."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from core.admin import VersionedAdminMixin
from core.exports import SpreadsheetExportMixin
from core.history import HistoryAdmin
from core.imports import PrivateImportExportMixin
from core.protection import ProtectedDeleteAdmin

from .. import services
from ..models import (
    Contact,
    Contribution,
    MembershipStatusChange,
    Organization,
    Representative,
    WorkingGroup,
)
from ..resources import ContributionResource, OrganizationResource


class MembershipFilter(admin.SimpleListFilter):
    """Active members by default: what the secretariat looks at most."""

    title = _("membership")
    parameter_name = "membership"

    def lookups(self, request, model_admin):
        return [
            ("active", _("Active members")),
            *[
                (value, label)
                for value, label in Organization.MembershipStatus.choices
                if value not in ("", "active")
            ],
            ("partners", _("Partners (not members)")),
            ("all", _("All")),
        ]

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": (self.value() or "active") == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value() or "active"
        if value == "all":
            return queryset
        if value == "partners":
            return queryset.partners()
        return queryset.filter(membership_status=value)


class UnpaidForYearFilter(admin.SimpleListFilter):
    """Members with no paid contribution for a year: who to remind."""

    title = _("has not paid for")
    parameter_name = "unpaid_for"

    def lookups(self, request, model_admin):
        this_year = timezone.localdate().year
        return [(str(year), str(year)) for year in range(this_year, this_year - 5, -1)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        paid = Contribution.objects.filter(
            organization=OuterRef("pk"), year=int(self.value()), paid_on__isnull=False
        )
        return queryset.members().filter(~Exists(paid))


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "sex", "position", "phone", "email", "is_public"]


class RepresentativeInline(admin.TabularInline):
    model = Representative
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["added_at"]


class MembershipStatusChangeInline(admin.TabularInline):
    model = MembershipStatusChange
    extra = 0
    fields = ["status", "effective_on", "note", "recorded_by", "recorded_at"]
    readonly_fields = ["recorded_by", "recorded_at"]
    verbose_name_plural = _(
        "membership status changes (add one to change the status; the latest applies)"
    )

    def has_change_permission(self, request, obj=None):
        return False  # the log is append-only

    def has_delete_permission(self, request, obj=None):
        return False


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    fields = ["year", "amount", "currency", "paid_on", "reference"]


@admin.register(Organization)
class OrganizationAdmin(
    VersionedAdminMixin,
    ProtectedDeleteAdmin,
    PrivateImportExportMixin,
    SpreadsheetExportMixin,
    HistoryAdmin,
    TabbedTranslationAdmin,
):
    resource_classes = [OrganizationResource]
    list_display = [
        "name",
        "acronym",
        "kind",
        "membership_status",
        "joined_on",
        "head_office_province",
    ]
    list_filter = [
        MembershipFilter,
        "kind",
        UnpaidForYearFilter,
        "working_groups",
        "head_office_province",
        "themes",
    ]
    list_select_related = ["head_office_province"]
    search_fields = ["name_en", "name_km", "acronym", "slug"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["head_office_province"]
    filter_horizontal = ["provinces", "themes"]
    readonly_fields = ["membership_status", "joined_on", "created_at", "updated_at"]
    actions = ["deactivate_selected"]
    delete_advice = _(
        "Deactivate it instead, with the action “Deactivate the selected "
        "organisations” in the list of organisations: it leaves the public lists "
        "and keeps its place in the records above."
    )
    inlines = [
        MembershipStatusChangeInline,
        RepresentativeInline,
        ContactInline,
        ContributionInline,
    ]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "logo", "description"]}),
        (
            _("Membership"),
            {"fields": ["membership_status", "joined_on", "registration_number"]},
        ),
        (
            _("Contact and places"),
            {
                "fields": [
                    "website",
                    "email",
                    "phone",
                    "address",
                    "head_office_province",
                    "provinces",
                    "themes",
                    "founded_year",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.action(
        description=_(
            "Deactivate the selected organisations (they leave the public lists "
            "and keep their links)"
        ),
        permissions=["change"],
    )
    def deactivate_selected(self, request, queryset):
        deactivated = [
            organization
            for organization in queryset
            if services.deactivate_organization(
                organization=organization,
                recorded_by=request.user,
                note=gettext("Deactivated in the back-office"),
            )
        ]
        self.message_user(
            request,
            ngettext(
                "%(count)d organisation deactivated: partners are now former "
                "partners, members withdrawn.",
                "%(count)d organisations deactivated: partners are now former "
                "partners, members withdrawn.",
                len(deactivated),
            )
            % {"count": len(deactivated)},
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        from core.forms import SafeImageField

        form.base_fields["logo"] = SafeImageField(
            required=False,
            label=_("logo"),
            help_text=_("JPEG, PNG or WebP, 8 MB at most."),
        )
        return form

    def save_formset(self, request, form, formset, change):
        if formset.model is not MembershipStatusChange:
            return super().save_formset(request, form, formset, change)
        # New status rows go through the service so the organisation's
        # status follows and who recorded them is kept.
        formset.new_objects = [
            services.record_membership_status(
                organization=form.instance,
                status=status_form.cleaned_data["status"],
                effective_on=status_form.cleaned_data["effective_on"],
                note=status_form.cleaned_data.get("note", ""),
                recorded_by=request.user,
            )
            for status_form in formset.forms
            if status_form.has_changed() and not status_form.instance.pk
        ]
        formset.changed_objects, formset.deleted_objects = [], []
        return None


@admin.register(Contact)
class ContactAdmin(VersionedAdminMixin, HistoryAdmin):
    list_display = ["name", "organization", "position", "sex", "is_public"]
    list_filter = ["sex", "is_public"]
    list_select_related = ["organization"]
    search_fields = ["name", "email", "organization__name_en", "organization__acronym"]
    autocomplete_fields = ["organization"]


@admin.register(Contribution)
class ContributionAdmin(
    VersionedAdminMixin,
    PrivateImportExportMixin,
    SpreadsheetExportMixin,
    admin.ModelAdmin,
):
    resource_classes = [ContributionResource]
    list_display = [
        "organization",
        "year",
        "amount",
        "currency",
        "paid_on",
        "reference",
    ]
    list_filter = ["year", "currency", ("paid_on", admin.EmptyFieldListFilter)]
    list_select_related = ["organization"]
    search_fields = ["organization__name_en", "organization__acronym", "reference"]
    autocomplete_fields = ["organization"]
    date_hierarchy = "paid_on"


@admin.register(WorkingGroup)
class WorkingGroupAdmin(
    VersionedAdminMixin, ProtectedDeleteAdmin, HistoryAdmin, TranslationAdmin
):
    delete_advice = _(
        "Untick “active” instead: the group and its members stay on record."
    )
    list_display = ["acronym", "name", "cadence", "coordinator", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["coordinator"]
    search_fields = ["acronym", "name_en", "name_km"]
    prepopulated_fields = {"slug": ["acronym"]}
    autocomplete_fields = ["coordinator", "organizations"]
