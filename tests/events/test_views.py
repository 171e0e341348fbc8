from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.images import make_thumbnails, rendition_names
from core.models import Province, Theme
from events.models import Activity, ActivityPhoto, ParticipationFigure
from members.models import WorkingGroup
from tests.factories import (
    ActivityDocumentFactory,
    ActivityFactory,
    ActivityPhotoFactory,
    NewsPostFactory,
    OrganizationFactory,
    ParticipationFigureFactory,
    PartnerFactory,
    ProjectFactory,
    RegistrationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/events/"


def titles_on(response):
    return [activity.title_en for activity in response.context["activities"]]


# The public list.


def test_list_shows_upcoming_soonest_first_then_past_latest_first(client):
    now = timezone.now()
    ActivityFactory(title_en="In a month", starts_at=now + timedelta(days=30))
    ActivityFactory(title_en="Tomorrow", starts_at=now + timedelta(days=1))
    ActivityFactory(
        title_en="Last week",
        starts_at=now - timedelta(days=7),
        ends_at=now - timedelta(days=7, hours=-2),
    )
    ActivityFactory(
        title_en="Last year",
        starts_at=now - timedelta(days=365),
        ends_at=now - timedelta(days=365, hours=-2),
    )
    response = client.get(LIST_URL)
    assert titles_on(response) == ["Tomorrow", "In a month", "Last week", "Last year"]
    upcoming, past = response.text.index("Upcoming"), response.text.index("Past")
    assert upcoming < response.text.index("In a month") < past
    assert past < response.text.index("Last year")


def test_pages_run_on_from_the_last_upcoming_to_the_latest_past(client):
    now = timezone.now()
    for day in range(1, 26):
        ActivityFactory(title_en=f"Coming {day}", starts_at=now + timedelta(days=day))
        ActivityFactory(
            title_en=f"Past {day}",
            starts_at=now - timedelta(days=day),
            ends_at=now - timedelta(days=day, hours=-2),
        )
    pages = [titles_on(client.get(LIST_URL, {"page": n})) for n in (1, 2, 3)]
    assert pages[0] == [f"Coming {day}" for day in range(1, 21)]
    assert pages[1] == [f"Coming {day}" for day in range(21, 26)] + [
        f"Past {day}" for day in range(1, 16)
    ]
    assert pages[2] == [f"Past {day}" for day in range(16, 26)]


def test_list_filters_by_kind_province_project_working_group_and_year(client):
    project = ProjectFactory(slug="stalg")
    group = WorkingGroup.objects.create(name_en="DDWG", acronym="DDWG", slug="ddwg")
    siem_reap = Province.objects.get(code="17")
    wanted = ActivityFactory(
        title_en="Wanted",
        kind="training",
        province=siem_reap,
        project=project,
        working_group=group,
        starts_at=timezone.now().replace(year=2024, month=3, day=5),
        ends_at=timezone.now().replace(year=2024, month=3, day=6),
    )
    ActivityFactory(title_en="Other kind", kind="forum", province=siem_reap)
    ActivityFactory(title_en="Other province", kind="training", project=project)
    ActivityFactory(
        title_en="Other year",
        kind="training",
        province=siem_reap,
        project=project,
        working_group=group,
    )
    query = {
        "kind": "training",
        "province": "siem-reap",
        "project": "stalg",
        "working_group": "ddwg",
        "year": "2024",
    }
    response = client.get(LIST_URL, query)
    assert titles_on(response) == [wanted.title_en]
    # The calendar link carries the same filters.
    assert "calendar.ics?kind=training&amp;province=siem-reap" in response.text


def test_list_filters_stay_in_pagination_links(client):
    Activity.objects.bulk_create(
        [
            Activity(
                kind="workshop",
                title_en=f"Workshop {n}",
                slug=f"workshop-page-{n}",
                starts_at=timezone.now() - timedelta(days=n + 1),
                ends_at=timezone.now() - timedelta(days=n + 1, hours=-2),
                province=Province.objects.get(code="12"),
            )
            for n in range(45)
        ]
    )
    response = client.get(LIST_URL, {"kind": "workshop"})
    assert response.context["paginator"].num_pages == 3
    assert "kind=workshop&amp;page=2" in response.text
    page_two = client.get(LIST_URL, {"kind": "workshop", "page": 2})
    assert len(page_two.context["activities"]) == 20


def test_unknown_filter_values_are_explained_not_ignored(client):
    ActivityFactory()
    response = client.get(LIST_URL, {"province": "atlantis", "year": "1066"})
    assert response.status_code == 200
    assert list(response.context["activities"]) == []
    assert "Select a valid choice" in response.text


def test_list_and_detail_are_in_khmer_on_khmer_pages(client):
    activity = ActivityFactory(
        title_en="Consultation in Banan", title_km="ការពិគ្រោះយោបល់នៅស្រុកបាណន់"
    )
    for url in ("/km/events/", f"/km/events/{activity.slug}/"):
        response = client.get(url)
        assert "ការពិគ្រោះយោបល់នៅស្រុកបាណន់" in response.text
        assert 'lang="km"' in response.text


# The detail page.


def test_detail_shows_time_in_phnom_penh_place_people_and_documents(client):
    partner = PartnerFactory(name_en="United Nations Development Programme")
    member = OrganizationFactory(name_en="Aphivat Strey")
    activity = ActivityFactory(
        venue_en="Hyatt Regency Phnom Penh",
        starts_at=datetime(2025, 9, 18, 1, 0, tzinfo=UTC),
        ends_at=datetime(2025, 9, 18, 5, 0, tzinfo=UTC),
    )
    activity.organisers.add(member)
    activity.partners.add(partner)
    ParticipationFigureFactory(
        activity=activity, stakeholder_group="sna", female=12, male=31, other=0
    )
    RegistrationFactory(activity=activity, sex="female", attended=True)
    document = ActivityDocumentFactory(activity=activity, title_en="Workshop report")
    post = NewsPostFactory(title_en="Project closed")
    post.activities.add(activity)

    response = client.get(activity.get_absolute_url())

    text = response.text
    # 01:00-05:00 UTC is 08:00-12:00 in Phnom Penh.
    assert "08:00</time>\u2013" in text
    assert ">12:00</time>" in text
    assert 'datetime="2025-09-18T08:00:00+07:00"' in text
    assert "Hyatt Regency Phnom Penh, Phnom Penh" in text
    assert f'href="{member.get_absolute_url()}"' in text
    assert f'href="{partner.get_absolute_url()}"' in text
    assert "Sub-national administration officials" in text
    assert "Registered by member organisations" in text
    # Totals: 12 typed + 1 attended female, 31 male, 44 in all.
    assert all(f">{number}<" in text for number in (13, 31, 44))
    assert document.file.url in text
    assert post.get_absolute_url() in text


def test_detail_has_opengraph_and_twitter_tags_with_the_first_photo(client):
    activity = ActivityFactory(objectives_en="Share **findings** with councils.")
    photo = ActivityPhotoFactory(activity=activity)
    response = client.get(activity.get_absolute_url())
    assert f'<meta property="og:title" content="{activity.title_en}">' in response.text
    assert (
        '<meta property="og:description" content="Share findings with councils.">'
        in response.text
    )
    assert f'content="http://testserver{photo.image.url}"' in response.text
    assert 'name="twitter:card"' in response.text


def test_gallery_uses_srcset_renditions_and_lazy_loading(client):
    photo = ActivityPhotoFactory()
    make_thumbnails(photo.image)
    response = client.get(photo.activity.get_absolute_url())
    assert all(f".w{width}." in response.text for width in (320, 640))
    assert 'loading="lazy"' in response.text
    rendition = response.text.split('srcset="')[1].split(" ")[0]
    assert client.get(rendition).status_code == 200


# Visibility, from the outside: every URL, for every kind of visitor.

VIEWERS = ["anonymous", "ordinary", "representative", "staff"]
SEES = {
    "anonymous": {"public"},
    "ordinary": {"public"},
    "representative": {"public", "members"},
    "staff": {"public", "members", "internal"},
}
LEVELS = ["public", "members", "internal"]
STRICTNESS = {level: rank for rank, level in enumerate(LEVELS)}


@pytest.fixture
def world():
    """An activity at each level, each with a document at each level and a
    photo (with its renditions)."""
    activities = {}
    for level in LEVELS:
        activity = ActivityFactory(
            visibility=level,
            slug=f"{level}-activity",
            title_en=f"The {level} activity",
            accepts_registrations=True,
        )
        documents = {
            doc_level: ActivityDocumentFactory(
                activity=activity,
                visibility=doc_level,
                title_en=f"{level} activity, {doc_level} document",
            )
            for doc_level in LEVELS
        }
        photo = ActivityPhotoFactory(activity=activity)
        make_thumbnails(photo.image)
        activities[level] = (activity, documents, photo)
    return activities


def client_for(client, viewer):
    if viewer == "representative":
        client.force_login(RepresentativeFactory().user)
    elif viewer == "ordinary":
        client.force_login(UserFactory())
    elif viewer == "staff":
        from allauth.mfa.totp.internal.auth import TOTP

        staff = StaffFactory()
        TOTP.activate(staff, "JBSWY3DPEHPK3PXP")  # as staff must, to see files
        client.force_login(staff)
    return client


@pytest.mark.parametrize("viewer", VIEWERS)
def test_activity_pages_are_found_only_by_those_who_may_see_them(client, world, viewer):
    client = client_for(client, viewer)
    for level in LEVELS:
        expected = 200 if level in SEES[viewer] else 404
        for url in (f"/events/{level}-activity/", f"/km/events/{level}-activity/"):
            assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("viewer", VIEWERS)
def test_documents_download_only_for_those_who_may_see_them(client, world, viewer):
    client = client_for(client, viewer)
    for level, (_activity, documents, _photo) in world.items():
        for doc_level, document in documents.items():
            effective = max(level, doc_level, key=STRICTNESS.get)
            response = client.get(document.file.url)
            if effective in SEES[viewer]:
                assert response.status_code == 200, (level, doc_level)
                assert response["Content-Disposition"].startswith("attachment;")
                assert response["Content-Type"] == "application/pdf"
                assert b"".join(response.streaming_content).startswith(b"%PDF")
            else:
                assert response.status_code == 404, (level, doc_level)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_photos_and_renditions_show_only_to_those_who_may_see_them(
    client, world, viewer
):
    client = client_for(client, viewer)
    for level, (_activity, _documents, photo) in world.items():
        expected = 200 if level in SEES[viewer] else 404
        names = rendition_names(photo.image.name).values()
        assert len(names) == 3  # the stored photo and two renditions
        for name in names:
            response = client.get(photo.image.url_of(name))
            assert response.status_code == expected, (level, name)
            if expected == 200:
                # Shared caches may keep public photos only.
                cache = "public" if level == "public" else "no-store"
                assert cache in response["Cache-Control"]


@pytest.mark.parametrize("viewer", VIEWERS)
def test_lists_and_detail_pages_never_mention_what_the_viewer_may_not_see(
    client, world, viewer
):
    client = client_for(client, viewer)
    listed = client.get(LIST_URL).text
    hidden = [level for level in LEVELS if level not in SEES[viewer]]
    for level in LEVELS:
        assert (f"The {level} activity" in listed) == (level not in hidden)
    public_page = client.get(world["public"][0].get_absolute_url()).text
    for doc_level in hidden:
        assert f"public activity, {doc_level} document" not in public_page


@pytest.mark.parametrize("viewer", VIEWERS)
def test_news_about_a_hidden_activity_does_not_link_to_it(client, world, viewer):
    post = NewsPostFactory()
    post.activities.add(*(activity for activity, _d, _p in world.values()))
    text = client_for(client, viewer).get(post.get_absolute_url()).text
    for level in LEVELS:
        assert (f"The {level} activity" in text) == (level in SEES[viewer])


@pytest.mark.parametrize("viewer", VIEWERS)
def test_registration_page_of_a_hidden_activity_is_not_found(client, world, viewer):
    client = client_for(client, viewer)
    for level, (activity, _documents, _photo) in world.items():
        url = reverse("events:activity-register", args=[activity.slug])
        response = client.get(url)
        if viewer == "anonymous":
            assert response.status_code == 302  # to sign in
        else:
            assert response.status_code == (200 if level in SEES[viewer] else 404)


def test_calendar_lists_public_activities_only_even_for_staff(client, world):
    client.force_login(StaffFactory())
    text = client.get(reverse("events:calendar")).content.decode()
    assert "The public activity" in text
    assert "The members activity" not in text
    assert "The internal activity" not in text


def test_private_files_are_not_under_the_public_media_root(world, settings):
    _activity, documents, photo = world["members"]
    for field_file in (documents["members"].file, photo.image):
        path = field_file.path
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert field_file.url.startswith(
            f"/files/{field_file.url.split('/')[2]}/{field_file.instance.pk}/"
        )


def test_unknown_private_file_names_are_not_found(client, world):
    client.force_login(StaffFactory(two_factor=True))
    _activity, documents, photo = world["public"]
    document = documents["public"]
    for url in (
        f"/files/activity-document/{document.pk}/etc/passwd",
        f"/files/activity-document/{document.pk}/activity-documents/../../secret.pdf",
        f"/files/activity-photo/{photo.pk}/x.w640.webp",
        # Another record's file under this record's address.
        f"/files/activity-photo/{photo.pk}/{document.file.name}",
        f"/files/activity-document/{photo.pk + 1000}/{document.file.name}",
        f"/files/no-such-kind/{document.pk}/{document.file.name}",
        f"/events/files/{document.file.name}x",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("viewer", VIEWERS)
def test_old_file_addresses_lead_to_the_file_for_those_who_may_see_it(
    client, world, viewer
):
    client = client_for(client, viewer)
    for level, (_activity, documents, _photo) in world.items():
        document = documents["public"]
        response = client.get(f"/events/files/{document.file.name}")
        if level in SEES[viewer]:
            assert response.status_code == 301
            assert response["Location"] == document.file.url
        else:
            assert response.status_code == 404


def test_agreement_documents_are_for_staff_with_the_permission(
    client, secretariat_user
):
    from tests.factories import AgreementFactory, _pdf_file

    agreement = AgreementFactory(document=_pdf_file("signed-mou.pdf"))
    url = agreement.document.url
    assert client.get(url).status_code == 404
    client.force_login(RepresentativeFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(StaffFactory())  # staff, but not in the Secretariat group
    assert client.get(url).status_code == 404
    client.force_login(secretariat_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_internal_documents_wait_for_staff_two_factor_sign_in(client, secretariat_user):
    from tests.factories import ActivityDocumentFactory

    document = ActivityDocumentFactory(visibility="internal")
    public = ActivityDocumentFactory()
    client.force_login(StaffFactory())  # no two-factor sign-in yet
    assert client.get(document.file.url).status_code == 404
    assert client.get(public.file.url).status_code == 200
    client.force_login(secretariat_user)
    assert client.get(document.file.url).status_code == 200


# A fixed number of queries, whatever the number of activities.


def make_activities(count, start=0):
    """`count` activities at all levels, half past and half to come, each with
    two participation rows, made in two queries."""
    province = Province.objects.get(code="02")
    now = timezone.now()
    activities = Activity.objects.bulk_create(
        [
            Activity(
                kind="consultation",
                title_en=f"Consultation {n}",
                slug=f"bulk-{n}",
                starts_at=now + timedelta(days=n - count // 2),
                ends_at=now + timedelta(days=n - count // 2, hours=4),
                province=province,
                visibility=["public", "members", "internal"][n % 3],
            )
            for n in range(start, start + count)
        ]
    )
    ParticipationFigure.objects.bulk_create(
        [
            ParticipationFigure(
                activity=activity, stakeholder_group=group, female=n, male=n + 1
            )
            for n, activity in enumerate(activities)
            for group in ("sna", "citizens")
        ]
    )
    return activities


def count_queries(client, url):
    # The page as rendered, not as served from the anonymous page cache
    # (bulk_create, used to make the data, sends no signal to refresh it).
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["anonymous", "representative"])
def test_list_runs_the_same_few_queries_for_10_and_500_activities(client, viewer):
    client = client_for(client, viewer)
    make_activities(10, start=0)
    with_ten = count_queries(client, LIST_URL + "?province=battambang")
    make_activities(490, start=10)
    assert Activity.objects.count() == 500
    with_five_hundred = count_queries(client, LIST_URL + "?province=battambang")
    assert with_ten == with_five_hundred
    # count, upcoming count, upcoming and past rows (events.lists), and the
    # project, province and working-group choices; plus session and user when
    # signed in.
    assert with_five_hundred <= (8 if viewer == "anonymous" else 10)


@pytest.mark.parametrize("count", [10, 500])
def test_detail_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    activities = make_activities(count)
    activity = activities[0]
    activity.visibility = "public"
    activity.save()
    organisations = [OrganizationFactory() for _ in range(3)]
    activity.organisers.add(*organisations)
    activity.partners.add(PartnerFactory())
    ActivityPhoto.objects.bulk_create(
        [
            ActivityPhoto(
                activity=activity,
                image=f"activity-photos/p{n}-x.w800.jpg",
                width=800,
                height=600,
            )
            for n in range(count // 10)
        ]
    )
    for _ in range(3):
        ActivityDocumentFactory(activity=activity)
        NewsPostFactory().activities.add(activity)
    # activity, organisers, partners, themes, figures, documents, photos, news,
    # agreements.
    with django_assert_max_num_queries(9):
        response = client.get(activity.get_absolute_url())
    assert response.status_code == 200


# iCalendar.


def test_calendar_is_valid_icalendar_in_phnom_penh_time(client):
    from icalendar import Calendar

    activity = ActivityFactory(
        title_en="Annual Congress",
        starts_at=timezone.now().replace(microsecond=0) + timedelta(days=20),
    )
    ActivityFactory(title_en="Long ago", starts_at=timezone.now() - timedelta(days=400))
    response = client.get(reverse("events:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"

    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Annual Congress"]
    event = events[0]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Asia/Phnom_Penh"
    assert start == activity.starts_at
    assert event.decoded("DTEND") == activity.ends_at
    assert str(event["UID"]).startswith(f"activity-{activity.pk}@")
    assert event.decoded("DTSTAMP")
    assert str(event["URL"]).endswith(activity.get_absolute_url())
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Phnom_Penh"


def test_calendar_takes_the_list_filters(client):
    ActivityFactory(title_en="In Battambang", province=Province.objects.get(code="02"))
    ActivityFactory(title_en="In Kampot", province=Province.objects.get(code="07"))
    from icalendar import Calendar

    response = client.get(reverse("events:calendar"), {"province": "battambang"})
    summaries = [
        str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert summaries == ["In Battambang"]


# News.


def test_news_lists_latest_published_first_and_filters_by_year_and_theme(client):
    gender = Theme.objects.get(slug="gender")
    older = NewsPostFactory(
        title_en="Older", published_at=timezone.now() - timedelta(days=400)
    )
    newer = NewsPostFactory(title_en="Newer")
    newer.themes.add(gender)
    NewsPostFactory(title_en="Draft", status="draft", published_at=None)
    NewsPostFactory(
        title_en="Scheduled", published_at=timezone.now() + timedelta(days=1)
    )
    response = client.get(reverse("news:post-list"))
    assert [p.title_en for p in response.context["posts"]] == ["Newer", "Older"]
    by_theme = client.get(reverse("news:post-list"), {"theme": "gender"})
    assert [p.title_en for p in by_theme.context["posts"]] == ["Newer"]
    by_year = client.get(
        reverse("news:post-list"), {"year": str(older.published_at.year)}
    )
    assert "Older" in [p.title_en for p in by_year.context["posts"]]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "draft", "published_at": None},
        {"published_at": timezone.now() + timedelta(days=3)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_news_is_invisible_but_staff_can_preview_it(
    secretariat_client, changes
):
    post = NewsPostFactory(title_en="Not yet", **changes)
    public = Client()
    assert public.get(post.get_absolute_url()).status_code == 404
    assert "Not yet" not in public.get(reverse("news:post-list")).text
    assert "Not yet" not in public.get(reverse("news:feed-rss")).text
    assert "Not yet" not in public.get(reverse("news:feed-atom")).text
    preview = secretariat_client.get(post.get_preview_url())
    assert preview.status_code == 200
    assert "Not yet" in preview.text
    assert '<meta name="robots" content="noindex">' in preview.text
    # Staff too see the public page only once it is published.
    assert secretariat_client.get(post.get_absolute_url()).status_code == 404


def test_preview_is_for_staff_only(client):
    post = NewsPostFactory(status="draft", published_at=None)
    response = client.get(post.get_preview_url())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    client.force_login(RepresentativeFactory().user)
    assert client.get(post.get_preview_url()).status_code == 403


def test_news_post_renders_sanitised_markdown_and_cover_opengraph(client):
    from tests.factories import _photo_file

    post = NewsPostFactory(
        body_en="**Bold** <script>alert(1)</script> [x](javascript:alert(1))",
        cover_image=_photo_file(),
        cover_image_alt="Participants at the workshop",
    )
    response = client.get(post.get_absolute_url())
    assert "<strong>Bold</strong>" in response.text
    assert "<script>alert(1)" not in response.text
    assert "javascript:alert" not in response.text
    assert f'content="http://testserver{post.cover_image.url}"' in response.text
    assert '<meta property="og:type" content="article">' in response.text
    assert 'alt="Participants at the workshop"' in response.text


def test_news_post_is_in_khmer_on_khmer_pages(client):
    post = NewsPostFactory(title_km="សិក្ខាសាលាបិទគម្រោង", body_km="អត្ថបទ")
    response = client.get(f"/km{post.get_absolute_url()}")
    assert "សិក្ខាសាលាបិទគម្រោង" in response.text


def test_rss_and_atom_feeds_parse_with_the_latest_posts(client):
    import feedparser

    NewsPostFactory(title_en="Older", published_at=timezone.now() - timedelta(days=5))
    latest = NewsPostFactory(title_en="MoU signed with ThanksCarbon")
    latest.themes.add(Theme.objects.get(slug="agriculture"))
    NewsPostFactory(title_en="Draft", status="draft", published_at=None)

    rss = feedparser.parse(client.get(reverse("news:feed-rss")).content)
    assert not rss.bozo, rss.bozo_exception
    assert rss.version == "rss20"
    assert [e.title for e in rss.entries] == ["MoU signed with ThanksCarbon", "Older"]
    assert rss.entries[0].link.endswith(latest.get_absolute_url())
    assert rss.entries[0].tags[0].term == "Agriculture and livelihoods"

    atom = feedparser.parse(client.get(reverse("news:feed-atom")).content)
    assert not atom.bozo, atom.bozo_exception
    assert atom.version == "atom10"
    assert [e.title for e in atom.entries] == ["MoU signed with ThanksCarbon", "Older"]

    khmer = feedparser.parse(client.get("/km/news/feed/").content)
    assert khmer.feed.language == "km"


@pytest.mark.parametrize("count", [10, 200])
def test_news_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    theme = Theme.objects.get(slug="gender")
    for _ in range(count):
        NewsPostFactory().themes.add(theme)
    # count, page, themes of the page; no query for the filter form's years.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("news:post-list"))
    assert response.status_code == 200


def test_sitemaps_list_public_activities_and_published_news_only():
    from events.sitemaps import ActivitySitemap, NewsSitemap

    public = ActivityFactory()
    ActivityFactory(visibility="members")
    ActivityFactory(visibility="internal")
    live = NewsPostFactory()
    NewsPostFactory(status="draft", published_at=None)
    NewsPostFactory(published_at=timezone.now() + timedelta(days=1))
    assert list(ActivitySitemap().items()) == [public]
    assert list(NewsSitemap().items()) == [live]
    assert ActivitySitemap().location(public) == public.get_absolute_url()


def test_a_draft_agreement_is_not_listed_on_its_activity(client):
    from tests.factories import AgreementFactory

    activity = ActivityFactory()
    AgreementFactory(title_en="Signed MoU", signing_activity=activity)
    AgreementFactory(
        title_en="Draft MoU", signing_activity=activity, status="draft", signed_on=None
    )
    page = client.get(activity.get_absolute_url()).text
    assert "Signed MoU" in page
    assert "Draft MoU" not in page


def test_representatives_of_a_lapsed_member_see_public_activities_only(client):
    ActivityFactory(title_en="Members planning day", visibility="members")
    link = RepresentativeFactory(organization__membership_status="lapsed")
    client.force_login(link.user)
    assert "Members planning day" not in client.get(LIST_URL).text
    link.organization.membership_status = "active"
    link.organization.save()
    assert "Members planning day" in client.get(LIST_URL).text


def test_a_post_without_summary_shows_the_start_of_its_body_on_cards(client):
    NewsPostFactory(
        title_en="Budget hearing", summary_en="", body_en="The **hearing** met 40."
    )
    assert "The hearing met 40." in client.get("/").text
    assert "The hearing met 40." in client.get("/news/").text
