"""Every page says whether the public page cache may keep it (core.pagecache):
a new page is neither cached nor left out by an oversight."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from core.pagecache import cached_parameters, not_cached_reason
from tests.factories import (
    ActivityFactory,
    CaseStudyFactory,
    NewsPostFactory,
    OrganizationFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

# Third-party sections that are personal or staff-only by construction.
OUTSIDE = ("admin/", "accounts/")


def _patterns(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(OUTSIDE) or route.lstrip("^").startswith(OUTSIDE):
            continue
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, route)
        else:
            yield route, pattern.callback


def _declares(view):
    parameters, reason = cached_parameters(view), not_cached_reason(view)
    # One or the other, never both; a reason says something.
    return (parameters is None) != (reason is None) and reason != ""


def test_every_url_is_cacheable_or_says_why_not():
    undeclared = [
        route
        for route, view in _patterns(get_resolver().url_patterns)
        if not _declares(view)
    ]
    assert undeclared == []


def test_every_sitemap_address_is_cacheable_or_says_why_not(client):
    OrganizationFactory()
    ActivityFactory(visibility="public")
    NewsPostFactory()
    RecommendationFactory(case_study=CaseStudyFactory(status="published"))
    index = client.get("/sitemap.xml").text
    paths = set()
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        xml = client.get(urlsplit(section).path + "?" + urlsplit(section).query).text
        paths |= {urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)}
    assert len(paths) > 20
    for path in paths:
        with translation.override("km" if path.startswith("/km/") else "en"):
            assert _declares(resolve(path).func), path


def test_the_pages_the_site_links_to_are_kept():
    for path in (
        "/",
        "/about/",
        "/search/",
        "/dashboard/",
        "/members/",
        "/events/",
        "/news/",
        "/case-studies/",
        "/case-studies/follow-up/",
        "/sitemap.xml",
    ):
        assert cached_parameters(resolve(path).func) is not None, path


def test_a_subclass_of_a_cached_page_declares_for_itself():
    from events.views import NewsDetailView, NewsPreviewView

    assert cached_parameters(NewsDetailView.as_view()) == frozenset()
    assert cached_parameters(NewsPreviewView.as_view()) is None
