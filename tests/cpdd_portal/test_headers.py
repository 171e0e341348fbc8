"""The Permissions-Policy header: on every response, denying the browser
features the portal does not use and only those."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import ActivityDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db

DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "fullscreen")


def features(response):
    """{feature: allowlist} of the response's Permissions-Policy header."""
    return dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )


def test_every_kind_of_response_denies_unused_browser_features(client):
    document = ActivityDocumentFactory()
    responses = [
        client.get(reverse("home")),
        client.get(reverse("home")),  # from the page cache
        client.get("/km/about/"),
        client.get("/no-such-page/"),
        client.get(reverse("admin:index")),  # a redirect to sign in
        client.get(reverse("healthz")),
        client.get(reverse("robots-txt")),
        client.get(reverse("news:feed-rss")),
        client.get(reverse("events:calendar")),
        client.get(document.file.url),  # a file streamed from private storage
        client.post(reverse("account_login"), {"login": "x", "password": "y"}),
    ]
    client.force_login(UserFactory())
    responses.append(client.get(reverse("members:mine")))
    for response in responses:
        policy = features(response)
        for feature in DENIED:
            assert policy[feature] == "()", (response.request["PATH_INFO"], feature)


def test_what_the_portal_uses_is_not_denied(client):
    """allauth's recovery-codes page copies the codes to the clipboard."""
    policy = features(client.get(reverse("home")))
    assert "clipboard-write" not in policy
    assert all(allowlist == "()" for allowlist in policy.values())


def test_the_portals_scripts_use_no_denied_feature():
    """A script that starts to use one must change the policy with it."""
    apis = {
        "camera": r"getUserMedia",
        "microphone": r"getUserMedia",
        "geolocation": r"navigator\.geolocation",
        "payment": r"PaymentRequest",
        "usb": r"navigator\.usb",
        "fullscreen": r"requestFullscreen",
        "clipboard-read": r"clipboard\.read",
        "publickey-credentials-get": r"navigator\.credentials",
    }
    scripts = [
        path.read_text(encoding="utf-8")
        for folder in settings.STATICFILES_DIRS
        for path in Path(folder).rglob("*.js")
    ]
    assert finders.find("js/site.js")
    for feature, api in apis.items():
        assert feature in settings.PERMISSIONS_POLICY
        assert not any(re.search(api, script) for script in scripts), feature
