import pytest
from playwright.sync_api import expect

from tests.factories import ActivityFactory, OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_dashboard_renders_without_javascript_in_both_languages(
    browser, page, live_server, assert_accessible
):
    OrganizationFactory.create_batch(3)
    ActivityFactory(visibility="public")
    no_script = browser.new_context(java_script_enabled=False).new_page()
    for prefix in ("", "/km"):
        url = f"{live_server.url}{prefix}/dashboard/"
        no_script.goto(url)
        expect(no_script.locator("svg[role=img]").first).to_be_visible()
        expect(no_script.locator("table caption").first).to_be_attached()
        # axe-core is itself a script: it checks the same page in `page`.
        page.goto(url)
        assert_accessible(page)
    expect(no_script.locator("html")).to_have_attribute("lang", "km")
    no_script.context.close()
