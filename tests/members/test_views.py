import io

import pytest
from django.urls import reverse
from PIL import Image

from core.models import Province, Theme
from members.models import Contact, Organization, WorkingGroup
from tests.factories import (
    ContactFactory,
    OrganizationFactory,
    PartnerFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def names_on(response):
    return {org.name_en for org in response.context["page_obj"]}


def test_directory_lists_active_members_only(client):
    OrganizationFactory(name_en="Active Org")
    OrganizationFactory(name_en="Lapsed Org", membership_status="lapsed")
    PartnerFactory(name_en="Donor Agency")
    response = client.get(reverse("members:directory"))
    assert names_on(response) == {"Active Org"}


def test_partners_page_lists_partners_only(client):
    OrganizationFactory(name_en="Active Org")
    PartnerFactory(name_en="UNDP Cambodia")
    response = client.get(reverse("members:partners"))
    assert names_on(response) == {"UNDP Cambodia"}


@pytest.mark.parametrize(
    "query", ["ctod", "CTOD", "Community Training", "សហគមន៍ដើម្បីអភិវឌ្ឍ", "Tráining"]
)
def test_directory_search_matches_english_khmer_and_acronym(client, query):
    OrganizationFactory(
        name_en="Community Training Organization for Development",
        name_km="អង្គការបណ្តុះបណ្តាលសហគមន៍ដើម្បីអភិវឌ្ឍន៍",
        acronym="CTOD",
    )
    OrganizationFactory(name_en="Aphivat Strey", name_km="អភិវឌ្ឍស្ត្រី", acronym="AS")
    response = client.get(reverse("members:directory"), {"q": query})
    assert names_on(response) == {"Community Training Organization for Development"}


def test_directory_filters_combine_and_stay_in_pagination_links(client):
    kampot = Province.objects.get(code="07")
    gender = Theme.objects.get(slug="gender")
    wanted = OrganizationFactory(name_en="Kampot Women", provinces=[kampot])
    wanted.themes.add(gender)
    OrganizationFactory(name_en="Kampot Farmers", provinces=[kampot])
    other = OrganizationFactory(name_en="Battambang Women")
    other.themes.add(gender)
    for _ in range(30):
        twin = OrganizationFactory(provinces=[kampot])
        twin.themes.add(gender)
    response = client.get(
        reverse("members:directory"), {"province": kampot.pk, "theme": gender.pk}
    )
    assert response.context["paginator"].count == 31
    assert "Battambang Women" not in response.text
    assert f"province={kampot.pk}" in response.context["request"].GET.urlencode()
    page_two = client.get(
        reverse("members:directory"),
        {"province": kampot.pk, "theme": gender.pk, "page": 2},
    )
    assert page_two.status_code == 200
    assert "page=2" in response.text
    assert f"theme={gender.pk}" in response.text.split("page=2")[0].rsplit("href", 1)[1]


def test_directory_filters_by_working_group_and_kind(client):
    group = WorkingGroup.objects.create(name_en="WGPD", acronym="WGPD", slug="wgpd")
    in_group = OrganizationFactory(name_en="In the group", kind="cbo")
    group.organizations.add(in_group)
    OrganizationFactory(name_en="Not in the group", kind="cbo")
    response = client.get(
        reverse("members:directory"), {"working_group": "wgpd", "kind": "cbo"}
    )
    assert names_on(response) == {"In the group"}


def test_directory_sorts_by_joining_date(client):
    OrganizationFactory(name_en="Older", joined_on="2005-01-01")
    OrganizationFactory(name_en="Newer", joined_on="2020-01-01")
    response = client.get(reverse("members:directory"), {"sort": "-joined"})
    assert [o.name_en for o in response.context["page_obj"]] == ["Newer", "Older"]


def test_directory_shows_names_in_khmer_on_khmer_pages(client):
    OrganizationFactory(name_en="Aphivat Strey", name_km="អភិវឌ្ឍស្ត្រី")
    response = client.get("/km/members/")
    assert "អភិវឌ្ឍស្ត្រី" in response.text
    assert 'lang="km"' in response.text


@pytest.mark.parametrize("count", [10, 200])
def test_directory_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    for _ in range(count):
        OrganizationFactory()
    # Session-less anonymous page: count, page of rows, provinces, filter choices.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("members:directory"))
    assert response.status_code == 200


def test_profile_shows_only_public_contacts(client):
    organization = OrganizationFactory()
    ContactFactory(organization=organization, name="Public Person", is_public=True)
    ContactFactory(
        organization=organization,
        name="Private Person",
        phone="+855 99 111 222",
        email="private@example.org",
    )
    response = client.get(organization.get_absolute_url())
    assert "Public Person" in response.text
    assert "Private Person" not in response.text
    assert "+855 99 111 222" not in response.text
    assert "private@example.org" not in response.text


@pytest.mark.parametrize("count", [10, 200])
def test_profile_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    organization = OrganizationFactory()
    for _ in range(count):
        ContactFactory(organization=organization, is_public=True)
        OrganizationFactory()
    with django_assert_max_num_queries(8):
        response = client.get(organization.get_absolute_url())
    assert response.status_code == 200


def test_profile_of_a_withdrawn_member_is_not_public(client):
    organization = OrganizationFactory(membership_status="withdrawn")
    assert client.get(organization.get_absolute_url()).status_code == 404


def test_profile_renders_markdown_description_sanitised(client):
    organization = OrganizationFactory(
        description_en="**Bold** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    response = client.get(organization.get_absolute_url())
    assert "<strong>Bold</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert "javascript:alert" not in response.text


# Editing: the queryset is the permission, tested from the outside.


@pytest.fixture
def representative():
    return RepresentativeFactory().user


def edit_url(organization):
    return reverse("members:organization-edit", kwargs={"slug": organization.slug})


def test_anonymous_visitor_is_sent_to_sign_in_to_edit(client):
    organization = OrganizationFactory()
    response = client.get(edit_url(organization))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    response = client.post(edit_url(organization), {"name_en": "Hijacked"})
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name_en != "Hijacked"


def test_other_members_representative_cannot_edit_organization(client):
    mine = RepresentativeFactory()
    other = OrganizationFactory()
    client.force_login(mine.user)
    assert client.get(edit_url(other)).status_code == 404
    assert client.post(edit_url(other), {"name_en": "Hijacked"}).status_code == 404
    other.refresh_from_db()
    assert other.name_en != "Hijacked"


def test_ordinary_signed_in_user_cannot_edit_organization(client):
    client.force_login(UserFactory())
    assert client.get(edit_url(OrganizationFactory())).status_code == 404


def profile_data(organization, **changes):
    """The profile form as its page shows it now (at the saved version)."""
    data = {
        "edited_version": Organization.objects.get(pk=organization.pk).version,
        "name_en": organization.name_en,
        "name_km": organization.name_km,
        "acronym": organization.acronym,
        "description_en": organization.description_en,
        "description_km": "",
        "website": "",
        "email": "",
        "phone": "",
        "address": "",
        "head_office_province": organization.head_office_province_id,
        "provinces": [p.pk for p in organization.provinces.all()],
        "themes": [],
        "founded_year": "",
        "registration_number": "",
    }
    data.update(changes)
    return data


def png_upload(name="logo.png", size=(400, 300)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1b5e20").save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_representative_edits_profile_and_logo(client):
    link = RepresentativeFactory()
    organization = link.organization
    client.force_login(link.user)
    data = profile_data(organization, name_km="អង្គការថ្មី", logo=png_upload())
    response = client.post(edit_url(organization), data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name_km == "អង្គការថ្មី"
    assert organization.logo.name.startswith("logos/")
    assert organization.history.first().history_user == link.user


def contacts_url(organization):
    return reverse("members:organization-contacts", args=[organization.slug])


def test_representative_adds_a_contact_on_its_own_page(client):
    link = RepresentativeFactory()
    client.force_login(link.user)
    assert client.get(contacts_url(link.organization)).status_code == 200
    response = client.post(
        contacts_url(link.organization),
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-edited_version": link.organization.version,
            "contacts-MIN_NUM_FORMS": "0",
            "contacts-MAX_NUM_FORMS": "1000",
            "contacts-0-name": "Chan Sreymom",
            "contacts-0-sex": "female",
            "contacts-0-position": "Director",
            "contacts-0-phone": "+855 12 345 678",
            "contacts-0-email": "sreymom@example.org",
            "contacts-0-is_public": "on",
        },
    )
    assert response.url == reverse("members:mine")
    contact = Contact.objects.get(organization=link.organization)
    assert (contact.name, contact.is_public) == ("Chan Sreymom", True)


def test_a_bad_contact_is_refused_in_khmer_and_nothing_is_saved(client):
    link = RepresentativeFactory()
    client.force_login(link.user)
    response = client.post(
        "/km" + contacts_url(link.organization),
        {
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "0",
            "contacts-edited_version": link.organization.version,
            "contacts-0-name": "Chan Sreymom",
            "contacts-0-sex": "female",
            "contacts-0-email": "not an email",
        },
    )
    assert response.status_code == 200
    assert "សូម" in response.text  # the messages are in Khmer
    assert not Contact.objects.filter(organization=link.organization).exists()


def test_contacts_of_another_organisation_are_not_found(client):
    client.force_login(RepresentativeFactory().user)
    assert client.get(contacts_url(OrganizationFactory())).status_code == 404
    client.logout()
    response = client.get(contacts_url(OrganizationFactory()))
    assert "/accounts/login/" in response.url


def test_staff_can_edit_any_organization(secretariat_client):
    assert secretariat_client.get(edit_url(OrganizationFactory())).status_code == 200


def test_staff_without_the_permission_or_two_factor_cannot_edit(client):
    client.force_login(StaffFactory())
    response = client.get(edit_url(OrganizationFactory()))
    assert response.status_code == 302
    assert "two-factor" in response.url or "totp" in response.url


def test_a_profile_with_two_representatives_opens_for_a_signed_in_member(client):
    organization = OrganizationFactory()
    RepresentativeFactory.create_batch(2, organization=organization)
    client.force_login(RepresentativeFactory().user)
    assert client.get(organization.get_absolute_url()).status_code == 200


def test_bad_profile_input_saves_nothing_and_explains(client):
    link = RepresentativeFactory()
    organization = link.organization
    client.force_login(link.user)
    data = profile_data(
        organization,
        name_en="",
        website="not a url",
        logo=io.BytesIO(b"MZ\x90\x00 not an image"),
    )
    data["logo"].name = "logo.jpg"
    with_khmer = client.post("/km" + edit_url(organization), data)
    assert with_khmer.status_code == 200
    form = with_khmer.context["form"]
    assert {"name_en", "website", "logo"} <= set(form.errors)
    organization.refresh_from_db()
    assert organization.name_en
    assert not organization.logo


def test_my_organisation_shows_standing_gaps_contacts_and_dues(client):
    link = RepresentativeFactory(
        organization__name_en="Aphivat Strey", organization__name_km=""
    )
    ContactFactory(organization=link.organization, name="Private Person")
    link.organization.contributions.create(year=2026, amount=800000, currency="KHR")
    OrganizationFactory(name_en="Someone Else")
    client.force_login(link.user)

    response = client.get(reverse("members:mine"))

    assert "Aphivat Strey" in response.text
    assert "Someone Else" not in response.text
    assert "Add the organisation&#x27;s name in Khmer." in response.text
    assert "Add a contact that the public can see." in response.text
    assert "Private Person" in response.text
    assert "Not paid yet" in response.text
    assert "800,000 KHR" in response.text
    assert edit_url(link.organization) in response.text


def test_my_organisation_of_a_complete_profile_says_so(client):
    link = RepresentativeFactory(
        organization__description_km="ការពង្រឹងស្ត្រី",
        organization__logo="logos/aphivat.png",
    )
    ContactFactory(organization=link.organization, is_public=True)
    client.force_login(link.user)
    response = client.get("/km" + reverse("members:mine"))
    assert response.context["organizations"][0].profile_gaps() == []
    assert "To complete it" not in response.text


def test_my_organisation_needs_a_sign_in(client):
    response = client.get(reverse("members:mine"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_representative_sees_contribution_status_by_year(client):
    link = RepresentativeFactory()
    link.organization.contributions.create(
        year=2025, amount=100, currency="USD", paid_on="2025-03-01"
    )
    link.organization.contributions.create(year=2026, amount=100, currency="USD")
    client.force_login(link.user)
    response = client.get(reverse("members:mine"))
    assert "2025" in response.text
    assert "Not paid yet" in response.text


def test_profile_lists_the_events_it_took_part_in_that_the_visitor_may_see(client):
    from tests.factories import ActivityFactory

    organization = OrganizationFactory()
    public = ActivityFactory(title_en="Public forum in Kampot", visibility="public")
    public.organisers.add(organization)
    internal = ActivityFactory(title_en="Internal planning", visibility="internal")
    internal.partners.add(organization)
    response = client.get(organization.get_absolute_url())
    assert "Public forum in Kampot" in response.text
    assert "Internal planning" not in response.text


def test_working_groups_count_the_active_members_their_page_lists(client):
    group = WorkingGroup.objects.create(
        name_en="Women in local governance", acronym="WLG", slug="wlg"
    )
    group.organizations.add(
        OrganizationFactory(),
        OrganizationFactory(),
        OrganizationFactory(membership_status="lapsed"),
    )
    listed = client.get(reverse("members:workinggroup-list")).text
    assert "2 member organisations" in listed
