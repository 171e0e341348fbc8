import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def current_code(secret):
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_sign_up_sends_a_verification_email_and_does_not_sign_in(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert "new@example.org" in mail.outbox[0].to
    assert not EmailAddress.objects.get(email="new@example.org").verified
    assert client.get(reverse("mfa_index")).status_code == 302  # not signed in


def test_sign_in_is_by_email(client):
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unverified_address_cannot_sign_in(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_an_email(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert user.email in mail.outbox[0].to


def test_admin_sends_anonymous_visitors_to_the_portal_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)
    final_url, _status = response.redirect_chain[-1]
    assert final_url.startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in final_url


def test_admin_refuses_signed_in_non_staff(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:login"))
    assert response.status_code == 403


def test_staff_without_two_factor_must_set_it_up_before_the_back_office(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_two_factor_are_asked_for_a_code_then_reach_the_admin(client):
    staff = StaffFactory(is_superuser=True)
    TOTP.activate(staff, TOTP_SECRET)
    response = client.post(
        reverse("account_login"), {"login": staff.email, "password": PASSWORD}
    )
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_sign_in_is_rate_limited_after_repeated_failures(client):
    user = UserFactory()
    for _ in range(10):
        client.post(
            reverse("account_login"), {"login": user.email, "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_a_tripped_reset_limit_answers_alike_in_the_visitors_language(client):
    """allauth's limits answer with the portal's 429 page, whether or not the
    address has an account."""
    user = UserFactory()
    url = "/km" + reverse("account_reset_password")
    answers = []
    for email in (user.email, "nobody@example.org"):
        for _ in range(5):
            client.post(url, {"email": email})
        response = client.post(url, {"email": email})
        answers.append(response.status_code)
        assert 'lang="km"' in response.text
        assert "ការព្យាយាមច្រើនដងពេក" in response.text
    assert answers == [429, 429]
