"""The donor report: activities and participants by sex, cut by project and period.

Every number is a database aggregate, participants counted by the rule of
events.models.participation.
The activities are a queryset, read a page (HTML) or a chunk (CSV, XLSX) at
a time, their participants counted for the page or chunk in two grouped
queries: the report of every year costs the same memory as that of a month.
"""

from dataclasses import dataclass, field
from itertools import batched

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import QUERY_CHUNK, write_csv, write_xlsx
from core.localized import localized
from core.models import Province
from members.models import Sex

from .models import Activity, ParticipationFigure, Registration, StakeholderGroup
from .models.participation import attended_counts, people_by, typed_sums

SEXES = Sex.values  # female, male, other
# Long texts the report never shows, left in the database.
UNLISTED_FIELDS = [
    *(
        f"{name}{suffix}"
        for name in ("objectives", "outcomes")
        for suffix in ("", "_en", "_km")
    ),
    "search_vector",
    *(f"project__description{suffix}" for suffix in ("", "_en", "_km")),
]


@dataclass
class Row:
    label: str
    activities: int = 0
    female: int = 0
    male: int = 0
    other: int = 0

    @property
    def total(self):
        return self.female + self.male + self.other

    def add(self, counts):
        for sex in SEXES:
            setattr(self, sex, getattr(self, sex) + (counts.get(sex) or 0))


@dataclass
class DonorReport:
    project: object
    start: object
    end: object
    activities: list
    totals: Row
    by_kind: list = field(default_factory=list)
    by_province: list = field(default_factory=list)
    by_group: list = field(default_factory=list)

    @property
    def breakdowns(self):
        return [
            (_("By kind of activity"), self.by_kind),
            (_("By province"), self.by_province),
            (_("By stakeholder group"), self.by_group),
        ]


def _breakdown(activities, key, labels):
    """Rows of activity counts and participants by sex, grouped by `key`, a
    field of Activity (e.g. "kind", "province")."""
    rows = {}

    def row(value):
        if value not in rows:
            rows[value] = Row(label=str(labels.get(value, value)))
        return rows[value]

    for item in activities.order_by().values(key).annotate(n=Count("pk")):
        row(item[key]).activities = item["n"]
    for value, people in people_by(activities, key).items():
        row(value).add(people)
    return sorted(rows.values(), key=lambda r: (-r.total, r.label))


def _by_group(activities):
    rows = {value: Row(label=str(label)) for value, label in StakeholderGroup.choices}
    typed = (
        ParticipationFigure.objects.filter(activity__in=activities)
        .order_by()
        .values("stakeholder_group")
        .annotate(n=Count("activity", distinct=True), **typed_sums())
    )
    for item in typed:
        group = rows[item["stakeholder_group"]]
        group.activities = item["n"]
        group.add(item)
    registered = rows[StakeholderGroup.REGISTERED]
    attended = (
        Registration.objects.attended()
        .filter(activity__in=activities)
        .aggregate(n=Count("activity", distinct=True), **attended_counts())
    )
    registered.activities = attended["n"]
    registered.add(attended)
    return [row for row in rows.values() if row.activities]


def donor_report(*, project=None, start, end):
    """Activities that started between `start` and `end` (dates in Phnom Penh),
    of one project or all, with participants by sex in total and by kind,
    province and stakeholder group."""
    activities = Activity.objects.filter(
        starts_at__date__gte=start, starts_at__date__lte=end
    )
    if project is not None:
        activities = activities.filter(project=project)
    by_kind = _breakdown(activities, "kind", dict(Activity.Kind.choices))
    # Every activity has one kind: the kinds add up to the totals.
    totals = Row(label=_("All activities"))
    for row in by_kind:
        totals.activities += row.activities
        totals.add({sex: getattr(row, sex) for sex in SEXES})
    provinces = Province.objects.filter(pk__in=activities.values("province"))
    return DonorReport(
        project=project,
        start=start,
        end=end,
        activities=activities.select_related("province", "project")
        .defer(*UNLISTED_FIELDS)
        .order_by("starts_at", "pk"),
        totals=totals,
        by_kind=by_kind,
        by_province=_breakdown(
            activities, "province", {p.pk: p.name for p in provinces}
        ),
        by_group=_by_group(activities),
    )


def counted(activities):
    """`activities` (a list of them) with `female`, `male`, `other` and
    `total` set."""
    people = people_by([activity.pk for activity in activities], "pk")
    for activity in activities:
        for sex in SEXES:
            setattr(activity, sex, people[activity.pk][sex])
        activity.total = people[activity.pk].total()
    return activities


def _sex_headers():
    return [_("Female"), _("Male"), _("Other or not stated"), _("Total")]


def _row_numbers(row):
    return [row.female, row.male, row.other, row.total]


def activity_rows(report):
    yield [
        _("Date"),
        _("Activity"),
        _("Kind"),
        _("Province"),
        _("Project"),
        *_sex_headers(),
    ]
    # Plain values rather than models: a third of the time for 100,000 rows.
    names = [
        localized("title"),
        localized("province__name"),
        ["project__acronym", *localized("project__title")],
    ]
    values = report.activities.values_list(
        "pk", "starts_at", "kind", *(name for group in names for name in group)
    )
    kinds = {value: str(label) for value, label in Activity.Kind.choices}
    for chunk in batched(values.iterator(chunk_size=QUERY_CHUNK), QUERY_CHUNK):
        people = people_by([row[0] for row in chunk], "pk")
        for pk, starts_at, kind, *texts in chunk:
            title, province, project = _first_texts(texts, names)
            counts = people[pk]
            yield [
                timezone.localdate(starts_at).isoformat(),
                title,
                kinds.get(kind, kind),
                province,
                project,
                *(counts[sex] for sex in SEXES),
                counts.total(),
            ]
    yield [_("Total"), "", "", "", "", *_row_numbers(report.totals)]


def _first_texts(texts, groups):
    """The first non-empty text of each group of columns in `texts`."""
    found, start = [], 0
    for group in groups:
        found.append(next((t for t in texts[start : start + len(group)] if t), ""))
        start += len(group)
    return found


def summary_rows(report):
    yield [_("Breakdown"), _("Category"), _("Activities"), *_sex_headers()]
    for title, rows in report.breakdowns:
        for row in rows:
            yield [title, row.label, row.activities, *_row_numbers(row)]
    yield [
        _("Total"),
        report.totals.label,
        report.totals.activities,
        *_row_numbers(report.totals),
    ]


def write_report_csv(report, file):
    """Two tables in one CSV file: the summary, a blank line, then the
    activities."""
    write_csv(csv_rows(report), file)


def csv_rows(report):
    yield from summary_rows(report)
    yield []
    yield from activity_rows(report)


def xlsx_sheets(report):
    """The workbook: the activities, then a sheet per breakdown."""
    return [
        (_("Activities"), activity_rows(report)),
        (
            _("By kind"),
            _breakdown_sheet(report.by_kind, report.totals, _("Kind of activity")),
        ),
        (
            _("By province"),
            _breakdown_sheet(report.by_province, report.totals, _("Province")),
        ),
        (
            _("By stakeholder group"),
            _breakdown_sheet(report.by_group, None, _("Stakeholder group")),
        ),
    ]


def write_report_xlsx(report, file):
    write_xlsx(xlsx_sheets(report), file)


def _breakdown_sheet(rows, totals, heading):
    table = [[heading, _("Activities"), *_sex_headers()]]
    table += [[row.label, row.activities, *_row_numbers(row)] for row in rows]
    if totals is not None:
        table.append([_("Total"), totals.activities, *_row_numbers(totals)])
    else:
        table.append([_("Total"), "", *_row_numbers(_sum_rows(rows))])
    return table


def _sum_rows(rows):
    total = Row(label=_("Total"))
    for row in rows:
        total.add({sex: getattr(row, sex) for sex in SEXES})
    return total
