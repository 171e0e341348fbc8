"""The public site tells the truth: the demo data states what the coalition's
texts (../shared/seeds) state, as they state it, attaches nothing made up to a
real organisation or person, and marks every made-up record as an example."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from casestudies import demo as casestudies_demo
from casestudies.models import CaseStudy
from core.models import District
from cpdd_portal.demo import create_demo_accounts
from events import demo as events_demo
from events.models import Activity, NewsPost
from members import demo as members_demo
from members.models import Contact, Organization, WorkingGroup
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

BANNER_EN = "This site shows demonstration data"
BANNER_KM = "គេហទំព័រនេះបង្ហាញទិន្នន័យសាកល្បង"
# The WGPD's "Active Organizations" and the DDWG's, as the texts write them.
WGPD = {
    "CIDSE",
    "Seila/PLG",
    "GTZ",
    "VBNK",
    "BfD",
    "Oxfam GB",
    "CCSP",
    "ADI/CCC",
    "JICA",
    "KID",
    "Pact Cambodia",
    "UNICEF",
    "USAID",
    "Ockenden International",
    "CDRI",
    "SIDA",
    "DFID",
    "Concern Worldwide",
}
DDWG = {
    "COWS",
    "BDC/CBO",
    "AFEC",
    "KK/CBO",
    "BTA/CBO",
    "CARD",
    "MODE",
    "CODEC",
    "BFDK",
    "Banteay Srey",
    "WfP",
    "CCD",
    "FACT",
    "PK",
    "PNKA",
    "CHRD",
    "GTZ/RDP",
    "Oxfam GB",
    "Ockenden International",
    "Pact Cambodia",
    "SCADP",
    "KID",
}
# People the texts name.
NAMED_PEOPLE = ("Phay Sokhumar", "Sokhany Prak")


# First: once the module's demo fixture is loaded, every later test sees it.
def test_the_banner_shows_only_while_an_example_exists(client):
    cache.clear()
    real = OrganizationFactory(membership_status="active")
    assert BANNER_EN not in client.get("/").content.decode()
    OrganizationFactory(membership_status="active", is_example=True)
    page = client.get(real.get_absolute_url()).content.decode()
    assert BANNER_EN in page
    assert BANNER_KM in client.get(f"/km{real.get_absolute_url()}").content.decode()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """`make run`'s demo data, loaded once for this module and rolled back."""
    folder = tmp_path_factory.mktemp("truth-files")
    with (
        override_settings(
            MEDIA_ROOT=folder / "media", PRIVATE_MEDIA_ROOT=folder / "private"
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        staff, member = create_demo_accounts()
        members_demo.load(staff=staff, member=member)
        events_demo.load(staff=staff, member=member)
        casestudies_demo.load(staff=staff, member=member)
        yield
        transaction.set_rollback(True)


def acronym_or_name(organization):
    return organization.acronym or organization.name_en


def test_working_groups_list_every_organisation_the_texts_list(demo, client):
    groups = {group.acronym: group for group in WorkingGroup.objects.all()}
    assert {acronym_or_name(o) for o in groups["WGPD"].organizations.all()} == WGPD
    assert {acronym_or_name(o) for o in groups["DDWG"].organizations.all()} == DDWG
    assert groups["WGPD"].coordinator.name_en == "Pact Cambodia"
    assert groups["DDWG"].established_on == date(2005, 5, 1)

    page = client.get(groups["WGPD"].get_absolute_url()).content.decode()
    for organization in groups["WGPD"].organizations.all():
        assert organization.get_absolute_url() in page, organization.name_en


def test_real_organisations_carry_only_what_the_texts_say(demo):
    ctod = Organization.objects.get(acronym="CTOD")
    assert ctod.name_en == "Community training organization for Development"
    assert Organization.objects.get(acronym="AS").name_en == "Aphivat Strey"
    assert Organization.objects.get(acronym="CCSP").name_en == (
        "Cambodian Civil Society Partnership"
    )
    assert "July 2017" in Organization.objects.get(acronym="MoI").description_en
    real = Organization.objects.filter(is_example=False)
    assert real.count() >= 18 + 19 + 9
    for organization in real:
        assert organization.founded_year is None, organization
        assert organization.joined_on is None, organization
        assert not organization.website, organization
        assert not organization.phone, organization
        assert not organization.email, organization
        assert not organization.registration_number, organization
        assert not organization.themes.exists(), organization
        assert not organization.contributions.exists(), organization
        assert not organization.status_changes.exists(), organization


def test_no_real_person_carries_contact_details(demo):
    for name in NAMED_PEOPLE:
        (contact,) = Contact.objects.filter(name=name)
        assert contact.phone == "", name
        assert contact.email == "", name
    assert not Contact.objects.filter(organization__is_example=False).exclude(
        phone="", email=""
    )
    # Nobody gets a made-up number; fictional people a reserved address.
    assert not Contact.objects.exclude(phone="").exists()
    assert not Contact.objects.exclude(email="").exclude(email__endswith="@example.org")


def test_the_2025_activities_show_what_the_texts_give(demo):
    activities = Activity.objects.with_participation()
    for slug, total in (
        ("mou-signing-thankscarbon-2025-07-09", 6),
        ("mou-signing-pdaff-pursat-2025-07-04", 13),
        ("mou-signing-pdaff-kampong-speu-2025-07-03", 14),
    ):
        activity = activities.get(slug=slug)
        # The texts give the number, not who was a woman or a man.
        assert (activity.total, activity.female, activity.male) == (total, 0, 0)
        assert not activity.is_example
    for slug in (
        "project-closing-workshop-2025-09-18",
        "gef-sgp-orientation-workshop-2025-09",
    ):
        activity = activities.get(slug=slug)
        assert activity.total == 0, slug
        assert not activity.photos.exists(), slug
        assert not activity.documents.exists(), slug
    closing = activities.get(slug="project-closing-workshop-2025-09-18")
    assert timezone.localtime(closing.starts_at).date() == date(2025, 9, 18)
    assert closing.venue_en == "Hyatt Regency Phnom Penh"
    gef = activities.get(slug="gef-sgp-orientation-workshop-2025-09")
    assert (
        timezone.localtime(gef.starts_at).date(),
        timezone.localtime(gef.ends_at).date(),
    ) == (date(2025, 9, 2), date(2025, 9, 4))
    # Congresses and other history are not in the texts: examples, all.
    assert Activity.objects.filter(kind="annual_congress").exists()
    assert not Activity.objects.filter(kind="annual_congress", is_example=False)
    assert Activity.objects.filter(is_example=False).count() == 5


def test_the_texts_hours_are_not_made_up(demo, client):
    page = client.get("/events/mou-signing-pdaff-pursat-2025-07-04/").content
    assert "4 July 2025" in page.decode()
    assert not re.search(rb"4 July 2025, \d\d:\d\d", page)


def test_the_battambang_studies_say_what_the_texts_say_and_nothing_more(demo):
    battambang = CaseStudy.objects.filter(is_example=False)
    assert sorted(study.district.name_en for study in battambang) == sorted(
        [
            "Banan",
            "Battambang",
            "Bavel",
            "Kamrieng",
            "Moung Ruessei",
            "Ratanak Mondol",
            "Thma Koul",
        ]
    )
    for study in battambang:
        assert "367 respondents (209 females)" in study.methodology_note_en
        assert "Nov and Dec 2021" in study.summary_en
        assert {a.acronym for a in study.authors.all()} == {"CTOD", "AS"}
        assert not study.respondent_groups.exists()
        assert not study.recommendations.exists()


def test_a_study_and_its_meetings_tell_the_same_numbers(demo):
    checked = 0
    for study in CaseStudy.objects.prefetch_related("respondent_groups"):
        meetings = Activity.objects.with_participation().filter(case_studies=study)
        rows = [
            row
            for row in study.respondent_groups.all()
            if row.method in ("consultation_meeting", "validation_workshop")
        ]
        if meetings and rows:
            checked += 1
            assert sum(row.total for row in rows) == sum(m.total for m in meetings)
    assert checked


def badge_follows(page, url):
    """Whether the first link to `url` on `page` is followed by the badge."""
    start = page.index(f'href="{url}"')
    return "badge--example" in page[start : page.index("</a>", start) + 120]


@pytest.mark.parametrize("language", ["", "/km"])
def test_every_example_record_is_marked_where_it_is_listed(demo, client, language):
    cache.clear()
    example_label = "Example" if not language else "ឧទាហរណ៍"
    checks = [
        ("/events/?page=1", Activity.objects.filter(is_example=True)),
        ("/news/", NewsPost.objects.published().filter(is_example=True)),
        ("/case-studies/", CaseStudy.objects.filter(is_example=True)),
        ("/members/", Organization.objects.active_members().filter(is_example=True)),
        ("/members/partners/", Organization.objects.partners()),
        ("/", NewsPost.objects.published()),
    ]
    for path, examples in checks:
        page = client.get(f"{language}{path}").content.decode()
        assert example_label in page, path
        marked = 0
        for record in examples:
            url = record.get_absolute_url()
            if f'href="{url}"' in page:
                assert badge_follows(page, url) == record.is_example, (path, url)
                marked += record.is_example
        assert marked, path
    # Real records carry no badge.
    for record in (
        Activity.objects.get(slug="mou-signing-pdaff-pursat-2025-07-04"),
        CaseStudy.objects.filter(is_example=False).first(),
    ):
        page = client.get(record.get_absolute_url()).content.decode()
        assert "badge--example" not in page.split("<h1", 1)[1].split("</h1>")[0]


@pytest.mark.parametrize(
    "record",
    [
        lambda: Activity.objects.filter(is_example=True).public().first(),
        lambda: NewsPost.objects.published().filter(is_example=True).first(),
        lambda: CaseStudy.objects.filter(is_example=True).first(),
        lambda: Organization.objects.filter(is_example=True).active_members().first(),
    ],
)
def test_every_example_page_carries_the_badge_and_the_banner(demo, client, record):
    record = record()
    for language, banner, label in (
        ("en", BANNER_EN, "Example"),
        ("km", BANNER_KM, "ឧទាហរណ៍"),
    ):
        url = record.get_absolute_url()
        if language == "km":
            url = f"/km{url}"
        page = client.get(url).content.decode()
        heading = page.split("<h1", 1)[1].split("</h1>")[0]
        assert "badge--example" in heading, url
        assert label in heading, url
        assert banner in page, url


def test_the_follow_up_and_search_mark_examples(demo, client):
    tracker = client.get("/case-studies/follow-up/").content.decode()
    assert tracker.count("badge--example") == 3  # the three example districts
    results = client.get("/search/", {"q": "civic engagement"}).content.decode()
    assert "badge--example" in results


def test_seed_spellings_find_the_districts_they_name(demo, client):
    for spelling, name in (
        ("Komreing", "Kamrieng"),
        ("Banna", "Banan"),
        ("Thma Kuol", "Thma Koul"),
        ("moung russei", "Moung Ruessei"),
    ):
        assert name in {d.name_en for d in District.objects.search(spelling)}
        study = CaseStudy.objects.get(district__name_en=name, is_example=False)
        page = client.get("/search/", {"q": spelling}).content.decode()
        assert study.get_absolute_url() in page, spelling
        listed = client.get("/case-studies/", {"district": spelling}).content
        assert study.get_absolute_url().encode() in listed
        assert listed.count(b"case-study-card") == 1, spelling
