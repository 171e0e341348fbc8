from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.models import District
from members.models import Organization

from .case_studies import CaseStudy, count_of


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ENDORSED = "endorsed", _("Endorsed")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Recommendations of published case studies."""
        return self.filter(case_study__in=CaseStudy.objects.published())

    def with_status(self):
        """Annotate `current_status`, the status of the latest progress update
        (by date, then by when it was recorded), "proposed" when there is none,
        and `status_since`, that update's date."""
        latest = ProgressUpdate.objects.filter(recommendation=OuterRef("pk")).order_by(
            "-date", "-recorded_at", "-pk"
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


class Recommendation(models.Model):
    """A recommendation of a case study, usually endorsed jointly by the
    district administration and CSOs. Its status is that of its latest
    progress update, never stored here (see RecommendationQuerySet.with_status).
    """

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


class ProgressUpdate(models.Model):
    """A dated step in a recommendation's follow-up. The latest one gives the
    recommendation its status; record them with services.record_progress."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("recommendation"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RecommendationStatus.choices
    )
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
            models.Index(
                fields=["recommendation", "-date", "-recorded_at"],
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


class ActionItem(models.Model):
    """A step of the joint action plan that implements a recommendation."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
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


def follow_up_by_district(recommendations, *, status=None):
    """The districts of `recommendations` (a scope such as
    `Recommendation.objects.public()`), as a list of District objects with
    these figures from those rows alone: `case_study_count`,
    `recommendation_count`, `<status>_count` for every status,
    `implemented_percent` (rounded, of all recommendations), `overdue_actions`,
    `last_update` (the date of the latest progress update) and
    `status_counts`, (status, label, count) for every status in order. With `status`,
    only districts with at least one recommendation in that status.

    Two queries whatever the number of rows: the figures, grouped by district
    (each recommendation's status looked up once, through the
    progressupdate_latest index), then the districts themselves.
    """
    overdue = ActionItem.objects.overdue().filter(recommendation=OuterRef("pk"))
    rows = (
        recommendations.with_status()
        .annotate(overdue=count_of(overdue, "recommendation"))
        .order_by()
        .values("case_study__district")
        .annotate(
            case_study_count=Count("case_study", distinct=True),
            recommendation_count=Count("pk"),
            **{
                f"{value}_count": Count("pk", filter=Q(current_status=value))
                for value in RecommendationStatus.values
            },
            overdue_actions=Sum("overdue"),
            last_update=Max("status_since"),
        )
    )
    if status:
        rows = rows.filter(**{f"{status}_count__gt": 0})
    figures = {row.pop("case_study__district"): row for row in rows}
    districts = list(
        District.objects.filter(pk__in=figures)
        .select_related("province")
        .order_by("code")
    )
    for district in districts:
        for name, value in figures[district.pk].items():
            setattr(district, name, value)
        district.implemented_percent = round(
            100 * district.implemented_count / district.recommendation_count
        )
        district.status_counts = [
            (value, label, figures[district.pk][f"{value}_count"])
            for value, label in RecommendationStatus.choices
        ]
    return districts
