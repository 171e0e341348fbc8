from collections import Counter

import pytest
from django.db import transaction
from django.db.models import Sum
from django.test import override_settings

from casestudies import demo
from casestudies.models import (
    ActionItem,
    CaseStudy,
    ProgressUpdate,
    Recommendation,
    RespondentGroup,
)
from cpdd_portal.demo import create_demo_accounts
from events import demo as events_demo
from members import demo as members_demo

pytestmark = pytest.mark.django_db

BATTAMBANG_DISTRICTS = {"0201", "0202", "0203", "0204", "0206", "0207", "0212"}


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every app's demo, loaded once for this module inside a transaction that
    is rolled back at its end (each test runs in a savepoint within it), with
    the files in a temporary folder."""
    folder = tmp_path_factory.mktemp("demo-files")
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
        summary = demo.load(staff=staff, member=member)
        yield summary, staff, member
        transaction.set_rollback(True)


@pytest.fixture
def everything(loaded):
    return loaded[0]


def table_counts():
    return {
        "case studies": CaseStudy.objects.count(),
        "case study history": CaseStudy.history.count(),
        "respondent rows": RespondentGroup.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "recommendation history": Recommendation.history.count(),
        "updates": ProgressUpdate.objects.count(),
        "actions": ActionItem.objects.count(),
        "action history": ActionItem.history.count(),
        "authors": CaseStudy.authors.through.objects.count(),
        "meetings": CaseStudy.activities.through.objects.count(),
        "news": CaseStudy.news_posts.through.objects.count(),
    }


def test_the_seven_battambang_case_studies_count_367_respondents_209_women(
    everything,
):
    battambang = CaseStudy.objects.filter(district__code__in=BATTAMBANG_DISTRICTS)
    assert battambang.count() == 7
    figures = RespondentGroup.objects.filter(case_study__in=battambang).aggregate(
        female=Sum("female"), male=Sum("male"), other=Sum("other")
    )
    assert figures["female"] == 209
    assert figures["female"] + figures["male"] + figures["other"] == 367
    methods = set(
        RespondentGroup.objects.filter(case_study__in=battambang).values_list(
            "method", flat=True
        )
    )
    assert methods == {"focus_group", "field_interview", "consultation_meeting"}
    for case_study in battambang.prefetch_related("authors"):
        assert {a.acronym for a in case_study.authors.all()} == {"CTOD", "AS"}
        assert case_study.period_start.year == case_study.period_end.year == 2021
        assert case_study.is_live


def test_each_battambang_study_links_its_november_december_2021_meeting(everything):
    for case_study in CaseStudy.objects.filter(district__code__in=BATTAMBANG_DISTRICTS):
        (meeting,) = case_study.activities.all()
        assert meeting.district_id == case_study.district_id
        assert meeting.kind == "consultation"
        assert (meeting.starts_at.year, meeting.starts_at.month) in {
            (2021, 11),
            (2021, 12),
        }
        assert case_study.news_posts.filter(
            slug="battambang-districts-endorse-joint-recommendations"
        ).exists()


def test_recommendations_are_joint_bilingual_dated_and_plausibly_followed_up(
    everything,
):
    per_district = Counter(
        Recommendation.objects.filter(
            case_study__district__code__in=BATTAMBANG_DISTRICTS
        ).values_list("case_study__district__code", flat=True)
    )
    assert set(per_district) == BATTAMBANG_DISTRICTS
    assert all(4 <= count <= 7 for count in per_district.values())
    recommendations = Recommendation.objects.with_status()
    assert all(r.is_joint and r.text_en and r.text_km for r in recommendations)
    statuses = Counter(r.current_status for r in recommendations)
    assert {"endorsed", "in_progress", "implemented", "dropped"} <= set(statuses)
    years = {update.date.year for update in ProgressUpdate.objects.all()}
    assert {2022, 2023, 2024, 2025, 2026} <= years
    assert all(
        update.note_en and update.note_km for update in ProgressUpdate.objects.all()
    )
    assert ActionItem.objects.overdue().exists()
    assert ActionItem.objects.filter(status="done").exists()
    assert all(item.action_km for item in ActionItem.objects.all())


def test_texts_are_in_english_and_khmer(everything):
    for case_study in CaseStudy.objects.all():
        for field in ("title", "summary", "methodology_note", "findings"):
            assert getattr(case_study, f"{field}_en"), (case_study.slug, field)
            khmer = getattr(case_study, f"{field}_km")
            assert any("\u1780" <= char <= "\u17ff" for char in khmer), field
        assert case_study.report


def test_the_project_case_studies_belong_to_the_undp_project(everything):
    project_studies = CaseStudy.objects.filter(project__isnull=False)
    assert {cs.district.code for cs in project_studies} == {"0305", "1710", "1602"}


def test_loading_twice_gives_the_same_rows(loaded):
    everything, staff, member = loaded
    after_first = table_counts()
    again = demo.load(staff=staff, member=member)
    assert again == everything
    assert table_counts() == after_first
