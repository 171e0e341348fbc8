from datetime import timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView
from icalendar import Calendar, Event

from core.examples import marked_title
from core.exports import csv_response, xlsx_response
from core.pagecache import cached_page, not_cached
from core.pagination import CachedCountPaginator
from core.richtext import plain_text
from core.twofactor import (
    BackOfficeMixin,
)
from members.models import Organization, Sex

from . import reports, services
from .filters import ActivityFilter, NewsFilter
from .forms import DonorReportForm, OrganizationChoiceForm, ParticipantFormSet
from .lists import UpcomingFirst
from .models import (
    Activity,
    NewsPost,
    Registration,
    StakeholderGroup,
)

ACTIVITY_PAGE_SIZE = 20
NEWS_PAGE_SIZE = 12
PHNOM_PENH = ZoneInfo("Asia/Phnom_Penh")
# Calendar subscribers keep recent events as well as the coming ones.
CALENDAR_PAST_DAYS = 90


@cached_page("kind", "province", "project", "working_group", "year", "page")
class ActivityListView(FilterView):
    """Upcoming activities first (soonest first), then past ones (latest first)."""

    filterset_class = ActivityFilter
    template_name = "events/activity_list.html"
    paginate_by = ACTIVITY_PAGE_SIZE
    paginator_class = CachedCountPaginator
    context_object_name = "activities"

    def get_queryset(self):
        return Activity.objects.visible_to(self.request.user).for_list()

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(UpcomingFirst(queryset), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["calendar_url"] = reverse("events:calendar") + (
            f"?{query.urlencode()}" if query else ""
        )
        return context


@cached_page()
class ActivityDetailView(DetailView):
    template_name = "events/activity_detail.html"
    context_object_name = "activity"

    def get_queryset(self):
        user = self.request.user
        return Activity.objects.visible_to(user).for_detail(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.object
        rows = [
            {
                "label": figure.get_stakeholder_group_display(),
                "female": figure.female,
                "male": figure.male,
                "other": figure.other,
                "total": figure.total,
            }
            for figure in activity.participation.all()
        ]
        registered = {sex: getattr(activity, f"registered_{sex}") for sex in Sex.values}
        if any(registered.values()):
            rows.append(
                {
                    "label": StakeholderGroup.REGISTERED.label,
                    **registered,
                    "total": sum(registered.values()),
                }
            )
        context["participation_rows"] = rows
        if activity.capacity is not None:
            context["places_left"] = max(
                activity.capacity - activity.registered_count, 0
            )
        if activity.gallery:
            context["og_image"] = self.request.build_absolute_uri(
                activity.gallery[0].image.url
            )
        return context


@not_cached("a calendar feed; calendar apps and proxies keep it (Cache-Control)")
class CalendarView(View):
    """An iCalendar feed of public activities, upcoming and recent, filtered
    by the same query string as the list (kind, province, project, …)."""

    def get(self, request):
        activities = Activity.objects.public().filter(
            ends_at__gte=timezone.now() - timedelta(days=CALENDAR_PAST_DAYS)
        )
        filterset = ActivityFilter(request.GET, queryset=activities)
        activities = filterset.qs if filterset.is_valid() else activities.none()
        domain = get_current_site(request).domain
        calendar = Calendar()
        calendar.add("prodid", "-//CPDD//CPDD Portal events//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", _("CPDD events"))
        calendar.add("x-wr-timezone", "Asia/Phnom_Penh")
        for activity in activities.for_calendar():
            event = Event()
            event.add("uid", f"activity-{activity.pk}@{domain}")
            event.add("dtstamp", activity.updated_at)
            event.add("last-modified", activity.updated_at)
            starts_at = activity.starts_at.astimezone(PHNOM_PENH)
            if activity.starts_at == activity.ends_at:
                # Hours not known (see events/includes/_when.html): a day.
                event.add("dtstart", starts_at.date())
                event.add("dtend", starts_at.date() + timedelta(days=1))
            else:
                event.add("dtstart", starts_at)
                event.add("dtend", activity.ends_at.astimezone(PHNOM_PENH))
            event.add("summary", marked_title(activity, activity.title))
            event.add("location", activity.location)
            event.add("categories", [activity.get_kind_display()])
            event.add("url", request.build_absolute_uri(activity.get_absolute_url()))
            if activity.objectives:
                event.add("description", plain_text(activity.objectives))
            calendar.add_component(event)
        calendar.add_missing_timezones()
        response = HttpResponse(
            calendar.to_ical(), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="cpdd-events.ics"'
        patch_cache_control(response, public=True, max_age=900)
        return response


@not_cached("the visitor's own registration")
class RegistrationView(LoginRequiredMixin, View):
    """A representative registers named participants of their organisation."""

    template_name = "events/registration_form.html"

    def get_activity(self, slug):
        return get_object_or_404(
            Activity.objects.visible_to(self.request.user)
            .select_related("province", "district")
            .with_registration_count(),
            slug=slug,
        )

    def render_page(self, activity, organizations, **forms):
        existing = (
            Registration.objects.active()
            .filter(activity=activity, organization__in=organizations)
            .select_related("organization", "activity")
        )
        context = {
            "activity": activity,
            "organizations": organizations,
            "registrations": existing,
            **forms,
        }
        if activity.capacity is not None:
            context["places_left"] = max(
                activity.capacity - activity.registered_count, 0
            )
        status = 400 if any(form.errors for form in forms.values()) else 200
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, slug):
        activity = self.get_activity(slug)
        organizations = Organization.objects.filter(representatives=request.user)
        return self.render_page(
            activity,
            organizations,
            organization_form=OrganizationChoiceForm(organizations=organizations),
            formset=ParticipantFormSet(queryset=Registration.objects.none()),
        )

    def post(self, request, slug):
        activity = self.get_activity(slug)
        organizations = Organization.objects.filter(representatives=request.user)
        organization_form = OrganizationChoiceForm(
            request.POST, organizations=organizations
        )
        formset = ParticipantFormSet(request.POST, queryset=Registration.objects.none())
        if organization_form.is_valid() and formset.is_valid():
            try:
                registered = services.register_participants(
                    activity=activity,
                    organization=organization_form.cleaned_data["organization"],
                    registered_by=request.user,
                    participants=formset.participants,
                )
            except ValidationError as error:
                # Closed, full, or someone registered twice in the meantime.
                organization_form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("%(count)d participant(s) registered for %(activity)s.")
                    % {"count": len(registered), "activity": activity.title},
                )
                return redirect("events:registration-list")
        return self.render_page(
            activity,
            organizations,
            organization_form=organization_form,
            formset=formset,
        )


@not_cached("the visitor's own registrations")
class RegistrationListView(LoginRequiredMixin, ListView):
    """The registrations of every organisation the user represents."""

    template_name = "events/registration_list.html"
    context_object_name = "registrations"
    paginate_by = 50

    def get_queryset(self):
        return (
            Registration.objects.of_organisations_represented_by(self.request.user)
            .select_related("activity", "organization")
            .order_by("-activity__starts_at", "organization__name_en", "pk")
        )


@not_cached("the visitor's own registration")
class RegistrationCancelView(LoginRequiredMixin, View):
    template_name = "events/registration_cancel.html"

    def get_registration(self, pk):
        # Another organisation's registration is not found: the queryset is
        # the permission.
        return get_object_or_404(
            Registration.objects.of_organisations_represented_by(
                self.request.user
            ).select_related("activity", "organization"),
            pk=pk,
        )

    def get(self, request, pk):
        registration = self.get_registration(pk)
        return render(request, self.template_name, {"registration": registration})

    def post(self, request, pk):
        registration = self.get_registration(pk)
        try:
            services.cancel_registration(registration=registration)
        except services.RegistrationRefused as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(
                request,
                _("The registration of %(name)s is cancelled.")
                % {"name": registration.participant_name},
            )
        return redirect("events:registration-list")


@not_cached("a back-office report")
class DonorReportView(BackOfficeMixin, View):
    """Participants by sex for a project (or all) and a period: HTML to print
    (the activities a hundred a page), or CSV or XLSX to download (all of
    them, streamed)."""

    permission_required = "events.view_activity"
    template_name = "events/donor_report.html"
    FIELDS = ("project", "start", "end")
    paginate_by = 100

    def get(self, request):
        if any(name in request.GET for name in self.FIELDS):
            form = DonorReportForm(request.GET)
        else:
            form = DonorReportForm(DonorReportForm.initial_period())
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        report = reports.donor_report(
            project=data["project"], start=data["start"], end=data["end"]
        )
        export = request.GET.get("format")
        filename = "cpdd-donor-report-{}-{}-{}".format(
            data["project"].slug if data["project"] else "all",
            data["start"].isoformat(),
            data["end"].isoformat(),
        )
        if export == "csv":
            return csv_response(reports.csv_rows(report), f"{filename}.csv")
        if export == "xlsx":
            return xlsx_response(reports.xlsx_sheets(report), f"{filename}.xlsx")
        query = request.GET.copy()
        query.pop("format", None)
        query.pop("page", None)
        query.update({"start": data["start"], "end": data["end"]})
        paginator = CachedCountPaginator(report.activities, self.paginate_by)
        page = paginator.get_page(request.GET.get("page"))
        page.object_list = reports.counted(list(page.object_list))
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "report": report,
                "query": query.urlencode(),
                "page_obj": page,
            },
        )


@cached_page("year", "theme", "page")
class NewsListView(FilterView):
    filterset_class = NewsFilter
    template_name = "news/newspost_list.html"
    paginate_by = NEWS_PAGE_SIZE
    paginator_class = CachedCountPaginator
    context_object_name = "posts"

    def get_queryset(self):
        return NewsPost.objects.published().for_list()


@cached_page()
class NewsDetailView(DetailView):
    template_name = "news/newspost_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        return NewsPost.objects.published().prefetch_related(
            "themes", self.activities_prefetch()
        )

    def activities_prefetch(self):
        return Prefetch(
            "activities",
            queryset=Activity.objects.visible_to(self.request.user).select_related(
                "province"
            ),
            to_attr="visible_activities",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        context["meta_description"] = post.teaser
        if post.cover_image:
            context["og_image"] = self.request.build_absolute_uri(post.cover_image.url)
        return context


@not_cached("a draft, for the back-office")
class NewsPreviewView(BackOfficeMixin, NewsDetailView):
    """Any post as it will look, drafts and scheduled ones included; staff only."""

    permission_required = "events.view_newspost"

    def get_queryset(self):
        return NewsPost.objects.prefetch_related("themes", self.activities_prefetch())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "preview": True, "meta_robots": "noindex"}
