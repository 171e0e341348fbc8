"""The coalition in numbers: the public /dashboard/ and the staff downloads.

Every figure is a database aggregate (grouped `values().annotate()` or
`aggregate()`, with conditional `Count`/`Sum(filter=Q(...))`), in the same
number of queries whatever the number of rows. Python only lays the results
out as tables and works out where the bars go. Participants are the
`with_participation()` annotations summed, as in the donor report
(events.reports), so both count people the same way.
"""

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django.db.models import Count, DecimalField, IntegerField, Q, Sum
from django.db.models.functions import Cast, ExtractYear, NullIf, Round
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from openpyxl import Workbook
from openpyxl.styles import Font

from casestudies.models import CaseStudy, Recommendation, RecommendationStatus
from core.models import District, Province
from events.filters import year_choices
from events.models import Activity, Project
from events.models.activities import DISTRICT_LABELS
from events.views import BackOfficeMixin
from members.models import Organization, Sex

SEXES = Sex.values  # female, male, other

# Bar geometry, in pixels down the chart and in per cent across it: the SVG
# has no viewBox, so bars stretch with the page while text keeps its size.
# Khmer stacks vowels above and below the line, hence the generous rows.
ROW_HEIGHT = 48
LABEL_BASELINE = 20
BAR_TOP = 28
BAR_HEIGHT = 14
LONGEST_BAR = 80  # per cent of the width; the rest holds the number


# The pattern on top of each colour is what tells the series apart, so
# nothing is said by colour alone. Every colour has at least 4.5:1 contrast
# with white, and segments are separated by a white line.
SEX_STYLES = {
    "female": ("#0a4d8c", "solid"),
    "male": ("#b3202c", "hatch"),
    "other": ("#4b5563", "dots"),
}
STATUS_STYLES = {
    RecommendationStatus.PROPOSED: ("#4b5563", "dots"),
    RecommendationStatus.ENDORSED: ("#0a4d8c", "cross"),
    RecommendationStatus.IN_PROGRESS: ("#7a4f00", "hatch"),
    RecommendationStatus.IMPLEMENTED: ("#1d5b2f", "solid"),
    RecommendationStatus.DROPPED: ("#a3141d", "lines"),
}


def _percent(value):
    # A string, so templates never localise it ("42,5%" is no SVG length).
    return f"{value:.2f}%"


@dataclass
class Column:
    key: str
    heading: str
    is_percent: bool = False


@dataclass
class Cell:
    value: object
    is_percent: bool = False


@dataclass
class Row:
    label: str
    values: dict

    def cells(self, columns):
        return [Cell(self.values.get(c.key), c.is_percent) for c in columns]


@dataclass
class Segment:
    key: str
    label: str
    value: int
    x: str
    width: str


@dataclass
class Bar:
    label: str
    value: int
    top: int
    width: str
    value_x: str
    note: str = ""
    segments: list = field(default_factory=list)

    @property
    def label_y(self):
        return self.top + LABEL_BASELINE

    @property
    def bar_y(self):
        return self.top + BAR_TOP

    @property
    def value_y(self):
        return self.top + BAR_TOP + BAR_HEIGHT - 2


@dataclass
class Series:
    key: str
    label: str
    colour: str
    pattern: str


class BarChart:
    """Horizontal bars of `table`'s `value_key` column, one per row; stacked
    from `series` (columns of the table) when given. `note(values)` may add
    a few words to a row's label."""

    bar_height = BAR_HEIGHT

    def __init__(self, table, value_key, series=(), note=None):
        self.table = table
        self.value_key = value_key
        self.series = list(series)
        self.note = note or (lambda values: "")

    @property
    def is_stacked(self):
        return bool(self.series)

    @property
    def height(self):
        return len(self.table.rows) * ROW_HEIGHT

    @cached_property
    def bars(self):
        rows = self.table.rows
        peak = max((row.values[self.value_key] or 0 for row in rows), default=0)
        scale = LONGEST_BAR / peak if peak else 0
        bars = []
        for index, row in enumerate(rows):
            value = row.values[self.value_key] or 0
            width = value * scale
            bar = Bar(
                label=row.label,
                value=value,
                top=index * ROW_HEIGHT,
                width=_percent(width),
                value_x=_percent(width + 1),
                note=self.note(row.values),
            )
            x = 0
            for series in self.series:
                part = row.values[series.key] or 0
                if part:
                    bar.segments.append(
                        Segment(
                            series.key,
                            series.label,
                            part,
                            _percent(x),
                            _percent(part * scale),
                        )
                    )
                    x += part * scale
            bars.append(bar)
        return bars

    @cached_property
    def description(self):
        """The chart in words, for the SVG's <desc>."""
        parts = []
        for bar in self.bars:
            text = _("%(label)s: %(value)s") % {"label": bar.label, "value": bar.value}
            if bar.segments:
                text += " ({})".format(
                    ", ".join(f"{part.value} {part.label}" for part in bar.segments)
                )
            if bar.note:
                text += f", {bar.note}"
            parts.append(text)
        return "; ".join(parts) + "."


@dataclass
class Table:
    """One section's figures: the rows of a chart and of the data table
    behind it, of the XLSX sheet and of the CSV."""

    key: str
    title: str
    sheet: str
    label_heading: str
    columns: list
    rows: list = field(default_factory=list)
    totals: dict | None = None
    note: str = ""
    chart: BarChart | None = None

    def body(self):
        return [(row.label, row.cells(self.columns)) for row in self.rows]

    def footer(self):
        """The totals' cells; None without totals, or without rows to add up."""
        if self.totals is None or not self.rows:
            return None
        return Row(_("Total"), self.totals).cells(self.columns)


def _sex_columns():
    return [
        *(Column(value, str(label)) for value, label in Sex.choices),
        Column("total", _("Total")),
    ]


def _sex_series():
    labels = dict(Sex.choices)
    return [Series(sex, str(labels[sex]), *SEX_STYLES[sex]) for sex in SEXES]


def _year_columns(years):
    """A column per year, then the total; just the total for a single year."""
    if len(years) < 2:
        return [Column("total", _("Total"))]
    return [
        *(Column(f"y{year}", str(year)) for year in years),
        Column("total", _("Total")),
    ]


def _by_year(years, field_name):
    """Conditional counts: `y2024` is the rows whose `field_name` is in 2024."""
    return {
        f"y{year}": Count("pk", filter=Q(**{f"{field_name}__year": year}))
        for year in years
    }


def _by_value(rows):
    """Largest first, as bar charts read best; ties by label."""
    return sorted(rows, key=lambda row: (-(row.values["total"] or 0), row.label))


def _district_label(district):
    label = DISTRICT_LABELS.get(district.kind, "%(name)s") % {"name": district.name}
    return f"{label}, {district.province.name}"


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
    narrowed by year and project). Thirteen queries, whatever the data."""
    provinces = {
        province.pk: province.name
        for province in Province.objects.only("id", "name_en", "name_km")
    }
    members, member_count = _members(provinces)
    participants, activity_figures = _participants(activities)
    years = [int(row.label) for row in participants.rows]
    activity_tables = _activities(activities, years, provinces, participants)
    case_study_tables, case_study_figures = _case_studies(case_studies)
    return Dashboard(
        members=members,
        activities=activity_tables,
        participants=participants,
        case_studies=case_study_tables,
        key_figures={
            "members": member_count,
            **activity_figures,
            **case_study_figures,
        },
    )


def _members(provinces):
    active = Organization.objects.active_members().order_by()
    kinds = active.aggregate(
        total=Count("pk"),
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in Organization.Kind.values},
    )
    heading = _("Active members")
    by_kind = Table(
        key="members-by-kind",
        title=_("Active members by kind of organisation"),
        sheet=_("Members by kind"),
        label_heading=_("Kind of organisation"),
        columns=[Column("total", heading)],
        totals={"total": kinds["total"]},
    )
    by_kind.rows = _by_value(
        Row(str(label), {"total": kinds[kind]})
        for kind, label in Organization.Kind.choices
        if kinds[kind]
    )

    head_offices = Table(
        key="members-by-head-office",
        title=_("Active members by province of their head office"),
        sheet=_("Members by head office"),
        label_heading=_("Province"),
        columns=[Column("total", heading)],
        totals={"total": kinds["total"]},
    )
    head_offices.rows = _by_value(
        Row(
            provinces.get(item["head_office_province"]) or _("Not stated"),
            {"total": item["n"]},
        )
        for item in active.values("head_office_province").annotate(n=Count("pk"))
    )

    operating = Table(
        key="members-by-province",
        title=_("Active members by province where they work"),
        sheet=_("Members by province"),
        label_heading=_("Province"),
        columns=[Column("total", heading)],
        note=_(
            "An organisation that works in several provinces is counted in each, "
            "so these numbers add up to more than the number of members."
        ),
    )
    operating.rows = _by_value(
        Row(provinces[item["province"]], {"total": item["n"]})
        for item in Organization.provinces.through.objects.filter(
            organization__in=active
        )
        .values("province")
        .annotate(n=Count("pk"))
    )
    for table in (head_offices, operating, by_kind):
        table.chart = BarChart(table, "total")
    return [head_offices, operating, by_kind], kinds["total"]


def _participants(activities):
    """Participants by sex per year, and the totals as key figures."""
    people = activities.order_by().with_participation()
    # Summed under other names: an aggregate may not reuse an annotation's.
    keys = ["activities", *SEXES, "total"]
    sums = {"n_activities": Count("pk")}
    sums.update({f"n_{key}": Sum(key) for key in keys[1:]})
    per_year = (
        people.annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(**sums)
        .order_by("year")
    )
    rows = [
        Row(str(item["year"]), {key: item[f"n_{key}"] or 0 for key in keys})
        for item in per_year
    ]
    summed = people.aggregate(**sums)
    totals = {key: summed[f"n_{key}"] or 0 for key in keys}
    table = Table(
        key="participants-by-year",
        title=_("Participants by sex and year"),
        sheet=_("Participants by year"),
        label_heading=_("Year"),
        columns=[Column("activities", _("Activities")), *_sex_columns()],
        rows=rows,
        totals=totals,
        note=_(
            "People registered by member organisations and marked as attended "
            "are counted from their registrations; the figures typed by the "
            "secretariat count everyone else, so nobody is counted twice."
        ),
    )
    table.chart = BarChart(table, "total", _sex_series())
    key_figures = {
        "activities": totals["activities"],
        "participants": totals["total"],
        "female": totals["female"],
    }
    return table, key_figures


def _activities(activities, years, provinces, participants):
    activities = activities.order_by()
    columns = _year_columns(years)
    # The totals of each year and of all are the participants table's counts
    # of activities: the same scope, already counted.
    totals = {
        **{f"y{row.label}": row.values["activities"] for row in participants.rows},
        "total": participants.totals["activities"],
    }
    tables = []

    by_kind = Table(
        key="activities-by-kind",
        title=_("Activities by kind and year"),
        sheet=_("Activities by kind"),
        label_heading=_("Kind of activity"),
        columns=columns,
        totals=totals,
    )
    labels = dict(Activity.Kind.choices)
    by_kind.rows = _by_value(
        Row(str(labels[item.pop("kind")]), item)
        for item in activities.values("kind").annotate(
            total=Count("pk"), **_by_year(years, "starts_at")
        )
    )
    tables.append(by_kind)

    by_province = Table(
        key="activities-by-province",
        title=_("Activities by province and year"),
        sheet=_("Activities by province"),
        label_heading=_("Province"),
        columns=columns,
        totals=totals,
    )
    by_province.rows = _by_value(
        Row(provinces[item.pop("province")], item)
        for item in activities.values("province").annotate(
            total=Count("pk"), **_by_year(years, "starts_at")
        )
    )
    tables.append(by_province)
    for table in tables:
        table.chart = BarChart(table, "total")
    return tables


def _implemented_share(implemented, total):
    """Per cent, rounded half up, in the database; None when there are none."""
    return Cast(
        Round(
            Cast(implemented * 100, DecimalField(max_digits=12, decimal_places=2))
            / NullIf(total, 0)
        ),
        IntegerField(),
    )


def _case_studies(case_studies):
    case_studies = case_studies.order_by()
    respondents = {sex: Sum(f"respondents_{sex}") for sex in SEXES}
    respondents["total"] = Sum("respondents")
    studied = case_studies.with_respondents()
    by_district = list(
        studied.values("district").annotate(case_studies=Count("pk"), **respondents)
    )
    study_totals = studied.aggregate(case_studies=Count("pk"), **respondents)

    recommendations = (
        Recommendation.objects.filter(case_study__in=case_studies)
        .order_by()
        .with_status()
    )
    status_counts = {
        status: Count("pk", filter=Q(current_status=status))
        for status in RecommendationStatus.values
    }
    implemented = status_counts[RecommendationStatus.IMPLEMENTED]
    share = _implemented_share(implemented, Count("pk"))
    follow_up = list(
        recommendations.values("case_study__district").annotate(
            recommendations=Count("pk"), share_implemented=share, **status_counts
        )
    )
    follow_up_totals = recommendations.aggregate(
        recommendations=Count("pk"), share_implemented=share, **status_counts
    )

    district_ids = {item["district"] for item in by_district}
    districts = {
        district.pk: _district_label(district)
        for district in District.objects.filter(pk__in=district_ids)
        .select_related("province")
        .only("kind", "name_en", "name_km", "province__name_en", "province__name_km")
    }
    studies = Table(
        key="case-studies-by-district",
        title=_("Case studies and their respondents by district"),
        sheet=_("Case studies by district"),
        label_heading=_("District or municipality"),
        columns=[
            Column("case_studies", _("Case studies")),
            *(
                Column(column.key, _("Respondents: %(sex)s") % {"sex": column.heading})
                for column in _sex_columns()
            ),
        ],
        rows=sorted(
            (Row(districts[item.pop("district")], item) for item in by_district),
            key=lambda row: (
                -row.values["case_studies"],
                -row.values["total"],
                row.label,
            ),
        ),
        totals={key: value or 0 for key, value in study_totals.items()},
    )
    studies.chart = BarChart(
        studies,
        "total",
        _sex_series(),
        note=lambda values: (
            ngettext(
                "%(count)s case study", "%(count)s case studies", values["case_studies"]
            )
            % {"count": values["case_studies"]}
        ),
    )

    status_labels = dict(RecommendationStatus.choices)
    status = Table(
        key="recommendations-by-district",
        title=_("Recommendations by district and current status"),
        sheet=_("Recommendations by district"),
        label_heading=_("District or municipality"),
        columns=[
            *(Column(value, str(label)) for value, label in status_labels.items()),
            Column("recommendations", _("Recommendations")),
            Column("share_implemented", _("Share implemented"), is_percent=True),
        ],
        rows=sorted(
            (
                Row(districts[item.pop("case_study__district")], item)
                for item in follow_up
            ),
            key=lambda row: (-row.values["recommendations"], row.label),
        ),
        totals=follow_up_totals,
        note=_(
            "A recommendation's status is that of its latest progress update; "
            "the share implemented is of all its district's recommendations."
        ),
    )
    status.chart = BarChart(
        status,
        "recommendations",
        [
            Series(value, str(label), *STATUS_STYLES[value])
            for value, label in status_labels.items()
        ],
        note=lambda values: (
            _("%(share)s%% implemented") % {"share": values["share_implemented"]}
        ),
    )
    key_figures = {
        "case_studies": study_totals["case_studies"],
        "recommendations": follow_up_totals["recommendations"],
        "share_implemented": follow_up_totals["share_implemented"],
    }
    return [studies, status], key_figures


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
        return coalition_in_numbers(
            activities=self.qs, case_studies=self.case_studies()
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
            "can_download": user.is_staff
            and user.has_perm(DashboardDownloadView.permission_required),
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
        if self.format == "csv":
            response = HttpResponse(
                as_csv(dashboard), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                as_xlsx(dashboard),
                content_type="application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
            )
        filename = filterset.filename(self.format)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        patch_cache_control(response, private=True, no_store=True)
        return response


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


def as_csv(dashboard):
    """Starts with a byte-order mark so that Excel reads Khmer correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(csv_rows(dashboard))
    return buffer.getvalue()


def as_xlsx(dashboard):
    """A workbook with one sheet per table, each ending with its total."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in dashboard.tables:
        sheet = workbook.create_sheet(title=table.sheet[:31])
        sheet.append([table.label_heading, *(c.heading for c in table.columns)])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for label, cells in table.body():
            sheet.append([label, *(_plain(cell) for cell in cells)])
        if footer := table.footer():
            sheet.append([_("Total"), *(_plain(cell) for cell in footer)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
