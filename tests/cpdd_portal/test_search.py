from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import Province
from cpdd_portal import search
from cpdd_portal.search import Query, Search
from tests.factories import (
    ActivityFactory,
    CaseStudyFactory,
    NewsPostFactory,
    OrganizationFactory,
    PartnerFactory,
    RecommendationFactory,
    RepresentativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def search_page(client, q="", *, path=None, **params):
    response = client.get(path or reverse("search"), {"q": q, **params})
    assert response.status_code == 200
    return response


def found(response):
    """(kind, title) of each result, in the order shown."""
    return [
        (hit.kind, getattr(hit.record, hit.source.title))
        for hit in response.context["results"]
    ]


def titles(response):
    return [title for _kind, title in found(response)]


# Matching and ranking


def test_english_words_match_by_stem(client):
    NewsPostFactory(title_en="Budget workshop for commune councils")
    ActivityFactory(title_en="Training for commune councils")

    response = search_page(client, "workshops")

    assert titles(response) == ["Budget workshop for commune councils"]
    assert "<mark>workshop</mark>" in response.text


def test_a_title_match_outranks_a_body_match(client):
    NewsPostFactory(
        title_en="Members meet in Siem Reap",
        body_en="A consultation on the district budget.",
        published_at=timezone.now() - timedelta(hours=1),
    )
    NewsPostFactory(
        title_en="Consultation on the district budget",
        body_en="Members met.",
        published_at=timezone.now() - timedelta(days=30),
    )

    response = search_page(client, "consultation")

    assert titles(response) == [
        "Consultation on the district budget",
        "Members meet in Siem Reap",
    ]


def test_khmer_text_is_found_inside_words_without_spaces(client):
    ActivityFactory(
        title_en="Civic engagement workshop",
        title_km="សិក្ខាសាលាស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់",
    )
    ActivityFactory(title_en="Budget training", title_km="វគ្គបណ្តុះបណ្តាលស្តីពីថវិកា")

    response = search_page(client, "ការចូលរួម", path="/km/search/")

    assert titles(response) == ["សិក្ខាសាលាស្តីពីការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់"]
    assert "សិក្ខាសាលាស្តីពី<mark>ការចូលរួម</mark>របស់ពលរដ្ឋ" in response.text


def test_khmer_text_in_a_body_is_found_and_shown_on_english_pages(client):
    NewsPostFactory(
        title_en="Joint recommendations endorsed",
        title_km="អនុសាសន៍រួមត្រូវបានឯកភាព",
        body_km="រដ្ឋបាលស្រុកបាណន់ និងអង្គការសង្គមស៊ីវិលបានឯកភាពលើអនុសាសន៍រួម។",
    )

    response = search_page(client, "អង្គការសង្គមស៊ីវិល")

    assert titles(response) == ["Joint recommendations endorsed"]
    assert '<p class="search-result__snippet" lang="km">' in response.text
    assert "<mark>អង្គការសង្គមស៊ីវិល</mark>" in response.text


def test_each_khmer_word_typed_apart_must_occur(client):
    CaseStudyFactory(title_km="ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់")
    CaseStudyFactory(title_km="ការចូលរួមរបស់ពលរដ្ឋនៅក្រុងសៀមរាប")

    response = search_page(client, "ពលរដ្ឋ សៀមរាប")

    assert [hit.record.title_km for hit in response.context["results"]] == [
        "ការចូលរួមរបស់ពលរដ្ឋនៅក្រុងសៀមរាប"
    ]


@pytest.mark.parametrize(
    "q", ["Aphivath Stri", "aphivat stray", "APHIVAT"], ids=["typo", "case", "part"]
)
def test_misspelt_organisation_names_still_match(client, q):
    OrganizationFactory(name_en="Aphivat Strey", acronym="AS")
    OrganizationFactory(name_en="Community Legal Education Center", acronym="CLEC")

    assert titles(search_page(client, q)) == ["Aphivat Strey"]


def test_misspelt_acronyms_still_match(client):
    OrganizationFactory(name_en="Silaka", acronym="SILAKA")

    assert titles(search_page(client, "SILAKKA")) == ["Silaka"]


def test_every_kind_of_result_is_labelled(client):
    NewsPostFactory(title_en="Accountability news")
    ActivityFactory(title_en="Accountability workshop")
    case_study = CaseStudyFactory(title_en="Accountability in Banan district")
    RecommendationFactory(
        case_study=case_study, text_en="Strengthen social accountability."
    )
    PartnerFactory(name_en="Accountability Partners", acronym="AP")
    OrganizationFactory(
        name_en="Social Accountability Network", acronym="SAN", description_en=""
    )

    response = search_page(client, "accountability")

    assert {kind for kind, _title in found(response)} == {
        "news",
        "event",
        "case-study",
        "recommendation",
        "organisation",
    }
    for label in ("News", "Event", "Case study", "Recommendation", "Partner"):
        assert f'<span class="badge">{label}</span>' in response.text
    assert '<span class="badge">Member</span>' in response.text


# Who sees what


def test_anonymous_visitors_see_only_public_records(client):
    ActivityFactory(title_en="Public river workshop")
    ActivityFactory(title_en="Members river meeting", visibility="members")
    ActivityFactory(title_en="Internal river planning", visibility="internal")
    NewsPostFactory(title_en="Published river news")
    NewsPostFactory(title_en="Draft river news", status="draft", published_at=None)
    NewsPostFactory(
        title_en="Scheduled river news",
        published_at=timezone.now() + timedelta(days=2),
    )
    CaseStudyFactory(title_en="Draft river study", status="draft", published_on=None)
    hidden_study = CaseStudyFactory(
        title_en="Future river study", published_on=date.today() + timedelta(days=5)
    )
    RecommendationFactory(case_study=hidden_study, text_en="Protect the river.")
    OrganizationFactory(name_en="River Applicants", membership_status="applicant")
    OrganizationFactory(name_en="River Lapsed Members", membership_status="lapsed")
    OrganizationFactory(name_en="River Network", membership_status="active")

    response = search_page(client, "river")

    assert sorted(titles(response)) == [
        "Public river workshop",
        "Published river news",
        "River Network",
    ]


def test_representatives_also_find_members_only_activities(client):
    ActivityFactory(title_en="Public river workshop")
    ActivityFactory(title_en="Members river meeting", visibility="members")
    ActivityFactory(title_en="Internal river planning", visibility="internal")
    representative = RepresentativeFactory().user
    client.force_login(representative)

    response = search_page(client, "river")

    assert sorted(titles(response)) == [
        "Members river meeting",
        "Public river workshop",
    ]


def test_signed_in_users_who_represent_nobody_see_public_activities_only(client):
    ActivityFactory(title_en="Members river meeting", visibility="members")
    client.force_login(UserFactory())

    assert titles(search_page(client, "river")) == []


def test_a_member_paging_or_repeating_a_search_reuses_its_count_and_ranking(client):
    ActivityFactory(title_en="Public river workshop")
    ActivityFactory(title_en="Members river meeting", visibility="members")
    client.force_login(RepresentativeFactory().user)
    other = Client()
    other.force_login(UserFactory())

    with CaptureQueriesContext(connection) as first:
        assert len(titles(search_page(client, "river"))) == 2
    with CaptureQueriesContext(connection) as again:
        assert len(titles(search_page(client, "river"))) == 2

    assert len(again) == len(first) - 2  # the count and the ranked page
    assert titles(search_page(other, "river")) == ["Public river workshop"]
    ActivityFactory(title_en="Members river forum", visibility="members")
    assert len(titles(search_page(client, "river"))) == 3


# Filters and pages


def test_filter_by_type(client):
    NewsPostFactory(title_en="Forest news")
    ActivityFactory(title_en="Forest workshop")

    response = search_page(client, "forest", type="event")

    assert found(response) == [("event", "Forest workshop")]


def test_filter_by_province(client):
    siem_reap = Province.objects.get(slug="siem-reap")
    in_siem_reap = ActivityFactory(title_en="Fisheries forum", province=siem_reap)
    ActivityFactory(title_en="Fisheries meeting")  # Phnom Penh
    news = NewsPostFactory(title_en="Fisheries news from Siem Reap")
    news.activities.add(in_siem_reap)
    NewsPostFactory(title_en="Fisheries news from elsewhere")
    OrganizationFactory(
        name_en="Fisheries Siem Reap", head_office_province=siem_reap
    ).provinces.set([])
    OrganizationFactory(
        name_en="Fisheries Network", provinces=Province.objects.filter(code="17")
    )
    OrganizationFactory(name_en="Fisheries Battambang")

    response = search_page(client, "fisheries", province="siem-reap")

    assert sorted(titles(response)) == [
        "Fisheries Network",
        "Fisheries Siem Reap",
        "Fisheries forum",
        "Fisheries news from Siem Reap",
    ]


def test_filter_by_year_leaves_out_undated_organisations(client):
    ActivityFactory(
        title_en="Water forum 2023", starts_at=timezone.now().replace(year=2023)
    )
    ActivityFactory(
        title_en="Water forum 2024", starts_at=timezone.now().replace(year=2024)
    )
    CaseStudyFactory(
        title_en="Water study",
        period_start=date(2022, 6, 1),
        period_end=date(2023, 5, 31),
    )
    OrganizationFactory(name_en="Water Network")

    response = search_page(client, "water", year="2023")

    assert sorted(titles(response)) == ["Water forum 2023", "Water study"]


def test_bad_filter_values_are_reported_and_ignored(client):
    ActivityFactory(title_en="Land forum")

    response = search_page(
        client, "land", type="nothing", province="atlantis", year="soon"
    )

    assert titles(response) == ["Land forum"]
    assert response.context["form"].errors.keys() == {"type", "province", "year"}


def test_pages_keep_the_query_and_the_filters(client):
    for number in range(search.PAGE_SIZE + 5):
        ActivityFactory(title_en=f"Election forum {number}")

    response = search_page(client, "election", type="event", province="phnom-penh")

    assert len(response.context["results"]) == search.PAGE_SIZE
    assert "?q=election&amp;type=event&amp;province=phnom-penh&amp;page=2" in (
        response.text
    )
    second = search_page(
        client, "election", type="event", province="phnom-penh", page="2"
    )
    assert len(second.context["results"]) == 5
    assert not set(titles(response)) & set(titles(second))


def test_past_the_cap_the_count_says_more_than(client, monkeypatch):
    monkeypatch.setattr(search, "MAX_RESULTS", 3)
    for number in range(5):
        NewsPostFactory(title_en=f"Health news {number}")

    response = search_page(client, "health")

    assert response.context["page_obj"].paginator.count == 3
    assert "More than 3 results" in response.text


def test_the_query_is_echoed_in_the_search_boxes(client):
    response = search_page(client, "district budget")

    assert 'name="q" value="district budget"' in response.text
    assert 'id="site-search-q" name="q" value="district budget"' in response.text


def test_khmer_pages_show_titles_in_khmer(client):
    ActivityFactory(title_en="Budget hearing", title_km="សវនាការថវិកា")

    response = search_page(client, "budget", path="/km/search/")

    assert titles(response) == ["សវនាការថវិកា"]
    assert '<html lang="km">' in response.text
    # The words matched are in the English title, shown beneath it.
    assert "<mark>Budget</mark> hearing" in response.text


# Hostile and odd input


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Type a word or two"),
        ("   ", "Type a word or two"),
        ("?!… --- ***", "has no letters or numbers"),
        ("%_\\", "has no letters or numbers"),
        ("the and of", "only very common words"),
        ("' OR 1=1 --", "Nothing matches"),
        ("'; DROP TABLE events_newspost; --", "Nothing matches"),
        ('"unbalanced quote', "Nothing matches"),
        ("<script>alert(1)</script>", "Nothing matches"),
        ("ac\x00me", "Nothing matches"),
        ("ជា", "at least three letters"),
        ("budget ( & | ! :* <-> ))", "Nothing matches"),
    ],
    ids=[
        "empty",
        "spaces",
        "punctuation",
        "like-wildcards",
        "stop-words",
        "sql-or",
        "sql-drop",
        "unbalanced-quote",
        "html",
        "nul",
        "short-khmer",
        "tsquery-syntax",
    ],
)
def test_odd_queries_give_a_normal_page_with_a_message(client, q, message):
    NewsPostFactory(title_en="Coalition news")

    response = search_page(client, q)

    assert message in response.text
    assert 'class="search-results"' not in response.text
    assert "<script>alert" not in response.text


def test_a_very_long_query_is_cut_and_still_searched(client):
    NewsPostFactory(title_en="Decentralisation news")

    response = search_page(client, "decentralisation " + "x" * 10_000)

    assert "Only the first 200 characters of your search were used." in response.text
    assert len(response.context["query"]) <= search.MAX_QUERY_LENGTH
    assert 'maxlength="200"' in response.text


def test_wildcards_between_khmer_words_separate_them_like_spaces(client):
    ActivityFactory(title_en="Both", title_km="សិក្ខាសាលាស្តីពីថវិកា")
    ActivityFactory(title_en="One", title_km="សិក្ខាសាលាស្តីពីការចូលរួម")

    assert titles(search_page(client, "សិក្ខា%ថវិកា")) == ["Both"]
    assert titles(search_page(client, "សិក្ខា_ថវិកា")) == ["Both"]


# Highlighting is safe


def test_markup_in_the_query_is_escaped(client):
    response = search_page(client, '<img src=x onerror="alert(1)">')

    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in response.text


def test_markup_in_content_is_escaped_around_highlights(client):
    NewsPostFactory(
        title_en='Workshop <img src=x onerror="alert(1)"> report',
        body_en="<script>alert('body')</script> The workshop & its <b>results</b>.",
    )

    response = search_page(client, "workshop")

    assert "<img src=x" not in response.text
    assert "<script>alert" not in response.text
    assert "<b>results</b>" not in response.text
    assert "<mark>Workshop</mark> &lt;img src=x" in response.text


def test_markup_in_khmer_content_is_escaped_around_highlights(client):
    ActivityFactory(
        title_en="Khmer workshop",
        title_km="<i>សិក្ខាសាលា</i>ស្តីពីថវិកា",
        objectives_km="<script>alert(1)</script> សិក្ខាសាលាស្តីពីថវិកា",
    )

    response = search_page(client, "សិក្ខាសាលា", path="/km/search/")

    assert "&lt;i&gt;<mark>សិក្ខាសាលា</mark>&lt;/i&gt;ស្តីពីថវិកា" in response.text
    assert "<script>alert" not in response.text
    assert "<i>" not in response.text


@pytest.mark.parametrize(
    ("marked", "html"),
    [
        (
            "\ue000a\ue001 & \ue000<b>\ue001",
            "<mark>a</mark> &amp; <mark>&lt;b&gt;</mark>",
        ),
        ("stray \ue000start", "stray start"),
        ("stray end\ue001", "stray end"),
        ("\ue000nested \ue000twice\ue001\ue001", "nested <mark>twice</mark>"),
    ],
)
def test_marks_become_html_only_around_escaped_text(marked, html):
    assert search.mark_html(marked) == html


# The query


def test_queries_are_cleaned_before_searching():
    query = Query.parse("  \x00workshop\u200bសិក្ខាសាលា\ue000 ជា ស្រុក\t\n ")

    assert query.text == "workshop សិក្ខាសាលា ជា ស្រុក"
    assert query.english == "workshop"
    assert query.khmer == ("សិក្ខាសាលា", "ស្រុក")
    assert query.short_khmer
    assert not query.truncated


def test_khmer_needs_a_utf8_database_for_trigrams():
    # Under LC_CTYPE C, pg_trgm sees no Khmer letters and the indexes are useless.
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm('ការអភិវឌ្ឍ')")
        assert cursor.fetchone()[0]


# A fixed number of queries, whatever the data


def make_one_of_each(number):
    NewsPostFactory(title_en=f"Transparency news {number}")
    ActivityFactory(title_en=f"Transparency workshop {number}")
    case_study = CaseStudyFactory(title_en=f"Transparency in Banan {number}")
    RecommendationFactory(
        case_study=case_study, text_en=f"Publish for transparency ({number})."
    )
    OrganizationFactory(name_en=f"Transparency Network {number}")


@pytest.mark.parametrize("language", ["en", "km"])
def test_a_page_of_results_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, language
):
    path = "/search/" if language == "en" else "/km/search/"
    representative = RepresentativeFactory().user
    client.force_login(representative)
    make_one_of_each(0)
    # Session, user, provinces for the filter, count, ranked page and one
    # query for each of the five kinds on the page.
    with django_assert_max_num_queries(10):
        few = search_page(client, "transparency", path=path)
    assert len(few.context["results"]) == 5

    for number in range(1, 8):
        make_one_of_each(number)
    with django_assert_max_num_queries(10):
        many = search_page(client, "transparency", path=path)
    assert len(many.context["results"]) == search.PAGE_SIZE
    assert {hit.kind for hit in many.context["results"]} >= {"news", "event"}


def test_a_khmer_search_takes_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for number in range(8):
        NewsPostFactory(title_km=f"ព័ត៌មានតម្លាភាព {number}")
        ActivityFactory(objectives_km=f"ពង្រឹងតម្លាភាព {number}")
        OrganizationFactory(description_km=f"ធ្វើការលើតម្លាភាព {number}")

    # Provinces for the filter, count, ranked page, one query for each kind.
    with django_assert_max_num_queries(6):
        response = search_page(client, "តម្លាភាព")

    assert len(response.context["results"]) == search.PAGE_SIZE


def test_search_reads_a_page_without_loading_every_match():
    for number in range(5):
        NewsPostFactory(title_en=f"Gender news {number}")
    results = Search(query=Query.parse("gender"), user=AnonymousUser())

    assert results.count() == 5
    assert [hit.record.pk for hit in results[1:3]] == [
        hit.record.pk for hit in results[0:5]
    ][1:3]


def test_every_searchable_model_is_found_by_the_site_search():
    """A model that keeps a search vector is one people expect to find: its
    app registers it (core.search.register_search_source)."""
    from django.apps import apps

    from core.search import search_sources

    searched = {source.model for source in search_sources().values()}
    searchable = {
        model
        for model in apps.get_models()
        if any(f.name == "search_vector" for f in model._meta.get_fields())
    }
    assert searchable
    assert searchable <= searched


def test_the_type_filter_offers_every_registered_kind_in_order(client):
    text = client.get("/search/").text
    offered = [
        text.index(f'value="{kind}"')
        for kind in ("news", "event", "case-study", "recommendation", "organisation")
    ]
    assert offered == sorted(offered)
