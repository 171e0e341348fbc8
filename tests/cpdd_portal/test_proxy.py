"""The visitor's address behind the reverse proxy, and only behind it.

Django's test client connects from 127.0.0.1, which is a trusted proxy by
default (TRUSTED_PROXIES); REMOTE_ADDR stands for whoever opened the
connection to gunicorn: the proxy, or a visitor who went around it.
"""

import json
import logging

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"
VISITOR = "203.0.113.7"
OTHER_VISITOR = "198.51.100.23"


@pytest.fixture(autouse=True)
def behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = [f"{PROXY}/32", "::1"]


def apply(client, **meta):
    """Whether the join form refuses the application as one too many."""
    response = client.post(reverse("members:apply"), {}, **meta)
    # A form error today; a 429 page once the join form answers that way.
    return response.status_code == 429 or "Too many applications" in response.text


def test_a_forged_forwarded_for_from_outside_cannot_escape_the_rate_limit(client):
    # Straight to the app, not through the proxy: each request claims to come
    # from somewhere else, and all of them count against the sender.
    for n in range(5):
        apply(client, REMOTE_ADDR=VISITOR, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert apply(client, REMOTE_ADDR=VISITOR, HTTP_X_FORWARDED_FOR="192.0.2.99")


def test_the_proxy_s_visitors_are_counted_one_by_one(client):
    for _ in range(5):
        assert not apply(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VISITOR)
    assert apply(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VISITOR)
    # Another visitor behind the same proxy is not limited by the first one.
    assert not apply(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OTHER_VISITOR)


def test_a_visitor_cannot_choose_the_address_through_the_proxy(client):
    # The proxy appends the address it saw; what the visitor wrote comes
    # before it and is ignored.
    for n in range(5):
        forged = f"192.0.2.{n}, {VISITOR}"
        apply(client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forged)
    assert apply(
        client, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {VISITOR}"
    )


def test_sign_in_failures_are_limited_per_visitor_behind_the_proxy(client):
    # allauth allows 10 failed sign-ins a minute from one address (emails
    # differ, so its per-account limit stays out of the way).
    def sign_in(n, visitor):
        return client.post(
            reverse("account_login"),
            {"login": f"nobody{n}@example.org", "password": "wrong-password"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    for n in range(10):
        sign_in(n, VISITOR)
    assert "Too many failed login attempts" in sign_in(10, VISITOR).text
    assert "Too many failed login attempts" not in sign_in(11, OTHER_VISITOR).text


def test_the_request_log_names_the_visitor(client, caplog):
    with caplog.at_level(logging.INFO, logger="cpdd_portal.requests"):
        client.get(reverse("healthz"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=VISITOR)
        client.get(
            reverse("healthz"),
            REMOTE_ADDR=OTHER_VISITOR,
            HTTP_X_FORWARDED_FOR=VISITOR,
        )
    addresses = [record.remote_addr for record in caplog.records]
    assert addresses == [VISITOR, OTHER_VISITOR]


def test_only_the_proxy_can_say_the_connection_was_https(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    about = reverse("about")
    through_proxy = client.get(about, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_PROTO="https")
    assert through_proxy.status_code == 200
    around_proxy = client.get(
        about, REMOTE_ADDR=VISITOR, HTTP_X_FORWARDED_PROTO="https"
    )
    assert around_proxy.status_code == 301
    assert around_proxy["Location"].startswith("https://")


def test_proxies_may_be_networks(client, settings, caplog):
    settings.TRUSTED_PROXIES = ["172.30.80.0/24"]
    with caplog.at_level(logging.INFO, logger="cpdd_portal.requests"):
        client.get(
            reverse("healthz"),
            REMOTE_ADDR="172.30.80.2",
            # A chain of two proxies in the network: the visitor is before them.
            HTTP_X_FORWARDED_FOR=f"{VISITOR}, 172.30.80.9",
        )
    assert [record.remote_addr for record in caplog.records] == [VISITOR]


def test_a_garbled_chain_leaves_the_proxy_s_address(client, caplog):
    with caplog.at_level(logging.INFO, logger="cpdd_portal.requests"):
        client.get(
            reverse("healthz"), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="<script>"
        )
    assert json.dumps([r.remote_addr for r in caplog.records]) == f'["{PROXY}"]'
