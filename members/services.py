"""Writes that span several records. Each is atomic: all of it or nothing."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from .models import (
    Contact,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    Representative,
    RepresentativeInvitation,
)

logger = logging.getLogger(__name__)

INVITATION_LIFETIME = timedelta(days=14)


class ApplicationAlreadyDecided(Exception):
    pass


def _send(template, *, to, context, language=None):
    """Render `<template>_subject.txt` and `<template>_body.txt` and send them."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, None, to)


def unique_slug(text, *, model=Organization, max_length=80):
    base = slugify(text)[: max_length - 5].strip("-") or "organisation"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def record_membership_status(
    *, organization, status, recorded_by, effective_on=None, note=""
):
    """Log a membership status change and make it the organisation's status."""
    change = MembershipStatusChange.objects.create(
        organization=organization,
        status=status,
        effective_on=effective_on or timezone.localdate(),
        recorded_by=recorded_by,
        note=note,
    )
    organization.membership_status = status
    update_fields = ["membership_status", "updated_at"]
    if status == Organization.MembershipStatus.ACTIVE and not organization.joined_on:
        organization.joined_on = change.effective_on
        update_fields.append("joined_on")
    organization.save(update_fields=update_fields)
    return change


def deactivate_organization(*, organization, recorded_by, note=""):
    """Take an organisation out of the public lists, keeping it and every
    record that names it: a partner becomes a former partner, an active
    member withdrawn. Returns the status change, or None if the organisation
    was not public anyway."""
    statuses = {
        "": Organization.MembershipStatus.FORMER_PARTNER,
        Organization.MembershipStatus.ACTIVE: Organization.MembershipStatus.WITHDRAWN,
    }
    if organization.membership_status not in statuses:
        return None
    return record_membership_status(
        organization=organization,
        status=statuses[organization.membership_status],
        recorded_by=recorded_by,
        note=note,
    )


@transaction.atomic
def submit_application(*, applicant, provinces, themes, **fields):
    application = MembershipApplication.objects.create(applicant=applicant, **fields)
    application.provinces.set(provinces)
    application.themes.set(themes)
    # After the commit, and never at the cost of the application: the
    # applicant's account and its confirmation email exist by then, and the
    # secretariat also finds the application in the back-office.
    transaction.on_commit(lambda: _notify_secretariat(application))
    return application


def _notify_secretariat(application):
    try:
        _send(
            "members/email/application_received",
            to=settings.SECRETARIAT_EMAILS,
            context={"application": application},
            language="en",
        )
    except Exception:  # any mail failure: logged, not raised
        logger.exception("Could not email the secretariat about %s", application)


@transaction.atomic
def approve_application(*, application, decided_by, request=None):
    """Create the organisation, make the applicant its representative, tell them.

    Raises ApplicationAlreadyDecided for an application that is not pending.
    If the email cannot be sent, nothing is saved.
    """
    application = MembershipApplication.objects.select_for_update().get(
        pk=application.pk
    )
    if application.status != MembershipApplication.Status.PENDING:
        raise ApplicationAlreadyDecided(application)
    organization = Organization.objects.create(
        name_en=application.name_en,
        name_km=application.name_km or None,
        acronym=application.acronym,
        slug=unique_slug(application.acronym or application.name_en),
        kind=application.kind,
        website=application.website,
        head_office_province=application.head_office_province,
        description_en=application.description,
        founded_year=application.founded_year,
        registration_number=application.registration_number,
    )
    organization.provinces.set(application.provinces.all())
    organization.themes.set(application.themes.all())
    record_membership_status(
        organization=organization,
        status=Organization.MembershipStatus.ACTIVE,
        recorded_by=decided_by,
        note=f"Application #{application.pk} approved",
    )
    Representative.objects.create(organization=organization, user=application.applicant)
    Contact.objects.create(
        organization=organization,
        name=application.contact_name,
        sex=application.contact_sex,
        position=application.contact_position,
        phone=application.contact_phone,
        email=application.contact_email,
    )
    application.status = MembershipApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = decided_by
    application.organization = organization
    application.save()
    _send(
        "members/email/application_approved",
        to=[application.applicant.email],
        context={
            "application": application,
            "organization": organization,
            "edit_url": _absolute(
                request,
                reverse(
                    "members:organization-edit", kwargs={"slug": organization.slug}
                ),
            ),
        },
    )
    return organization


@transaction.atomic
def decline_application(*, application, decided_by, reason):
    application = MembershipApplication.objects.select_for_update().get(
        pk=application.pk
    )
    if application.status != MembershipApplication.Status.PENDING:
        raise ApplicationAlreadyDecided(application)
    application.status = MembershipApplication.Status.DECLINED
    application.decline_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = decided_by
    application.full_clean()
    application.save()
    _send(
        "members/email/application_declined",
        to=[application.applicant.email],
        context={"application": application},
    )
    return application


@transaction.atomic
def invite_representative(*, organization, email, invited_by, request=None):
    invitation = RepresentativeInvitation.objects.create(
        organization=organization,
        email=email,
        invited_by=invited_by,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    _send(
        "members/email/invitation",
        to=[email],
        context={
            "invitation": invitation,
            "accept_url": _absolute(request, invitation.get_absolute_url()),
        },
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation, user):
    """Make `user` a representative; an invitation is used once."""
    invitation = RepresentativeInvitation.objects.select_for_update().get(
        pk=invitation.pk
    )
    Representative.objects.get_or_create(
        organization=invitation.organization, user=user
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return invitation.organization


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    from django.contrib.sites.models import Site

    return f"https://{Site.objects.get_current().domain}{path}"


@transaction.atomic
def create_applicant_account(*, request, email, password):
    """An account for a new applicant, unverified until they follow the link.

    allauth sends the verification email, as for any sign-up.
    """
    from allauth.account.adapter import get_adapter
    from allauth.account.utils import setup_user_email

    adapter = get_adapter(request)
    user = adapter.new_user(request)
    user.email = email
    user.set_password(password)
    adapter.populate_username(request, user)
    user.save()
    address = setup_user_email(request, user, [])
    address.send_confirmation(request, signup=True)
    return user
