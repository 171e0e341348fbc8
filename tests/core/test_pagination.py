import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import NewsPost
from tests.factories import NewsPostFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_news(count):
    # 12 posts a page: 40 pages. Bulk, so the test stays quick.
    template = NewsPostFactory.build()
    NewsPost.objects.bulk_create(
        [
            NewsPost(
                title_en=f"News {n}",
                slug=f"bulk-news-{n}",
                body_en=template.body_en,
                status=template.status,
                published_at=template.published_at,
            )
            for n in range(count)
        ]
    )


def page_numbers(html):
    return re.findall(r'<span aria-hidden="true">(\d+)</span>', html)


def test_a_long_list_links_first_last_and_nearby_pages_only(client):
    make_news(480)
    html = client.get("/news/?page=20").text
    assert page_numbers(html) == ["1", "18", "19", "20", "21", "22", "40"]
    assert html.count("pagination__gap") == 2


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]


def test_a_list_is_counted_once_until_its_content_changes(client):
    OrganizationFactory.create_batch(24)  # one full page of the directory
    # Signed in, so no whole-page cache: only the count is reused.
    client.force_login(UserFactory())
    assert len(count_queries(client, "/members/")) == 1
    assert count_queries(client, "/members/?page=1") == []
    assert page_numbers(client.get("/members/").text) == []

    OrganizationFactory()  # the 25th starts a second page

    assert len(count_queries(client, "/members/")) == 1
    assert page_numbers(client.get("/members/").text) == ["1", "2"]
