import django_filters
from django.utils.translation import gettext_lazy as _

from core.models import Province, Theme

from .models import Organization, WorkingGroup


class OrganizationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or acronym"), method="filter_search")
    province = django_filters.ModelChoiceFilter(
        field_name="provinces",
        queryset=Province.objects.all(),
        label=_("Works in"),
        empty_label=_("All provinces"),
    )
    head_office = django_filters.ModelChoiceFilter(
        field_name="head_office_province",
        queryset=Province.objects.all(),
        label=_("Head office"),
        empty_label=_("All provinces"),
    )
    theme = django_filters.ModelChoiceFilter(
        field_name="themes",
        queryset=Theme.objects.all(),
        label=_("Area of work"),
        empty_label=_("All areas"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Organization.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    working_group = django_filters.ModelChoiceFilter(
        field_name="working_groups",
        queryset=WorkingGroup.objects.all(),
        label=_("Working group"),
        empty_label=_("All working groups"),
        to_field_name="slug",
    )
    sort = django_filters.OrderingFilter(
        fields=(("name_en", "name"), ("joined_on", "joined")),
        field_labels={"name": _("Name"), "joined": _("Date joined")},
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Organization
        fields = []

    def filter_search(self, queryset, name, value):
        return queryset.search(value[:100])

    @property
    def qs(self):
        # A province or theme filter joins a many-to-many table, which can
        # repeat an organisation; distinct keeps each once.
        return super().qs.distinct()


class PartnerFilter(OrganizationFilter):
    """Partners belong to no working group and have no joining date."""

    working_group = None
    sort = None
