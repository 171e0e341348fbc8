from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "lang", "phrase"),
    [("/", "en", "Members"), ("/km/", "km", "សមាជិក")],
)
def test_home_page_speaks_the_language_of_its_url(client, path, lang, phrase):
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert phrase in response.text
    assert 'hreflang="km"' in response.text


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "<script>" not in response.text  # no inline script to allow


def test_khmer_font_is_self_hosted_and_only_for_khmer_text(client):
    page = client.get(reverse("home")).text
    assert 'href="/static/css/site.css"' in page
    assert "googleapis" not in page
    stylesheet = Path(finders.find("css/site.css")).read_text(encoding="utf-8")
    assert "/fonts/noto-sans-khmer-khmer-400-normal.woff2" in stylesheet
    assert "U+1780-17FF" in stylesheet  # Latin-only pages never fetch it
    assert finders.find("fonts/noto-sans-khmer-khmer-400-normal.woff2")


@pytest.mark.parametrize(
    ("path", "phrase"),
    [("/no-such-page/", "not found"), ("/km/no-such-page/", "រក")],
)
def test_missing_pages_answer_404_in_the_visitors_language(client, path, phrase):
    response = client.get(path)
    assert response.status_code == 404
    assert phrase in response.text.lower()


def test_server_error_page_explains_in_both_languages(settings):
    settings.DEBUG = False

    def broken(request):
        raise RuntimeError("boom")

    from django.urls import path

    settings.ROOT_URLCONF = type("urls", (), {"urlpatterns": [path("boom/", broken)]})
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "មានបញ្ហាបច្ចេកទេស" in response.text


def test_back_office_header_is_in_khmer_on_khmer_pages(secretariat_client):
    response = secretariat_client.get("/km/admin/")
    assert "លេខាធិការដ្ឋាន CPDD" in response.text


def test_request_is_logged_as_one_json_line(client, caplog):
    with caplog.at_level("INFO", logger="cpdd_portal.requests"):
        client.get("/about/")
    record = next(r for r in caplog.records if r.name == "cpdd_portal.requests")
    assert (record.method, record.path, record.status) == ("GET", "/about/", 200)
    assert record.duration_ms >= 0


def test_header_search_box_is_empty_except_on_search_results(secretariat_client):
    report = secretariat_client.get("/events/reports/donor/?start=2026-01-01")
    assert 'name="q" value=""' in report.text
    results = secretariat_client.get("/search/?q=forum")
    assert 'name="q" value="forum"' in results.text


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    english = client.get("/members/?kind=cbo").text
    assert 'href="/km/members/?kind=cbo" hreflang="km"' in english
    khmer = client.get("/km/members/?kind=cbo").text
    assert 'href="/members/?kind=cbo" hreflang="en"' in khmer
    assert "csrfmiddlewaretoken" not in client.get("/about/").text
