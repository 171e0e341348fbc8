"""The donor report: activities and participants by sex, cut by project and period.

Every number is a database aggregate. Typed figures and attended registrations
are summed separately (so neither join multiplies the other) and added here.
The activities are a queryset, read a page (HTML) or a chunk (CSV, XLSX) at
a time: the report of every year costs the same memory as that of a month.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import QUERY_CHUNK, write_csv, write_xlsx
from core.models import Province
from members.models import Sex

from .models import Activity, ParticipationFigure, Registration, StakeholderGroup

SEXES = Sex.values  # female, male, other


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
    typed = (
        ParticipationFigure.objects.filter(activity__in=activities)
        .order_by()
        .values(f"activity__{key}")
        .annotate(**{sex: Sum(sex) for sex in SEXES})
    )
    for item in typed:
        row(item[f"activity__{key}"]).add(item)
    for item in _attended_by(activities, f"activity__{key}"):
        row(item[f"activity__{key}"]).add(item)
    return sorted(rows.values(), key=lambda r: (-r.total, r.label))


def _attended_by(activities, key):
    return (
        Registration.objects.attended()
        .filter(activity__in=activities)
        .order_by()
        .values(key)
        .annotate(**{sex: Count("pk", filter=Q(sex=sex)) for sex in SEXES})
    )


def _by_group(activities):
    rows = {value: Row(label=str(label)) for value, label in StakeholderGroup.choices}
    typed = (
        ParticipationFigure.objects.filter(activity__in=activities)
        .order_by()
        .values("stakeholder_group")
        .annotate(n=Count("activity", distinct=True), **{s: Sum(s) for s in SEXES})
    )
    for item in typed:
        group = rows[item["stakeholder_group"]]
        group.activities = item["n"]
        group.add(item)
    registered = rows[StakeholderGroup.REGISTERED]
    attended = (
        Registration.objects.attended()
        .filter(activity__in=activities)
        .aggregate(
            n=Count("activity", distinct=True),
            **{sex: Count("pk", filter=Q(sex=sex)) for sex in SEXES},
        )
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
        .with_participation()
        .order_by("starts_at", "pk"),
        totals=totals,
        by_kind=by_kind,
        by_province=_breakdown(
            activities, "province", {p.pk: p.name for p in provinces}
        ),
        by_group=_by_group(activities),
    )


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
    for activity in report.activities.iterator(chunk_size=QUERY_CHUNK):
        yield [
            timezone.localdate(activity.starts_at).isoformat(),
            activity.title,
            activity.get_kind_display(),
            activity.province.name,
            str(activity.project or ""),
            activity.female,
            activity.male,
            activity.other,
            activity.total,
        ]
    yield [_("Total"), "", "", "", "", *_row_numbers(report.totals)]


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
