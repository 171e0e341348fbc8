"""Two members of the secretariat saving the same case study or
recommendation: the second is told what changed, nothing is overwritten."""

import pytest
from django.urls import reverse

from casestudies.models import ActionItem, CaseStudy, Recommendation
from tests.factories import ActionItemFactory, CaseStudyFactory, RecommendationFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def test_second_save_of_a_case_study_is_refused(
    secretariat_client, second_secretariat_client
):
    case_study = CaseStudyFactory(findings_en="Councils listen.")
    RecommendationFactory(case_study=case_study)
    url = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    first = form_data(secretariat_client.get(url))
    second = form_data(second_secretariat_client.get(url))

    saved = secretariat_client.post(url, {**first, "status": "draft"})
    assert saved.status_code == 302

    refused = second_secretariat_client.post(
        url, {**second, "findings_en": "Councils listen to CBOs."}
    )
    assert refused.status_code == 200
    assert "Someone else saved this case study while you were editing it" in (
        refused.text
    )
    assert "Status: yours “Published”, saved “Draft”." in refused.text
    case_study.refresh_from_db()
    assert (case_study.status, case_study.findings_en) == ("draft", "Councils listen.")


def test_second_save_of_a_recommendation_is_refused_in_khmer(
    secretariat_client, second_secretariat_client
):
    recommendation = RecommendationFactory(priority="high")
    url = reverse("admin:casestudies_recommendation_change", args=[recommendation.pk])
    first = form_data(secretariat_client.get(url))
    second = form_data(second_secretariat_client.get(url))

    assert secretariat_client.post(url, {**first, "priority": "low"}).status_code == 302

    refused = second_secretariat_client.post(
        "/km" + url, {**second, "endorsed_by_en": "Banan District Council"}
    )
    assert refused.status_code == 200
    assert "មាននរណាម្នាក់ផ្សេងទៀតបានរក្សាទុក" in refused.text
    recommendation.refresh_from_db()
    assert recommendation.priority == "low"
    assert not recommendation.endorsed_by_en


def test_an_action_item_changed_on_its_own_page_makes_the_recommendation_stale(
    secretariat_client, second_secretariat_client
):
    item = ActionItemFactory(status="planned")
    recommendation_url = reverse(
        "admin:casestudies_recommendation_change", args=[item.recommendation_id]
    )
    stale = form_data(secretariat_client.get(recommendation_url))

    item_url = reverse("admin:casestudies_actionitem_change", args=[item.pk])
    done = form_data(second_secretariat_client.get(item_url), status="done")
    assert second_secretariat_client.post(item_url, done).status_code == 302

    refused = secretariat_client.post(recommendation_url, stale)
    assert "Someone else saved this recommendation while you were editing it" in (
        refused.text
    )
    assert ActionItem.objects.get(pk=item.pk).status == "done"
    assert Recommendation.objects.filter(pk=item.recommendation_id).exists()


def test_a_case_study_reverted_from_a_stale_history_page_is_refused(
    secretariat_client, second_secretariat_client
):
    case_study = CaseStudyFactory(title_en="First title")
    url = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    edited = form_data(secretariat_client.get(url), title_en="Second title")
    assert secretariat_client.post(url, edited).status_code == 302
    revert_url = reverse(
        "admin:casestudies_casestudy_simple_history",
        args=[case_study.pk, case_study.history.earliest().history_id],
    )
    revert = form_data(second_secretariat_client.get(revert_url))

    newer = form_data(secretariat_client.get(url), title_en="Third title")
    assert secretariat_client.post(url, newer).status_code == 302

    refused = second_secretariat_client.post(revert_url, revert)
    assert "Someone else saved this case study while you were editing it" in (
        refused.text
    )
    assert CaseStudy.objects.get(pk=case_study.pk).title_en == "Third title"


def test_second_save_of_an_action_item_in_the_list_is_refused(
    secretariat_client, second_secretariat_client
):
    item = ActionItemFactory(status="planned")
    url = reverse("admin:casestudies_actionitem_changelist")
    first = form_data(secretariat_client.get(url), _save="Save")
    second = form_data(second_secretariat_client.get(url), _save="Save")

    saved = secretariat_client.post(url, {**first, "form-0-status": "done"})
    assert saved.status_code == 302
    assert ActionItem.objects.get(pk=item.pk).status == "done"

    refused = second_secretariat_client.post(
        url, {**second, "form-0-status": "in_progress"}
    )
    assert refused.status_code == 200
    assert "Someone else saved this action item while you were editing it" in (
        refused.text
    )
    assert ActionItem.objects.get(pk=item.pk).status == "done"
