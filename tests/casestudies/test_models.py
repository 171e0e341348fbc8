from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casestudies.models import (
    ActionItem,
    CaseStudy,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    RespondentGroup,
    follow_up_by_district,
)
from core.models import District, Province
from tests.factories import (
    ActionItemFactory,
    CaseStudyFactory,
    OrganizationFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
    RespondentGroupFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sex", ["female", "male", "other"])
def test_database_rejects_negative_respondent_counts(sex):
    case_study = CaseStudyFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RespondentGroup.objects.create(
            case_study=case_study,
            method="survey",
            **{"female": 3, "male": 3, "other": 3, sex: -1},
        )


def test_database_rejects_a_method_row_without_respondents():
    with pytest.raises(IntegrityError), transaction.atomic():
        RespondentGroupFactory(female=0, male=0, other=0)


@pytest.mark.parametrize("sessions", [0, 15])
def test_database_rejects_sessions_that_do_not_fit_the_respondents(sessions):
    with pytest.raises(IntegrityError), transaction.atomic():
        RespondentGroupFactory(female=9, male=5, other=0, sessions=sessions)


def test_respondent_totals_are_summed_by_sex_not_typed():
    case_study = CaseStudyFactory()
    RespondentGroupFactory(case_study=case_study, female=9, male=5, other=1)
    RespondentGroupFactory(
        case_study=case_study, method="field_interview", female=6, male=4
    )
    CaseStudyFactory()  # no rows: zeros, not None
    figures = {
        cs.pk: (
            cs.respondents_female,
            cs.respondents_male,
            cs.respondents_other,
            cs.respondents,
        )
        for cs in CaseStudy.objects.with_respondents()
    }
    assert figures[case_study.pk] == (15, 9, 1, 25)
    assert sorted(figures.values())[0] == (0, 0, 0, 0)


def test_database_rejects_a_period_ending_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStudyFactory(period_start=date(2021, 6, 1), period_end=date(2021, 5, 31))


def test_validation_explains_the_period_and_a_district_of_another_province():
    case_study = CaseStudyFactory.build(
        province=Province.objects.get(code="12"),
        district=District.objects.get(code="0201"),
        period_start=date(2021, 6, 1),
        period_end=date(2021, 5, 31),
    )
    with pytest.raises(ValidationError) as error:
        case_study.full_clean()
    messages = error.value.message_dict
    assert messages["period_end"] == ["The period must end on or after its start."]
    assert "Banan" in messages["district"][0]
    assert "Battambang" in messages["district"][0]


def test_slugs_of_fixed_pages_are_refused():
    case_study = CaseStudyFactory.build(slug="follow-up")
    with pytest.raises(ValidationError) as error:
        case_study.full_clean()
    assert "slug" in error.value.message_dict


def test_publishing_without_a_date_means_today():
    case_study = CaseStudyFactory.build(status="published", published_on=None)
    case_study.full_clean()
    assert case_study.published_on == timezone.localdate()


def test_only_published_case_studies_whose_date_has_come_are_public():
    live = CaseStudyFactory()
    CaseStudyFactory(status="draft", published_on=None)
    CaseStudyFactory(published_on=timezone.localdate() + timedelta(days=1))
    assert list(CaseStudy.objects.published()) == [live]
    assert list(CaseStudy.objects.visible_to(UserFactory())) == [live]
    assert list(CaseStudy.objects.visible_to(StaffFactory())) == [live]
    assert CaseStudy.objects.visible_to(StaffFactory(two_factor=True)).count() == 3


def test_case_studies_cover_every_year_of_their_period():
    case_study = CaseStudyFactory(
        period_start=date(2023, 3, 1), period_end=date(2024, 6, 30)
    )
    assert list(CaseStudy.objects.covering_year(2023)) == [case_study]
    assert list(CaseStudy.objects.covering_year(2024)) == [case_study]
    assert not CaseStudy.objects.covering_year(2022).exists()


def status_of(recommendation):
    return Recommendation.objects.with_status().get(pk=recommendation.pk)


def test_a_recommendation_without_updates_is_proposed():
    recommendation = status_of(RecommendationFactory())
    assert recommendation.current_status == "proposed"
    assert recommendation.status_since is None
    assert recommendation.current_status_label == "Proposed"


def test_the_latest_update_by_date_gives_the_status_whatever_the_order_typed():
    recommendation = RecommendationFactory()
    ProgressUpdateFactory(
        recommendation=recommendation, status="implemented", date=date(2024, 3, 1)
    )
    # Recorded later, but about an earlier date: it does not win.
    ProgressUpdateFactory(
        recommendation=recommendation, status="in_progress", date=date(2022, 5, 1)
    )
    result = status_of(recommendation)
    assert (result.current_status, result.status_since) == (
        "implemented",
        date(2024, 3, 1),
    )


def test_on_the_same_date_the_update_recorded_last_wins():
    recommendation = RecommendationFactory()
    first = ProgressUpdateFactory(
        recommendation=recommendation, status="in_progress", date=date(2024, 3, 1)
    )
    ProgressUpdateFactory(
        recommendation=recommendation, status="dropped", date=date(2024, 3, 1)
    )
    ProgressUpdate.objects.filter(pk=first.pk).update(
        recorded_at=timezone.now() - timedelta(days=1)
    )
    assert status_of(recommendation).current_status == "dropped"


def test_case_studies_count_their_recommendations_and_those_implemented():
    case_study = CaseStudyFactory()
    done, _open, _none = RecommendationFactory.create_batch(3, case_study=case_study)
    ProgressUpdateFactory(recommendation=done, status="implemented")
    ProgressUpdateFactory(recommendation=_open, status="in_progress")
    result = CaseStudy.objects.with_recommendation_counts().get(pk=case_study.pk)
    assert (result.recommendation_count, result.implemented_count) == (3, 1)


def district_figures(districts):
    return {
        district.code: (
            district.case_study_count,
            district.recommendation_count,
            [(status, count) for status, _label, count in district.status_counts],
            district.overdue_actions,
            district.last_update,
        )
        for district in districts
    }


@pytest.mark.parametrize("few", [False, True])
def test_district_figures_give_each_recommendation_the_status_with_status_gives(
    few,
):
    """Both ways follow_up_by_district finds the latest updates (one pass over
    them all, or one look-up per recommendation) agree with with_status() and
    ActionItem.objects.overdue(), ties and all."""
    banan, also_banan = CaseStudyFactory.create_batch(2)
    kamrieng = CaseStudyFactory(district=District.objects.get(code="0212"))
    draft = CaseStudyFactory(status="draft", published_on=None)
    RecommendationFactory(case_study=banan)  # no update: proposed
    by_date = RecommendationFactory(case_study=banan)
    ProgressUpdateFactory(
        recommendation=by_date, status="implemented", date=date(2024, 3, 1)
    )
    ProgressUpdateFactory(
        recommendation=by_date, status="in_progress", date=date(2022, 5, 1)
    )
    # Same date and same time recorded: the later pk wins.
    tied = RecommendationFactory(case_study=also_banan)
    updates = [
        ProgressUpdateFactory(recommendation=tied, status=status, date=date(2024, 1, 2))
        for status in ("dropped", "endorsed")
    ]
    ProgressUpdate.objects.filter(pk__in=[u.pk for u in updates]).update(
        recorded_at=timezone.now()
    )
    late = RecommendationFactory(case_study=kamrieng)
    ProgressUpdateFactory(recommendation=late, status="in_progress")
    yesterday = timezone.localdate() - timedelta(days=1)
    for status in ("planned", "in_progress", "done"):
        ActionItemFactory(recommendation=late, due_on=yesterday, status=status)
    ActionItemFactory(recommendation=late)  # due next year
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=draft), status="implemented"
    )

    public = Recommendation.objects.public()
    expected = {}
    for recommendation in public.with_status().select_related("case_study__district"):
        code = recommendation.case_study.district.code
        row = expected.setdefault(
            code,
            {
                "case_studies": set(),
                "statuses": dict.fromkeys(RecommendationStatus.values, 0),
                "overdue": 0,
                "last_update": None,
            },
        )
        row["case_studies"].add(recommendation.case_study_id)
        row["statuses"][recommendation.current_status] += 1
        row["overdue"] += (
            ActionItem.objects.overdue().filter(recommendation=recommendation).count()
        )
        if recommendation.status_since and (
            row["last_update"] is None
            or recommendation.status_since > row["last_update"]
        ):
            row["last_update"] = recommendation.status_since
    expected = {
        code: (
            len(row["case_studies"]),
            sum(row["statuses"].values()),
            list(row["statuses"].items()),
            row["overdue"],
            row["last_update"],
        )
        for code, row in expected.items()
    }
    assert expected["0201"][2] == [
        ("proposed", 1),
        ("endorsed", 1),
        ("in_progress", 0),
        ("implemented", 1),
        ("dropped", 0),
    ]
    assert expected["0212"][3] == 2
    assert district_figures(follow_up_by_district(public, few=few)) == expected
    in_progress = follow_up_by_district(public, status="in_progress", few=few)
    assert [district.code for district in in_progress] == ["0212"]
    assert follow_up_by_district(Recommendation.objects.none(), few=few) == []


def test_overdue_actions_are_open_and_past_their_due_date():
    yesterday = timezone.localdate() - timedelta(days=1)
    late = ActionItemFactory(due_on=yesterday, status="planned")
    late_started = ActionItemFactory(due_on=yesterday, status="in_progress")
    ActionItemFactory(due_on=yesterday, status="done")
    ActionItemFactory(due_on=yesterday, status="cancelled")
    ActionItemFactory(due_on=timezone.localdate(), status="planned")
    assert set(ActionItem.objects.overdue()) == {late, late_started}
    assert late.is_overdue
    assert not ActionItem.objects.get(status="done").is_overdue


def test_an_action_needs_an_organisation_or_a_named_party():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItemFactory(responsible_party_en="")
    by_organisation = ActionItemFactory(
        responsible_party_en="", responsible_organization=OrganizationFactory()
    )
    assert by_organisation.responsible == str(by_organisation.responsible_organization)


def test_validation_explains_a_missing_responsible_party():
    item = ActionItemFactory.build(
        recommendation=RecommendationFactory(), responsible_party_en=""
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "Say who is responsible" in str(error.value)


def test_a_case_study_with_recommendations_cannot_be_deleted_by_accident():
    from django.db.models import ProtectedError

    recommendation = RecommendationFactory()
    with pytest.raises(ProtectedError):
        recommendation.case_study.delete()


def test_organisations_list_the_published_case_studies_they_authored():
    author = OrganizationFactory(acronym="CTOD")
    published = CaseStudyFactory()
    draft = CaseStudyFactory(status="draft", published_on=None)
    published.authors.add(author)
    draft.authors.add(author)
    assert list(author.authored_case_studies.published()) == [published]


@pytest.mark.parametrize("query", ["Bavel", "bavel", "បវេល", "notice BOARD", "ថវិកា"])
def test_search_finds_case_studies_in_english_and_khmer(query):
    wanted = CaseStudyFactory(
        title_en="Civic engagement in Bavel district",
        title_km="ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបវេល",
        findings_en="The budget is posted on the notice board.",
        findings_km="ថវិកាត្រូវបានបិទផ្សាយ។",
        district=District.objects.get(code="0204"),
    )
    CaseStudyFactory(title_en="Another study", title_km="ករណីសិក្សាផ្សេង")
    assert list(CaseStudy.objects.search(query)) == [wanted]
