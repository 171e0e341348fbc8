from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.pagination import CachedCountPaginator

from .filters import CaseStudyFilter, FollowUpFilter
from .models import (
    CaseStudy,
    Recommendation,
    RecommendationStatus,
    follow_up_by_district,
)

CASE_STUDY_PAGE_SIZE = 12


class CaseStudyListView(FilterView):
    filterset_class = CaseStudyFilter
    template_name = "casestudies/casestudy_list.html"
    paginate_by = CASE_STUDY_PAGE_SIZE
    paginator_class = CachedCountPaginator
    context_object_name = "case_studies"

    def get_queryset(self):
        return CaseStudy.objects.visible_to(self.request.user).for_list()


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


def report_file(request, name):
    """Download a case study's report if the case study is visible: published,
    or any for staff; 404 otherwise. Published reports may be cached."""
    case_study = get_object_or_404(
        CaseStudy.objects.visible_to(request.user).exclude(report=""), report=name
    )
    response = FileResponse(
        case_study.report.open("rb"),
        as_attachment=True,
        filename=f"{slugify(case_study.title_en)[:80] or case_study.slug}.pdf",
        content_type="application/pdf",
    )
    if case_study.is_live:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _totals(districts):
    """Sums of the tracker's columns over the districts shown (already fetched)."""
    columns = [
        "case_study_count",
        "recommendation_count",
        *(f"{status}_count" for status in RecommendationStatus.values),
        "overdue_actions",
    ]
    totals = {column: sum(getattr(d, column) for d in districts) for column in columns}
    if totals["recommendation_count"]:
        totals["implemented_percent"] = round(
            100 * totals["implemented_count"] / totals["recommendation_count"]
        )
    totals["last_update"] = max(
        (d.last_update for d in districts if d.last_update), default=None
    )
    return totals


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
        status = form.cleaned_data.get("status") if form.is_valid() else None
        districts = follow_up_by_district(self.object_list, status=status)
        context["districts"] = districts
        context["totals"] = _totals(districts)
        context["statuses"] = RecommendationStatus.choices
        return context


class DistrictFollowUpView(TemplateView):
    """One district of the tracker: its figures, its case studies and every
    recommendation with its timeline and action plan."""

    template_name = "casestudies/district_follow_up.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        public = Recommendation.objects.public().filter(
            case_study__district__code=self.kwargs["code"]
        )
        districts = follow_up_by_district(public)
        if not districts:
            raise Http404
        district = context["district"] = districts[0]
        status = self.request.GET.get("status")
        if status in RecommendationStatus.values:
            public = public.in_status(status)
            context["status"] = RecommendationStatus(status)
        context["recommendations"] = public.for_follow_up()
        context["case_studies"] = CaseStudy.objects.published().filter(
            district=district
        )
        context["statuses"] = RecommendationStatus.choices
        return context
