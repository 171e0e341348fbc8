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


class StaffFactory(UserFactory):
    is_staff = True


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
