"""The tracker's figures: recommendations counted by district and status.

A recommendation's status is that of its latest progress update, as
RecommendationQuerySet.with_status() annotates it; here the same latest
update (ProgressUpdateQuerySet) is joined to every recommendation of a scope
at once, in SQL the ORM cannot write, so that a thousand cells cost one query.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL

from core.figures import percent
from core.models import District

from .recommendations import ActionItem, ProgressUpdate, RecommendationStatus

# Overdue actions per recommendation, from {overdue} (the recommendation_id of
# each overdue action): grouped in one pass, or counted per recommendation.
_OVERDUE_SCAN = """
    LEFT JOIN (
        SELECT recommendation_id, COUNT(*) AS n
        FROM ({overdue}) AS overdue_action
        GROUP BY recommendation_id
    ) AS overdue ON overdue.recommendation_id = rec.pk"""
_OVERDUE_LOOKUP = """
    LEFT JOIN LATERAL (
        SELECT COUNT(*) AS n
        FROM ({overdue}) AS overdue_action
        WHERE overdue_action.recommendation_id = rec.pk
    ) AS overdue ON TRUE"""


def _latest_update_join(*, few, on):
    """SQL joining each recommendation `rec` to its latest update `latest`
    (status and date) at the date `on`, and its params: one ordered pass over
    the progressupdate_latest index for a large scope, or with `few` one
    look-up in that index per recommendation."""
    updates = ProgressUpdate.objects.on(on)
    if few:
        latest = (
            updates.filter(recommendation_id=RawSQL("rec.pk", ()))
            .latest_first()
            .values("status", "date")[:1]
        )
        sql, params = latest.query.sql_with_params()
        return f"LEFT JOIN LATERAL ({sql}) AS latest ON TRUE", params
    latest = updates.latest_of_each().values("recommendation_id", "status", "date")
    sql, params = latest.query.sql_with_params()
    return f"LEFT JOIN ({sql}) AS latest ON latest.recommendation_id = rec.pk", params


def figures_by_district(recommendations, *, few=False, on=None):
    """{district pk: figures} for `recommendations` (a scope such as
    `Recommendation.objects.public()`), in one query: `case_study_count`,
    `recommendation_count`, `<status>_count` for every status (the status at
    the date `on`, today's without one), `overdue_actions`, `last_update`
    (the date of the latest progress update) and `has_examples` (whether any
    of them comes from an example case study). See follow_up_by_district for
    `few`.

    Each recommendation is joined once to its latest update and to its count
    of overdue actions, then grouped by case study, then by district.
    Correlated subqueries in the aggregates would look the status up once per
    status counted, and cost PostgreSQL a second at 50,000 recommendations.
    """
    # Columns are referred to by name: modeltranslation orders those of
    # values() as it sees fit (and selects every field when given only
    # expressions).
    scope = recommendations.order_by().values("pk", "case_study_id")
    overdue = ActionItem.objects.overdue().order_by().values("recommendation_id")
    try:
        scope_sql, scope_params = scope.query.sql_with_params()
        overdue_sql, overdue_params = overdue.query.sql_with_params()
    except EmptyResultSet:  # a scope of nothing, such as .none()
        return {}
    latest_join, latest_params = _latest_update_join(few=few, on=on)
    statuses = RecommendationStatus.values
    counts = ",\n".join(
        f"COUNT(*) FILTER (WHERE COALESCE(latest.status, %s) = %s) AS {value}_count"
        for value in statuses
    )
    sums = ",\n".join(f"SUM({value}_count)::integer" for value in statuses)
    overdue_join = (_OVERDUE_LOOKUP if few else _OVERDUE_SCAN).format(
        overdue=overdue_sql
    )
    # Only SQL is formatted in: fixed fragments and what the ORM compiled,
    # whose values travel apart in the params, like the statuses'.
    sql = f"""
        SELECT
            cs.district_id,
            COUNT(*)::integer,
            SUM(recommendation_count)::integer,
            {sums},
            SUM(overdue_actions)::integer,
            MAX(last_update),
            BOOL_OR(cs.is_example)
        FROM (
            SELECT
                rec.case_study_id AS case_study_id,
                COUNT(*) AS recommendation_count,
                {counts},
                COALESCE(SUM(overdue.n), 0) AS overdue_actions,
                MAX(latest.date) AS last_update
            FROM ({scope_sql}) AS rec
            {latest_join}
            {overdue_join}
            GROUP BY rec.case_study_id
        ) AS per_case_study
        JOIN casestudies_casestudy AS cs ON cs.id = per_case_study.case_study_id
        GROUP BY cs.district_id
    """  # noqa: S608
    proposed = RecommendationStatus.PROPOSED.value
    params = [
        *(param for value in statuses for param in (proposed, value)),
        *scope_params,
        *latest_params,
        *overdue_params,
    ]
    columns = [
        "case_study_count",
        "recommendation_count",
        *(f"{value}_count" for value in statuses),
        "overdue_actions",
        "last_update",
        "has_examples",
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            row[0]: dict(zip(columns, row[1:], strict=True))
            for row in cursor.fetchall()
        }


def follow_up_by_district(recommendations, *, status=None, few=False):
    """The districts of `recommendations` (a scope such as
    `Recommendation.objects.public()`), as a list of District objects with
    the figures_by_district() of those rows alone, `implemented_percent`
    (rounded, of all recommendations) and `status_counts`, (status, label,
    count) for every status in order, the label translated once into the
    active language rather than in each of the tracker's thousand cells. With
    `status`, only districts with at least one recommendation in that status.

    Two queries whatever the number of rows: the figures, then the districts.

    The scope's cost: by default the latest updates of all recommendations
    come from one ordered pass over the progressupdate_latest index (tens of
    milliseconds at 100,000 updates, whatever the scope); with `few` (one
    province's or one district's recommendations, a few thousand at most),
    each is looked up in that index, and its overdue actions in theirs:
    cheaper for a small scope, dearer than the pass for all of them.
    """
    figures = figures_by_district(recommendations, few=few)
    if status:
        figures = {pk: row for pk, row in figures.items() if row[f"{status}_count"]}
    districts = list(
        District.objects.filter(pk__in=figures)
        .select_related("province")
        .order_by("code")
    )
    labels = [(value, str(label)) for value, label in RecommendationStatus.choices]
    for district in districts:
        for name, value in figures[district.pk].items():
            setattr(district, name, value)
        district.implemented_percent = percent(
            district.implemented_count, district.recommendation_count
        )
        district.status_counts = [
            (value, label, figures[district.pk][f"{value}_count"])
            for value, label in labels
        ]
    return districts
