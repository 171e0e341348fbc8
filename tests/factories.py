import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


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
