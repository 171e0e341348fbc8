"""The activities' figures on the dashboard: activities by kind and by
province, and their participants by sex, year by year."""

from collections import Counter, defaultdict

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from core.charts import (
    BarChart,
    Column,
    Row,
    Table,
    by_value,
    summed,
    year_columns,
    year_row,
)
from members.figures import sex_columns, sex_series

from .models import Activity, people_by
from .models.participation import SEXES


def activity_tables(activities, provinces):
    """Two queries: `activities` by kind, province and year, whence both
    tables and the count of each year; and the people who took part, by year.
    `provinces`: {pk: Province} of every province, for the names. Returns the
    activity tables, the participants table and the key figures."""
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

    columns = year_columns(years)
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
            rows=by_value(year_row(label, counts, years) for label, counts in by_kind),
        ),
        Table(
            key="activities-by-province",
            title=_("Activities by province and year"),
            sheet=_("Activities by province"),
            label_heading=_("Province"),
            columns=columns,
            totals=totals,
            rows=by_value(
                year_row(label, counts, years) for label, counts in by_province
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


def _participants(activities, years, per_year):
    """Participants by sex per year; the totals are the rows summed."""
    people = people_by(activities, "year")
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
        columns=[Column("activities", _("Activities")), *sex_columns()],
        rows=rows,
        totals=summed(rows, keys),
        note=_(
            "People registered by member organisations and marked as attended "
            "are counted from their registrations; the figures typed by the "
            "secretariat count everyone else, so nobody is counted twice."
        ),
    )
    table.chart = BarChart(table, "total", sex_series())
    return table
