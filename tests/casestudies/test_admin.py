from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from casestudies.models import (
    ActionItem,
    CaseStudy,
    ProgressUpdate,
    Recommendation,
    RespondentGroup,
)
from core.models import District, Province
from tests.factories import (
    ActionItemFactory,
    CaseStudyFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RespondentGroupFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:casestudies_casestudy_changelist",
    "admin:casestudies_casestudy_add",
    "admin:casestudies_recommendation_changelist",
    "admin:casestudies_recommendation_add",
    "admin:casestudies_actionitem_changelist",
    "admin:casestudies_actionitem_add",
]


def admin_form_data(page):
    """The POST data of an admin change page as it stands, inlines left empty."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "report":
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            values = value.all() if hasattr(value, "all") else value
            data[name] = [getattr(v, "pk", v) for v in values]
        else:
            data[name] = getattr(value, "pk", value)
    for inline in page.context.get("inline_admin_formsets") or []:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = "0"
        data[f"{inline.formset.prefix}-INITIAL_FORMS"] = "0"
    return data


def new_case_study_data(client, **changes):
    data = admin_form_data(client.get(reverse("admin:casestudies_casestudy_add")))
    data.update(
        {
            "title_en": "Civic engagement in Bavel district",
            "title_km": "ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបវេល",
            "slug": "civic-engagement-bavel",
            "summary_en": "How citizens take part.",
            "province": Province.objects.get(code="02").pk,
            "district": District.objects.get(code="0204").pk,
            "period_start": "2021-01-01",
            "period_end": "2021-12-31",
            "status": "draft",
        }
    )
    data.update(changes)
    return data


def with_respondent_row(data, **row):
    data["respondent_groups-TOTAL_FORMS"] = "1"
    row = {"method": "focus_group", "female": "9", "male": "5", "other": "0", **row}
    for name, value in row.items():
        data[f"respondent_groups-0-{name}"] = value
    return data


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_secretariat_opens_every_case_study_admin_page(
    secretariat_client, name, make_followed_up
):
    make_followed_up(3)
    assert secretariat_client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_staff_outside_the_secretariat_are_refused(client, name):
    from allauth.mfa.totp.internal.auth import TOTP

    staff = StaffFactory()
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    client.force_login(staff)
    assert client.get(reverse(name)).status_code == 403


def test_the_secretariat_adds_a_case_study_with_its_respondents(secretariat_client):
    data = with_respondent_row(new_case_study_data(secretariat_client))
    response = secretariat_client.post(reverse("admin:casestudies_casestudy_add"), data)
    assert response.status_code == 302, response.context["errors"]
    case_study = CaseStudy.objects.with_respondents().get(slug="civic-engagement-bavel")
    assert (case_study.respondents, case_study.respondents_female) == (14, 9)
    assert case_study.history.count() == 1


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"female": "-3"}, "Numbers of respondents cannot be negative."),
        (
            {"female": "0", "male": "0", "other": "0"},
            "A method row needs at least one respondent",
        ),
        ({"sessions": "20"}, "There cannot be more sessions than respondents"),
    ],
)
def test_inconsistent_respondent_figures_are_explained_and_nothing_is_saved(
    secretariat_client, row, message
):
    data = with_respondent_row(new_case_study_data(secretariat_client), **row)
    response = secretariat_client.post(reverse("admin:casestudies_casestudy_add"), data)
    assert response.status_code == 200
    assert message in response.text
    assert not CaseStudy.objects.exists()
    assert not RespondentGroup.objects.exists()


def test_changing_figures_to_inconsistent_ones_keeps_the_old_ones(secretariat_client):
    group = RespondentGroupFactory(female=9, male=5)
    url = reverse("admin:casestudies_casestudy_change", args=[group.case_study.pk])
    data = admin_form_data(secretariat_client.get(url))
    data.update(
        {
            "respondent_groups-TOTAL_FORMS": "1",
            "respondent_groups-INITIAL_FORMS": "1",
            "respondent_groups-0-id": group.pk,
            "respondent_groups-0-case_study": group.case_study.pk,
            "respondent_groups-0-method": "focus_group",
            "respondent_groups-0-female": "9",
            "respondent_groups-0-male": "-5",
            "respondent_groups-0-other": "0",
            "title_en": "A new title that must not be saved either",
        }
    )
    response = secretariat_client.post(url, data)
    assert "Numbers of respondents cannot be negative." in response.text
    group.refresh_from_db()
    assert group.male == 5
    assert group.case_study.title_en != "A new title that must not be saved either"


def test_a_district_of_another_province_is_explained(secretariat_client):
    data = new_case_study_data(
        secretariat_client, district=District.objects.get(code="1710").pk
    )
    response = secretariat_client.post(reverse("admin:casestudies_casestudy_add"), data)
    assert response.status_code == 200
    assert "Siem Reap" in response.context["adminform"].form.errors["district"][0]
    assert not CaseStudy.objects.exists()


def test_case_study_page_lists_its_recommendations_and_links_to_add_one(
    secretariat_client,
):
    recommendation = RecommendationFactory(text_en="Publish the budget.")
    ProgressUpdateFactory(recommendation=recommendation, status="in_progress")
    case_study = recommendation.case_study
    page = secretariat_client.get(
        reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    ).text
    assert "Publish the budget." in page
    assert "In progress" in page
    assert (
        reverse("admin:casestudies_recommendation_change", args=[recommendation.pk])
        in page
    )
    assert f"{reverse('admin:casestudies_recommendation_add')}?case_study=" in page


def test_history_records_who_changed_a_case_study_and_restores_it(
    secretariat_client, secretariat_user
):
    case_study = CaseStudyFactory(title_en="Original title")
    url = reverse("admin:casestudies_casestudy_change", args=[case_study.pk])
    data = admin_form_data(secretariat_client.get(url))
    data["title_en"] = "Changed title"
    assert secretariat_client.post(url, data).status_code == 302
    case_study.refresh_from_db()
    assert case_study.title_en == "Changed title"
    assert case_study.history.latest().history_user == secretariat_user

    original = case_study.history.earliest()
    revert_url = reverse(
        "admin:casestudies_casestudy_simple_history",
        args=[case_study.pk, original.history_id],
    )
    restored = admin_form_data(secretariat_client.get(revert_url))
    assert restored["title_en"] == "Original title"
    assert secretariat_client.post(revert_url, restored).status_code == 302
    case_study.refresh_from_db()
    assert case_study.title_en == "Original title"


def recommendation_form_data(client, recommendation):
    url = reverse("admin:casestudies_recommendation_change", args=[recommendation.pk])
    return url, admin_form_data(client.get(url))


def test_a_progress_update_in_the_admin_records_who_and_changes_the_tracker(
    client, secretariat_client, secretariat_user
):
    recommendation = RecommendationFactory()
    ProgressUpdateFactory(recommendation=recommendation, status="endorsed")
    tracker = client.get("/case-studies/follow-up/").context["districts"][0]
    assert (tracker.endorsed_count, tracker.implemented_count) == (1, 0)

    url, data = recommendation_form_data(secretariat_client, recommendation)
    data.update(
        {
            "updates-TOTAL_FORMS": "1",
            "updates-0-status": "implemented",
            "updates-0-date": "2024-03-01",
            "updates-0-note_en": "The budget is on the notice board.",
            "updates-0-note_km": "ថវិកាត្រូវបានបិទផ្សាយ។",
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    update = recommendation.updates.get(status="implemented")
    assert update.recorded_by == secretariat_user
    assert update.note_km == "ថវិកាត្រូវបានបិទផ្សាយ។"
    tracker = client.get("/case-studies/follow-up/").context["districts"][0]
    assert (tracker.endorsed_count, tracker.implemented_count) == (0, 1)
    assert tracker.last_update == date(2024, 3, 1)


def test_recorded_progress_cannot_be_edited_or_deleted_in_the_admin(
    secretariat_client,
):
    update = ProgressUpdateFactory(status="endorsed", note_en="As recorded")
    url, data = recommendation_form_data(secretariat_client, update.recommendation)
    data.update(
        {
            "updates-TOTAL_FORMS": "1",
            "updates-INITIAL_FORMS": "1",
            "updates-0-id": update.pk,
            "updates-0-status": "dropped",
            "updates-0-date": "2024-03-01",
            "updates-0-note_en": "Rewritten",
            "updates-0-DELETE": "on",
        }
    )
    secretariat_client.post(url, data)
    update.refresh_from_db()
    assert (update.status, update.note_en) == ("endorsed", "As recorded")
    assert ProgressUpdate.objects.count() == 1


def test_action_items_need_someone_responsible_in_the_admin(secretariat_client):
    recommendation = RecommendationFactory()
    url, data = recommendation_form_data(secretariat_client, recommendation)
    data.update(
        {
            "action_items-TOTAL_FORMS": "1",
            "action_items-0-action_en": "Post the budget",
            "action_items-0-due_on": "2026-12-31",
            "action_items-0-status": "planned",
        }
    )
    response = secretariat_client.post(url, data)
    assert response.status_code == 200
    assert "Say who is responsible" in response.text
    assert not ActionItem.objects.exists()
    data["action_items-0-responsible_party_en"] = "Bavel District Administration"
    assert secretariat_client.post(url, data).status_code == 302
    assert ActionItem.objects.get().responsible == "Bavel District Administration"


def test_recommendations_filter_by_current_status(secretariat_client):
    implemented = RecommendationFactory(text_en="Done one")
    ProgressUpdateFactory(recommendation=implemented, status="implemented")
    RecommendationFactory(text_en="New one")
    response = secretariat_client.get(
        reverse("admin:casestudies_recommendation_changelist"),
        {"status": "implemented"},
    )
    assert [r.text_en for r in response.context["cl"].result_list] == ["Done one"]


def test_action_items_filter_overdue(secretariat_client):
    past = timezone.localdate() - timedelta(days=1)
    ActionItemFactory(action_en="Late", due_on=past, status="in_progress")
    ActionItemFactory(action_en="Done late", due_on=past, status="done")
    ActionItemFactory(action_en="Not due yet")
    response = secretariat_client.get(
        reverse("admin:casestudies_actionitem_changelist"), {"due": "overdue"}
    )
    assert [i.action_en for i in response.context["cl"].result_list] == ["Late"]


def test_recommendations_export_with_their_current_status(secretariat_client):
    recommendation = RecommendationFactory(text_en="Publish the budget.")
    ProgressUpdateFactory(recommendation=recommendation, status="in_progress")
    response = secretariat_client.post(
        reverse("admin:casestudies_recommendation_export"),
        {
            "format": "0",
            "resource": "0",
            "recommendationresource_text_en": "on",
            "recommendationresource_status": "on",
        },
    )
    assert response.status_code == 200
    assert "Publish the budget.,in_progress" in response.getvalue().decode()


def test_recommendations_survive_a_case_study_deletion_attempt(secretariat_client):
    recommendation = RecommendationFactory()
    case_study = recommendation.case_study
    response = secretariat_client.post(
        reverse("admin:casestudies_casestudy_delete", args=[case_study.pk]),
        {"post": "yes"},
    )
    assert response.status_code == 200  # "cannot delete": protected
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
