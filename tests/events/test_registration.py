from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from tests.factories import (
    ActivityFactory,
    OrganizationFactory,
    RegistrationFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def representative():
    return RepresentativeFactory()


@pytest.fixture
def activity():
    return ActivityFactory(accepts_registrations=True, capacity=5)


def register_url(activity):
    return reverse("events:activity-register", args=[activity.slug])


def form_data(organization, *people):
    data = {
        "organization": organization.pk,
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "20",
    }
    for index, person in enumerate(people):
        for name, value in person.items():
            data[f"form-{index}-{name}"] = value
    return data


SOKHA = {
    "participant_name": "Chan Sokha",
    "sex": "female",
    "position": "Project officer",
    "phone": "+855 12 345 678",
    "email": "sokha@example.org",
}
DARA = {"participant_name": "Sok Dara", "sex": "male", "position": "Director"}


def test_representative_registers_named_participants(client, representative, activity):
    client.force_login(representative.user)
    page = client.get(register_url(activity))
    assert page.status_code == 200
    assert "5 places left" in page.text

    response = client.post(
        register_url(activity), form_data(representative.organization, SOKHA, DARA)
    )

    assert response.status_code == 302
    assert response.url == reverse("events:registration-list")
    registrations = Registration.objects.filter(activity=activity)
    assert {(r.participant_name, r.sex) for r in registrations} == {
        ("Chan Sokha", "female"),
        ("Sok Dara", "male"),
    }
    assert {r.registered_by for r in registrations} == {representative.user}
    assert {r.organization for r in registrations} == {representative.organization}
    listing = client.get(reverse("events:registration-list"))
    assert "Chan Sokha" in listing.text
    assert "Sok Dara" in listing.text


def test_members_only_activity_takes_registrations_from_representatives(
    client, representative
):
    activity = ActivityFactory(visibility="members", accepts_registrations=True)
    client.force_login(representative.user)
    response = client.post(
        register_url(activity), form_data(representative.organization, SOKHA)
    )
    assert response.status_code == 302
    assert activity.registrations.count() == 1


def test_registration_stops_at_capacity_and_saves_nothing(
    client, representative, activity
):
    for _ in range(4):
        RegistrationFactory(activity=activity)
    RegistrationFactory(activity=activity, status="cancelled")  # frees its place
    client.force_login(representative.user)

    response = client.post(
        register_url(activity), form_data(representative.organization, SOKHA, DARA)
    )

    assert response.status_code == 400
    assert "Only 1 place is left; you asked for 2." in response.text
    assert not activity.registrations.filter(
        organization=representative.organization
    ).exists()
    accepted = client.post(
        register_url(activity), form_data(representative.organization, SOKHA)
    )
    assert accepted.status_code == 302
    assert activity.registrations.active().count() == 5


def test_service_refuses_more_people_than_places_left(representative, activity):
    people = [
        {**SOKHA, "participant_name": f"Person {n}", "email": ""} for n in range(6)
    ]
    with pytest.raises(services.RegistrationRefused, match="Only 5 places"):
        services.register_participants(
            activity=activity,
            organization=representative.organization,
            registered_by=representative.user,
            participants=people,
        )
    assert not activity.registrations.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"accepts_registrations": False},
        {
            "starts_at": timezone.now() - timedelta(hours=1),
            "ends_at": timezone.now() + timedelta(hours=1),
        },
    ],
    ids=["not-accepting", "already-started"],
)
def test_closed_registration_is_refused(client, representative, changes):
    activity = ActivityFactory(**{"accepts_registrations": True, **changes})
    client.force_login(representative.user)
    page = client.get(register_url(activity))
    assert "Registration for this activity is closed." in page.text
    response = client.post(
        register_url(activity), form_data(representative.organization, SOKHA)
    )
    assert response.status_code == 400
    assert "Registration for this activity is closed." in response.text
    assert not activity.registrations.exists()


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ([{"participant_name": "", "sex": "female"}], "This field is required."),
        ([{**SOKHA, "email": "not-an-email"}], "Enter a valid email address."),
        ([{**SOKHA, "sex": "unknown"}], "Select a valid choice."),
        ([SOKHA, {**DARA, "participant_name": "chan sokha"}], "listed twice"),
        ([], "Enter at least one participant."),
    ],
    ids=["no-name", "bad-email", "bad-sex", "twice", "nobody"],
)
def test_bad_participant_input_explains_and_saves_nothing(
    client, representative, activity, people, message
):
    client.force_login(representative.user)
    response = client.post(
        register_url(activity), form_data(representative.organization, *people)
    )
    assert response.status_code == 400
    assert message in response.text
    assert not activity.registrations.exists()


def test_bad_input_is_explained_in_khmer_on_khmer_pages(
    client, representative, activity
):
    client.force_login(representative.user)
    response = client.post(
        "/km" + register_url(activity),
        form_data(representative.organization, {**SOKHA, "participant_name": ""}),
    )
    assert response.status_code == 400
    assert 'lang="km"' in response.text
    assert not activity.registrations.exists()


def test_registering_twice_the_same_person_is_refused(client, representative, activity):
    client.force_login(representative.user)
    client.post(register_url(activity), form_data(representative.organization, SOKHA))
    again = client.post(
        register_url(activity), form_data(representative.organization, SOKHA)
    )
    assert again.status_code == 400
    assert "already registered" in again.text
    assert activity.registrations.count() == 1


def test_cannot_register_for_another_members_organisation(
    client, representative, activity
):
    other = OrganizationFactory()
    client.force_login(representative.user)
    response = client.post(register_url(activity), form_data(other, SOKHA))
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert not activity.registrations.exists()


def test_user_without_an_organisation_is_told_how_to_register(client, activity):
    client.force_login(UserFactory())
    page = client.get(register_url(activity))
    assert "does not represent an organisation" in page.text
    response = client.post(register_url(activity), form_data(OrganizationFactory()))
    assert response.status_code == 400
    assert not activity.registrations.exists()


def test_anonymous_visitor_is_sent_to_sign_in(client, activity):
    response = client.post(register_url(activity), {"participant_name": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not activity.registrations.exists()


# Seeing and cancelling: scoped through the representative's organisations.


def cancel_url(registration):
    return reverse("events:registration-cancel", args=[registration.pk])


def test_representative_cancels_their_organisations_registration(
    client, representative
):
    registration = RegistrationFactory(organization=representative.organization)
    client.force_login(representative.user)
    assert client.get(cancel_url(registration)).status_code == 200
    response = client.post(cancel_url(registration))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    assert registration.cancelled_at is not None


def test_another_members_registration_is_not_found(client, representative):
    theirs = RegistrationFactory()
    client.force_login(representative.user)
    assert client.get(cancel_url(theirs)).status_code == 404
    assert client.post(cancel_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "registered"
    listing = client.get(reverse("events:registration-list"))
    assert theirs.participant_name not in listing.text


def test_anonymous_visitor_cannot_cancel(client):
    registration = RegistrationFactory()
    response = client.post(cancel_url(registration))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_registration_cannot_be_cancelled_once_the_activity_started(
    client, representative
):
    started = ActivityFactory(
        starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    registration = RegistrationFactory(
        activity=started, organization=representative.organization
    )
    client.force_login(representative.user)
    response = client.post(cancel_url(registration), follow=True)
    assert "can no longer be cancelled" in response.text
    registration.refresh_from_db()
    assert registration.status == "registered"


def test_a_cancelled_place_can_be_taken_again(client, representative):
    activity = ActivityFactory(accepts_registrations=True, capacity=1)
    client.force_login(representative.user)
    client.post(register_url(activity), form_data(representative.organization, SOKHA))
    registration = activity.registrations.get()
    client.post(cancel_url(registration))
    response = client.post(
        register_url(activity), form_data(representative.organization, SOKHA)
    )
    assert response.status_code == 302
    assert activity.registrations.active().count() == 1
