import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Province, Theme
from members.models import WorkingGroup

from .models import Activity, NewsPost, Project

# The Working Group for Partnerships in Decentralisation began in 2003.
FIRST_YEAR = 2003


def year_choices():
    """Every year from the first activity on, newest first; no query needed."""
    this_year = timezone.localdate().year
    return [(str(year), year) for year in range(this_year + 1, FIRST_YEAR - 1, -1)]


class ActivityFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Activity.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    province = django_filters.ModelChoiceFilter(
        queryset=Province.objects.only("id", "slug", "name_en", "name_km"),
        to_field_name="slug",
        label=_("Province"),
        empty_label=_("All provinces"),
    )
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.only("id", "slug", "acronym", "title_en", "title_km"),
        to_field_name="slug",
        label=_("Project"),
        empty_label=_("All projects"),
    )
    working_group = django_filters.ModelChoiceFilter(
        queryset=WorkingGroup.objects.only("id", "slug", "acronym"),
        to_field_name="slug",
        label=_("Working group"),
        empty_label=_("All working groups"),
    )
    year = django_filters.ChoiceFilter(
        field_name="starts_at",
        lookup_expr="year",
        choices=year_choices,
        label=_("Year"),
        empty_label=_("All years"),
    )

    class Meta:
        model = Activity
        fields = []


class NewsFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        field_name="published_at",
        lookup_expr="year",
        choices=year_choices,
        label=_("Year"),
        empty_label=_("All years"),
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        label=_("Theme"),
        empty_label=_("All themes"),
    )

    class Meta:
        model = NewsPost
        fields = []
