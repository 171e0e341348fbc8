from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import DetailView, ListView
from django_filters.views import FilterView

from core.figures import percent
from core.pagecache import cached_page
from core.pagination import CachedCountPaginator

from .filters import CaseStudyFilter, FollowUpFilter
from .models import (
    CaseStudy,
    Recommendation,
    RecommendationStatus,
    follow_up_by_district,
)

CASE_STUDY_PAGE_SIZE = 12
# A district has a few hundred recommendations, each with its timeline and
# action plan: all of them made a page of half a megabyte.
RECOMMENDATION_PAGE_SIZE = 20


@cached_page("province", "district", "theme", "project", "year", "page")
class CaseStudyListView(FilterView):
    """Cards of the case studies, filtered, newest period first.

    The filters and the paging run on the bare case studies; only the page's
    twelve get their figures (for_list), in the query that loads them. Figures
    annotated before paging would be computed for every row the page skips:
    at page 100, for 1,200 case studies."""

    filterset_class = CaseStudyFilter
    template_name = "casestudies/casestudy_list.html"
    paginate_by = CASE_STUDY_PAGE_SIZE
    paginator_class = CachedCountPaginator
    context_object_name = "case_studies"

    def get_queryset(self):
        return CaseStudy.objects.visible_to(self.request.user).in_list_order()

    def paginate_queryset(self, queryset, page_size):
        paginator, page, rows, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        page.object_list = list(
            CaseStudy.objects.filter(pk__in=rows.values("pk")).for_list()
        )
        return paginator, page, page.object_list, is_paginated


@cached_page()
class CaseStudyDetailView(DetailView):
    template_name = "casestudies/casestudy_detail.html"
    context_object_name = "case_study"

    def get_queryset(self):
        user = self.request.user
        return CaseStudy.objects.visible_to(user).for_detail(user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case_study = self.object
        if case_study.photos.all():
            context["og_image"] = self.request.build_absolute_uri(
                case_study.photos.all()[0].image.url
            )
        return context


def _totals(districts):
    """Sums of the tracker's columns over the districts shown (already fetched)."""
    columns = [
        "case_study_count",
        "recommendation_count",
        *(f"{status}_count" for status in RecommendationStatus.values),
        "overdue_actions",
    ]
    totals = {column: sum(getattr(d, column) for d in districts) for column in columns}
    totals["implemented_percent"] = percent(
        totals["implemented_count"], totals["recommendation_count"]
    )
    totals["last_update"] = max(
        (d.last_update for d in districts if d.last_update), default=None
    )
    return totals


@cached_page("province", "status")
class FollowUpView(FilterView):
    """The tracker: for each district with recommendations of published case
    studies, how many are in each status, the share implemented, overdue
    actions and the latest update. The same figures for everyone, staff
    included: drafts are left out."""

    filterset_class = FollowUpFilter
    template_name = "casestudies/follow_up.html"
    context_object_name = "recommendations"

    def get_queryset(self):
        return Recommendation.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        status = province = None
        if form.is_valid():
            status = form.cleaned_data.get("status")
            province = form.cleaned_data.get("province")
        # One province's recommendations are few enough to look up one by one.
        districts = follow_up_by_district(
            self.object_list, status=status, few=province is not None
        )
        context["districts"] = districts
        context["totals"] = _totals(districts)
        context["statuses"] = RecommendationStatus.choices
        return context


class KnownCountPaginator(Paginator):
    """A Paginator given its count, when the page already knows it."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count


@cached_page("status", "page")
class DistrictFollowUpView(ListView):
    """One district of the tracker: its figures, its case studies and its
    recommendations, each with its timeline and action plan, a page at a
    time. The figures count the recommendations paged: no COUNT query."""

    template_name = "casestudies/district_follow_up.html"
    context_object_name = "recommendations"
    paginate_by = RECOMMENDATION_PAGE_SIZE

    def get_queryset(self):
        public = Recommendation.objects.public().filter(
            case_study__district__code=self.kwargs["code"]
        )
        districts = follow_up_by_district(public, few=True)
        if not districts:
            raise Http404
        self.district = districts[0]
        self.status = None
        status = self.request.GET.get("status")
        if status in RecommendationStatus.values:
            public = public.in_status(status)
            self.status = RecommendationStatus(status)
        return public.for_follow_up()

    def get_paginator(self, queryset, per_page, **kwargs):
        if self.status:
            count = getattr(self.district, f"{self.status.value}_count")
        else:
            count = self.district.recommendation_count
        return KnownCountPaginator(queryset, per_page, count=count, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["district"] = self.district
        if self.status:
            context["status"] = self.status
        context["case_studies"] = CaseStudy.objects.published().filter(
            district=self.district
        )
        context["statuses"] = RecommendationStatus.choices
        return context
