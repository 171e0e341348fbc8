"""The members' figures on the dashboard, and the sex columns every table of
people shares."""

from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from core.charts import BarChart, Column, Row, Series, Table, by_value
from core.models import Province

from .models import Organization, Sex

# The pattern on top of each colour is what tells the series apart, so
# nothing is said by colour alone. Every colour has at least 4.5:1 contrast
# with white, and segments are separated by a white line.
SEX_STYLES = {
    "female": ("#0a4d8c", "solid"),
    "male": ("#b3202c", "hatch"),
    "other": ("#4b5563", "dots"),
}


def sex_columns():
    """A column per sex, then the total."""
    return [
        *(Column(value, str(label)) for value, label in Sex.choices),
        Column("total", _("Total")),
    ]


def sex_series():
    """The stacked bars' series of a table with sex_columns()."""
    return [
        Series(value, str(label), *SEX_STYLES[value]) for value, label in Sex.choices
    ]


def provinces_with_members(active):
    """{pk: Province} of every province, with `members`, the number of the
    `active` organisations that work there, in one query."""
    return {
        province.pk: province
        for province in Province.objects.order_by()
        .only("id", "name_en", "name_km")
        .annotate(members=Count("organizations", filter=Q(organizations__in=active)))
    }


def member_tables(active, provinces):
    """One query: the `active` organisations by kind and by head office, and
    by province where they work from `provinces` (provinces_with_members).
    Returns the tables and the number of members."""
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
    by_kind.rows = by_value(
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
    by_head_office.rows = by_value(
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
    operating.rows = by_value(
        Row(province.name, {"total": province.members})
        for province in provinces.values()
        if province.members
    )
    for table in (by_head_office, operating, by_kind):
        table.chart = BarChart(table, "total")
    return [by_head_office, operating, by_kind], total
