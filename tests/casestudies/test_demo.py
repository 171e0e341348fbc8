from collections import Counter

import pytest
from django.db import transaction
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


def test_the_seven_battambang_case_studies_state_only_what_the_texts_say(
    everything,
):
    battambang = CaseStudy.objects.filter(district__code__in=BATTAMBANG_DISTRICTS)
    assert battambang.count() == 7
    for case_study in battambang.prefetch_related("authors"):
        assert {a.acronym for a in case_study.authors.all()} == {"CTOD", "AS"}
        assert case_study.period_start.year == case_study.period_end.year == 2021
        assert case_study.is_live
        assert not case_study.is_example
        assert "367 respondents (209 females)" in case_study.methodology_note_en
        # The texts split neither respondents by district nor give the
        # wording of the recommendations: none are made up.
        assert not case_study.respondent_groups.exists()
        assert not case_study.recommendations.exists()
        assert not case_study.report
        assert case_study.news_posts.filter(
            slug="battambang-districts-endorse-joint-recommendations"
        ).exists()


def test_example_recommendations_are_joint_bilingual_dated_and_followed_up(
    everything,
):
    per_study = Counter(
        Recommendation.objects.values_list("case_study__is_example", flat=True)
    )
    assert set(per_study) == {True}
    recommendations = Recommendation.objects.with_status()
    assert all(r.is_joint and r.text_en and r.text_km for r in recommendations)
    statuses = Counter(r.current_status for r in recommendations)
    assert {"endorsed", "in_progress", "implemented"} <= set(statuses)
    years = {update.date.year for update in ProgressUpdate.objects.all()}
    assert {2024, 2025} <= years
    assert all(
        update.note_en and update.note_km for update in ProgressUpdate.objects.all()
    )
    assert ActionItem.objects.overdue().exists()
    assert all(item.action_km for item in ActionItem.objects.all())


def test_texts_are_in_english_and_khmer(everything):
    for case_study in CaseStudy.objects.all():
        fields = ("title", "summary", "methodology_note")
        if case_study.is_example:
            fields += ("findings",)
            assert case_study.report
        for field in fields:
            assert getattr(case_study, f"{field}_en"), (case_study.slug, field)
            khmer = getattr(case_study, f"{field}_km")
            assert any("\u1780" <= char <= "\u17ff" for char in khmer), field


def test_the_example_case_studies_belong_to_the_fictional_project(everything):
    project_studies = CaseStudy.objects.filter(project__isnull=False)
    assert {cs.district.code for cs in project_studies} == {"0305", "1710", "1602"}
    assert all(cs.is_example for cs in project_studies)
    assert {cs.project.slug for cs in project_studies} == {demo.PROJECT_SLUG}


def test_loading_twice_gives_the_same_rows(loaded):
    everything, staff, member = loaded
    after_first = table_counts()
    again = demo.load(staff=staff, member=member)
    assert again == everything
    assert table_counts() == after_first
