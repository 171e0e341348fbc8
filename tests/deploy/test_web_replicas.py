"""Several web containers (`docker compose up --scale web=2` with CACHE_URL on
Redis): two gunicorn processes on one Redis, one database and one media
folder, behind one proxy. What one of them changes, the other shows at once.
"""

import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings
from django.test import Client

from tests.deploy.topology import Topology, database_copy, request
from tests.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def replicas(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("replicas")
    with (
        database_copy(django_db_blocker) as url,
        Topology(
            folder,
            database_url=url,
            secret_key=settings.SECRET_KEY,
            webs=2,
            redis=True,
            web_timeout=30,
        ) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def member(replicas, django_db_blocker):
    with django_db_blocker.unblock():
        link = RepresentativeFactory()
        client = Client()
        client.force_login(link.user)
        name = settings.SESSION_COOKIE_NAME
        yield SimpleNamespace(
            organization=link.organization,
            provinces=[p.pk for p in link.organization.provinces.all()],
            session={name: client.cookies[name].value},
        )


def form_token(response):
    return hidden_value(response, "csrfmiddlewaretoken")


def hidden_value(response, name):
    return re.search(rf'name="{name}" value="([^"]+)"', response.text)[1]


def test_an_edit_through_one_web_process_shows_through_the_other_at_once(
    replicas, member
):
    first, second = (web.port for web in replicas.webs)
    organization = member.organization
    profile = organization.get_absolute_url()
    # An anonymous visitor's page, now in the second process's page cache.
    assert organization.name_en in request(second, profile).text
    assert request(second, profile).status == 200

    edit = f"/members/{organization.slug}/edit/"
    form = request(first, edit, cookies=member.session)
    body = {
        "csrfmiddlewaretoken": form_token(form),
        "edited_version": hidden_value(form, "edited_version"),
        "name_en": "Renamed through the first process",
        "name_km": organization.name_km,
        "acronym": organization.acronym,
        "description_en": organization.description_en,
        "head_office_province": organization.head_office_province_id,
        "provinces": member.provinces,
    }
    saved = request(
        first,
        edit,
        method="POST",
        body=urlencode(body, doseq=True),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        cookies={**member.session, **form.cookies()},
    )
    assert saved.status == 302, saved.text[:2000]

    assert "Renamed through the first process" in request(second, profile).text
    # The member's session works on either process.
    assert request(second, edit, cookies=member.session).status == 200
    # What they share is Redis's, not a folder both happen to see.
    shared = redis.Redis.from_url(replicas.env["CACHE_URL"])
    assert shared.dbsize() > 0


def test_rate_limits_count_across_web_processes(replicas):
    def apply(port):
        page = request(port, "/members/join/", source="127.0.0.5")
        response = request(
            port,
            "/members/join/",
            method="POST",
            body=f"csrfmiddlewaretoken={form_token(page)}",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            cookies=page.cookies(),
            source="127.0.0.5",
        )
        # A form error today; a 429 page once the join form answers that way.
        return response.status == 429 or "Too many applications" in response.text

    first, second = (web.port for web in replicas.webs)
    # Three here, two there: the sixth is refused wherever it lands.
    assert not any(apply(port) for port in (first, second, first, second, first))
    assert apply(second)
