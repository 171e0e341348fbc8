import re

from playwright.sync_api import expect

from cpdd_portal import demo


def test_home_page_in_english_and_khmer(page, live_server, assert_accessible):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.goto(live_server.url + "/km/")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    assert_accessible(page)
