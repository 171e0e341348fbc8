"""Representative invitations: they belong to their address, work once and expire."""

import threading
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.models import OutgoingMail
from members import services
from members.models import Representative, RepresentativeInvitation
from tests.factories import OrganizationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

INVITED = "new.rep@example.org"


def invite(organization=None, email=INVITED):
    return services.invite_representative(
        organization=organization or OrganizationFactory(),
        email=email,
        invited_by=StaffFactory(),
    )


def test_another_account_holding_the_link_is_refused(client):
    invitation = invite()
    client.force_login(UserFactory(email="someone.else@example.org"))

    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 403
    assert f"This invitation was sent to {INVITED}" in page.text
    assert reverse("account_logout") in page.text  # to sign in with the right one

    response = client.post(invitation.get_absolute_url())
    assert response.status_code == 403
    assert not invitation.organization.representatives.exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None

    # Signing out from the page leads to the sign-in, and back to the link.
    back = reverse("account_login") + f"?next={invitation.get_absolute_url()}"
    assert client.post(reverse("account_logout"), {"next": back}).url == back

    # The link still works for the account that has the address, in any case.
    invitee = UserFactory(email="New.Rep@Example.org")
    client.force_login(invitee)
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert invitation.organization.representatives.get() == invitee


def test_refusal_is_in_the_visitors_language(client):
    invitation = invite()
    client.force_login(UserFactory())
    page = client.get("/km" + invitation.get_absolute_url())
    assert page.status_code == 403
    assert "ការអញ្ជើញនេះត្រូវបានផ្ញើទៅ" in page.text


def test_an_unconfirmed_invited_address_is_refused(client):
    invitation = invite()
    user = UserFactory(email=INVITED, verified=False)
    EmailAddress.objects.create(user=user, email=INVITED, primary=True)
    client.force_login(user)

    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 403
    assert "not confirmed it yet" in page.text
    assert client.post(invitation.get_absolute_url()).status_code == 403
    assert not invitation.organization.representatives.exists()


def test_an_expired_link_says_so_and_seats_nobody(client):
    invitation = invite()
    RepresentativeInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(UserFactory(email=INVITED))

    page = client.get(invitation.get_absolute_url())
    assert page.status_code == 410
    assert "This invitation expired on" in page.text
    assert client.post(invitation.get_absolute_url()).status_code == 410
    assert not invitation.organization.representatives.exists()


def test_invitations_last_as_many_days_as_the_setting_says(
    settings, django_capture_on_commit_callbacks
):
    settings.REPRESENTATIVE_INVITATION_DAYS = 3
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite()
    lifetime = invitation.expires_at - timezone.now()
    assert timedelta(days=2, hours=23) < lifetime <= timedelta(days=3)
    assert "until" in mail.outbox[-1].body


def test_staff_renew_an_expired_invitation_and_it_is_sent_again(
    secretariat_client, django_capture_on_commit_callbacks
):
    invitation = invite()
    RepresentativeInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    mail.outbox.clear()
    changelist = reverse("admin:members_representativeinvitation_changelist")

    expired = secretariat_client.get(changelist, {"status": "expired"})
    assert INVITED in expired.text
    assert "Expired" in expired.text
    assert INVITED not in secretariat_client.get(changelist, {"status": "pending"}).text

    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            changelist,
            {"action": "renew_selected", "_selected_action": [invitation.pk]},
        )
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert mail.outbox[-1].to == [INVITED]
    assert invitation.get_absolute_url() in mail.outbox[-1].body
    assert INVITED in secretariat_client.get(changelist, {"status": "pending"}).text

    client = Client()
    client.force_login(UserFactory(email=INVITED))
    assert client.post(invitation.get_absolute_url()).status_code == 302
    assert invitation.organization.representatives.exists()


def test_an_accepted_invitation_is_not_renewed(secretariat_client):
    invitation = invite()
    services.accept_invitation(invitation=invitation, user=UserFactory(email=INVITED))
    accepted = RepresentativeInvitation.objects.get(pk=invitation.pk)
    queued = OutgoingMail.objects.count()
    response = secretariat_client.post(
        reverse("admin:members_representativeinvitation_changelist"),
        {"action": "renew_selected", "_selected_action": [invitation.pk]},
        follow=True,
    )
    assert "was accepted already" in response.text
    assert OutgoingMail.objects.count() == queued
    assert RepresentativeInvitation.objects.get(pk=invitation.pk).expires_at == (
        accepted.expires_at
    )


def accept_at_once(url, users):
    """POST `url` from one client per user, in threads released together.

    Each thread has its own database connection, as two web workers would.
    """
    barrier = threading.Barrier(len(users))
    statuses = [None] * len(users)

    def accept(index, user):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait(timeout=10)
            statuses[index] = client.post(url).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(i, user)) for i, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return statuses


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_accepts_of_one_link_succeed_once():
    invitation = invite()
    invitee = UserFactory(email=INVITED)

    statuses = accept_at_once(invitation.get_absolute_url(), [invitee, invitee])

    assert sorted(statuses) == [302, 410]  # the second is told it was used
    assert Representative.objects.filter(
        organization=invitation.organization
    ).get().user == (invitee)
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_accounts_accepting_one_link_at_once_seat_one_representative():
    invitation = invite()
    invitee, other = UserFactory(email=INVITED), UserFactory()

    statuses = accept_at_once(invitation.get_absolute_url(), [invitee, other])

    assert statuses == [302, 403]
    assert [
        link.user
        for link in Representative.objects.filter(organization=invitation.organization)
    ] == [invitee]
