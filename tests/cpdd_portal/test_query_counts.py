"""Every page `make bench` loads runs the same few queries at 1x and 20x data."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.casestudies.conftest import make_followed_up_case_studies
from tests.factories import (
    ActivityFactory,
    ContactFactory,
    NewsPostFactory,
    OrganizationFactory,
    ParticipationFigureFactory,
    RegistrationFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


class World:
    """A member with its events, contacts and news, and `grow(n)` to add n of
    everything around it: organisations, events, registrations, news, case
    studies."""

    def __init__(self):
        self.organization = OrganizationFactory(name_en="Aphivat Strey")
        self.representative = RepresentativeFactory(organization=self.organization)
        self.activity = ActivityFactory(accepts_registrations=True)
        self.activity.organisers.add(self.organization)
        ParticipationFigureFactory(activity=self.activity, stakeholder_group="cso")
        self.news_post = NewsPostFactory()
        self.news_post.activities.add(self.activity)
        self.case_study = make_followed_up_case_studies(1)[0]
        self.size = 1

    def grow(self, n):
        for _ in range(n):
            other = OrganizationFactory()
            activity = ActivityFactory()
            activity.organisers.add(self.organization, other)
            ParticipationFigureFactory(activity=activity)
            RegistrationFactory(activity=self.activity, organization=other)
            ContactFactory(organization=self.organization, is_public=True)
            NewsPostFactory().activities.add(activity)
        make_followed_up_case_studies(n, start=self.size)
        self.size += n

    def pages(self):
        return {
            "home": "/",
            "home (km)": "/km/",
            "about": "/about/",
            "members": "/members/",
            "member profile": self.organization.get_absolute_url(),
            "events": "/events/",
            "event": self.activity.get_absolute_url(),
            "news": "/news/",
            "news post": self.news_post.get_absolute_url(),
            "case studies": "/case-studies/",
            "case study": self.case_study.get_absolute_url(),
            "follow-up tracker": "/case-studies/follow-up/",
            "search (en)": "/search/?q=workshop",
            "search (km)": "/km/search/?" + urlencode({"q": "ការចូលរួម"}),
            "dashboard": "/dashboard/",
        }


def count_queries(client, path):
    cache.clear()  # what a visitor gets on the first visit after a change
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


def test_public_pages_run_the_same_few_queries_at_1x_and_20x_data(client):
    world = World()
    world.grow(3)
    at_1x = {name: count_queries(client, path) for name, path in world.pages().items()}
    world.grow(57)
    at_20x = {name: count_queries(client, path) for name, path in world.pages().items()}

    # Search loads the records of each kind shown on the first page in one
    # query per kind, so its count follows which kinds rank first, not size.
    searches = [name for name in at_1x if name.startswith("search")]
    for name in searches:
        assert max(at_1x.pop(name), at_20x.pop(name)) <= MAX_QUERIES
    assert at_20x == at_1x
    assert {name: n for name, n in at_1x.items() if n > MAX_QUERIES} == {}


def test_my_organisation_runs_the_same_few_queries_at_1x_and_20x_data(client):
    world = World()
    client.force_login(world.representative.user)
    edit = f"/members/{world.organization.slug}/edit/"
    world.grow(3)
    at_1x = count_queries(client, edit)
    world.grow(57)

    assert count_queries(client, edit) == at_1x <= MAX_QUERIES
