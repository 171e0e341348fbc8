"""Writes that span several records. Each is atomic: all of it or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.content import bump_content_version

from .models import Activity, NewsPost, Registration


class RegistrationRefused(ValidationError):
    """Registration is closed, full, or not open to this organisation."""


@transaction.atomic
def register_participants(*, activity, organization, registered_by, participants):
    """Register named people of `organization` for `activity`, all or none.

    `participants` is a list of dicts with participant_name, sex, position,
    phone and email. The activity row is locked while places are counted, so
    two representatives registering at once cannot overfill it. Raises
    RegistrationRefused when closed or when the places left are too few.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.is_open_for_registration:
        raise RegistrationRefused(
            _("Registration for this activity is closed."), code="closed"
        )
    if activity.capacity is not None:
        taken = activity.registrations.active().count()
        left = max(activity.capacity - taken, 0)
        if len(participants) > left:
            raise RegistrationRefused(
                ngettext(
                    "Only %(left)d place is left; you asked for %(asked)d.",
                    "Only %(left)d places are left; you asked for %(asked)d.",
                    left,
                )
                % {"left": left, "asked": len(participants)},
                code="full",
            )
    registrations = [
        Registration(
            activity=activity,
            organization=organization,
            registered_by=registered_by,
            **participant,
        )
        for participant in participants
    ]
    for registration in registrations:
        registration.full_clean()
    created = Registration.objects.bulk_create(registrations)
    # bulk_create sends no signal: the public page shows the places left.
    transaction.on_commit(bump_content_version)
    return created


@transaction.atomic
def cancel_registration(*, registration):
    """Cancel a registration before the activity starts; its place frees up."""
    registration = (
        Registration.objects.select_for_update()
        .select_related("activity")
        .get(pk=registration.pk)
    )
    if not registration.can_be_cancelled:
        raise RegistrationRefused(
            _("This registration can no longer be cancelled."), code="closed"
        )
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    return registration


def publish_news_post(*, post, when=None):
    """Publish a post now, or at `when`; a post already scheduled keeps its time."""
    post.status = NewsPost.Status.PUBLISHED
    post.published_at = when or post.published_at or timezone.now()
    post.save(update_fields=["status", "published_at", "updated_at"])
    return post
