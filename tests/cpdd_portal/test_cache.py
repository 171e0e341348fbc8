import gzip
import json
import secrets
import statistics
import time

import pytest
from django.core.cache import caches

from core.content import bump_content_version
from tests.cpdd_portal.test_deploy import production_env, run_python
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_pages_come_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    OrganizationFactory(name_en="Aphivat Strey")
    client.get("/members/")
    with django_assert_num_queries(0):
        response = client.get("/members/")
    assert "Aphivat Strey" in response.text


def test_an_edit_shows_at_once(client):
    organization = OrganizationFactory(name_en="Old Name")
    client.get("/members/")
    organization.name_en = "New Name"
    organization.save()
    assert "New Name" in client.get("/members/").text


def test_signed_in_visitors_never_get_the_shared_page(client):
    client.get("/members/")  # cached for anonymous visitors
    client.force_login(UserFactory(email="dara@example.org"))
    assert "My account" in client.get("/members/").text
    client.logout()
    anonymous = client.__class__()
    assert "My account" not in anonymous.get("/members/").text


def test_languages_are_cached_apart(client):
    assert 'lang="en"' in client.get("/members/").text
    assert 'lang="km"' in client.get("/km/members/").text


def test_a_repeated_search_is_answered_from_the_cache_until_content_changes(
    client, django_assert_num_queries
):
    OrganizationFactory(name_en="Aphivat Strey")
    client.get("/search/?q=Aphivat")
    with django_assert_num_queries(0):
        assert "Strey" in client.get("/search/?q=Aphivat").text
    assert "Strey" not in client.get("/search/?q=Banteay").text
    OrganizationFactory(name_en="Aphivat Neary")
    assert "Neary" in client.get("/search/?q=Aphivat").text


def test_a_cached_page_is_sent_compressed_to_browsers_that_accept_gzip(client):
    OrganizationFactory(name_en="Aphivat Strey")
    client.get("/members/")
    response = client.get("/members/", headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "Aphivat Strey" in gzip.decompress(response.content).decode()
    plain = client.get("/members/")
    assert not plain.has_header("Content-Encoding")
    assert "Aphivat Strey" in plain.text


# The production cache, bounded and as fast full as empty.


@pytest.fixture(scope="module")
def production_cache_config():
    """CACHES["default"] as cpdd_portal.settings.prod builds it without CACHE_URL."""
    done = run_python(
        "import json\nfrom django.conf import settings\n"
        "print(json.dumps(settings.CACHES['default']))\n",
        production_env(),
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def production_cache(settings, tmp_path, production_cache_config):
    """The test's cache is the production backend, in a folder of its own."""
    settings.CACHES = {
        "default": {**production_cache_config, "LOCATION": str(tmp_path / "cache")}
    }
    yield caches["default"]
    caches["default"].clear()


def entry_count(backend):
    inner = getattr(backend, "_cache", None)  # diskcache, locmem
    return len(inner) if inner is not None else len(backend._list_cache_files())


def test_made_up_query_strings_add_no_cache_entries(client, production_cache):
    OrganizationFactory(name_en="Aphivat Strey")

    def made_up_requests(number):
        token = secrets.token_hex(4)
        assert client.get(f"/about/?{token}={number}").status_code == 200
        assert client.get(f"/members/?utm_source={token}").status_code == 200
        # Filters that are not valid, a page that is not the one shown.
        assert client.get(f"/members/?province={token}").status_code == 200
        assert client.get(f"/search/?q=Aphivat&page={number + 2}").status_code == 200
        client.get(f"/members/?page=1&page={number}")

    client.get("/about/")
    client.get("/members/")
    made_up_requests(0)  # the counts and rankings that the real pages share
    before = entry_count(production_cache)
    for number in range(1, 30):
        made_up_requests(number)
    assert entry_count(production_cache) == before


def test_one_page_keeps_a_bounded_number_of_query_strings(
    client, production_cache, settings, django_assert_num_queries
):
    settings.CACHE_ENTRIES_PER_KIND = 5
    OrganizationFactory(name_en="Aphivat Strey")
    client.get("/search/?q=Aphivat")
    client.get("/members/?q=Aphivat")
    with django_assert_num_queries(0):
        assert "Strey" in client.get("/search/?q=Aphivat").text
        assert "Strey" in client.get("/members/?q=Aphivat").text
    before = entry_count(production_cache)
    for _ in range(40):
        client.get(f"/search/?q={secrets.token_hex(6)}")
        client.get(f"/members/?q={secrets.token_hex(6)}")
    # At most five of each kind: the pages of each view (two entries each,
    # plain and compressed), search rankings, counts, and their counters.
    assert entry_count(production_cache) - before <= 5 * (2 + 2 + 1 + 1) + 2


def median_ms(action, runs):
    times = []
    for run in range(runs):
        started = time.perf_counter()
        action(run)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def test_a_full_page_cache_is_as_fast_as_an_empty_one(client, production_cache):
    page = ("<p>Aphivat Strey, Phnom Penh.</p>" * 1500).encode()  # ~50 KB

    def write(run):
        production_cache.set(f"probe:{secrets.token_hex(8)}", page, 300)

    def uncached_page(run):
        bump_content_version()  # every cached page is stale
        assert client.get("/about/").status_code == 200

    empty = (median_ms(write, 40), median_ms(uncached_page, 20))
    filler = b"x" * 1000
    started = time.monotonic()
    for start in range(0, 20_000, 1000):
        production_cache.set_many(
            {f"filler:{n}": filler for n in range(start, start + 1000)}, 3600
        )
        # Seconds here (diskcache); Django's file cache, which lists its
        # folder on every write, would take an hour.
        assert time.monotonic() - started < 120, f"{start + 1000} entries"
    assert entry_count(production_cache) >= 20_000
    full = (median_ms(write, 40), median_ms(uncached_page, 20))

    # A small factor, plus a little for a machine shared with other work.
    assert full[0] < 3 * empty[0] + 1, (empty, full)
    assert full[1] < 3 * empty[1] + 2, (empty, full)
