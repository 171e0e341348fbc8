from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import (
    PrivateFileField,
    UploadName,
    register_private_file,
    validate_document,
)
from core.models import Province, Versioned
from core.twofactor import has_staff_perm
from members.models import Organization

from .activities import Activity, Project


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Signed MoUs are for staff allowed to view agreements (with
        two-factor sign-in), no one else."""
        if has_staff_perm(user, "events.view_agreement"):
            return self
        return self.none()

    def in_force(self):
        return self.filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE]
        )

    def expiring_within(self, days):
        """Agreements in force whose term ends in the next `days` days."""
        today = timezone.localdate()
        return self.in_force().filter(
            ends_on__gte=today, ends_on__lte=today + timedelta(days=days)
        )


class Agreement(Versioned):
    """A memorandum of understanding (MoU) between CPDD and its partners."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the parties agreed. Markdown.")
    )
    parties = models.ManyToManyField(
        Organization,
        related_name="agreements",
        verbose_name=_("parties"),
        help_text=_("The organisations that signed with CPDD."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    starts_on = models.DateField(_("term starts"), null=True, blank=True)
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    provinces = models.ManyToManyField(
        Province,
        blank=True,
        related_name="agreements",
        verbose_name=_("provinces covered"),
    )
    document = PrivateFileField(
        _("signed document"),
        upload_to=UploadName("agreements", "agreement"),
        max_length=255,
        blank=True,
        validators=[validate_document],
        help_text=_("PDF, DOCX or ODT, 20 MB at most. Only the secretariat sees it."),
    )
    signing_activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("signing activity"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("project"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("agreement (MoU)")
        verbose_name_plural = _("agreements (MoUs)")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
                violation_error_message=_(
                    "Give the date it was signed, or keep it as a draft."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The term must end after it starts.")
        if self.status != self.Status.DRAFT and not self.signed_on:
            errors["signed_on"] = _("Give the date it was signed.")
        if errors:
            raise ValidationError(errors)


register_private_file(
    "agreement", Agreement, "document", visible=Agreement.objects.visible_to
)
