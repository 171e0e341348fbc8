from collections import Counter

import pytest
from django.db.models import Q

from core.models import Province
from cpdd_portal.demo import create_demo_accounts
from members import demo
from members.models import (
    Contact,
    Contribution,
    MembershipStatusChange,
    Organization,
    Representative,
    WorkingGroup,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    return create_demo_accounts()


@pytest.fixture
def loaded(accounts):
    staff, member = accounts
    return demo.load(staff=staff, member=member)


def table_counts():
    return {
        "organisations": Organization.objects.count(),
        "organisation history": Organization.history.count(),
        "contacts": Contact.objects.count(),
        "contact history": Contact.history.count(),
        "contributions": Contribution.objects.count(),
        "status changes": MembershipStatusChange.objects.count(),
        "representatives": Representative.objects.count(),
        "working groups": WorkingGroup.objects.count(),
        "working group members": WorkingGroup.organizations.through.objects.count(),
        "provinces of operation": Organization.provinces.through.objects.count(),
        "themes": Organization.themes.through.objects.count(),
    }


def test_loading_twice_gives_the_same_rows(accounts):
    staff, member = accounts
    first = demo.load(staff=staff, member=member)
    after_first = table_counts()
    dues = Contribution.objects.values_list("organization__slug", "year", "paid_on")
    paid = set(dues)

    second = demo.load(staff=staff, member=member)

    assert second == first
    assert table_counts() == after_first
    assert set(dues.all()) == paid


def test_summary_counts_what_was_loaded(loaded):
    assert loaded["organisations"] == Organization.objects.count()
    assert loaded["active members"] == Organization.objects.active_members().count()
    assert loaded["contacts"] == Contact.objects.count()
    assert loaded["working groups"] == 3


def test_at_least_100_active_members(loaded):
    assert Organization.objects.active_members().count() >= 100


def test_every_province_has_an_active_member(loaded):
    active = Organization.objects.active_members()
    missing = [
        province.name_en
        for province in Province.objects.all()
        if not active.filter(
            Q(head_office_province=province) | Q(provinces=province)
        ).exists()
    ]
    assert Province.objects.count() == 25
    assert missing == []


def test_every_organisation_is_bilingual(loaded):
    for organization in Organization.objects.all():
        assert organization.name_en, organization.slug
        # The texts give no Khmer names for real organisations: none made up.
        assert organization.name_km or not organization.is_example, organization
        assert organization.description_en, organization.slug
        assert organization.description_km, organization.slug
        assert not organization.logo


NAMED = [
    ("ctod", "active", "local_ngo"),
    ("aphivat-strey", "active", "local_ngo"),
    ("ncdd", "", "government"),
    ("undp-cambodia", "", "development_partner"),
    ("thankscarbon", "", "company"),
    ("oxfam-gb", "", "ingo"),
    ("cidse", "", "ingo"),
]


def test_named_organisations(loaded):
    organizations = Organization.objects.in_bulk(
        [slug for slug, *_ in NAMED], field_name="slug"
    )
    for slug, status, kind in NAMED:
        assert organizations[slug].membership_status == status, slug
        assert organizations[slug].kind == kind, slug
        assert organizations[slug].is_member == bool(status), slug
    ctod = organizations["ctod"]
    assert ctod.name_en == "Community training organization for Development"
    # Nothing the texts do not say: no head office, founding year or date.
    assert ctod.head_office_province is None
    assert ctod.founded_year is None
    assert ctod.joined_on is None
    assert not ctod.is_example


def test_partners_are_not_members(loaded):
    partners = Organization.objects.partners()
    assert partners.filter(acronym="NCDD", name_en__contains="Sub-National").exists()
    assert not partners.filter(status_changes__isnull=False).exists()
    assert not partners.filter(contributions__isnull=False).exists()


def test_status_history_is_recorded(loaded):
    statuses = Counter(
        Organization.objects.members().values_list("membership_status", flat=True)
    )
    for status in ("applicant", "lapsed", "suspended"):
        assert statuses[status] >= 1, status
    for organization in Organization.objects.members().filter(is_example=True):
        latest = organization.status_changes.order_by(
            "-effective_on", "-recorded_at"
        ).first()
        assert latest.status == organization.membership_status, organization.slug
        assert latest.recorded_by.is_staff
    assert MembershipStatusChange.objects.filter(
        organization__slug=demo.DEMO_MEMBER, status="applicant"
    ).exists()


def test_contacts(loaded):
    for organization in Organization.objects.members().filter(is_example=True):
        assert 1 <= organization.contacts.count() <= 3, organization.slug
    # Nobody gets a made-up phone number; fictional people an example.org
    # address, the people the texts name no contact details at all.
    assert not Contact.objects.exclude(phone="").exists()
    assert (
        not Contact.objects.exclude(email="")
        .exclude(email__endswith="@example.org")
        .exists()
    )
    share = Contact.objects.public().count() / Contact.objects.count()
    assert 0.2 < share < 0.5
    assert (
        Contact.objects.public()
        .filter(name="Sokhany Prak", organization__slug="ccsp")
        .exists()
    )
    assert (
        Contact.objects.public()
        .filter(name="Phay Sokhumar", organization__slug="pact-cambodia")
        .exists()
    )


def test_dues_leave_some_unpaid(loaded):
    active = Organization.objects.active_members()
    dues_2026 = Contribution.objects.filter(year=2026, organization__in=active)
    assert dues_2026.count() == active.filter(joined_on__year__lte=2026).count()
    assert dues_2026.filter(paid_on__isnull=True).count() > dues_2026.count() / 2
    dues_2025 = Contribution.objects.filter(year=2025)
    unpaid_2025 = dues_2025.filter(paid_on__isnull=True).count()
    assert 0 < unpaid_2025 < dues_2025.count() / 2
    for contribution in Contribution.objects.exclude(paid_on=None):
        assert contribution.paid_on.year == contribution.year


def test_demo_member_represents_a_fictional_organisation(accounts, loaded):
    _, member = accounts
    (organization,) = Organization.objects.editable_by(member)
    assert organization.slug == demo.DEMO_MEMBER
    assert organization.is_example


def test_working_groups_have_members(loaded):
    groups = {group.acronym: group for group in WorkingGroup.objects.all()}
    assert set(groups) >= {"WGPD", "DFWG", "DDWG"}
    for acronym in ("WGPD", "DFWG", "DDWG"):
        group = groups[acronym]
        assert group.name_km, acronym
        assert group.purpose_km, acronym
    # The "Active Organizations" the texts list, and none other.
    assert groups["WGPD"].organizations.count() == 18
    assert groups["DDWG"].organizations.count() == 22
    assert not groups["DFWG"].organizations.exists()
    assert groups["WGPD"].coordinator.slug == "pact-cambodia"
    assert groups["WGPD"].established_on.year == 2003
    assert groups["DDWG"].established_on.isoformat() == "2005-05-01"
    assert groups["DDWG"].organizations.filter(slug="kid").exists()
    assert groups["WGPD"].organizations.filter(slug="cidse").exists()
