"""Writes that span several records. Each is atomic: all of it or nothing."""

from django.db import transaction

from .models import ProgressUpdate, Recommendation, RecommendationStatus


@transaction.atomic
def record_progress(*, recommendation, status, date, note="", note_km="", recorded_by):
    """Log a dated progress update; the latest one is the recommendation's status.

    `note` is the English note, `note_km` the Khmer one. An "endorsed" update
    also fills the recommendation's endorsement date when it has none. The
    recommendation's row is locked meanwhile, so two people recording at once
    do both get their update and the endorsement date is written once.
    """
    recommendation = Recommendation.objects.select_for_update().get(
        pk=recommendation.pk
    )
    update = ProgressUpdate(
        recommendation=recommendation,
        status=status,
        date=date,
        note_en=note,
        note_km=note_km,
        recorded_by=recorded_by,
    )
    update.full_clean()
    update.save()
    if status == RecommendationStatus.ENDORSED and not recommendation.endorsed_on:
        recommendation.endorsed_on = date
        recommendation.save(update_fields=["endorsed_on", "updated_at"])
    return update
