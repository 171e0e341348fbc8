"""Deleting an organisation never silently takes it out of the records that
name it; deactivating it is the way out of the public lists (issue 11)."""

import pytest
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from core.models import Theme
from members.models import MembershipStatusChange, Organization, WorkingGroup
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    OrganizationFactory,
    PartnerFactory,
    ProjectFactory,
)
from tests.members.test_admin import admin_form_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:members_organization_changelist"


@pytest.fixture
def linked_partner():
    """A donor named by an activity, a project and an MoU."""
    partner = PartnerFactory(name_en="Swiss Development Cooperation", acronym="SDC")
    activity = ActivityFactory(title_en="Budget hearing in Banan")
    activity.partners.add(partner)
    project = ProjectFactory(title_en="Social Accountability", acronym="ISAF")
    project.donors.add(partner)
    agreement = AgreementFactory(title_en="MoU on district budgets")
    agreement.parties.add(partner)
    return partner


def _links(partner):
    return (
        list(partner.partnered_activities.all()),
        list(partner.funded_projects.all()),
        list(partner.agreements.all()),
    )


def test_deleting_a_linked_partner_is_refused_naming_what_refers_to_it(
    secretariat_client, linked_partner
):
    links = _links(linked_partner)
    url = reverse("admin:members_organization_delete", args=[linked_partner.pk])

    page = secretariat_client.get(url)
    assert page.status_code == 200
    assert "cannot be deleted" in page.text
    for name in ("Budget hearing in Banan", "ISAF", "MoU on district budgets"):
        assert name in page.text
    assert "Deactivate it instead" in page.text
    assert 'name="post"' not in page.text  # no button that would delete

    confirmed = secretariat_client.post(url, {"post": "yes"})
    assert confirmed.status_code == 200
    assert "cannot be deleted" in confirmed.text
    linked_partner.refresh_from_db()
    assert _links(linked_partner) == links


def test_the_refusal_is_in_the_users_language(secretariat_client, linked_partner):
    page = secretariat_client.get(
        f"/km/admin/members/organization/{linked_partner.pk}/delete/"
    )
    assert page.status_code == 200
    assert "មិនអាចលុបបានទេ៖ មានកំណត់ត្រាផ្សេងទៀត" in page.text  # "cannot be deleted"
    assert linked_partner.partnered_activities.get().title_km in page.text
    assert "សូមបិទដំណើរការវាជំនួសវិញ" in page.text  # "Deactivate it instead"


def test_bulk_delete_of_a_linked_partner_deletes_nothing(
    secretariat_client, linked_partner
):
    unlinked = PartnerFactory(name_en="Unlinked Partner")
    data = {
        "action": "delete_selected",
        "_selected_action": [linked_partner.pk, unlinked.pk],
    }
    url = reverse(CHANGELIST) + "?membership=all"

    page = secretariat_client.post(url, data)
    assert page.status_code == 200
    assert "cannot be deleted" in page.text
    assert "Budget hearing in Banan" in page.text

    confirmed = secretariat_client.post(url, {**data, "post": "yes"})
    assert confirmed.status_code == 200
    kept = Organization.objects.filter(pk__in=[linked_partner.pk, unlinked.pk])
    assert kept.count() == 2
    assert linked_partner.partnered_activities.count() == 1


def test_a_linked_organisation_cannot_be_deleted_in_code_either(linked_partner):
    with pytest.raises(ProtectedError):
        linked_partner.delete()
    with pytest.raises(ProtectedError):
        Organization.objects.filter(pk=linked_partner.pk).delete()
    assert linked_partner.funded_projects.count() == 1


@pytest.mark.parametrize(
    "refer",
    [
        lambda org: WorkingGroup.objects.create(
            name_en="Budget group", acronym="BWG", slug="bwg", coordinator=org
        ),
        lambda org: MembershipStatusChange.objects.create(
            organization=org, status="active"
        ),
    ],
    ids=["coordinator", "membership-log"],
)
def test_records_kept_about_an_organisation_stop_its_deletion(refer):
    organization = PartnerFactory()
    refer(organization)
    with pytest.raises(ProtectedError):
        organization.delete()


def test_deactivating_a_partner_takes_it_off_public_lists_and_keeps_its_links(
    secretariat_client, secretariat_user, linked_partner
):
    response = secretariat_client.post(
        reverse(CHANGELIST) + "?membership=all",
        {"action": "deactivate_selected", "_selected_action": [linked_partner.pk]},
        follow=True,
    )
    assert "1 organisation deactivated" in response.text
    linked_partner.refresh_from_db()
    assert linked_partner.membership_status == "former_partner"
    change = linked_partner.status_changes.get()
    assert (change.status, change.recorded_by) == ("former_partner", secretariat_user)

    public = Client()
    assert "Swiss Development" not in public.get(reverse("members:partners")).text
    assert public.get(linked_partner.get_absolute_url()).status_code == 404
    activity = linked_partner.partnered_activities.get()
    # Still named (not linked) where it took part.
    assert "Swiss Development" in public.get(activity.get_absolute_url()).text
    assert linked_partner not in Organization.objects.members()


def test_deactivating_an_active_member_withdraws_it(secretariat_client):
    member = OrganizationFactory()
    secretariat_client.post(
        reverse(CHANGELIST),
        {"action": "deactivate_selected", "_selected_action": [member.pk]},
    )
    member.refresh_from_db()
    assert member.membership_status == "withdrawn"


def test_an_unlinked_organisation_is_deleted_and_restored_whole(secretariat_client):
    organization = PartnerFactory(name_en="Typo Partner")
    theme = Theme.objects.first()
    organization.themes.add(theme)
    provinces = set(organization.provinces.all())
    assert provinces
    pk = organization.pk

    response = secretariat_client.post(
        reverse("admin:members_organization_delete", args=[pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=pk).exists()

    deleted = Organization.history.filter(id=pk).latest()
    assert deleted.history_type == "-"
    restore_url = reverse(
        "admin:members_organization_simple_history", args=[pk, deleted.history_id]
    )
    data = admin_form_data(secretariat_client.get(restore_url))
    assert secretariat_client.post(restore_url, data).status_code == 302

    restored = Organization.objects.get(pk=pk)
    assert restored.name_en == "Typo Partner"
    assert set(restored.provinces.all()) == provinces
    assert list(restored.themes.all()) == [theme]
