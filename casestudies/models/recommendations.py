from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.figures import percent
from core.models import District, Versioned, VersionedPart
from members.models import Organization

from .case_studies import CaseStudy


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ENDORSED = "endorsed", _("Endorsed")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


# A recommendation's progress updates, latest first: by date, then by when each
# was recorded, then by pk. The latest gives the recommendation its status.
LATEST_FIRST = ("-date", "-recorded_at", "-pk")


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Recommendations of published case studies."""
        return self.filter(case_study__in=CaseStudy.objects.published())

    def with_status(self):
        """Annotate `current_status`, the status of the latest progress update
        (by date, then by when it was recorded), "proposed" when there is none,
        and `status_since`, that update's date."""
        latest = ProgressUpdate.objects.filter(recommendation=OuterRef("pk")).order_by(
            *LATEST_FIRST
        )
        return self.annotate(
            current_status=Coalesce(
                Subquery(latest.values("status")[:1]),
                Value(RecommendationStatus.PROPOSED.value),
                output_field=models.CharField(),
            ),
            status_since=Subquery(latest.values("date")[:1]),
        )

    def in_status(self, status):
        return self.with_status().filter(current_status=status)

    def for_follow_up(self):
        """Page-shaped for a list of recommendations with their status, the
        timeline of updates (oldest first) and the action plan."""
        return (
            self.with_status()
            .select_related("case_study__district")
            .prefetch_related(
                Prefetch(
                    "updates",
                    queryset=ProgressUpdate.objects.order_by(
                        "date", "recorded_at", "pk"
                    ),
                ),
                Prefetch(
                    "action_items",
                    queryset=ActionItem.objects.select_related(
                        "responsible_organization"
                    ).order_by("due_on", "pk"),
                ),
            )
            .order_by("case_study_id", "order", "pk")
        )


class Recommendation(VersionedPart, Versioned):
    """A recommendation of a case study, usually endorsed jointly by the
    district administration and CSOs. Its status is that of its latest
    progress update, never stored here (see RecommendationQuerySet.with_status).
    """

    version_parent = "case_study"

    Status = RecommendationStatus

    class AddressedTo(models.TextChoices):
        DISTRICT = "district", _("District administration")
        CSOS = "csos", _("Civil society organisations")
        PROVINCE = "province", _("Provincial administration")
        NATIONAL = "national", _("National level")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        MEDIUM = "medium", _("Medium")
        LOW = "low", _("Low")

    case_study = models.ForeignKey(
        CaseStudy,
        # The follow-up must survive: delete the recommendations first.
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("case study"),
        db_index=False,  # recommendation_case_study below, with the pk
    )
    text = models.TextField(_("recommendation"))
    addressed_to = models.CharField(
        _("addressed to"), max_length=10, choices=AddressedTo.choices
    )
    is_joint = models.BooleanField(
        _("joint recommendation"),
        default=True,
        help_text=_("Agreed jointly by the administration and the CSOs."),
    )
    priority = models.CharField(
        _("priority"),
        max_length=6,
        choices=Priority.choices,
        default=Priority.MEDIUM,
    )
    endorsed_on = models.DateField(_("endorsed on"), null=True, blank=True)
    endorsed_by = models.CharField(
        _("endorsed by"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Banan District Administration and CSOs"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Recommendations are listed in this order.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # English words by stem for site search (cpdd_portal/search.py), kept by
    # PostgreSQL itself; Khmer is found through the trigram index below. The
    # text is weighted as a summary: a recommendation has no title.
    search_vector = models.GeneratedField(
        expression=SearchVector("text_en", weight="B", config="english")
        + SearchVector("endorsed_by_en", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["case_study_id", "order", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [
            # The foreign key's index, with the pk: the recommendations of
            # case studies, read from the index alone (follow_up_by_district).
            models.Index(
                fields=["case_study"], include=["id"], name="recommendation_case_study"
            ),
            GinIndex(fields=["search_vector"], name="recommendation_search"),
            GinIndex(
                fields=["text_km"],
                name="recommendation_km_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ]

    def __str__(self):
        return Truncator(self.text).chars(80)

    def get_absolute_url(self):
        return f"{self.case_study.get_absolute_url()}#recommendation-{self.pk}"

    @property
    def current_status_label(self):
        """The label of the `current_status` annotation (see with_status)."""
        return RecommendationStatus(self.current_status).label


class ProgressUpdate(VersionedPart):
    """A dated step in a recommendation's follow-up. The latest one gives the
    recommendation its status; record them with services.record_progress."""

    version_parent = "recommendation"

    recommendation = models.ForeignKey(
        Recommendation,
        # The follow-up is a log the coalition keeps: a recommendation that
        # was followed up is recorded as dropped, not deleted.
        on_delete=models.PROTECT,
        related_name="updates",
        verbose_name=_("recommendation"),
    )
    status = models.CharField(_("status"), max_length=12, choices=RecommendationStatus)
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-recorded_at", "-pk"]
        get_latest_by = ["date", "recorded_at", "pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [
            # In LATEST_FIRST order within each recommendation, with the
            # status: the latest update of one recommendation, or of all of
            # them in one pass (follow_up_by_district), read from the index
            # alone.
            models.Index(
                fields=["recommendation", "-date", "-recorded_at", "-id"],
                include=["status"],
                name="progressupdate_latest",
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()} ({self.date})"


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            status__in=[ActionItem.Status.PLANNED, ActionItem.Status.IN_PROGRESS]
        )

    def overdue(self):
        """Open actions whose due date has passed (in Phnom Penh)."""
        return self.open().filter(due_on__lt=timezone.localdate())

    def public(self):
        return self.filter(recommendation__in=Recommendation.objects.public())


class ActionItem(VersionedPart, Versioned):
    """A step of the joint action plan that implements a recommendation."""

    version_parent = "recommendation"

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="action_items",
        verbose_name=_("recommendation"),
    )
    action = models.TextField(_("action"))
    responsible_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible organisation"),
    )
    responsible_party = models.CharField(
        _("responsible administration or person"),
        max_length=200,
        blank=True,
        help_text=_(
            "When no organisation in the directory is responsible, e.g. "
            "“Commune councils of Banan district”."
        ),
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation_id", "due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items (the joint action plan)")
        constraints = [
            # The English column: modeltranslation adds it, and English is the
            # language every text falls back to.
            models.CheckConstraint(
                condition=Q(responsible_organization__isnull=False)
                | (Q(responsible_party_en__isnull=False) & ~Q(responsible_party_en="")),
                name="actionitem_has_someone_responsible",
                violation_error_message=_(
                    "Say who is responsible: choose an organisation or name the "
                    "administration (in English at least)."
                ),
            )
        ]

    def __str__(self):
        return Truncator(self.action).chars(80)

    @property
    def is_open(self):
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self):
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def responsible(self):
        """Who is responsible, as one line of text."""
        return str(self.responsible_party or self.responsible_organization or "")


# Each recommendation's latest progress update (status and date), for
# follow_up_by_district: one pass over the progressupdate_latest index, in its
# order, for a large scope; or one look-up in that index per recommendation.
_LATEST_UPDATE_SCAN = """
    LEFT JOIN (
        SELECT DISTINCT ON (recommendation_id) recommendation_id, status, date
        FROM casestudies_progressupdate
        ORDER BY recommendation_id, date DESC, recorded_at DESC, id DESC
    ) AS latest ON latest.recommendation_id = rec.pk"""
_LATEST_UPDATE_LOOKUP = """
    LEFT JOIN LATERAL (
        SELECT status, date
        FROM casestudies_progressupdate
        WHERE recommendation_id = rec.pk
        ORDER BY date DESC, recorded_at DESC, id DESC
        LIMIT 1
    ) AS latest ON TRUE"""
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


def follow_up_by_district(recommendations, *, status=None, few=False):
    """The districts of `recommendations` (a scope such as
    `Recommendation.objects.public()`), as a list of District objects with
    these figures from those rows alone: `case_study_count`,
    `recommendation_count`, `<status>_count` for every status,
    `implemented_percent` (rounded, of all recommendations), `overdue_actions`,
    `last_update` (the date of the latest progress update), `has_examples`
    (whether any of them comes from an example case study) and
    `status_counts`, (status, label, count) for every status in order, the
    label translated once into the active language rather than in each of
    the tracker's thousand cells. With `status`, only districts with at least
    one recommendation in that status.

    Two queries whatever the number of rows: the figures, grouped by district,
    then the districts themselves. The figures are SQL the ORM cannot write:
    each recommendation is joined once to its latest update (the status that
    with_status() annotates) and to its count of overdue actions, then grouped
    by case study, then by district. Correlated subqueries in the aggregates
    would look the status up once per status counted, and cost PostgreSQL a
    second at 50,000 recommendations.

    The scope's cost: by default the latest updates of all recommendations
    come from one ordered pass over the progressupdate_latest index (tens of
    milliseconds at 100,000 updates, whatever the scope); with `few` (one
    province's or one district's recommendations, a few thousand at most),
    each is looked up in that index, and its overdue actions in theirs:
    cheaper for a small scope, dearer than the pass for all of them.
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
        return []
    statuses = RecommendationStatus.values
    counts = ",\n".join(
        f"COUNT(*) FILTER (WHERE COALESCE(latest.status, %s) = %s) AS {value}_count"
        for value in statuses
    )
    sums = ",\n".join(f"SUM({value}_count)::integer" for value in statuses)
    latest_join = _LATEST_UPDATE_LOOKUP if few else _LATEST_UPDATE_SCAN
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
        figures = {
            row[0]: dict(zip(columns, row[1:], strict=True))
            for row in cursor.fetchall()
        }
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
