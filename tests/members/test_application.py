import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import OutgoingMail, Province, Theme
from members.models import MembershipApplication
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase"


def application_data(**changes):
    data = {
        "name_en": "Kampot Fisherfolk Network",
        "name_km": "បណ្តាញអ្នកនេសាទកំពត",
        "acronym": "KFN",
        "kind": "cbo",
        "website": "",
        "head_office_province": Province.objects.get(code="07").pk,
        "provinces": [Province.objects.get(code="07").pk],
        "themes": [Theme.objects.get(slug="climate-environment").pk],
        "description": "Community fisheries in Kampot.",
        "founded_year": "2010",
        "registration_number": "",
        "contact_name": "Chan Sreymom",
        "contact_sex": "female",
        "contact_position": "Coordinator",
        "contact_phone": "+855 12 345 678",
        "contact_email": "sreymom@example.org",
        "account_email": "sreymom@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website_url": "",
    }
    data.update(changes)
    return data


def same_page(html):
    """The page without what changes on every request (CSP nonce, CSRF token)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", html)


def test_public_application_creates_an_unverified_account_and_notifies(
    client, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = ["secretariat@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:apply"), application_data())
    assert response.url == reverse("members:application-done")
    application = MembershipApplication.objects.get()
    assert application.status == "pending"
    assert application.applicant.email == "sreymom@example.org"
    assert not EmailAddress.objects.get(email="sreymom@example.org").verified
    recipients = [message.to for message in mail.outbox]
    assert ["secretariat@example.org"] in recipients
    assert ["sreymom@example.org"] in recipients
    done = client.get(response.url)
    assert "received" in done.text


def test_an_application_survives_a_mail_server_that_is_down(
    client, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {"BACKEND": "tests.members.test_application.BrokenEmailBackend"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:apply"), application_data())
    assert response.url == reverse("members:application-done")
    assert MembershipApplication.objects.get().status == "pending"
    assert OutgoingMail.objects.filter(to=["sreymom@example.org"]).exists()


class BrokenEmailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_confirmation_page_is_in_khmer_on_khmer_pages(client):
    response = client.get("/km" + reverse("members:application-done"))
    assert 'lang="km"' in response.text
    assert "សូមអរគុណ" in response.text


def test_signed_in_user_applies_without_a_new_account(client):
    user = UserFactory()
    client.force_login(user)
    data = application_data()
    for name in ("account_email", "password1", "password2"):
        data.pop(name)
    client.post(reverse("members:apply"), data)
    assert MembershipApplication.objects.get().applicant == user
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name_en": ""}, "name_en"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"password2": "something else"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"head_office_province": "999999"}, "head_office_province"),
        ({"founded_year": "3000"}, "founded_year"),
    ],
)
def test_bad_application_saves_nothing_and_says_why(client, changes, field):
    response = client.post(reverse("members:apply"), application_data(**changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not MembershipApplication.objects.exists()
    assert not get_user_model().objects.exists()
    assert not OutgoingMail.objects.exists()


def test_known_and_unknown_addresses_get_the_same_answer(
    client, django_capture_on_commit_callbacks
):
    holder = UserFactory(email="sreymom@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("members:apply"), application_data())
        unknown = client.post(
            reverse("members:apply"),
            application_data(account_email="new@example.org"),
        )
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert same_page(client.get(known.url).text) == same_page(
        client.get(unknown.url).text
    )
    # The account holder is told by email, and their account is untouched.
    told = [m for m in mail.outbox if m.to == ["sreymom@example.org"]]
    assert len(told) == 1
    assert reverse("account_login") in told[0].body
    assert get_user_model().objects.filter(email__iexact=holder.email).count() == 1
    assert not MembershipApplication.objects.filter(applicant=holder).exists()
    assert MembershipApplication.objects.get().applicant.email == "new@example.org"


def test_known_address_is_not_revealed_in_any_case(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="sreymom@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:apply"),
            application_data(account_email="SreyMom@Example.org"),
        )
    assert response.status_code == 302
    assert get_user_model().objects.count() == 1
    assert mail.outbox[-1].to == ["SreyMom@Example.org"]


def test_honeypot_rejects_bots(client):
    response = client.post(
        reverse("members:apply"), application_data(website_url="http://spam.example")
    )
    assert response.status_code == 400
    assert not MembershipApplication.objects.exists()


def test_applications_are_rate_limited_per_address(client):
    for n in range(5):
        client.post(
            reverse("members:apply"),
            application_data(account_email=f"a{n}@example.org", acronym=f"A{n}"),
        )
    assert MembershipApplication.objects.count() == 5
    response = client.post(
        reverse("members:apply"), application_data(account_email="a6@example.org")
    )
    assert response.status_code == 429
    assert "Too many attempts" in response.text
    assert MembershipApplication.objects.count() == 5


def test_a_tripped_limit_answers_429_in_khmer_before_looking_anything_up(client):
    UserFactory(email="sreymom@example.org")
    for n in range(5):
        client.post(
            reverse("members:apply"), application_data(account_email=f"a{n}@x.org")
        )
    url = "/km" + reverse("members:apply")
    answers = []
    for address in ("sreymom@example.org", "nobody@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, application_data(account_email=address))
        looked_up = [
            query["sql"]
            for query in queries.captured_queries
            if "auth_user" in query["sql"] or "account_emailaddress" in query["sql"]
        ]
        assert not looked_up
        answers.append((response.status_code, same_page(response.text)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 429
    assert 'lang="km"' in answers[0][1]
    assert "ព្យាយាមច្រើនដងពេក" in answers[0][1]
