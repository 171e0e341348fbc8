import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from core.models import Province
from members.models import Contact, Organization, Representative


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """Users get a verified primary address unless `verified=False`."""
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=user, email=user.email, primary=True, verified=True
            )


TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class StaffFactory(UserFactory):
    """Staff signed in with their password only, unless `two_factor=True`
    gives them an authenticator: only then do they see more than the public."""

    is_staff = True

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        if create and extracted:
            from allauth.mfa.totp.internal.auth import TOTP

            TOTP.activate(user, TOTP_SECRET)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name_en = factory.Sequence(lambda n: f"Community Development Organisation {n}")
    name_km = factory.Sequence(lambda n: f"អង្គការអភិវឌ្ឍន៍សហគមន៍ {n}")
    acronym = factory.Sequence(lambda n: f"CDO{n}")
    slug = factory.Sequence(lambda n: f"cdo-{n}")
    kind = "local_ngo"
    membership_status = "active"
    joined_on = factory.Faker("date_between", start_date="-10y", end_date="today")
    description_en = "Works with commune councils on **civic engagement**."
    head_office_province = factory.LazyFunction(
        lambda: Province.objects.get(code="02")  # Battambang
    )

    @factory.post_generation
    def provinces(organization, create, extracted, **kwargs):
        if create:
            organization.provinces.set(
                extracted or Province.objects.filter(code__in=["02", "12"])
            )


class PartnerFactory(OrganizationFactory):
    kind = "development_partner"
    membership_status = ""
    joined_on = None


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Sok Dara {n}")
    sex = "female"
    position = "Programme manager"
    phone = factory.Sequence(lambda n: f"+855 12 {n:06d}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    is_public = False


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)


# Events and news (issue 4). Imports stay local so that this section only
# appends to the file.


def _in_days(days, hour=1):
    """A time `days` from now, at `hour`:00 UTC (8:00 in Phnom Penh by default)."""
    from datetime import timedelta

    from django.utils import timezone

    moment = timezone.now() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _hours_later(moment, hours):
    from datetime import timedelta

    return moment + timedelta(hours=hours)


def _date(text):
    from datetime import date

    return date.fromisoformat(text)


def _pdf_file(name="agenda.pdf"):
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4\n% CPDD\n%%EOF\n", name=name)


def _photo_file():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from core.images import clean_image_upload

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "#0a4d8c").save(buffer, "JPEG")
    upload = SimpleUploadedFile("workshop.jpg", buffer.getvalue(), "image/jpeg")
    return clean_image_upload(upload).as_content_file()


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Project"

    title_en = factory.Sequence(lambda n: f"Civic Engagement Project {n}")
    title_km = factory.Sequence(lambda n: f"គម្រោងការចូលរួមរបស់ពលរដ្ឋ {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    starts_on = factory.LazyFunction(lambda: _date("2023-02-01"))
    ends_on = factory.LazyFunction(lambda: _date("2024-12-31"))


class ActivityFactory(factory.django.DjangoModelFactory):
    """An upcoming public workshop in Phnom Penh unless told otherwise."""

    class Meta:
        model = "events.Activity"
        skip_postgeneration_save = True

    kind = "workshop"
    title_en = factory.Sequence(lambda n: f"Civic engagement workshop {n}")
    title_km = factory.Sequence(lambda n: f"សិក្ខាសាលាស្តីពីការចូលរួមរបស់ពលរដ្ឋ {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    starts_at = factory.LazyFunction(lambda: _in_days(10))
    ends_at = factory.LazyAttribute(
        lambda activity: _hours_later(activity.starts_at, 4)
    )
    venue_en = "CPDD office"
    province = factory.LazyFunction(lambda: Province.objects.get(code="12"))
    visibility = "public"
    objectives_en = "Share **findings** with district administrations."


class ParticipationFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ParticipationFigure"

    activity = factory.SubFactory(ActivityFactory)
    stakeholder_group = "cso"
    female = 5
    male = 3
    other = 0


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Registration"

    activity = factory.SubFactory(ActivityFactory, accepts_registrations=True)
    organization = factory.SubFactory(OrganizationFactory)
    participant_name = factory.Sequence(lambda n: f"Chan Sokha {n}")
    sex = "female"
    position = "Project officer"


class ActivityDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ActivityDocument"

    activity = factory.SubFactory(ActivityFactory)
    kind = "agenda"
    title_en = factory.Sequence(lambda n: f"Agenda {n}")
    file = factory.LazyFunction(_pdf_file)
    visibility = "public"


class ActivityPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.ActivityPhoto"

    activity = factory.SubFactory(ActivityFactory)
    image = factory.LazyFunction(_photo_file)
    caption_en = "Participants discussing in groups"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Agreement"

    title_en = factory.Sequence(lambda n: f"MoU with partner {n}")
    status = "active"
    signed_on = factory.LazyFunction(lambda: _date("2025-07-09"))
    starts_on = factory.LazyFunction(lambda: _date("2025-07-09"))
    ends_on = factory.LazyFunction(lambda: _date("2027-07-08"))


class NewsPostFactory(factory.django.DjangoModelFactory):
    """A post published yesterday unless told otherwise."""

    class Meta:
        model = "events.NewsPost"

    title_en = factory.Sequence(lambda n: f"Coalition news {n}")
    title_km = factory.Sequence(lambda n: f"ព័ត៌មានសម្ព័ន្ធ {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    summary_en = "Members met district administrations."
    body_en = "The **workshop** gathered 40 participants."
    status = "published"
    published_at = factory.LazyFunction(lambda: _in_days(-1))


# Case studies and the follow-up of recommendations (issue 5). Imports stay
# local so that this section only appends to the file.


def _district(code):
    from core.models import District

    return District.objects.get(code=code)


class CaseStudyFactory(factory.django.DjangoModelFactory):
    """A published 2021 case study of Banan district, Battambang."""

    class Meta:
        model = "casestudies.CaseStudy"
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Civic engagement in Banan district {n}")
    title_km = factory.Sequence(lambda n: f"ការចូលរួមរបស់ពលរដ្ឋនៅស្រុកបាណន់ {n}")
    slug = factory.Sequence(lambda n: f"case-study-{n}")
    summary_en = "How citizens and CBOs take part in district decisions."
    summary_km = "របៀបដែលពលរដ្ឋ និងអង្គការសហគមន៍មូលដ្ឋានចូលរួមក្នុងការសម្រេចចិត្តរបស់ស្រុក។"
    findings_en = "## What works\n\nCBOs are **consulted**."
    province = factory.LazyFunction(lambda: Province.objects.get(code="02"))
    district = factory.LazyFunction(lambda: _district("0201"))  # Banan
    period_start = factory.LazyFunction(lambda: _date("2021-01-01"))
    period_end = factory.LazyFunction(lambda: _date("2021-12-31"))
    status = "published"
    published_on = factory.LazyFunction(lambda: _date("2022-02-28"))


class RespondentGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casestudies.RespondentGroup"

    case_study = factory.SubFactory(CaseStudyFactory)
    method = "focus_group"
    sessions = 2
    female = 9
    male = 5
    other = 0


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casestudies.Recommendation"

    case_study = factory.SubFactory(CaseStudyFactory)
    text_en = factory.Sequence(
        lambda n: f"Publish the district budget on the notice board ({n})."
    )
    text_km = factory.Sequence(lambda n: f"ផ្សព្វផ្សាយថវិការបស់ស្រុកនៅលើក្តារព័ត៌មាន ({n})។")
    addressed_to = "district"
    priority = "high"
    order = factory.Sequence(lambda n: n + 1)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casestudies.ProgressUpdate"

    recommendation = factory.SubFactory(RecommendationFactory)
    status = "endorsed"
    date = factory.LazyFunction(lambda: _date("2021-11-18"))
    note_en = "Endorsed at the joint consultation meeting."


class ActionItemFactory(factory.django.DjangoModelFactory):
    """An open action due a year from now, by a named administration."""

    class Meta:
        model = "casestudies.ActionItem"

    recommendation = factory.SubFactory(RecommendationFactory)
    action_en = factory.Sequence(lambda n: f"Post the budget summary ({n}).")
    responsible_party_en = "Banan District Administration"
    due_on = factory.LazyFunction(lambda: _in_days(365).date())
    status = "planned"
