import re

import pytest
from playwright.sync_api import expect

from cpdd_portal import demo
from tests.factories import UserFactory

# live_server needs a transactional database; serialized rollback restores
# what migrations loaded (places, themes, groups) after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "correct horse battery staple"


def test_home_in_english_then_khmer_through_the_switch(
    page, live_server, assert_accessible
):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="ខ្មែរ").click()
    expect(page).to_have_url(live_server.url + "/km/")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.get_by_role("link", name="សមាជិក", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_server.url + "/")


def test_about_and_missing_pages_in_both_languages(
    page, live_server, assert_accessible
):
    for path in ("/about/", "/km/about/"):
        page.goto(live_server.url + path)
        assert_accessible(page)
    response = page.goto(live_server.url + "/km/no-such-page/")
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "km")
    assert_accessible(page)


def test_member_signs_in_by_email_and_out(page, live_server, assert_accessible):
    user = UserFactory(email="dara@example.org")
    page.goto(live_server.url + "/km/accounts/login/")
    assert_accessible(page)
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page.locator("summary")).to_be_visible()  # the account menu
    assert_accessible(page)
    page.locator("summary").click()
    page.locator(".account-menu form button").click()
    expect(page.locator("a[href$='/accounts/login/']").first).to_be_visible()


def test_staff_sign_in_with_the_two_factor_step_reaches_the_back_office(
    page, live_server, assert_accessible
):
    demo.create_demo_accounts()
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.locator("input[name=login]").fill(demo.SECRETARIAT_EMAIL)
    page.locator("input[name=password]").fill(demo.DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    assert_accessible(page)
    page.locator("input[name=code]").fill(demo.current_totp_code())
    page.locator("input[name=code]").press("Enter")
    expect(page).to_have_url(live_server.url + "/admin/")
    expect(page.locator("#site-name")).to_contain_text("CPDD")
