"""The coalition in numbers: the public /dashboard/ and the staff downloads.

Every figure is a database aggregate (grouped `values().annotate()`, with
conditional `Count`/`Sum(filter=Q(...))`): six queries whatever the number
of rows, and none that runs a subquery per row, which at 100,000 activities
took seconds. The page adds the filter's project choices (and the project
chosen). Python lays the results out as tables: it turns counts by year
into columns, adds the rows up into the totals rather than asking the
database to count everything twice (so shares of the totals are worked out
from the summed counts), and works out where the bars go. Participants are
counted by the rule of `with_participation()`, the typed figures plus the
attended registrations, as in the donor report (events.reports), so both
count people the same way.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

import django_filters
from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from modeltranslation import settings as translation_settings
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)

from casestudies.models import (
    CaseStudy,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
)
from core.content import cached
from core.exports import csv_response, xlsx_response
from core.figures import percent
from core.models import Province
from core.twofactor import has_staff_perm
from events.filters import year_choices
from events.models import Activity, Project, Registration
from events.models.activities import DISTRICT_LABELS
from events.views import BackOfficeMixin
from members.models import Organization, Sex

SEXES = Sex.values  # female, male, other
FIGURES_TIMEOUT = 3600

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
        # Worked out now, not kept as a function: the figures are cached.
        self.notes = [note(row.values) if note else "" for row in table.rows]

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
                note=self.notes[index],
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


def _by_value(rows):
    """Largest first, as bar charts read best; ties by label."""
    return sorted(rows, key=lambda row: (-(row.values["total"] or 0), row.label))


def _summed(rows, keys):
    """The totals of a table: each column summed over its rows."""
    return {key: sum(row.values[key] for row in rows) for key in keys}


# The names of districts are read in the query that counts case studies
# (joined, in every language) rather than in a query of their own.


def _translations(field):
    """`field` in every language, for `values()`: "district__name_en", ..."""
    return [
        build_localized_fieldname(field, language)
        for language in translation_settings.AVAILABLE_LANGUAGES
    ]


def _translated(item, field):
    """`field` of a `values()` row in the current language, else in the
    fallback one, as modeltranslation reads it on a model."""
    for language in resolution_order(get_language()):
        if value := item.get(build_localized_fieldname(field, language)):
            return value
    return ""


def _district_fields(district):
    """What `_district_label` needs of the district at `district`."""
    return [
        district,
        f"{district}__kind",
        *_translations(f"{district}__name"),
        *_translations(f"{district}__province__name"),
    ]


def _district_label(item, district):
    name = _translated(item, f"{district}__name")
    label = DISTRICT_LABELS.get(item[f"{district}__kind"], "%(name)s") % {"name": name}
    return f"{label}, {_translated(item, f'{district}__province__name')}"


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
    # Every province, with the number of active members working there: the
    # names for all the tables and a table of its own, in one query.
    provinces = {
        province.pk: province
        for province in Province.objects.order_by()
        .only("id", "name_en", "name_km")
        .annotate(members=Count("organizations", filter=Q(organizations__in=active)))
    }
    members, member_count = _members(active, provinces)
    activity_tables, participants, activity_figures = _activities(activities, provinces)
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


def _members(active, provinces):
    """One query, members by kind and head office; `provinces` have been
    counted already."""
    kinds, head_offices = Counter(), Counter()
    for item in active.values("kind", "head_office_province").annotate(n=Count("pk")):
        kinds[item["kind"]] += item["n"]
        head_offices[item["head_office_province"]] += item["n"]
    total = kinds.total()

    heading = _("Active members")
    by_kind = Table(
        key="members-by-kind",
        title=_("Active members by kind of organisation"),
        sheet=_("Members by kind"),
        label_heading=_("Kind of organisation"),
        columns=[Column("total", heading)],
        totals={"total": total},
    )
    by_kind.rows = _by_value(
        Row(str(label), {"total": kinds[kind]})
        for kind, label in Organization.Kind.choices
        if kinds[kind]
    )

    by_head_office = Table(
        key="members-by-head-office",
        title=_("Active members by province of their head office"),
        sheet=_("Members by head office"),
        label_heading=_("Province"),
        columns=[Column("total", heading)],
        totals={"total": total},
    )
    by_head_office.rows = _by_value(
        Row((pk and provinces[pk].name) or _("Not stated"), {"total": n})
        for pk, n in head_offices.items()
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
        Row(province.name, {"total": province.members})
        for province in provinces.values()
        if province.members
    )
    for table in (by_head_office, operating, by_kind):
        table.chart = BarChart(table, "total")
    return [by_head_office, operating, by_kind], total


def _year_row(label, counts, years):
    """A row of counts by year, {"y2023": n, ..., "total": n}."""
    return Row(
        label, {**{f"y{year}": counts[year] for year in years}, "total": counts.total()}
    )


def _activities(activities, provinces):
    """Two queries: activities by kind, province and year, whence both tables
    and the count of each year; and the people who took part, by year.
    Returns the activity tables, the participants table and the key figures."""
    activities = activities.order_by()
    by_kind, by_province = defaultdict(Counter), defaultdict(Counter)
    for item in activities.values(
        "kind", "province", year=ExtractYear("starts_at")
    ).annotate(n=Count("pk")):
        year = int(item["year"])
        by_kind[item["kind"]][year] += item["n"]
        by_province[item["province"]][year] += item["n"]
    kinds = dict(Activity.Kind.choices)
    by_kind = [(str(kinds[kind]), counts) for kind, counts in by_kind.items()]
    by_province = [(provinces[pk].name, counts) for pk, counts in by_province.items()]
    per_year = sum((counts for _kind, counts in by_kind), Counter())
    years = sorted(per_year)
    participants = _participants(activities, years, per_year)

    columns = _year_columns(years)
    # The totals of each year and of all are the participants table's counts
    # of activities: the same scope, already counted.
    totals = {
        **{f"y{row.label}": row.values["activities"] for row in participants.rows},
        "total": participants.totals["activities"],
    }
    tables = [
        Table(
            key="activities-by-kind",
            title=_("Activities by kind and year"),
            sheet=_("Activities by kind"),
            label_heading=_("Kind of activity"),
            columns=columns,
            totals=totals,
            rows=_by_value(
                _year_row(label, counts, years) for label, counts in by_kind
            ),
        ),
        Table(
            key="activities-by-province",
            title=_("Activities by province and year"),
            sheet=_("Activities by province"),
            label_heading=_("Province"),
            columns=columns,
            totals=totals,
            rows=_by_value(
                _year_row(label, counts, years) for label, counts in by_province
            ),
        ),
    ]
    for table in tables:
        table.chart = BarChart(table, "total")
    key_figures = {
        "activities": participants.totals["activities"],
        "participants": participants.totals["total"],
        "female": participants.totals["female"],
    }
    return tables, participants, key_figures


def _people(activities):
    """{year: Counter of people by sex} who took part in `activities`, in one
    query. The rule is ActivityQuerySet.with_participation's, the typed
    figures plus the attended registrations, but summed over joins by the year
    the activity started rather than with subqueries activity by activity: the
    figures and the registrations are joined in the two halves of a UNION, so
    that neither multiplies the rows of the other."""
    # Annotated, then named: values(year=...) alone would select every field
    # of a translated model (modeltranslation's values()).
    activities = activities.annotate(year=ExtractYear("starts_at"))
    typed = activities.values("year").annotate(
        **{f"n_{sex}": Sum(f"participation__{sex}") for sex in SEXES}
    )
    # The annotation counts the registrations of the filter's join only.
    registered = (
        activities.filter(registrations__in=Registration.objects.attended())
        .values("year")
        .annotate(
            **{
                f"n_{sex}": Count("registrations", filter=Q(registrations__sex=sex))
                for sex in SEXES
            }
        )
    )
    people = defaultdict(Counter)
    # Not ordered: the union would take the default ordering of activities.
    for item in typed.union(registered, all=True).order_by():
        for sex in SEXES:
            people[int(item["year"])][sex] += item[f"n_{sex}"] or 0
    return people


def _participants(activities, years, per_year):
    """Participants by sex per year; the totals are the rows summed."""
    people = _people(activities)
    keys = ["activities", *SEXES, "total"]
    rows = [
        Row(
            str(year),
            {
                "activities": per_year[year],
                **{sex: people[year][sex] for sex in SEXES},
                "total": people[year].total(),
            },
        )
        for year in years
    ]
    table = Table(
        key="participants-by-year",
        title=_("Participants by sex and year"),
        sheet=_("Participants by year"),
        label_heading=_("Year"),
        columns=[Column("activities", _("Activities")), *_sex_columns()],
        rows=rows,
        totals=_summed(rows, keys),
        note=_(
            "People registered by member organisations and marked as attended "
            "are counted from their registrations; the figures typed by the "
            "secretariat count everyone else, so nobody is counted twice."
        ),
    )
    table.chart = BarChart(table, "total", _sex_series())
    return table


def _case_studies(case_studies):
    """Two queries: case studies and their respondents by district, and
    recommendations by district and current status. The totals are the rows
    summed, and the share implemented of all is worked out from those sums."""
    case_studies = case_studies.order_by()
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
    )
    by_district = _studies_by_district(case_studies)
    studies.rows = sorted(
        by_district.values(),
        key=lambda row: (-row.values["case_studies"], -row.values["total"], row.label),
    )
    studies.totals = _summed(studies.rows, [c.key for c in studies.columns])
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
            _recommendation_rows(
                case_studies, {pk: row.label for pk, row in by_district.items()}
            ),
            key=lambda row: (-row.values["recommendations"], row.label),
        ),
        note=_(
            "A recommendation's status is that of its latest progress update; "
            "the share implemented is of all its district's recommendations."
        ),
    )
    totals = _summed(status.rows, [*status_labels, "recommendations"])
    totals["share_implemented"] = percent(
        totals[RecommendationStatus.IMPLEMENTED], totals["recommendations"]
    )
    status.totals = totals
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
        "case_studies": studies.totals["case_studies"],
        "recommendations": totals["recommendations"],
        "share_implemented": totals["share_implemented"],
    }
    return [studies, status], key_figures


def _studies_by_district(case_studies):
    """{district pk: Row}: case studies and their respondents (the methodology
    rows summed) by district, labelled with the district's names. Joined
    rather than summed study by study, so the studies are counted distinct."""
    rows = {}
    for item in case_studies.values(*_district_fields("district")).annotate(
        case_studies=Count("pk", distinct=True),
        **{sex: Sum(f"respondent_groups__{sex}") for sex in SEXES},
    ):
        values = {"case_studies": item["case_studies"]}
        values.update({sex: item[sex] or 0 for sex in SEXES})
        values["total"] = sum(values[sex] for sex in SEXES)
        rows[item["district"]] = Row(_district_label(item, "district"), values)
    return rows


def _recommendation_rows(case_studies, districts):
    """Recommendations of `case_studies` by district and current status, the
    districts labelled from `districts` ({pk: label}: those of the case
    studies, so all of theirs).

    The current status is as RecommendationQuerySet.with_status says: that of
    the latest progress update, "proposed" without one. Rather than a subquery
    per recommendation, each is joined to its updates that no later update
    follows (later by date, then by when it was recorded, then by pk), which
    PostgreSQL runs as one anti-join: at most one update per recommendation,
    so nothing is counted twice.
    """
    # An update of the same recommendation after the one joined as "latest".
    later = ProgressUpdate.objects.filter(
        Q(date__gt=OuterRef("latest__date"))
        | Q(
            date=OuterRef("latest__date"),
            recorded_at__gt=OuterRef("latest__recorded_at"),
        )
        | Q(
            date=OuterRef("latest__date"),
            recorded_at=OuterRef("latest__recorded_at"),
            pk__gt=OuterRef("latest__pk"),
        ),
        recommendation=OuterRef("latest__recommendation"),
    )
    recommendations = (
        Recommendation.objects.filter(case_study__in=case_studies)
        .order_by()
        .alias(latest=FilteredRelation("updates", condition=~Q(Exists(later))))
        .alias(
            current_status=Coalesce(
                "latest__status", Value(RecommendationStatus.PROPOSED.value)
            )
        )
        .values("case_study__district")
        .annotate(
            recommendations=Count("pk"),
            **{
                status: Count("pk", filter=Q(current_status=status))
                for status in RecommendationStatus.values
            },
        )
    )
    for item in recommendations:
        values = {status: item[status] for status in RecommendationStatus.values}
        values["recommendations"] = item["recommendations"]
        values["share_implemented"] = percent(
            item[RecommendationStatus.IMPLEMENTED], item["recommendations"]
        )
        yield Row(districts[item["case_study__district"]], values)


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
            "dashboard",
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
