from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.models import Versioned, VersionedPart
from members.models import Organization

from .case_studies import CaseStudy


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ENDORSED = "endorsed", _("Endorsed")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    DROPPED = "dropped", _("Dropped")


# "The latest update", the one that gives a recommendation its status: the
# latest by date, then by when it was recorded, then by pk. Every query that
# looks for it orders by this (ProgressUpdateQuerySet), and so does the
# progressupdate_latest index.
LATEST_FIRST = ("-date", "-recorded_at", "-pk")


class ProgressUpdateQuerySet(models.QuerySet):
    def on(self, date):
        """The updates dated `date` or before, of which the latest gives a
        recommendation its status at that date; all of them without one."""
        return self if date is None else self.filter(date__lte=date)

    def latest_first(self):
        return self.order_by(*LATEST_FIRST)

    def latest_of_each(self):
        """The latest update of each recommendation, in one ordered pass
        over the progressupdate_latest index (DISTINCT ON)."""
        return self.order_by("recommendation_id", *LATEST_FIRST).distinct(
            "recommendation_id"
        )


class RecommendationQuerySet(models.QuerySet):
    def public(self):
        """Recommendations of published case studies."""
        return self.filter(case_study__in=CaseStudy.objects.published())

    def with_status(self, on=None):
        """Annotate `current_status`, the status of the latest progress update
        ("proposed" when there is none), and `status_since`, that update's
        date. With `on` (a date), the status at that date: the latest of the
        updates dated that day or before."""
        latest = (
            ProgressUpdate.objects.on(on)
            .filter(recommendation=OuterRef("pk"))
            .latest_first()
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
                    queryset=ProgressUpdate.objects.latest_first().reverse(),
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

    objects = ProgressUpdateQuerySet.as_manager()

    class Meta:
        ordering = list(LATEST_FIRST)
        get_latest_by = [field.lstrip("-") for field in LATEST_FIRST]
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
