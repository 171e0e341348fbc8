"""The coalition in numbers: the public /dashboard/ and the staff downloads.

Each app counts its own records (members.figures, events.figures,
casestudies.figures) into tables of core.charts; this module composes them
for the year and project chosen. Every figure is a database aggregate: six
queries whatever the number of rows, and none that runs a subquery per row,
which at 100,000 activities took seconds. The page adds the filter's project
choices (and the project chosen).
"""

from dataclasses import dataclass

import django_filters
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from modeltranslation.utils import get_language

from casestudies.figures import case_study_tables
from casestudies.models import CaseStudy
from core.charts import Table
from core.content import cached
from core.exports import csv_response, xlsx_response
from core.twofactor import has_staff_perm
from events.figures import activity_tables
from events.filters import year_choices
from events.models import Activity, Project
from events.views import BackOfficeMixin
from members.figures import member_tables, provinces_with_members
from members.models import Organization

FIGURES_TIMEOUT = 3600


@dataclass
class Dashboard:
    members: list
    activities: list
    participants: Table
    case_studies: list
    key_figures: dict

    @property
    def tables(self):
        return [*self.members, *self.activities, self.participants, *self.case_studies]


def coalition_in_numbers(*, activities, case_studies):
    """The dashboard's figures: active members (all of them, whatever the
    filters), and the given `activities` and published `case_studies` (already
    narrowed by year and project). Six queries, whatever the data."""
    active = Organization.objects.active_members().order_by()
    # The names for all the tables and a table of its own, in one query.
    provinces = provinces_with_members(active)
    members, member_count = member_tables(active, provinces)
    activity_figures, participants, activity_key_figures = activity_tables(
        activities, provinces
    )
    case_study_figures, case_study_key_figures = case_study_tables(case_studies)
    return Dashboard(
        members=members,
        activities=activity_figures,
        participants=participants,
        case_studies=case_study_figures,
        key_figures={
            "members": member_count,
            **activity_key_figures,
            **case_study_key_figures,
        },
    )


class DashboardFilter(django_filters.FilterSet):
    """Year and project, kept in the URL. The filtered queryset is the public
    activities; `case_studies()` narrows the published case studies alike."""

    year = django_filters.ChoiceFilter(
        field_name="starts_at",
        lookup_expr="year",
        choices=year_choices,
        label=gettext_lazy("Year"),
        empty_label=gettext_lazy("All years"),
    )
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.only("id", "slug", "acronym", "title_en", "title_km"),
        to_field_name="slug",
        label=gettext_lazy("Project"),
        empty_label=gettext_lazy("All projects"),
    )

    class Meta:
        model = Activity
        fields = []

    def __init__(self, data=None, **kwargs):
        # Activities that have taken place: the dashboard counts what was done.
        kwargs.setdefault("queryset", Activity.objects.public().past())
        super().__init__(data, **kwargs)

    @property
    def choices(self):
        """The valid choices made: {"year": int or None, "project": Project
        or None}. An invalid one is ignored (and its error shown)."""
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        year = data.get("year")
        return {"year": int(year) if year else None, "project": data.get("project")}

    def case_studies(self):
        """Published case studies whose period covers the year, of the project."""
        case_studies = CaseStudy.objects.published()
        choices = self.choices
        if choices["year"]:
            case_studies = case_studies.covering_year(choices["year"])
        if choices["project"]:
            case_studies = case_studies.filter(project=choices["project"])
        return case_studies

    def figures(self):
        """The figures for the valid choices, computed once per content version
        and language: the same for everyone, signed in or not, and half a
        second's work at 20 times today's data."""
        choices = self.choices
        project = choices["project"] and choices["project"].pk
        return cached(
            # Not "dashboard": entries under that name hold pickles of classes
            # that have moved to core.charts, which a server would fail to load.
            "dashboard-tables",
            (get_language(), choices["year"], project),
            lambda: coalition_in_numbers(
                activities=self.qs, case_studies=self.case_studies()
            ),
            FIGURES_TIMEOUT,
        )

    def filename(self, extension):
        choices = self.choices
        project = choices["project"].slug if choices["project"] else "all-projects"
        year = choices["year"] or "all-years"
        return f"cpdd-in-numbers-{project}-{year}.{extension}"


class DashboardView(TemplateView):
    template_name = "cpdd_portal/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = DashboardFilter(self.request.GET or None)
        user = self.request.user
        return {
            **context,
            "filter": filterset,
            "choices": filterset.choices,
            "dashboard": filterset.figures(),
            "can_download": has_staff_perm(
                user, DashboardDownloadView.permission_required
            ),
            # Not "query": the header's search form shows that one.
            "filter_query": self.request.GET.urlencode(),
        }


class DashboardDownloadView(BackOfficeMixin, View):
    """The dashboard's figures for the chosen year and project, as one CSV
    (a long table) or an XLSX workbook (a sheet per table); staff only."""

    permission_required = "events.view_activity"
    format = None  # "csv" or "xlsx", from the URL

    def get(self, request):
        filterset = DashboardFilter(request.GET or None)
        if filterset.is_bound and not filterset.is_valid():
            return HttpResponse(
                filterset.form.errors.as_text(),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        dashboard = filterset.figures()
        filename = filterset.filename(self.format)
        if self.format == "csv":
            return csv_response(csv_rows(dashboard), filename)
        return xlsx_response(xlsx_sheets(dashboard), filename)


def _plain(cell):
    return "" if cell.value is None else cell.value


def csv_rows(dashboard):
    """One long table: a row per figure, named by table, row and column."""
    yield [_("Table"), _("Row"), _("Column"), _("Value")]
    for table in dashboard.tables:
        rows = table.body()
        if footer := table.footer():
            rows.append((_("Total"), footer))
        for label, cells in rows:
            for column, cell in zip(table.columns, cells, strict=True):
                yield [table.title, label, column.heading, _plain(cell)]


def xlsx_sheets(dashboard):
    """A sheet per table, each ending with its total."""
    return [(table.sheet, _sheet_rows(table)) for table in dashboard.tables]


def _sheet_rows(table):
    yield [table.label_heading, *(c.heading for c in table.columns)]
    for label, cells in table.body():
        yield [label, *(_plain(cell) for cell in cells)]
    if footer := table.footer():
        yield [_("Total"), *(_plain(cell) for cell in footer)]
