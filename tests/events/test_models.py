from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import District, Province
from events.models import Activity, Agreement, NewsPost, ParticipationFigure
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    NewsPostFactory,
    ParticipationFigureFactory,
    RegistrationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sex", ["female", "male", "other"])
def test_database_rejects_negative_participant_counts(sex):
    activity = ActivityFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFigure.objects.create(
            activity=activity, stakeholder_group="cso", **{sex: -1}
        )


def test_database_rejects_an_activity_ending_before_it_starts():
    start = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(starts_at=start, ends_at=start - timedelta(minutes=1))


def test_validation_explains_an_end_before_the_start_on_the_field():
    activity = ActivityFactory.build(
        starts_at=timezone.now(), ends_at=timezone.now() - timedelta(hours=1)
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert error.value.message_dict["ends_at"] == ["The end must be after the start."]


def test_district_must_belong_to_the_province():
    activity = ActivityFactory.build(
        province=Province.objects.get(code="12"),
        district=District.objects.get(code="0201"),  # Banan, Battambang
    )
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "Banan" in error.value.message_dict["district"][0]
    assert "Battambang" in error.value.message_dict["district"][0]


def test_slugs_of_fixed_pages_are_refused():
    activity = ActivityFactory.build(slug="registrations")
    with pytest.raises(ValidationError) as error:
        activity.full_clean()
    assert "slug" in error.value.message_dict


def test_one_row_per_stakeholder_group_and_activity():
    figure = ParticipationFigureFactory(stakeholder_group="citizens")
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFigureFactory(
            activity=figure.activity, stakeholder_group="citizens"
        )


def test_registered_participants_cannot_be_typed_as_a_figure():
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFigureFactory(stakeholder_group="registered")


def test_project_cannot_end_before_it_starts():
    from tests.factories import ProjectFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(starts_on="2024-01-01", ends_on="2023-12-31")


def test_signed_agreement_needs_a_signing_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementFactory(status="signed", signed_on=None)


def test_participation_totals_come_from_annotations():
    activity = ActivityFactory()
    ParticipationFigureFactory(
        activity=activity, stakeholder_group="sna", female=3, male=9, other=1
    )
    ParticipationFigureFactory(
        activity=activity, stakeholder_group="citizens", female=12, male=7, other=0
    )
    empty = ActivityFactory()
    totals = {
        a.pk: (a.female, a.male, a.other, a.total)
        for a in Activity.objects.with_participation()
    }
    assert totals[activity.pk] == (15, 16, 1, 32)
    assert totals[empty.pk] == (0, 0, 0, 0)


def test_attended_registrations_are_added_once_and_cancelled_ones_never():
    activity = ActivityFactory(accepts_registrations=True)
    ParticipationFigureFactory(
        activity=activity, stakeholder_group="sna", female=4, male=6
    )
    RegistrationFactory(activity=activity, sex="female", attended=True)
    RegistrationFactory(activity=activity, sex="male", attended=True)
    RegistrationFactory(activity=activity, sex="female", attended=False)
    RegistrationFactory(activity=activity, sex="female", status="cancelled")
    # A second figure row must not multiply the registrations (no join fan-out).
    ParticipationFigureFactory(
        activity=activity, stakeholder_group="cso", female=1, male=1
    )

    annotated = Activity.objects.with_participation().get(pk=activity.pk)

    assert (annotated.registered_female, annotated.registered_male) == (1, 1)
    assert (annotated.female, annotated.male, annotated.other) == (6, 8, 0)
    assert annotated.total == 14


def test_a_cancelled_registration_cannot_be_marked_attended():
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(status="cancelled", attended=True)


def test_a_person_is_registered_once_per_organisation_and_activity():
    registration = RegistrationFactory(participant_name="Sok Dara")
    duplicate = RegistrationFactory.build(
        activity=registration.activity,
        organization=registration.organization,
        participant_name="sok dara",
    )
    with pytest.raises(ValidationError, match="already registered"):
        duplicate.full_clean()


class TestVisibility:
    @pytest.fixture
    def activities(self):
        return {
            level: ActivityFactory(visibility=level, slug=level)
            for level in ("public", "members", "internal")
        }

    def visible(self, user):
        return set(Activity.objects.visible_to(user).values_list("slug", flat=True))

    def test_anonymous_visitors_see_public_activities_only(self, activities):
        from django.contrib.auth.models import AnonymousUser

        assert self.visible(AnonymousUser()) == {"public"}

    def test_signed_in_users_without_an_organisation_see_public_only(self, activities):
        assert self.visible(UserFactory()) == {"public"}

    def test_representatives_also_see_members_only_activities(self, activities):
        assert self.visible(RepresentativeFactory().user) == {"public", "members"}

    def test_staff_with_two_factor_see_everything(self, activities):
        staff = StaffFactory(two_factor=True)
        assert self.visible(staff) == {"public", "members", "internal"}

    def test_staff_without_two_factor_see_what_the_public_sees(self, activities):
        assert self.visible(StaffFactory()) == {"public"}

    def test_staff_representing_a_member_without_two_factor_see_its_view(
        self, activities
    ):
        staff = RepresentativeFactory(user=StaffFactory()).user
        assert self.visible(staff) == {"public", "members"}

    def test_whether_staff_use_two_factor_is_asked_once_per_user_object(
        self, activities, django_assert_num_queries
    ):
        staff = StaffFactory(two_factor=True)
        with django_assert_num_queries(3):  # the authenticator, then each list
            self.visible(staff)
            self.visible(staff)


def test_events_list_orders_coming_then_past_activities():
    from events.lists import UpcomingFirst

    now = timezone.now()
    later = ActivityFactory(starts_at=now + timedelta(days=30), slug="later")
    soon = ActivityFactory(starts_at=now + timedelta(days=2), slug="soon")
    recent = ActivityFactory(
        starts_at=now - timedelta(days=2), ends_at=now - timedelta(days=2, hours=-3)
    )
    old = ActivityFactory(
        starts_at=now - timedelta(days=300),
        ends_at=now - timedelta(days=300, hours=-3),
    )
    ordered = UpcomingFirst(Activity.objects.all())[0:4]
    assert ordered == [soon, later, recent, old]
    assert [a.is_upcoming for a in ordered] == [True, True, False, False]


def test_published_news_excludes_drafts_and_scheduled_posts():
    live = NewsPostFactory()
    NewsPostFactory(status="draft", published_at=None)
    NewsPostFactory(published_at=timezone.now() + timedelta(hours=1))
    assert list(NewsPost.objects.published()) == [live]


def test_publishing_without_a_time_means_now():
    post = NewsPostFactory.build(status="published", published_at=None)
    post.full_clean()
    assert post.published_at <= timezone.now()


def test_expiring_agreements_are_those_in_force_ending_within_90_days():
    today = timezone.localdate()
    soon = AgreementFactory(ends_on=today + timedelta(days=60))
    AgreementFactory(ends_on=today + timedelta(days=200))
    AgreementFactory(ends_on=today + timedelta(days=30), status="terminated")
    AgreementFactory(ends_on=today - timedelta(days=1))
    assert list(Agreement.objects.expiring_within(90)) == [soon]


def test_location_reads_as_a_line_of_text():
    activity = ActivityFactory(
        venue_en="Angkor Paradise Hotel",
        province=Province.objects.get(code="17"),
        district=District.objects.get(code="1710"),
    )
    assert activity.location == (
        "Angkor Paradise Hotel, Siem Reap municipality, Siem Reap province"
    )


@pytest.mark.parametrize(
    "query", ["thankscarbon", "ThanksCarbon", "ហត្ថលេខា", "Páradise", "fertiliser"]
)
def test_activity_search_matches_english_and_khmer(query):
    wanted = ActivityFactory(
        title_en="MoU signing with ThanksCarbon",
        title_km="ពិធីចុះហត្ថលេខាជាមួយ ThanksCarbon",
        objectives_en="Work with fertiliser makers.",
        venue_en="Angkor Paradise Hotel",
    )
    ActivityFactory(title_en="DDWG monthly meeting", title_km="កិច្ចប្រជុំប្រចាំខែ")
    assert list(Activity.objects.search(query)) == [wanted]


@pytest.mark.parametrize("query", ["battambang", "បាត់ដំបង", "367 respondents"])
def test_news_search_matches_titles_summaries_and_bodies(query):
    wanted = NewsPostFactory(
        title_en="Seven Battambang districts endorse recommendations",
        title_km="ស្រុកចំនួនប្រាំពីរនៅខេត្តបាត់ដំបង",
        body_en="Field interviews with 367 respondents.",
    )
    NewsPostFactory(title_en="Annual Congress", body_en="Members met.")
    assert list(NewsPost.objects.search(query)) == [wanted]


def test_an_activity_of_more_than_31_days_is_refused_as_a_project():
    from django.utils import translation

    starts_at = timezone.now()
    too_long = ActivityFactory.build(
        starts_at=starts_at, ends_at=starts_at + timedelta(days=32)
    )
    with pytest.raises(ValidationError, match="record a longer programme as a project"):
        too_long.validate_constraints()
    with translation.override("km"), pytest.raises(ValidationError) as refused:
        too_long.validate_constraints()
    assert "គម្រោង" in str(refused.value)
    ActivityFactory.build(
        starts_at=starts_at, ends_at=starts_at + timedelta(days=31)
    ).validate_constraints()
