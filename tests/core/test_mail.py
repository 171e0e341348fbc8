"""Mail never fails a user's action: it is queued with the action's own
transaction and a real worker (`manage.py db_worker`) delivers it once the mail
server answers."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from core import mail
from core.models import OutgoingMail
from core.permissions import SECRETARIAT_GROUP
from members.models import MembershipApplication, RepresentativeInvitation
from tests.conftest import free_port, wait_for
from tests.factories import OrganizationFactory, StaffFactory, UserFactory
from tests.members.test_application import application_data

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def smtp_port(settings):
    """The web process's mail server: a port where nothing listens (yet)."""
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    settings.TASKS = DATABASE_TASKS
    settings.SECRETARIAT_EMAILS = ["secretariat@example.org"]
    return port


def delivered_to(sink, address):
    return [message for message in sink.messages if address in message["To"]]


def text_of(message):
    parts = message.walk() if message.is_multipart() else [message]
    return "".join(
        part.get_payload(decode=True).decode()
        for part in parts
        if part.get_content_type() == "text/plain"
    )


@transactional
def test_application_is_kept_while_mail_is_down_and_mailed_when_it_returns(
    client, smtp_port, smtp_sink, run_worker
):
    response = client.post(reverse("members:apply"), application_data())

    assert response.status_code == 302
    assert response.url == reverse("members:application-done")
    application = MembershipApplication.objects.get()
    assert application.applicant.email == "sreymom@example.org"
    queued = OutgoingMail.objects.order_by("to")
    assert [(m.to, m.status) for m in queued] == [
        (["secretariat@example.org"], "queued"),
        (["sreymom@example.org"], "queued"),
    ]
    done = client.get(response.url)
    assert "may take a few minutes" in done.text

    # The worker tries while the server is still down, and will try again.
    run_worker(smtp_port=smtp_port)
    failed_once = wait_for(
        lambda: OutgoingMail.objects.filter(attempts__gte=1, status="queued").first()
    )
    assert "Connection refused" in failed_once.last_error

    smtp_sink.start(smtp_port)
    wait_for(lambda: OutgoingMail.objects.filter(status="sent").count() == 2)
    (confirmation,) = delivered_to(smtp_sink, "sreymom@example.org")
    assert "/accounts/confirm-email/" in text_of(confirmation)
    assert delivered_to(smtp_sink, "secretariat@example.org")
    # Delivered: the body (a sign-in link here) is not kept.
    assert not OutgoingMail.objects.filter(status="sent").exclude(body="").exists()


@transactional
def test_password_reset_is_mailed_once_the_server_is_back(
    client, smtp_port, smtp_sink, run_worker
):
    user = UserFactory(email="member@example.org")
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302

    smtp_sink.start(smtp_port)
    run_worker(smtp_port=smtp_port)
    wait_for(lambda: delivered_to(smtp_sink, "member@example.org"))
    (reset,) = delivered_to(smtp_sink, "member@example.org")
    assert "/accounts/password/reset/key/" in text_of(reset)


@transactional
def test_invitation_is_saved_and_mailed_once_the_server_is_back(
    smtp_port, smtp_sink, run_worker
):
    staff = StaffFactory(two_factor=True)
    staff.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client = Client()
    client.force_login(staff)
    organization = OrganizationFactory()

    response = client.post(
        reverse("admin:members_representativeinvitation_add"),
        {"organization": organization.pk, "email": "rep@example.org"},
    )

    assert response.status_code == 302
    invitation = RepresentativeInvitation.objects.get()
    smtp_sink.start(smtp_port)
    run_worker(smtp_port=smtp_port)
    wait_for(lambda: delivered_to(smtp_sink, "rep@example.org"))
    (message,) = delivered_to(smtp_sink, "rep@example.org")
    assert invitation.get_absolute_url() in text_of(message)


@transactional
def test_a_slow_mail_server_never_holds_the_request(
    client, smtp_port, smtp_sink, run_worker
):
    smtp_sink.start(smtp_port, delay=3)

    started = time.monotonic()
    response = client.post(reverse("members:apply"), application_data())
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 1, f"the application took {elapsed:.2f} s"
    run_worker(smtp_port=smtp_port)
    wait_for(lambda: delivered_to(smtp_sink, "sreymom@example.org"), timeout=60)


@pytest.mark.django_db
def test_a_rolled_back_action_sends_nothing(settings):
    settings.TASKS = DATABASE_TASKS

    @transaction.atomic
    def failing_action():
        mail.send("Welcome", "Hello", ["someone@example.org"])
        raise RuntimeError("the action failed")

    with pytest.raises(RuntimeError):
        failing_action()
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_committed_action_always_has_its_mail_queued(settings):
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        queued = mail.send("Welcome", "Hello", ["someone@example.org"])
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [queued.pk]
    assert task.status == "READY"


def test_retries_back_off_over_about_two_days(settings):
    delays = [
        mail.retry_delay(attempt).total_seconds()
        for attempt in range(1, settings.MAIL_MAX_ATTEMPTS)
    ]
    assert delays[:3] == [30, 60, 120]
    assert max(delays) == 6 * 60 * 60
    assert 36 * 3600 < sum(delays) < 60 * 3600


@pytest.fixture
def failed_mail(db):
    return OutgoingMail.objects.create(
        subject="Your membership application",
        body="Follow https://example.org/secret-link to sign in",
        from_email="noreply@example.org",
        to=["applicant@example.org"],
        status=OutgoingMail.Status.FAILED,
        attempts=18,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )


def test_secretariat_sees_failed_mail_and_sends_it_again(
    secretariat_client, failed_mail, settings
):
    settings.TASKS = DATABASE_TASKS
    url = reverse("admin:core_outgoingmail_changelist")

    page = secretariat_client.get(url, {"status": "failed"})

    assert page.status_code == 200
    assert "Your membership application" in page.text
    assert "applicant@example.org" in page.text
    assert "Connection refused" in page.text
    detail = secretariat_client.get(
        reverse("admin:core_outgoingmail_change", args=[failed_mail.pk])
    )
    assert "secret-link" not in detail.text
    secretariat_client.post(
        url, {"action": "retry", "_selected_action": [failed_mail.pk]}
    )
    failed_mail.refresh_from_db()
    assert (failed_mail.status, failed_mail.attempts) == ("queued", 0)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [failed_mail.pk]


def test_staff_without_two_factor_do_not_see_the_mail_queue(client, failed_mail):
    staff = StaffFactory()
    staff.user_permissions.add(Permission.objects.get(codename="view_outgoingmail"))
    client.force_login(staff)
    response = client.get(reverse("admin:core_outgoingmail_changelist"))
    assert response.status_code == 302
    assert "Your membership application" not in response.text


@pytest.mark.django_db
def test_an_error_report_that_cannot_be_queued_never_fails_the_request(settings):
    import logging

    from django.db import DatabaseError, connection

    settings.ADMINS = ["admin@example.org"]
    settings.TASKS = DATABASE_TASKS
    with transaction.atomic():
        # The database refuses every statement until the transaction ends.
        with pytest.raises(DatabaseError), connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
        logging.getLogger("django.request").error("Internal Server Error: /x/")
        transaction.set_rollback(True)
    assert not OutgoingMail.objects.exists()
