"""Staff signed in with their password only get what the public gets, on every
page, file, feed, sitemap and search; with two-factor sign-in they see drafts,
internal and members-only records. Asked from the outside, through HTTP."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.permissions import SECRETARIAT_GROUP
from tests.factories import (
    ActivityDocumentFactory,
    ActivityFactory,
    AgreementFactory,
    CaseStudyFactory,
    NewsPostFactory,
    OrganizationFactory,
    StaffFactory,
    _pdf_file,
)

pytestmark = pytest.mark.django_db


def secretariat(*, two_factor):
    """A member of the Secretariat group, with every permission it grants."""
    staff = StaffFactory(two_factor=two_factor)
    staff.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return staff


@pytest.fixture
def records():
    organization = OrganizationFactory(name_en="Riverside Network")
    public = ActivityFactory(title_en="Public river workshop")
    public.partners.add(organization)
    internal = ActivityFactory(
        title_en="Internal river planning", visibility="internal"
    )
    internal.partners.add(organization)
    members = ActivityFactory(title_en="Members river meeting", visibility="members")
    return {
        "organization": organization,
        "public": public,
        "internal": internal,
        "members": members,
        "public_document": ActivityDocumentFactory(
            activity=public, title_en="River agenda"
        ),
        "internal_document": ActivityDocumentFactory(
            activity=public, title_en="River budget notes", visibility="internal"
        ),
        "members_document": ActivityDocumentFactory(
            activity=public, title_en="River members brief", visibility="members"
        ),
        "published": CaseStudyFactory(
            title_en="Published river study", slug="published-river-study"
        ),
        "draft": CaseStudyFactory(
            title_en="Draft river study",
            slug="draft-river-study",
            status="draft",
            published_on=None,
            report=_pdf_file("draft-river-report.pdf"),
        ),
        "draft_news": NewsPostFactory(
            title_en="Draft river news", status="draft", published_at=None
        ),
        "applicant": OrganizationFactory(
            name_en="River Applicants", membership_status="applicant"
        ),
    }


@pytest.mark.parametrize("two_factor", [False, True])
def test_draft_case_studies_wait_for_two_factor_sign_in(client, records, two_factor):
    draft = records["draft"]
    client.force_login(secretariat(two_factor=two_factor))
    listed = client.get(reverse("casestudies:case-study-list")).text
    assert "Published river study" in listed
    assert ("Draft river study" in listed) is two_factor
    page = client.get(draft.get_absolute_url())
    assert page.status_code == (200 if two_factor else 404)
    assert client.get(draft.report.url).status_code == (200 if two_factor else 404)
    home = client.get(reverse("home")).text
    assert "Draft river study" not in home


@pytest.mark.parametrize("two_factor", [False, True])
def test_internal_documents_wait_for_two_factor_sign_in(client, records, two_factor):
    client.force_login(secretariat(two_factor=two_factor))
    page = client.get(records["public"].get_absolute_url()).text
    assert "River agenda" in page
    assert records["public_document"].file.url in page
    for hidden in ("internal_document", "members_document"):
        document = records[hidden]
        assert (document.title_en in page) is two_factor
        assert (document.file.url in page) is two_factor
        response = client.get(document.file.url)
        assert response.status_code == (200 if two_factor else 404)


@pytest.mark.parametrize("two_factor", [False, True])
def test_internal_activities_wait_for_two_factor_sign_in(client, records, two_factor):
    client.force_login(secretariat(two_factor=two_factor))
    for name in ("internal", "members"):
        response = client.get(records[name].get_absolute_url())
        assert response.status_code == (200 if two_factor else 404)
    pages = [
        client.get(reverse("events:activity-list")).text,
        client.get(reverse("home")).text,
        client.get(records["organization"].get_absolute_url()).text,
    ]
    for page in pages:
        assert "Public river workshop" in page
        assert ("Internal river planning" in page) is two_factor


@pytest.mark.parametrize("two_factor", [False, True])
def test_unlisted_organisations_wait_for_two_factor_sign_in(
    client, records, two_factor
):
    client.force_login(secretariat(two_factor=two_factor))
    response = client.get(records["applicant"].get_absolute_url())
    assert response.status_code == (200 if two_factor else 404)


@pytest.mark.parametrize("two_factor", [False, True])
def test_agreements_wait_for_two_factor_sign_in(client, two_factor):
    agreement = AgreementFactory(document=_pdf_file("signed-mou.pdf"))
    client.force_login(secretariat(two_factor=two_factor))
    response = client.get(agreement.document.url)
    assert response.status_code == (200 if two_factor else 404)


@pytest.mark.parametrize("two_factor", [False, True])
def test_dashboard_downloads_wait_for_two_factor_sign_in(client, two_factor):
    client.force_login(secretariat(two_factor=two_factor))
    page = client.get(reverse("dashboard")).text
    assert (reverse("dashboard-csv") in page) is two_factor
    response = client.get(reverse("dashboard-csv"))
    assert response.status_code == (200 if two_factor else 302)


def found(client):
    response = client.get(reverse("search"), {"q": "river"})
    return {
        getattr(hit.record, hit.source.title) for hit in response.context["results"]
    }


def test_search_shows_staff_without_two_factor_what_the_public_sees(client, records):
    with_two_factor = secretariat(two_factor=True)
    password_only = secretariat(two_factor=False)
    # Staff with two-factor search first: their results are cached for staff
    # and must not be served to staff without it.
    client.force_login(with_two_factor)
    assert {"Internal river planning", "Members river meeting"} <= found(client)

    client.force_login(password_only)
    assert found(client) == {
        "Public river workshop",
        "Published river study",
        "Riverside Network",
    }


@pytest.mark.parametrize("two_factor", [False, True])
def test_feeds_and_sitemaps_hold_no_drafts_for_anyone(client, records, two_factor):
    client.force_login(secretariat(two_factor=two_factor))
    sitemap = client.get(
        reverse("sitemap-section", kwargs={"section": "case-studies"})
    ).text
    assert "published-river-study" in sitemap
    assert "draft-river-study" not in sitemap
    events = client.get(reverse("sitemap-section", kwargs={"section": "events"})).text
    assert records["public"].slug in events
    assert records["internal"].slug not in events
    for feed in ("news:feed-rss", "news:feed-atom"):
        assert "Draft river news" not in client.get(reverse(feed)).text
    calendar = client.get(reverse("events:calendar")).text
    assert "Internal river planning" not in calendar
