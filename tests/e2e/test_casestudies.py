"""Browser tests: the public follows a case study's recommendations; the
secretariat records progress and the tracker follows."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from core.models import District
from tests.factories import (
    ActionItemFactory,
    CaseStudyFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RespondentGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def banan_and_bavel():
    banan = CaseStudyFactory(title_en="Civic engagement in Banan", slug="banan")
    bavel = CaseStudyFactory(
        title_en="Civic engagement in Bavel",
        slug="bavel",
        district=District.objects.get(code="0204"),
    )
    for case_study in (banan, bavel):
        RespondentGroupFactory(case_study=case_study)
    recommendation = RecommendationFactory(
        case_study=banan, text_en="Publish the district budget on the notice board."
    )
    ProgressUpdateFactory(recommendation=recommendation, note_en="Endorsed jointly.")
    ActionItemFactory(recommendation=recommendation)
    return banan, recommendation


def implemented_in_banan(page):
    row = page.locator("tbody tr", has=page.locator("a", has_text="Banan"))
    # Cells: province, recommendations, then proposed, endorsed, in progress,
    # implemented, dropped.
    return row.locator("td").nth(5)


def test_public_filters_case_studies_opens_one_and_follows_up(
    page, live_server, assert_accessible
):
    banan_and_bavel()
    for prefix in ("", "/km"):
        page.goto(f"{live_server.url}{prefix}/case-studies/")
        assert_accessible(page)
        page.select_option("#id_district", "0201")  # Banan
        page.locator(".filters button[type=submit]").click()
        expect(page.locator(".card")).to_have_count(1)
        page.locator(".card a").first.click()
        expect(page.locator(".recommendation")).to_have_count(1)
        expect(page.locator(".timeline li")).to_have_count(1)
        assert_accessible(page)
        page.goto(f"{live_server.url}{prefix}/case-studies/follow-up/")
        # Only districts with recommendations are tracked: Banan, not Bavel.
        expect(page.locator("tbody tr")).to_have_count(1)
        assert_accessible(page)
    expect(page.locator("html")).to_have_attribute("lang", "km")


def test_staff_record_progress_and_the_tracker_changes(
    page, live_server, secretariat_user
):
    _, recommendation = banan_and_bavel()
    page.goto(f"{live_server.url}/case-studies/follow-up/")
    expect(implemented_in_banan(page)).to_have_text("0")

    client = Client()
    client.force_login(secretariat_user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page.goto(
        f"{live_server.url}/admin/casestudies/recommendation/{recommendation.pk}/change/"
    )
    # Recorded updates are read-only; the blank row after them adds one.
    page.select_option("#id_updates-1-status", "implemented")
    page.fill("#id_updates-1-date", "2026-11-20")
    page.fill("#id_updates-1-note_en", "The budget is on the notice board.")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(f"{live_server.url}/case-studies/follow-up/")
    expect(implemented_in_banan(page)).to_contain_text("1")
    page.goto(f"{live_server.url}/case-studies/banan/")
    expect(page.locator(".timeline li")).to_have_count(2)
