import pytest
from django.core import mail
from django.urls import reverse

from core.models import OutgoingMail, Province, Theme
from members import services
from members.models import MembershipApplication, Organization, Representative
from tests.factories import OrganizationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    application = MembershipApplication.objects.create(
        applicant=UserFactory(email="director@ctod.example.org"),
        name_en="Battambang Youth Network",
        name_km="បណ្តាញយុវជនបាត់ដំបង",
        acronym="BYN",
        kind="cbo",
        head_office_province=Province.objects.get(code="02"),
        description="Youth councils in Battambang.",
        contact_name="Sok Dara",
        contact_sex="male",
        contact_phone="+855 12 345 678",
        contact_email="dara@example.org",
    )
    application.provinces.set(Province.objects.filter(code="02"))
    application.themes.set(Theme.objects.filter(slug="youth"))
    return application


def test_approving_creates_an_active_member_with_its_representative(
    application, django_capture_on_commit_callbacks
):
    staff = StaffFactory()
    with django_capture_on_commit_callbacks(execute=True):
        organization = services.approve_application(
            application=application, decided_by=staff
        )
    assert organization.membership_status == "active"
    assert organization.name_km == "បណ្តាញយុវជនបាត់ដំបង"
    assert list(organization.provinces.values_list("code", flat=True)) == ["02"]
    assert organization.representatives.get() == application.applicant
    assert organization.contacts.get().name == "Sok Dara"
    change = organization.status_changes.get()
    assert (change.status, change.recorded_by) == ("active", staff)
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.organization == organization
    assert mail.outbox[-1].to == ["director@ctod.example.org"]


def test_an_unreachable_mail_server_does_not_stop_an_approval(application, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    services.approve_application(application=application, decided_by=StaffFactory())
    application.refresh_from_db()
    assert application.status == "approved"
    assert Representative.objects.get().user == application.applicant
    queued = OutgoingMail.objects.get()
    assert (queued.to, queued.status) == (["director@ctod.example.org"], "queued")


def test_an_application_is_decided_once(application):
    staff = StaffFactory()
    services.approve_application(application=application, decided_by=staff)
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.approve_application(application=application, decided_by=staff)
    with pytest.raises(services.ApplicationAlreadyDecided):
        services.decline_application(
            application=application, decided_by=staff, reason="Late"
        )
    assert Organization.objects.filter(acronym="BYN").count() == 1


def test_declining_records_the_reason_and_tells_the_applicant(
    application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_application(
            application=application,
            decided_by=StaffFactory(),
            reason="Please apply once registered with the Ministry of Interior.",
        )
    application.refresh_from_db()
    assert application.status == "declined"
    assert "Ministry of Interior" in mail.outbox[-1].body
    assert not Organization.objects.filter(acronym="BYN").exists()


def test_status_changes_are_dated_and_the_latest_applies():
    organization = OrganizationFactory(membership_status="active")
    staff = StaffFactory()
    services.record_membership_status(
        organization=organization, status="lapsed", recorded_by=staff, note="No dues"
    )
    organization.refresh_from_db()
    assert organization.membership_status == "lapsed"
    assert organization.status_changes.get().recorded_by == staff


def test_invitation_links_a_new_account_once(
    client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_representative(
            organization=organization,
            email="new.rep@example.org",
            invited_by=StaffFactory(),
        )
    assert invitation.get_absolute_url() in mail.outbox[-1].body

    page = client.get(invitation.get_absolute_url())
    assert reverse("account_signup") in page.text

    user = UserFactory(email="new.rep@example.org")
    client.force_login(user)
    response = client.post(invitation.get_absolute_url())
    assert response.url == reverse(
        "members:organization-edit", kwargs={"slug": organization.slug}
    )
    assert organization.representatives.get() == user
    # Used once: the same link no longer works.
    assert client.get(invitation.get_absolute_url()).status_code == 410


def test_invitee_who_signs_up_lands_back_on_the_invitation(client):
    organization = OrganizationFactory()
    invitation = services.invite_representative(
        organization=organization,
        email="new.rep@example.org",
        invited_by=StaffFactory(),
    )
    client.get(invitation.get_absolute_url())  # opened from the email, signed out
    user = UserFactory(email="new.rep@example.org")  # signs up and confirms
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.url == invitation.get_absolute_url()
    client.post(invitation.get_absolute_url())
    assert organization.representatives.get() == user
