from datetime import date

import pytest
from django.core.exceptions import ValidationError

from casestudies.models import ProgressUpdate, Recommendation
from casestudies.services import record_progress
from tests.factories import RecommendationFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_recording_progress_changes_the_status_and_keeps_who_and_when():
    staff = StaffFactory()
    recommendation = RecommendationFactory()
    update = record_progress(
        recommendation=recommendation,
        status="in_progress",
        date=date(2022, 3, 15),
        note="Included in the joint action plan.",
        note_km="បានដាក់បញ្ចូលក្នុងផែនការសកម្មភាពរួម។",
        recorded_by=staff,
    )
    assert update.recorded_by == staff
    assert update.recorded_at is not None
    assert (update.note_en, update.note_km) == (
        "Included in the joint action plan.",
        "បានដាក់បញ្ចូលក្នុងផែនការសកម្មភាពរួម។",
    )
    result = Recommendation.objects.with_status().get(pk=recommendation.pk)
    assert (result.current_status, result.status_since) == (
        "in_progress",
        date(2022, 3, 15),
    )


def test_an_endorsement_fills_the_endorsement_date_once():
    recommendation = RecommendationFactory(endorsed_on=None)
    record_progress(
        recommendation=recommendation,
        status="endorsed",
        date=date(2021, 11, 18),
        recorded_by=None,
    )
    recommendation.refresh_from_db()
    assert recommendation.endorsed_on == date(2021, 11, 18)
    record_progress(
        recommendation=recommendation,
        status="endorsed",
        date=date(2022, 1, 5),
        recorded_by=None,
    )
    recommendation.refresh_from_db()
    assert recommendation.endorsed_on == date(2021, 11, 18)
    assert recommendation.history.count() == 2  # created, then endorsed once


def test_an_invalid_update_saves_nothing():
    recommendation = RecommendationFactory(endorsed_on=None)
    with pytest.raises(ValidationError):
        record_progress(
            recommendation=recommendation,
            status="finished",
            date=date(2022, 1, 5),
            recorded_by=None,
        )
    assert not ProgressUpdate.objects.exists()
    recommendation.refresh_from_db()
    assert recommendation.endorsed_on is None
