import pytest


@pytest.fixture
def make_followed_up():
    """A function making `count` published case studies in Battambang's
    districts, each with two respondent rows and four recommendations in
    different states, with progress updates and two action items each (one
    overdue). Bulk-created, so that 20x data stays quick to build."""
    return make_followed_up_case_studies


def make_followed_up_case_studies(count, *, start=0):
    from datetime import date, timedelta

    from casestudies.models import (
        ActionItem,
        CaseStudy,
        ProgressUpdate,
        Recommendation,
        RespondentGroup,
    )
    from core.models import District

    districts = list(District.objects.filter(province__code="02").order_by("code"))
    case_studies = CaseStudy.objects.bulk_create(
        [
            CaseStudy(
                title_en=f"Bulk case study {n}",
                title_km=f"ករណីសិក្សា {n}",
                slug=f"bulk-case-study-{n}",
                summary_en=f"Summary {n}.",
                province_id=districts[n % len(districts)].province_id,
                district=districts[n % len(districts)],
                period_start=date(2021, 1, 1),
                period_end=date(2021, 12, 31),
                status="published",
                published_on=date(2022, 2, 28),
            )
            for n in range(start, start + count)
        ]
    )
    RespondentGroup.objects.bulk_create(
        [
            RespondentGroup(case_study=case_study, method=method, female=5, male=4)
            for case_study in case_studies
            for method in ("focus_group", "field_interview")
        ]
    )
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                case_study=case_study,
                text_en=f"Recommendation {order} of {case_study.slug}",
                addressed_to="district",
                order=order,
            )
            for case_study in case_studies
            for order in range(1, 5)
        ]
    )
    # Histories by order: 1 endorsed, 2 in progress, 3 implemented, 4 dropped.
    paths = {
        1: ["endorsed"],
        2: ["endorsed", "in_progress"],
        3: ["endorsed", "in_progress", "implemented"],
        4: ["endorsed", "in_progress", "dropped"],
    }
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                recommendation=recommendation,
                status=status,
                date=date(2021, 11, 18) + timedelta(days=200 * step),
                note_en=f"Step {step}",
            )
            for recommendation in recommendations
            for step, status in enumerate(paths[recommendation.order])
        ]
    )
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                recommendation=recommendation,
                action_en=f"{label} action of {recommendation.text_en}",
                responsible_party_en="District administration",
                due_on=due_on,
                status=status,
            )
            for recommendation in recommendations
            for label, due_on, status in (
                ("Overdue", date(2023, 6, 30), "in_progress"),
                ("Done", date(2022, 6, 30), "done"),
            )
        ]
    )
    return case_studies


def make_latest_update_ties(case_study, other):
    """Four recommendations of `case_study` whose latest update is decided by
    date, then by when it was recorded, then by pk (dropped, in progress,
    implemented), and one never updated (proposed); one of `other`,
    implemented."""
    from datetime import date

    from casestudies.models import ProgressUpdate
    from tests.factories import ProgressUpdateFactory, RecommendationFactory

    same_day = RecommendationFactory(case_study=case_study)
    ProgressUpdateFactory(recommendation=same_day, status="implemented")
    ProgressUpdateFactory(recommendation=same_day, status="dropped")
    same_moment = RecommendationFactory(case_study=case_study)
    first = ProgressUpdateFactory(recommendation=same_moment, status="dropped")
    second = ProgressUpdateFactory(recommendation=same_moment, status="in_progress")
    ProgressUpdate.objects.filter(pk=second.pk).update(recorded_at=first.recorded_at)
    earlier_date = RecommendationFactory(case_study=case_study)
    ProgressUpdateFactory(
        recommendation=earlier_date, status="implemented", date=date(2022, 6, 1)
    )
    ProgressUpdateFactory(
        recommendation=earlier_date, status="endorsed", date=date(2021, 6, 1)
    )
    RecommendationFactory(case_study=case_study)  # no update: proposed
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=other), status="implemented"
    )
