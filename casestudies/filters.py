import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.filters import PlaceChoiceFilter
from core.models import District, Province, Theme
from events.filters import year_choices
from events.models import Project

from .models import CaseStudy, Recommendation, RecommendationStatus


def districts_with_case_studies(request):
    """Only districts with a case study the visitor may see: a short list."""
    visible = CaseStudy.objects.visible_to(request.user).filter(district=OuterRef("pk"))
    return District.objects.filter(Exists(visible)).order_by("code")


def provinces_with_case_studies(request):
    visible = CaseStudy.objects.visible_to(request.user).filter(province=OuterRef("pk"))
    return Province.objects.filter(Exists(visible))


class CaseStudyFilter(django_filters.FilterSet):
    province = django_filters.ModelChoiceFilter(
        queryset=provinces_with_case_studies,
        to_field_name="slug",
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    district = PlaceChoiceFilter(
        queryset=districts_with_case_studies,
        to_field_name="code",
        label=_("District or municipality"),
        empty_label=_("All districts"),
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
    )
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.only("id", "slug", "acronym", "title_en", "title_km"),
        to_field_name="slug",
        label=_("Project"),
        empty_label=_("All projects"),
    )
    year = django_filters.ChoiceFilter(
        choices=year_choices,
        method="filter_year",
        label=_("Year studied"),
        empty_label=_("All years"),
    )

    class Meta:
        model = CaseStudy
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.covering_year(int(value))


def provinces_followed_up(request):
    """Provinces of the tracker: the same for everyone, like its figures."""
    followed = Recommendation.objects.public().filter(
        case_study__province=OuterRef("pk")
    )
    return Province.objects.filter(Exists(followed))


class FollowUpFilter(django_filters.FilterSet):
    """The tracker's filters. The province narrows the recommendations counted;
    the status picks districts, so the view passes it to
    models.follow_up_by_district rather than filtering recommendations."""

    province = django_filters.ModelChoiceFilter(
        field_name="case_study__province",
        queryset=provinces_followed_up,
        to_field_name="slug",
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    status = django_filters.ChoiceFilter(
        choices=RecommendationStatus.choices,
        method="filter_status",
        label=_("With recommendations that are"),
        empty_label=_("Any status"),
    )

    class Meta:
        model = Recommendation
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset  # districts are picked by follow_up_by_district
