"""The case studies' figures on the dashboard: case studies and their
respondents by district, and recommendations by district and status."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.charts import BarChart, Column, Row, Series, Table, summed
from core.figures import percent
from core.localized import localized, translated
from core.models import district_label
from members.figures import sex_columns, sex_series

from .models import SEXES, Recommendation, RecommendationStatus, figures_by_district

STATUS_STYLES = {
    RecommendationStatus.PROPOSED: ("#4b5563", "dots"),
    RecommendationStatus.ENDORSED: ("#0a4d8c", "cross"),
    RecommendationStatus.IN_PROGRESS: ("#7a4f00", "hatch"),
    RecommendationStatus.IMPLEMENTED: ("#1d5b2f", "solid"),
    RecommendationStatus.DROPPED: ("#a3141d", "lines"),
}


def case_study_tables(case_studies):
    """Two queries: `case_studies` and their respondents by district, and
    their recommendations by district and current status. The totals are the
    rows summed, and the share implemented of all is worked out from those
    sums. Returns the tables and the key figures."""
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
                for column in sex_columns()
            ),
        ],
    )
    by_district = _studies_by_district(case_studies)
    studies.rows = sorted(
        by_district.values(),
        key=lambda row: (-row.values["case_studies"], -row.values["total"], row.label),
    )
    studies.totals = summed(studies.rows, [c.key for c in studies.columns])
    studies.chart = BarChart(
        studies,
        "total",
        sex_series(),
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
    totals = summed(status.rows, [*status_labels, "recommendations"])
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


def _district_label(item):
    """ "Banan district, Battambang" from a values() row of case studies with
    the district's kind and names (read in the query that counts the case
    studies rather than in one of their own)."""
    label = district_label(item["district__kind"], translated(item, "district__name"))
    return f"{label}, {translated(item, 'district__province__name')}"


def _studies_by_district(case_studies):
    """{district pk: Row}: case studies and their respondents (the methodology
    rows summed) by district, labelled with the district's names. Joined
    rather than summed study by study, so the studies are counted distinct."""
    rows = {}
    names = [
        "district",
        "district__kind",
        *localized("district__name"),
        *localized("district__province__name"),
    ]
    for item in case_studies.values(*names).annotate(
        case_studies=Count("pk", distinct=True),
        **{sex: Sum(f"respondent_groups__{sex}") for sex in SEXES},
    ):
        values = {"case_studies": item["case_studies"]}
        values.update({sex: item[sex] or 0 for sex in SEXES})
        values["total"] = sum(values[sex] for sex in SEXES)
        rows[item["district"]] = Row(_district_label(item), values)
    return rows


def _recommendation_rows(case_studies, districts):
    """Recommendations of `case_studies` by district and current status (as
    the tracker counts them: figures_by_district), the districts labelled
    from `districts` ({pk: label}: those of the case studies, so all of
    theirs)."""
    figures = figures_by_district(
        Recommendation.objects.filter(case_study__in=case_studies)
    )
    for district, counts in figures.items():
        values = {
            status: counts[f"{status}_count"] for status in RecommendationStatus.values
        }
        values["recommendations"] = counts["recommendation_count"]
        values["share_implemented"] = percent(
            values[RecommendationStatus.IMPLEMENTED], values["recommendations"]
        )
        yield Row(districts[district], values)
