"""Two people saving the same organisation: the second is told, nothing is
overwritten, and their entries stay in the form to apply again."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members import services
from members.models import Contact, Organization
from tests.factories import ContactFactory, OrganizationFactory, RepresentativeFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else saved this organisation while you were editing it"
CONFLICT_KM = "មាននរណាម្នាក់ផ្សេងទៀតបានរក្សាទុក"


def representatives_of(organization, count=2):
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(RepresentativeFactory(organization=organization).user)
        clients.append(client)
    return clients


def edit_url(organization, language=""):
    with translation.override("en"):
        url = reverse("members:organization-edit", args=[organization.slug])
    return language + url


def contacts_url(organization, language=""):
    with translation.override("en"):
        url = reverse("members:organization-contacts", args=[organization.slug])
    return language + url


@pytest.fixture
def organization():
    return OrganizationFactory(
        name_en="Village Support Group",
        acronym="CDO0",
        description_en="We train commune councils.",
    )


def test_second_save_of_a_stale_profile_is_refused_and_overwrites_nothing(
    organization,
):
    first, second = representatives_of(organization)
    first_form = form_data(first.get(edit_url(organization)))
    second_form = form_data(second.get(edit_url(organization)))

    saved = first.post(edit_url(organization), {**first_form, "acronym": "VSG"})
    assert saved.status_code == 302

    refused = second.post(
        edit_url(organization),
        {**second_form, "description_en": "We support women councillors."},
    )
    assert refused.status_code == 200
    assert CONFLICT in refused.text
    # What differs, field by field: theirs and the saved value.
    assert "Acronym: yours “CDO0”, saved “VSG”." in refused.text
    assert (
        "Description in English: yours “We support women councillors.”, "
        "saved “We train commune councils.”." in refused.text
    )
    assert "The profile is saved" not in refused.text
    organization.refresh_from_db()
    assert organization.acronym == "VSG"
    assert organization.description_en == "We train commune councils."
    # The second person's entry is kept in the form, ready to save again.
    kept = form_data(refused)
    assert kept["description_en"] == "We support women councillors."

    again = second.post(edit_url(organization), kept)
    assert again.status_code == 302
    organization.refresh_from_db()
    assert organization.description_en == "We support women councillors."


def test_the_conflict_is_explained_in_khmer(organization):
    first, second = representatives_of(organization)
    first_form = form_data(first.get(edit_url(organization, "/km")))
    second_form = form_data(second.get(edit_url(organization, "/km")))
    assert first.post(edit_url(organization, "/km"), first_form).status_code == 302

    refused = second.post(
        edit_url(organization, "/km"), {**second_form, "name_en": "Renamed"}
    )
    assert refused.status_code == 200
    assert CONFLICT_KM in refused.text
    organization.refresh_from_db()
    assert organization.name_en == "Village Support Group"


def test_a_save_by_the_secretariat_in_between_is_not_overwritten(
    organization, secretariat_client
):
    (representative,) = representatives_of(organization, 1)
    stale = form_data(representative.get(edit_url(organization)))
    services.deactivate_organization(
        organization=Organization.objects.get(pk=organization.pk),
        recorded_by=None,
        note="",
    )
    refused = representative.post(edit_url(organization), stale)
    assert CONFLICT in refused.text


def contact_rows(data):
    return {key: value for key, value in data.items() if key.startswith("contacts-")}


def test_second_save_of_stale_contacts_is_refused_and_overwrites_nothing(
    organization,
):
    contact = ContactFactory(
        organization=organization, name="Chan Sreymom", position="Director"
    )
    first, second = representatives_of(organization)
    first_form = form_data(first.get(contacts_url(organization)))
    second_form = form_data(second.get(contacts_url(organization)))

    first_form["contacts-0-position"] = "Executive director"
    assert first.post(contacts_url(organization), first_form).status_code == 302

    second_form["contacts-0-phone"] = "+855 12 000 111"
    refused = second.post(contacts_url(organization), second_form)
    assert refused.status_code == 200
    assert CONFLICT in refused.text
    assert (
        "Chan Sreymom, Position: yours “Director”, saved “Executive director”."
        in refused.text
    )
    contact.refresh_from_db()
    assert (contact.position, contact.phone) == ("Executive director", contact.phone)
    assert contact.phone != "+855 12 000 111"
    kept = form_data(refused)
    assert kept["contacts-0-phone"] == "+855 12 000 111"

    assert second.post(contacts_url(organization), kept).status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "+855 12 000 111"


def test_contacts_added_or_removed_meanwhile_are_listed_in_khmer_too(organization):
    kept = ContactFactory(organization=organization, name="Chan Sreymom")
    first, second = representatives_of(organization)
    first_form = form_data(first.get(contacts_url(organization)))
    second_form = form_data(second.get(contacts_url(organization, "/km")))
    first_form.update(
        {
            "contacts-0-DELETE": "on",
            "contacts-1-name": "Keo Vanna",
            "contacts-1-sex": "male",
        }
    )
    assert first.post(contacts_url(organization), first_form).status_code == 302

    refused = second.post(contacts_url(organization, "/km"), second_form)
    assert CONFLICT_KM in refused.text
    assert "“Keo Vanna” ត្រូវបាននរណាម្នាក់ផ្សេងទៀតបន្ថែម" in refused.text
    assert "“Chan Sreymom” ត្រូវបាននរណាម្នាក់ផ្សេងទៀតលុបចោល" in refused.text
    assert not Contact.objects.filter(pk=kept.pk).exists()
    assert Contact.objects.filter(organization=organization).count() == 1


def test_contacts_saved_by_a_member_make_the_back_office_form_stale(
    organization, secretariat_client
):
    ContactFactory(organization=organization, name="Chan Sreymom")
    change_url = reverse("admin:members_organization_change", args=[organization.pk])
    stale = form_data(secretariat_client.get(change_url))

    (representative,) = representatives_of(organization, 1)
    contacts = form_data(representative.get(contacts_url(organization)))
    contacts["contacts-0-phone"] = "+855 12 000 222"
    assert representative.post(contacts_url(organization), contacts).status_code == 302

    stale["contacts-0-phone"] = "+855 99 999 999"
    refused = secretariat_client.post(change_url, stale)
    assert refused.status_code == 200
    assert CONFLICT in refused.text
    assert Contact.objects.get(organization=organization).phone == "+855 12 000 222"


def test_second_save_in_the_back_office_is_refused(
    organization, secretariat_client, second_secretariat_client
):
    change_url = reverse("admin:members_organization_change", args=[organization.pk])
    first_form = form_data(secretariat_client.get(change_url))
    second_form = form_data(second_secretariat_client.get(change_url))

    saved = secretariat_client.post(change_url, {**first_form, "phone": "023 555 01"})
    assert saved.status_code == 302

    refused = second_secretariat_client.post(
        "/km" + change_url, {**second_form, "website": "https://example.org/"}
    )
    assert refused.status_code == 200
    assert CONFLICT_KM in refused.text
    organization.refresh_from_db()
    assert (organization.phone, organization.website) == ("023 555 01", "")
