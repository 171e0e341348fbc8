import gzip

import pytest

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
