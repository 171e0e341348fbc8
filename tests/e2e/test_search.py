import pytest
from playwright.sync_api import expect

from tests.factories import NewsPostFactory, OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_header_search_finds_english_and_khmer_records(
    page, live_server, assert_accessible
):
    NewsPostFactory(
        title_en="Orientation workshop on the GEF Small Grants Programme",
        title_km="សិក្ខាសាលាតម្រង់ទិសស្តីពីកម្មវិធីជំនួយឥតសំណង GEF",
    )
    OrganizationFactory(name_en="Aphivat Strey", name_km="អភិវឌ្ឍស្ត្រី", acronym="AS")

    page.goto(live_server.url + "/")
    page.locator("header input[name=q]").fill("workshops")
    page.locator("header input[name=q]").press("Enter")
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/km/")
    page.locator("header input[name=q]").fill("អភិវឌ្ឍស្ត្រី")
    page.locator("header input[name=q]").press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.locator(".search-result__title")).to_contain_text(["អភិវឌ្ឍស្ត្រី"])
    assert_accessible(page)
