"""The back-office of membership applications and representatives' invitations."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import VersionedAdminMixin

from .. import services
from ..forms import DeclineApplicationForm
from ..models import (
    MembershipApplication,
    RepresentativeInvitation,
)


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
