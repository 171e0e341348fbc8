import pytest
from django.urls import reverse

from events import demo
from events.models import Activity, Agreement, NewsPost, Project
from members import demo as members_demo
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    staff, member = StaffFactory(), UserFactory()
    members_demo.load(staff=staff, member=member)
    counts = demo.load(staff=staff, member=member)
    return staff, member, counts


def test_demo_holds_the_coalitions_activities_history_and_news(loaded):
    activities = Activity.objects.with_participation()
    closing = activities.get(slug="project-closing-workshop-2025-09-18")
    assert closing.venue_en == "Hyatt Regency Phnom Penh"
    assert {o.acronym for o in closing.organisers.all()} == {"NCDD", "UNDP"}
    assert "Strengthening Transparency […]" in closing.title_en
    assert closing.project is None
    assert not closing.is_example
    mou_counts = {
        slug: activities.get(slug=slug).total
        for slug in (
            "mou-signing-thankscarbon-2025-07-09",
            "mou-signing-pdaff-pursat-2025-07-04",
            "mou-signing-pdaff-kampong-speu-2025-07-03",
        )
    }
    assert list(mou_counts.values()) == [6, 13, 14]
    gef = activities.get(slug="gef-sgp-orientation-workshop-2025-09")
    assert (gef.starts_at.day, gef.ends_at.day) == (2, 4)
    # The texts give no days for the Battambang consultations: none made up.
    assert not activities.filter(slug__startswith="joint-consultation-").exists()
    project = Project.objects.get()
    assert project.title_en == "Example Civic Engagement Project (fictional)"
    assert {d.name_en for d in project.districts.all()} == {
        "Kampong Cham",
        "Siem Reap",
        "Ban Lung",
    }
    assert Agreement.objects.filter(signing_activity__isnull=False).count() == 3

    # Enough generated history to make filters and reports meaningful.
    years = {a.starts_at.year for a in Activity.objects.all()}
    assert set(range(2016, 2027)) <= years
    assert Activity.objects.count() > 300
    assert {a.kind for a in Activity.objects.all()} == set(Activity.Kind.values)
    assert Activity.objects.filter(visibility="members").exists()
    assert Activity.objects.upcoming().filter(accepts_registrations=True).exists()

    # News in both languages; a draft and a scheduled post wait.
    published = NewsPost.objects.published()
    assert published.count() >= 10
    assert all(post.title_km and post.body_km for post in published)
    assert NewsPost.objects.filter(status="draft").exists()
    assert NewsPost.objects.exclude(pk__in=published).filter(status="published")


def test_demo_loads_again_unchanged_and_its_pages_render(loaded, client):
    staff, member, counts = loaded
    history = Activity.history.count()
    assert demo.load(staff=staff, member=member) == counts
    assert Activity.history.count() == history
    for url in (
        reverse("events:activity-list"),
        "/events/project-closing-workshop-2025-09-18/",
        "/km/events/project-closing-workshop-2025-09-18/",
        reverse("news:post-list"),
        reverse("events:calendar"),
    ):
        assert client.get(url).status_code == 200, url
