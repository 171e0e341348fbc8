from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_ratelimit.decorators import ratelimit

from core.forms import has_conflict
from core.pagecache import cached_page, not_cached
from core.pagination import CachedCountPaginator
from core.twofactor import TwoFactorForStaffMixin

from . import services
from .filters import OrganizationFilter, PartnerFilter
from .forms import (
    ContactFormSet,
    MembershipApplicationForm,
    OrganizationProfileForm,
    SignedInApplicationForm,
)
from .models import (
    Contact,
    Contribution,
    Organization,
    RepresentativeInvitation,
    WorkingGroup,
)

DIRECTORY_PAGE_SIZE = 24


@cached_page(
    "q", "province", "head_office", "theme", "kind", "working_group", "sort", "page"
)
class OrganizationDirectoryView(FilterView):
    filterset_class = OrganizationFilter
    template_name = "members/organization_list.html"
    paginate_by = DIRECTORY_PAGE_SIZE
    paginator_class = CachedCountPaginator

    def get_queryset(self):
        return Organization.objects.active_members().for_directory()


@cached_page("q", "province", "head_office", "theme", "kind", "working_group", "page")
class PartnerListView(OrganizationDirectoryView):
    filterset_class = PartnerFilter
    template_name = "members/partner_list.html"

    def get_queryset(self):
        return Organization.objects.partners().for_directory()


@cached_page()
class OrganizationDetailView(DetailView):
    template_name = "members/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        # Applicants, lapsed and withdrawn members keep a page only for staff
        # and their own representatives; the public sees members and partners.
        visible = Organization.objects.public() | Organization.objects.editable_by(
            self.request.user
        )
        return visible.select_related("head_office_province").prefetch_related(
            "provinces",
            "themes",
            "working_groups",
            Prefetch(
                "contacts", queryset=Contact.objects.public(), to_attr="public_contacts"
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = (
            Organization.objects.editable_by(self.request.user)
            .filter(pk=self.object.pk)
            .exists()
            if self.request.user.is_authenticated
            else False
        )
        return context


@not_cached("the visitor's own organisations")
class MyOrganizationsView(LoginRequiredMixin, ListView):
    """ "My organisation": for each organisation the signed-in user represents,
    its standing, what its profile lacks, its contacts and its dues."""

    template_name = "members/my_organizations.html"
    context_object_name = "organizations"

    def get_queryset(self):
        return (
            Organization.objects.filter(representatives=self.request.user)
            .select_related("head_office_province")
            .prefetch_related(
                "provinces",
                Prefetch("contacts", Contact.objects.order_by("-is_public", "name")),
                Prefetch("contributions", Contribution.objects.order_by("-year")),
            )
        )


# Staff edit any organisation: as in the back-office, only with two-factor
# sign-in turned on.
class EditableOrganizationMixin(TwoFactorForStaffMixin, LoginRequiredMixin):
    context_object_name = "organization"

    def get_queryset(self):
        # Another member's organisation is not found at all: the queryset is
        # the permission.
        return Organization.objects.editable_by(self.request.user)


@not_cached("a representative's form")
class OrganizationEditView(EditableOrganizationMixin, UpdateView):
    """The public profile; contacts have a page of their own."""

    form_class = OrganizationProfileForm
    template_name = "members/organization_form.html"

    @method_decorator(transaction.atomic)
    def post(self, request, *args, **kwargs):
        # Atomic: the form locks the organisation to check its version.
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if not form.has_conflict:  # a conflict explains itself above the form
            messages.error(self.request, _("Please correct the errors below."))
        return super().form_invalid(form)

    def form_valid(self, form):
        organization = form.save()
        messages.success(self.request, _("The profile is saved and live."))
        return redirect(organization)


@not_cached("contact details for the organisation's representatives")
class OrganizationContactsView(EditableOrganizationMixin, SingleObjectMixin, View):
    """The organisation's contacts, public or for the secretariat only."""

    template_name = "members/organization_contacts.html"

    def render(self, contacts):
        return render(
            self.request,
            self.template_name,
            {"organization": self.object, "contacts": contacts},
        )

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render(ContactFormSet(instance=self.object))

    @method_decorator(transaction.atomic)
    def post(self, request, *args, **kwargs):
        # Atomic: the formset locks the organisation to check its version.
        self.object = self.get_object()
        contacts = ContactFormSet(request.POST, instance=self.object)
        if not contacts.is_valid():
            if not has_conflict(contacts.non_form_errors()):
                messages.error(request, _("Please correct the errors below."))
            return self.render(contacts)
        contacts.save()
        messages.success(request, _("The contacts are saved."))
        return redirect("members:mine")


APPLICATION_LIMIT_WINDOW = 3600  # seconds: five applications an hour per address


@not_cached("a form with the visitor's CSRF token")
@method_decorator(
    ratelimit(key="ip", rate="5/h", method="POST", block=False), name="post"
)
class MembershipApplicationView(View):
    template_name = "members/application_form.html"

    def get_form_class(self):
        if self.request.user.is_authenticated:
            return SignedInApplicationForm
        return MembershipApplicationForm

    def get(self, request):
        return render(request, self.template_name, {"form": self.get_form_class()()})

    def post(self, request):
        # Before anything else: a tripped limit looks nothing up.
        if getattr(request, "limited", False):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = str(APPLICATION_LIMIT_WINDOW)
            return response
        form = self.get_form_class()(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        fields = {
            name: data[name]
            for name in form.Meta.fields
            if name not in ("provinces", "themes")
        }
        with transaction.atomic():
            applicant = request.user
            if not applicant.is_authenticated:
                # None for an address that has an account: its holder gets
                # an email, and this visitor the same page as anyone else.
                applicant = services.create_applicant_account(
                    request=request,
                    email=data["account_email"],
                    password=data["password1"],
                )
            if applicant is not None:
                services.submit_application(
                    applicant=applicant,
                    provinces=data["provinces"],
                    themes=data["themes"],
                    **fields,
                )
        return redirect("members:application-done")


@not_cached("seen once, after applying")
class ApplicationDoneView(TemplateView):
    template_name = "members/application_done.html"


@cached_page()
class WorkingGroupListView(ListView):
    template_name = "members/workinggroup_list.html"
    context_object_name = "working_groups"

    def get_queryset(self):
        # Counted as the group's page lists them: those with a public profile.
        public = Q(organizations__in=Organization.objects.public().values("pk"))
        return WorkingGroup.objects.annotate(
            member_count=Count("organizations", filter=public)
        )


@cached_page()
class WorkingGroupDetailView(DetailView):
    template_name = "members/workinggroup_detail.html"
    context_object_name = "working_group"

    def get_queryset(self):
        return WorkingGroup.objects.select_related("coordinator").prefetch_related(
            Prefetch(
                "organizations",
                # Partners take part in working groups too (the WGPD's donors).
                queryset=Organization.objects.public().for_directory(),
            )
        )


@not_cached("an invitation for one person")
class InvitationAcceptView(View):
    """Follow the emailed link: sign in (or sign up), then confirm.

    Only an account that has confirmed the invited address may accept;
    anyone else holding the link is told so and changes nothing.
    """

    template_name = "members/invitation.html"

    def get_invitation(self, token):
        invitation = (
            RepresentativeInvitation.objects.select_related("organization")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise Http404(_("There is no such invitation."))
        return invitation

    def render(self, invitation):
        request = self.request
        invitation_status = invitation.status
        status = 200
        if invitation_status != RepresentativeInvitation.Status.PENDING:
            status = 410
        elif request.user.is_authenticated and not invitation.is_for(request.user):
            status = 403
        login_url = reverse("account_login") + f"?next={request.path}"
        return render(
            request,
            self.template_name,
            {
                "invitation": invitation,
                "invitation_status": invitation_status,
                "refused": status == 403,
                "address_unconfirmed": status == 403
                and request.user.emailaddress_set.filter(
                    email__iexact=invitation.email
                ).exists(),
                "login_url": login_url,
                "signup_url": reverse("account_signup") + f"?next={request.path}",
            },
            status=status,
        )

    def get(self, request, token):
        invitation = self.get_invitation(token)
        if not request.user.is_authenticated:
            # Read by the account adapter after sign-up or sign-in.
            request.session["pending_invitation"] = token
        return self.render(invitation)

    def post(self, request, token):
        if not request.user.is_authenticated:
            return redirect(reverse("account_login") + f"?next={request.path}")
        invitation = self.get_invitation(token)
        try:
            organization = services.accept_invitation(
                invitation=invitation, user=request.user
            )
        except services.InvitationNotForUser:
            return self.render(invitation)
        except services.InvitationNotUsable:
            invitation.refresh_from_db()
            return self.render(invitation)
        request.session.pop("pending_invitation", None)
        messages.success(
            request,
            _("You now represent %(name)s. Keep its profile current here.")
            % {"name": organization.name},
        )
        return redirect("members:organization-edit", slug=organization.slug)
