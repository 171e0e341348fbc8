"""How organisations and people join: applications and invitations."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import Province, Theme, Versioned

from .organizations import YEAR_VALIDATORS, Organization, Sex


class MembershipApplication(Versioned):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="membership_applications",
        verbose_name=_("applicant's account"),
    )
    # The organisation as the applicant describes it.
    name_en = models.CharField(_("name in English"), max_length=200)
    name_km = models.CharField(_("name in Khmer"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Organization.Kind.choices)
    website = models.URLField(_("website"), blank=True)
    head_office_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("head office province"),
    )
    provinces = models.ManyToManyField(
        Province, related_name="+", verbose_name=_("provinces of operation")
    )
    themes = models.ManyToManyField(
        Theme, related_name="+", blank=True, verbose_name=_("areas of work")
    )
    description = models.TextField(_("what the organisation does"))
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    registration_number = models.CharField(
        _("registration number"), max_length=60, blank=True
    )
    # The contact person.
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_sex = models.CharField(_("sex"), max_length=8, choices=Sex)
    contact_position = models.CharField(_("position"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40)
    contact_email = models.EmailField(_("email"))
    # The secretariat's decision.
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    organization = models.OneToOneField(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("organisation created"),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="application_declined_with_reason",
                violation_error_message=_("Say why the application is declined."),
            )
        ]

    def __str__(self):
        return self.name_en


def _invitation_token():
    return secrets.token_urlsafe(32)


def invitation_expiry():
    """When an invitation sent (or renewed) now stops working."""
    return timezone.now() + timedelta(days=settings.REPRESENTATIVE_INVITATION_DAYS)


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def accepted(self):
        return self.filter(accepted_at__isnull=False)

    def expired(self):
        return self.filter(accepted_at__isnull=True, expires_at__lte=timezone.now())


class RepresentativeInvitation(models.Model):
    """An emailed invitation to become a representative of an organisation.

    It belongs to its address: only an account that has confirmed that
    address may accept it, once, before it expires.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")

    # Only an organisation nobody represents can be deleted: what is left of
    # its invitations is unused links, worthless without it.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email"))
    token = models.CharField(
        max_length=64, unique=True, default=_invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("representative invitation")
        verbose_name_plural = _("representative invitations")

    def __str__(self):
        return f"{self.email} → {self.organization}"

    def get_absolute_url(self):
        return reverse("members:invitation-accept", kwargs={"token": self.token})

    @property
    def status(self):
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def is_for(self, user):
        """Whether `user` has confirmed the invited address (in any case)."""
        return (
            user.is_authenticated
            and EmailAddress.objects.filter(
                user=user, email__iexact=self.email, verified=True
            ).exists()
        )
