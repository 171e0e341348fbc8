"""The follow-up of a recommendation is kept: deleting the recommendation
does not take its progress log or action plan with it (issue 11)."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from casestudies.models import Recommendation
from tests.factories import (
    ActionItemFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "follow_up", [ProgressUpdateFactory, ActionItemFactory], ids=["progress", "plan"]
)
def test_a_followed_up_recommendation_is_not_deleted(secretariat_client, follow_up):
    kept = follow_up()
    recommendation = kept.recommendation

    response = secretariat_client.post(
        reverse("admin:casestudies_recommendation_delete", args=[recommendation.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 200
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    with pytest.raises(ProtectedError):
        recommendation.delete()
    kept.refresh_from_db()
