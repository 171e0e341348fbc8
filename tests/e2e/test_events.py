"""Browser tests: the secretariat logs an activity and reports it; a member
registers participants. Playwright drives Chromium against live_server."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.factories import ActivityFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def sign_in_as(page, live_server, user):
    """Staff two-factor sign-in is tested in tests/e2e; here, reuse a session."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def choose(page, field, text):
    """Pick `text` in a Django admin autocomplete (select2) field."""
    page.locator(f"#{field} + .select2").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_secretariat_logs_an_activity_and_publishes_news_seen_in_both_languages(
    page, live_server, secretariat_user, assert_accessible
):
    sign_in_as(page, live_server, secretariat_user)
    # axe runs on our pages only: Django's admin widgets (select2, tabular
    # inlines) have accessibility issues of their own.
    page.goto(live_server.url + "/admin/events/activity/add/")
    page.select_option("#id_kind", "mou_signing")
    # The slug follows the English title: mou-signing-with-thankscarbon.
    page.fill("#id_title_en", "MoU signing with ThanksCarbon")
    page.locator("a[href='#tab_id_title_km']").first.click()
    page.fill("#id_title_km", "ពិធីចុះហត្ថលេខាជាមួយ ThanksCarbon")
    page.fill("#id_starts_at_0", "2025-07-09")
    page.fill("#id_starts_at_1", "14:00")
    page.fill("#id_ends_at_0", "2025-07-09")
    page.fill("#id_ends_at_1", "16:30")
    page.fill("#id_venue_en", "CPDD office")
    choose(page, "id_province", "Phnom Penh")
    page.select_option("#id_participation-0-stakeholder_group", "private_sector")
    page.fill("#id_participation-0-female", "1")
    page.fill("#id_participation-0-male", "3")
    page.select_option("#id_participation-1-stakeholder_group", "cso")
    page.fill("#id_participation-1-female", "1")
    page.fill("#id_participation-1-male", "1")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(live_server.url + "/admin/events/activity/")
    page.get_by_role("link", name="Donor report").click()
    page.fill("#id_start", "2025-01-01")
    page.fill("#id_end", "2025-12-31")
    page.get_by_role("button", name="Show the report").click()
    expect(page.locator(".donor-report tfoot").last).to_contain_text("6")
    assert_accessible(page)

    page.goto(live_server.url + "/admin/events/newspost/add/")
    page.fill("#id_title_en", "CPDD signs an MoU with ThanksCarbon")
    page.fill("#id_summary_en", "Six participants attended.")
    page.fill("#id_body_en", "The MoU covers **Takeo, Kampong Speu and Pursat**.")
    page.locator("a[href='#tab_id_title_km']").first.click()
    page.fill("#id_title_km", "CPDD ចុះហត្ថលេខាលើអនុស្សរណៈជាមួយ ThanksCarbon")
    page.select_option("#id_status", "published")
    choose(page, "id_activities", "MoU signing with ThanksCarbon")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.context.clear_cookies()  # the public's view
    page.goto(live_server.url + "/news/")
    page.get_by_role("link", name="CPDD signs an MoU with ThanksCarbon").click()
    expect(page.locator("h1")).to_have_text("CPDD signs an MoU with ThanksCarbon")
    assert_accessible(page)
    page.get_by_role("link", name="MoU signing with ThanksCarbon").click()
    expect(page.locator("tfoot")).to_contain_text("6")
    expect(page.locator("body")).to_contain_text("CPDD office")
    assert_accessible(page)

    page.goto(live_server.url + "/km/news/cpdd-signs-an-mou-with-thankscarbon/")
    expect(page.locator("h1")).to_have_text("CPDD ចុះហត្ថលេខាលើអនុស្សរណៈជាមួយ ThanksCarbon")
    assert_accessible(page)
    page.goto(live_server.url + "/km/events/mou-signing-with-thankscarbon/")
    expect(page.locator("h1")).to_have_text("ពិធីចុះហត្ថលេខាជាមួយ ThanksCarbon")
    assert_accessible(page)
    page.goto(live_server.url + "/km/events/")
    assert_accessible(page)


def test_member_registers_participants_and_cancels_one(
    page, live_server, assert_accessible
):
    link = RepresentativeFactory()
    activity = ActivityFactory(
        title_en="Annual Congress", accepts_registrations=True, capacity=40
    )
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(link.user.email)
    page.locator("input[name=password]").fill("correct horse battery staple")
    page.locator("button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    page.goto(live_server.url + activity.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Register participants").click()
    assert_accessible(page)
    page.fill("#id_form-0-participant_name", "Chan Sokha")
    page.select_option("#id_form-0-sex", "female")
    page.fill("#id_form-0-position", "Project officer")
    page.fill("#id_form-1-participant_name", "Sok Dara")
    page.select_option("#id_form-1-sex", "male")
    page.get_by_role("button", name="Register").click()

    expect(page.locator(".messages")).to_contain_text("2 participant(s) registered")
    expect(page.locator("table")).to_contain_text("Chan Sokha")
    assert_accessible(page)
    page.get_by_role("button", name="Cancel Sok Dara").click()
    expect(page.locator(".messages")).to_contain_text("is cancelled")
    assert activity.registrations.active().count() == 1
