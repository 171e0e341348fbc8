from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from core.admin import VersionedAdminMixin
from core.exports import SpreadsheetExportMixin
from core.history import HistoryAdmin
from core.imports import PrivateImportExportMixin
from core.protection import ProtectedDeleteAdmin

from . import services
from .forms import DeclineApplicationForm
from .models import (
    Contact,
    Contribution,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    Representative,
    RepresentativeInvitation,
    WorkingGroup,
)
from .resources import ContributionResource, OrganizationResource


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
        from core.images import SafeImageField

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


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(VersionedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name_en",
        "acronym",
        "kind",
        "head_office_province",
        "status",
        "submitted_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["head_office_province"]
    search_fields = ["name_en", "name_km", "acronym", "contact_name", "contact_email"]
    readonly_fields = [
        "status",
        "applicant",
        "submitted_at",
        "decided_at",
        "decided_by",
        "decline_reason",
        "organization",
    ]
    actions = ["approve_selected"]
    change_form_template = "admin/members/membershipapplication/change_form.html"

    def has_add_permission(self, request):
        return False  # applications come from the public form

    @admin.action(
        description=_("Approve the selected applications"), permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        approved = 0
        for application in queryset.filter(status=MembershipApplication.Status.PENDING):
            try:
                services.approve_application(
                    application=application, decided_by=request.user, request=request
                )
            except Exception as error:  # one failure must not hide the others
                self.message_user(
                    request,
                    _("%(name)s was not approved, nothing was changed: %(error)s")
                    % {"name": application.name_en, "error": error},
                    messages.ERROR,
                )
            else:
                approved += 1
        if approved:
            self.message_user(
                request,
                ngettext(
                    "%(count)d application approved.",
                    "%(count)d applications approved.",
                    approved,
                )
                % {"count": approved},
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name="members_membershipapplication_approve",
            ),
            path(
                "<int:pk>/decline/",
                self.admin_site.admin_view(self.decline_view),
                name="members_membershipapplication_decline",
            ),
            *super().get_urls(),
        ]

    def _pending_or_redirect(self, request, pk):
        application = self.get_object(request, pk)
        if application is None or not self.has_change_permission(request, application):
            return None
        return application

    def approve_view(self, request, pk):
        application = self._pending_or_redirect(request, pk)
        change_url = reverse("admin:members_membershipapplication_change", args=[pk])
        if application is None or request.method != "POST":
            return redirect(change_url)
        try:
            organization = services.approve_application(
                application=application, decided_by=request.user, request=request
            )
        except services.ApplicationAlreadyDecided:
            self.message_user(
                request, _("This application was already decided."), messages.WARNING
            )
            return redirect(change_url)
        self.message_user(
            request,
            _(
                "Approved: %(name)s is now an active member and the applicant "
                "its representative."
            )
            % {"name": organization.name},
        )
        return redirect(
            reverse("admin:members_organization_change", args=[organization.pk])
        )

    def decline_view(self, request, pk):
        application = self._pending_or_redirect(request, pk)
        change_url = reverse("admin:members_membershipapplication_change", args=[pk])
        if application is None:
            return redirect(change_url)
        form = DeclineApplicationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decline_application(
                    application=application,
                    decided_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except services.ApplicationAlreadyDecided:
                self.message_user(
                    request,
                    _("This application was already decided."),
                    messages.WARNING,
                )
            else:
                self.message_user(
                    request, _("Declined; the applicant has been told why.")
                )
            return redirect(change_url)
        return render(
            request,
            "admin/members/membershipapplication/decline.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "application": application,
                "form": form,
                "title": _("Decline %(name)s") % {"name": application.name_en},
            },
        )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = RepresentativeInvitation
        fields = ["organization", "email"]


class InvitationStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return RepresentativeInvitation.Status.choices

    def queryset(self, request, queryset):
        return {
            RepresentativeInvitation.Status.PENDING: queryset.usable,
            RepresentativeInvitation.Status.ACCEPTED: queryset.accepted,
            RepresentativeInvitation.Status.EXPIRED: queryset.expired,
        }.get(self.value(), queryset.all)()


@admin.register(RepresentativeInvitation)
class RepresentativeInvitationAdmin(admin.ModelAdmin):
    form = InvitationForm
    list_display = [
        "email",
        "organization",
        "status_display",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
    ]
    list_filter = [InvitationStatusFilter]
    list_select_related = ["organization", "invited_by", "accepted_by"]
    search_fields = ["email", "organization__name_en", "organization__acronym"]
    autocomplete_fields = ["organization"]
    actions = ["renew_selected"]

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.status.label

    @admin.action(
        description=_("Renew the selected invitations and send them again"),
        permissions=["change"],
    )
    def renew_selected(self, request, queryset):
        renewed = 0
        for invitation in queryset.select_related("organization"):
            try:
                services.renew_invitation(invitation=invitation, request=request)
            except services.InvitationNotUsable:
                self.message_user(
                    request,
                    _("The invitation to %(email)s was accepted already.")
                    % {"email": invitation.email},
                    messages.WARNING,
                )
            else:
                renewed += 1
        if renewed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d invitation renewed and sent again.",
                    "%(count)d invitations renewed and sent again.",
                    renewed,
                )
                % {"count": renewed},
            )

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    def save_model(self, request, obj, form, change):
        # The service creates the invitation and emails the link.
        invitation = services.invite_representative(
            organization=form.cleaned_data["organization"],
            email=form.cleaned_data["email"],
            invited_by=request.user,
            request=request,
        )
        obj.pk = invitation.pk
        obj.token = invitation.token
