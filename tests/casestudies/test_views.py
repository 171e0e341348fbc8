import re
from collections import Counter
from datetime import date, timedelta

import pytest
from django.db.models import Max
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from casestudies.models import (
    ActionItem,
    CaseStudy,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
)
from core.models import District, Province, Theme
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    CaseStudyFactory,
    NewsPostFactory,
    OrganizationFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    RecommendationFactory,
    RespondentGroupFactory,
    StaffFactory,
    UserFactory,
    _pdf_file,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/case-studies/"
TRACKER_URL = "/case-studies/follow-up/"


def titles(response):
    return {case_study.title_en for case_study in response.context["case_studies"]}


# The list.


def test_list_shows_published_case_studies_to_the_public_and_drafts_to_staff(
    client,
):
    CaseStudyFactory(title_en="Published")
    CaseStudyFactory(title_en="Draft", status="draft", published_on=None)
    assert titles(client.get(LIST_URL)) == {"Published"}
    client.force_login(UserFactory())
    assert titles(client.get(LIST_URL)) == {"Published"}
    client.force_login(StaffFactory())  # no two-factor sign-in yet
    assert titles(client.get(LIST_URL)) == {"Published"}
    client.force_login(StaffFactory(two_factor=True))
    assert titles(client.get(LIST_URL)) == {"Published", "Draft"}


def test_list_filters_by_province_district_theme_project_and_year(client):
    gender = Theme.objects.get(slug="gender")
    project = ProjectFactory(slug="stalg")
    wanted = CaseStudyFactory(
        title_en="Wanted",
        district=District.objects.get(code="0212"),  # Kamrieng
        project=project,
        period_start=date(2023, 3, 1),
        period_end=date(2024, 6, 30),
    )
    wanted.themes.add(gender)
    CaseStudyFactory(title_en="Other district")
    CaseStudyFactory(
        title_en="Other province",
        province=Province.objects.get(code="17"),
        district=District.objects.get(code="1710"),
    )
    cases = {
        "province": ({"province": "battambang"}, {"Wanted", "Other district"}),
        "district": ({"district": "0212"}, {"Wanted"}),
        "theme": ({"theme": "gender"}, {"Wanted"}),
        "project": ({"project": "stalg"}, {"Wanted"}),
        "year": ({"year": "2024"}, {"Wanted"}),
        "all": (
            {
                "province": "battambang",
                "district": "0212",
                "theme": "gender",
                "project": "stalg",
                "year": "2023",
            },
            {"Wanted"},
        ),
    }
    for name, (query, expected) in cases.items():
        assert titles(client.get(LIST_URL, query)) == expected, name


def test_district_choices_are_those_with_visible_case_studies(client):
    CaseStudyFactory()  # Banan
    CaseStudyFactory(
        status="draft", published_on=None, district=District.objects.get(code="0212")
    )
    form = client.get(LIST_URL).context["filter"].form
    choices = {str(label) for _value, label in form.fields["district"].choices}
    assert any("Banan" in label for label in choices)
    assert not any("Kamrieng" in label for label in choices)


def test_unknown_filter_values_are_explained_not_ignored(client):
    CaseStudyFactory()
    response = client.get(LIST_URL, {"district": "9999", "year": "1066"})
    assert response.status_code == 200
    assert list(response.context["case_studies"]) == []
    assert "Select a valid choice" in response.text


def test_cards_show_district_period_respondents_and_recommendations_implemented(
    client,
):
    case_study = CaseStudyFactory(title_en="Banan study")
    RespondentGroupFactory(case_study=case_study, female=9, male=5)
    RespondentGroupFactory(
        case_study=case_study, method="field_interview", female=6, male=4
    )
    done, _open, _new = RecommendationFactory.create_batch(3, case_study=case_study)
    ProgressUpdateFactory(recommendation=done, status="implemented")
    ProgressUpdateFactory(recommendation=_open, status="in_progress")
    page = client.get(LIST_URL).text
    assert "Banan, Battambang" in page
    assert "2021" in page
    assert "24 respondents, 15 female" in page
    assert "1 of 3 recommendations implemented" in page


def test_later_pages_show_the_same_cards_in_the_same_order(client, make_followed_up):
    make_followed_up(15)
    expected = [
        case_study.title_en for case_study in CaseStudy.objects.published().for_list()
    ]
    shown = []
    for page in (1, 2):
        response = client.get(LIST_URL, {"page": page})
        cards = response.context["case_studies"]
        shown += [case_study.title_en for case_study in cards]
        for case_study in cards:  # figures of the page's rows, annotated
            assert (case_study.respondents, case_study.implemented_count) == (18, 1)
        assert "18 respondents, 10 female" in response.text
        assert "1 of 4 recommendations implemented" in response.text
    assert shown == expected
    assert len(cards) == 3


@pytest.mark.parametrize("count", [3, 60])
def test_list_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, make_followed_up, count
):
    make_followed_up(count)
    # the province asked for, count, page (annotated), and the province,
    # district, theme and project choices.
    with django_assert_max_num_queries(7):
        response = client.get(LIST_URL, {"province": "battambang"})
    assert response.status_code == 200
    assert len(response.context["case_studies"]) == min(count, 12)


def test_list_is_in_khmer_on_khmer_pages(client):
    CaseStudyFactory(title_km="ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់")
    response = client.get("/km" + LIST_URL)
    assert 'lang="km"' in response.text
    assert "ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់" in response.text


# The detail page.


def test_drafts_are_not_found_by_the_public_but_staff_see_them(client):
    draft = CaseStudyFactory(status="draft", published_on=None)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(StaffFactory())  # no two-factor sign-in yet
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(StaffFactory(two_factor=True))
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: only staff can see it" in response.text
    assert 'name="robots" content="noindex"' in response.text


def test_detail_shows_methodology_by_method_and_sex_with_totals(client):
    case_study = CaseStudyFactory(methodology_note_en="We asked **CBOs**.")
    RespondentGroupFactory(
        case_study=case_study,
        method="focus_group",
        female=9,
        male=5,
        other=1,
        description_en="CBO members and citizens",
    )
    RespondentGroupFactory(
        case_study=case_study, method="consultation_meeting", female=15, male=13
    )
    response = client.get(case_study.get_absolute_url())
    page = response.text
    assert "<strong>CBOs</strong>" in page
    assert "<caption>Respondents by method and sex</caption>" in page
    assert "Focus group discussion" in page
    assert "CBO members and citizens" in page
    table = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert [cell.split("<")[0] for cell in table.split('class="num">')[2:]] == [
        "24",
        "18",
        "1",
        "43",
    ]
    assert "43 people, 24 female" in page


def test_detail_renders_sanitised_markdown_findings(client):
    case_study = CaseStudyFactory(
        findings_en="## What works\n\n<script>alert(1)</script>**Councils** listen."
    )
    page = client.get(case_study.get_absolute_url()).text
    assert "<h3>What works</h3>" in page
    assert "<strong>Councils</strong>" in page
    assert "alert(1)" not in page


def test_authors_link_to_their_member_profiles(client):
    case_study = CaseStudyFactory()
    ctod = OrganizationFactory(
        name_en="Community Training Organization", acronym="CTOD"
    )
    lapsed = OrganizationFactory(name_en="Lapsed Org", membership_status="lapsed")
    case_study.authors.add(ctod, lapsed)
    page = client.get(case_study.get_absolute_url()).text
    assert (
        f'<a href="{ctod.get_absolute_url()}">Community Training Organization</a>'
        in (page)
    )
    assert "Lapsed Org" in page
    assert f'href="{lapsed.get_absolute_url()}"' not in page


def test_detail_lists_only_activities_the_viewer_may_see_and_published_news(
    client,
):
    case_study = CaseStudyFactory()
    case_study.activities.add(
        ActivityFactory(title_en="Public consultation"),
        ActivityFactory(title_en="Internal meeting", visibility="internal"),
    )
    case_study.news_posts.add(
        NewsPostFactory(title_en="Published post"),
        NewsPostFactory(title_en="Draft post", status="draft", published_at=None),
    )
    page = client.get(case_study.get_absolute_url()).text
    assert "Public consultation" in page
    assert "Internal meeting" not in page
    assert "Published post" in page
    assert "Draft post" not in page
    client.force_login(StaffFactory())  # no two-factor sign-in yet
    assert "Internal meeting" not in client.get(case_study.get_absolute_url()).text
    client.force_login(StaffFactory(two_factor=True))
    assert "Internal meeting" in client.get(case_study.get_absolute_url()).text


def test_recommendations_show_status_timeline_and_action_plan(client):
    recommendation = RecommendationFactory(
        text_en="Publish the district budget.", endorsed_on=date(2021, 11, 18)
    )
    ProgressUpdateFactory(
        recommendation=recommendation,
        status="endorsed",
        date=date(2021, 11, 18),
        note_en="Endorsed at the meeting.",
    )
    ProgressUpdateFactory(
        recommendation=recommendation,
        status="implemented",
        date=date(2023, 2, 10),
        note_en="Budget posted.",
    )
    ActionItemFactory(
        recommendation=recommendation,
        action_en="Post the summary",
        due_on=timezone.localdate() - timedelta(days=3),
        status="in_progress",
    )
    ActionItemFactory(
        recommendation=recommendation,
        action_en="Print leaflets",
        due_on=timezone.localdate() - timedelta(days=3),
        status="done",
    )
    page = client.get(recommendation.case_study.get_absolute_url()).text
    article = page.split(f'id="recommendation-{recommendation.pk}"')[1]
    assert "Publish the district budget." in article
    heading = article.split("</h3>")[0]
    assert "Implemented" in heading
    timeline = article.split('<ol class="timeline"')[1].split("</ol>")[0]
    assert timeline.index("Endorsed at the meeting.") < timeline.index("Budget posted.")
    assert 'datetime="2023-02-10"' in timeline
    rows = article.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    overdue = {row.split("<td>")[1].split("<")[0]: "Overdue" in row for row in rows}
    assert overdue == {"Post the summary": True, "Print leaflets": False}


def test_detail_is_in_khmer_on_khmer_pages(client):
    recommendation = RecommendationFactory(text_km="ផ្សព្វផ្សាយថវិការបស់ស្រុក។")
    ProgressUpdateFactory(recommendation=recommendation, note_km="បានឯកភាព។")
    response = client.get("/km" + recommendation.case_study.get_absolute_url())
    assert response.status_code == 200
    assert recommendation.case_study.title_km in response.text
    assert "ផ្សព្វផ្សាយថវិការបស់ស្រុក។" in response.text
    assert "បានឯកភាព។" in response.text
    assert "អនុសាសន៍ និងការតាមដាន" in response.text  # the interface, too


@pytest.mark.parametrize("count", [3, 60])
def test_detail_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, make_followed_up, count
):
    case_studies = make_followed_up(count)
    case_study = case_studies[0]
    extra = RecommendationFactory.create_batch(count, case_study=case_study)
    for recommendation in extra:
        ProgressUpdateFactory(recommendation=recommendation)
        ActionItemFactory(
            recommendation=recommendation,
            responsible_organization=OrganizationFactory(),
        )
    case_study.authors.add(*OrganizationFactory.create_batch(2))
    case_study.activities.add(*ActivityFactory.create_batch(3))
    case_study.news_posts.add(*NewsPostFactory.create_batch(3))
    # case study, respondent rows, photos, themes, authors, activities, news,
    # recommendations, their updates and their action items.
    with django_assert_max_num_queries(10):
        response = client.get(case_study.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["case_study"].recommendation_list) == count + 4


# The report download.


@pytest.fixture
def reported():
    published = CaseStudyFactory(title_en="Banan study", report=_pdf_file("r.pdf"))
    draft = CaseStudyFactory(
        status="draft", published_on=None, report=_pdf_file("draft.pdf")
    )
    return published, draft


def test_report_downloads_as_an_attachment_named_after_the_study(client, reported):
    published, _draft = reported
    response = client.get(published.report.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="banan-study.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "public" in response["Cache-Control"]
    assert published.report.url in client.get(published.get_absolute_url()).text


def test_a_drafts_report_is_for_staff_only(client, reported):
    _published, draft = reported
    assert draft.report.url.startswith(f"/files/case-study-report/{draft.pk}/")
    assert client.get(draft.report.url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(draft.report.url).status_code == 404
    client.force_login(StaffFactory())  # no two-factor sign-in yet
    assert client.get(draft.report.url).status_code == 404
    client.force_login(StaffFactory(two_factor=True))
    response = client.get(draft.report.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_reports_are_not_under_the_public_media_root(reported, settings):
    published, _draft = reported
    assert not str(published.report.path).startswith(str(settings.MEDIA_ROOT))


def test_unknown_report_names_are_not_found(client, reported):
    published, _draft = reported
    assert client.get(
        "/case-studies/files/case-study-reports/nope.pdf"
    ).status_code == (404)
    assert client.get("/case-studies/files/../../etc/passwd").status_code == 404
    url = f"/files/case-study-report/{published.pk}/case-study-reports/nope.pdf"
    assert client.get(url).status_code == 404


def test_a_reports_old_address_leads_to_it_once_published(client, reported):
    published, draft = reported
    response = client.get(f"/case-studies/files/{published.report.name}")
    assert response.status_code == 301
    assert response["Location"] == published.report.url
    assert client.get(f"/case-studies/files/{draft.report.name}").status_code == 404


# The follow-up tracker.


def expected_tracker_rows():
    """The tracker's figures, computed in Python from the rows themselves."""
    today = timezone.localdate()
    rows = {}
    for recommendation in Recommendation.objects.select_related("case_study__district"):
        case_study = recommendation.case_study
        if not case_study.is_live:
            continue
        row = rows.setdefault(
            case_study.district.code,
            {
                "case_studies": set(),
                "recommendations": 0,
                "statuses": Counter(),
                "overdue": 0,
                "last_update": None,
            },
        )
        row["case_studies"].add(case_study.pk)
        row["recommendations"] += 1
        updates = sorted(
            ProgressUpdate.objects.filter(recommendation=recommendation),
            key=lambda update: (update.date, update.recorded_at, update.pk),
        )
        row["statuses"][updates[-1].status if updates else "proposed"] += 1
        if updates and (
            row["last_update"] is None or updates[-1].date > row["last_update"]
        ):
            row["last_update"] = max(update.date for update in updates)
        row["overdue"] += sum(
            1
            for item in ActionItem.objects.filter(recommendation=recommendation)
            if item.status in ("planned", "in_progress") and item.due_on < today
        )
    return rows


def tracker_rows(response):
    return {
        district.code: {
            "case_studies": district.case_study_count,
            "recommendations": district.recommendation_count,
            "statuses": Counter(
                {
                    status: getattr(district, f"{status}_count")
                    for status in RecommendationStatus.values
                    if getattr(district, f"{status}_count")
                }
            ),
            "overdue": district.overdue_actions,
            "last_update": district.last_update,
        }
        for district in response.context["districts"]
    }


def test_tracker_numbers_equal_the_underlying_records(client, make_followed_up):
    make_followed_up(9)
    # Irregular rows on top: no updates, same-day updates, a draft, another
    # province, actions due today and cancelled ones.
    banan = CaseStudy.objects.filter(district__code="0201").first()
    RecommendationFactory(case_study=banan)
    same_day = RecommendationFactory(case_study=banan)
    ProgressUpdateFactory(recommendation=same_day, status="in_progress")
    ProgressUpdateFactory(recommendation=same_day, status="implemented")
    ActionItemFactory(recommendation=same_day, due_on=timezone.localdate())
    ActionItemFactory(
        recommendation=same_day,
        due_on=date(2020, 1, 1),
        status="cancelled",
    )
    draft = CaseStudyFactory(
        status="draft", published_on=None, district=District.objects.get(code="0212")
    )
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=draft), status="implemented"
    )
    siem_reap = CaseStudyFactory(
        province=Province.objects.get(code="17"),
        district=District.objects.get(code="1710"),
    )
    ActionItemFactory(
        recommendation=RecommendationFactory(case_study=siem_reap),
        due_on=date(2024, 1, 1),
    )

    response = client.get(TRACKER_URL)
    shown = tracker_rows(response)
    expected = expected_tracker_rows()
    for row in expected.values():
        row["case_studies"] = len(row["case_studies"])
    assert shown == expected
    for district in response.context["districts"]:
        assert district.implemented_percent == round(
            100 * district.implemented_count / district.recommendation_count
        )
    totals = response.context["totals"]
    assert totals["recommendation_count"] == Recommendation.objects.public().count()
    assert totals["overdue_actions"] == ActionItem.objects.public().overdue().count()
    assert (
        totals["last_update"]
        == ProgressUpdate.objects.filter(
            recommendation__in=Recommendation.objects.public()
        ).aggregate(Max("date"))["date__max"]
    )


def test_tracker_filters_by_province_and_status(client):
    banan = RecommendationFactory()
    ProgressUpdateFactory(recommendation=banan, status="dropped")
    siem_reap = RecommendationFactory(
        case_study=CaseStudyFactory(
            province=Province.objects.get(code="17"),
            district=District.objects.get(code="1710"),
        )
    )
    ProgressUpdateFactory(recommendation=siem_reap, status="implemented")

    def codes(query):
        response = client.get(TRACKER_URL, query)
        return [district.code for district in response.context["districts"]]

    assert codes({}) == ["0201", "1710"]
    assert codes({"province": "siem-reap"}) == ["1710"]
    assert codes({"status": "dropped"}) == ["0201"]
    assert codes({"status": "implemented", "province": "battambang"}) == []


def test_tracker_changes_when_progress_is_recorded(client):
    recommendation = RecommendationFactory()
    before = client.get(TRACKER_URL).context["districts"][0]
    assert (before.proposed_count, before.implemented_count) == (1, 0)
    ProgressUpdateFactory(recommendation=recommendation, status="implemented")
    after = client.get(TRACKER_URL).context["districts"][0]
    assert (after.proposed_count, after.implemented_count) == (0, 1)
    assert after.implemented_percent == 100


def test_tracker_rounds_the_share_implemented_as_the_dashboard_does(client):
    first, *others = RecommendationFactory.create_batch(8)
    for recommendation in others:
        recommendation.case_study = first.case_study
        recommendation.save()
    ProgressUpdateFactory(recommendation=first, status="implemented")
    tracker = client.get(TRACKER_URL)
    assert tracker.context["districts"][0].implemented_percent == 13  # not 12
    assert tracker.context["totals"]["implemented_percent"] == 13


@pytest.mark.parametrize("count", [3, 60])
def test_tracker_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, make_followed_up, count
):
    make_followed_up(count)
    # figures by district, the districts, and the province choices.
    with django_assert_max_num_queries(3):
        response = client.get(TRACKER_URL)
    assert response.status_code == 200
    assert response.context["totals"]["recommendation_count"] == count * 4


def test_district_page_lists_its_recommendations_and_filters_them_by_status(
    client, make_followed_up
):
    make_followed_up(7)  # one per Battambang district
    url = reverse("casestudies:district-follow-up", args=["0201"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["district"].recommendation_count == 4
    assert len(response.context["recommendations"]) == 4
    implemented = client.get(url, {"status": "implemented"})
    assert [r.current_status for r in implemented.context["recommendations"]] == [
        "implemented"
    ]
    assert "Recommendations: Implemented" in implemented.text


def numbers(response):
    """The numbers of the recommendations shown, from their headings."""
    return [int(n) for n in re.findall(r"Recommendation (\d+)\b", response.text)]


def test_district_page_shows_its_recommendations_a_page_at_a_time(client):
    case_study = CaseStudyFactory()
    recommendations = RecommendationFactory.create_batch(
        25, case_study=case_study, order=0
    )
    for recommendation in recommendations[:22]:
        ProgressUpdateFactory(recommendation=recommendation, status="in_progress")
    url = reverse("casestudies:district-follow-up", args=["0201"])

    first = client.get(url)
    assert first.context["district"].recommendation_count == 25
    assert list(first.context["recommendations"]) == recommendations[:20]
    assert numbers(first) == list(range(1, 21))
    assert 'href="?page=2#recommendations-heading" rel="next"' in first.text
    second = client.get(url, {"page": 2})
    assert list(second.context["recommendations"]) == recommendations[20:]
    # Numbered by their place in the whole list, when they have no order.
    assert numbers(second) == list(range(21, 26))
    # The status filter pages too, and its links keep it.
    in_progress = client.get(url, {"status": "in_progress"})
    assert len(in_progress.context["recommendations"]) == 20
    assert in_progress.context["paginator"].count == 22
    assert (
        'href="?status=in_progress&amp;page=2#recommendations-heading"'
        in in_progress.text
    )
    last = client.get(url, {"status": "in_progress", "page": 2})
    assert list(last.context["recommendations"]) == recommendations[20:22]
    assert client.get(url, {"page": 3}).status_code == 404


def test_district_page_of_a_district_without_public_recommendations_is_not_found(
    client,
):
    RecommendationFactory(
        case_study=CaseStudyFactory(status="draft", published_on=None)
    )
    assert client.get("/case-studies/follow-up/0201/").status_code == 404
    assert client.get("/case-studies/follow-up/0212/").status_code == 404


@pytest.mark.parametrize("count", [3, 60])
def test_district_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, make_followed_up, count
):
    make_followed_up(count)
    # figures, district, case studies, recommendations, updates, actions.
    with django_assert_max_num_queries(6):
        response = client.get("/case-studies/follow-up/0201/")
    assert response.status_code == 200


def test_tracker_and_district_page_are_in_khmer_on_khmer_pages(client):
    RecommendationFactory(text_km="ផ្សព្វផ្សាយថវិការបស់ស្រុក។")
    tracker = client.get("/km" + TRACKER_URL)
    assert 'lang="km"' in tracker.text
    assert "<h1>ការតាមដានអនុសាសន៍</h1>" in tracker.text
    assert "បាណន់" in tracker.text  # Banan
    district = client.get("/km/case-studies/follow-up/0201/")
    assert "ផ្សព្វផ្សាយថវិការបស់ស្រុក។" in district.text


# The member profile's section, an include for members' template.


def test_member_profile_section_lists_published_authored_case_studies(
    django_assert_max_num_queries,
):
    author = OrganizationFactory()
    for n in range(5):
        CaseStudyFactory(title_en=f"Published {n}").authors.add(author)
    CaseStudyFactory(title_en="Draft", status="draft", published_on=None).authors.add(
        author
    )
    template = Template(
        '{% include "casestudies/includes/_authored_case_studies.html" %}'
    )
    request = RequestFactory().get("/")
    with django_assert_max_num_queries(1):
        html = template.render(Context({"organization": author, "request": request}))
    assert html.count("<li>") == 5
    assert "Draft" not in html
    assert "Banan, Battambang" in html
    empty = template.render(Context({"organization": OrganizationFactory()}))
    assert "<section" not in empty


def test_sitemaps_list_published_case_studies_and_followed_up_districts():
    from casestudies.sitemaps import CaseStudySitemap, FollowUpSitemap

    live = CaseStudyFactory()
    CaseStudyFactory(status="draft", published_on=None)
    RecommendationFactory(case_study=live)
    assert list(CaseStudySitemap().items()) == [live]
    sitemap = FollowUpSitemap()
    assert [sitemap.location(item) for item in sitemap.items()] == [
        TRACKER_URL,
        "/case-studies/follow-up/0201/",
    ]


def test_a_report_whose_file_is_gone_is_not_found(client):
    case_study = CaseStudyFactory(report="case-study-reports/gone-abc123.pdf")
    response = client.get(case_study.report.url)
    assert response.status_code == 404
