"""Writes that span several records. Each is atomic: all of it or nothing."""

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify

from core import mail

from .models import (
    Contact,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    Representative,
    RepresentativeInvitation,
    invitation_expiry,
)


class ApplicationAlreadyDecided(Exception):
    pass


def _send(template, *, to, context, language=None):
    """Render `<template>_subject.txt` and `<template>_body.txt` and queue
    them: sent by the worker once the transaction commits, never inside it."""
    with translation.override(language or translation.get_language()):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    mail.send(subject, body, to)


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
    _send(
        "members/email/application_received",
        to=settings.SECRETARIAT_EMAILS,
        context={"application": application},
        language="en",
    )
    return application


@transaction.atomic
def approve_application(*, application, decided_by, request=None):
    """Create the organisation, make the applicant its representative, tell them.

    Raises ApplicationAlreadyDecided for an application that is not pending.
    The email is queued with the approval and goes out when the mail server
    answers.
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
        organization=organization, email=email, invited_by=invited_by
    )
    _send_invitation(invitation, request=request)
    return invitation


class InvitationNotUsable(Exception):
    """The invitation was accepted already, or has expired."""


class InvitationNotForUser(Exception):
    """The signed-in account has not confirmed the invited address."""


@transaction.atomic
def renew_invitation(*, invitation, request=None):
    """Give a pending or expired invitation a new expiry and send it again.

    Raises InvitationNotUsable for an invitation accepted meanwhile.
    """
    expires_at = invitation_expiry()
    renewed = RepresentativeInvitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True
    ).update(expires_at=expires_at)
    if renewed != 1:
        raise InvitationNotUsable(invitation)
    invitation.expires_at = expires_at
    _send_invitation(invitation, request=request)
    return invitation


def _send_invitation(invitation, *, request=None):
    """The one place an invitation is mailed: when sent and when renewed."""
    _send(
        "members/email/invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "accept_url": _absolute(request, invitation.get_absolute_url()),
        },
    )


@transaction.atomic
def accept_invitation(*, invitation, user):
    """Make `user` a representative of the invitation's organisation.

    Only an account that has confirmed the invited address may accept
    (InvitationNotForUser), and only once, before the invitation expires
    (InvitationNotUsable). The conditional update is the guarantee: of two
    simultaneous accepts, the second waits for the first's row lock and then
    matches no row, so it seats nobody.
    """
    if not invitation.is_for(user):
        raise InvitationNotForUser(invitation)
    claimed = (
        RepresentativeInvitation.objects.usable()
        .filter(pk=invitation.pk)
        .update(accepted_at=timezone.now(), accepted_by=user)
    )
    if claimed != 1:
        raise InvitationNotUsable(invitation)
    Representative.objects.get_or_create(
        organization=invitation.organization, user=user
    )
    return invitation.organization


def _absolute(request, path):
    if request is not None:
        return request.build_absolute_uri(path)
    from django.contrib.sites.models import Site

    return f"https://{Site.objects.get_current().domain}{path}"


@transaction.atomic
def create_applicant_account(*, request, email, password):
    """An account for a new applicant, unverified until they follow the link.

    allauth sends the verification email, as for any sign-up. Returns None if
    the address already belongs to an account: its holder is told by email
    instead, so that the form answers alike whether an address is known or
    not (the caller saves no application for None).
    """
    from allauth.account.adapter import get_adapter
    from allauth.account.utils import filter_users_by_email, setup_user_email

    if filter_users_by_email(email):
        # Spend what hashing the new account's password would, so the answer
        # takes about as long either way.
        make_password(password)
        _tell_account_holder(email, request=request)
        return None
    adapter = get_adapter(request)
    user = adapter.new_user(request)
    user.email = email
    user.set_password(password)
    adapter.populate_username(request, user)
    user.save()
    address = setup_user_email(request, user, [])
    address.send_confirmation(request, signup=True)
    return user


def _tell_account_holder(email, *, request=None):
    """The one place the holder of an address is told that someone applied
    with it: how to sign in (or reset the password) and apply again."""
    _send(
        "members/email/application_existing_account",
        to=[email],
        context={
            "email": email,
            "login_url": _absolute(request, reverse("account_login")),
            "reset_url": _absolute(request, reverse("account_reset_password")),
            "apply_url": _absolute(request, reverse("members:apply")),
        },
    )
