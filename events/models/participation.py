"""Who took part in an activity, by sex, and the one rule every count of
participants follows.

People whom a member organisation registered (Registration) and the
secretariat marked as attended are counted from their registrations; the
figures typed by the secretariat (ParticipationFigure) count everyone else.
A count of people is always the typed figures plus the attended
registrations, each summed on its own so that neither join multiplies the
other.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import VersionedPart
from core.subqueries import count_of, sum_of
from members.models import Organization, Sex

SEXES = Sex.values  # female, male, other


class StakeholderGroup(models.TextChoices):
    SNA = "sna", _("Sub-national administration officials and councillors")
    GOVERNMENT = "government", _("Government ministries and departments")
    CSO = "cso", _("NGOs and civil society organisations")
    CBO = "cbo", _("Community-based organisations")
    CITIZENS = "citizens", _("Citizens")
    DEVELOPMENT_PARTNERS = "development_partners", _("Development partners")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Others")
    # Never typed: computed from attended registrations (see ParticipationFigure).
    REGISTERED = "registered", _("Registered by member organisations")


TYPED_GROUPS = [
    choice for choice in StakeholderGroup.choices if choice[0] != "registered"
]


class ParticipationFigure(VersionedPart):
    """How many people of one stakeholder group took part, by sex.

    The rule that keeps people from being counted twice: people whom a member
    organisation registered through the portal and whom the secretariat marked
    as attended are counted from their registrations, under the computed group
    "Registered by member organisations"; the figures typed here cover everyone
    else. An activity's totals (ActivityQuerySet.with_participation) are the sum
    of both and are never stored.
    """

    version_parent = "activity"

    # Part of the activity, edited in its form: deleted with it (the admin
    # lists it before), while what others refer to stops the deletion.
    activity = models.ForeignKey(
        "Activity",
        on_delete=models.CASCADE,
        related_name="participation",
        verbose_name=_("activity"),
    )
    stakeholder_group = models.CharField(
        _("stakeholder group"), max_length=24, choices=TYPED_GROUPS
    )
    female = models.PositiveIntegerField(_("female"), default=0)
    male = models.PositiveIntegerField(_("male"), default=0)
    other = models.PositiveIntegerField(_("other or not stated"), default=0)

    class Meta:
        ordering = ["activity", "stakeholder_group"]
        verbose_name = _("participation figure")
        verbose_name_plural = _(
            "participants (people registered online and marked attended are "
            "added automatically: do not count them here)"
        )
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "stakeholder_group"],
                name="participation_one_row_per_group",
                violation_error_message=_(
                    "This stakeholder group already has a row for this activity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(female__gte=0, male__gte=0, other__gte=0),
                name="participation_counts_not_negative",
                violation_error_message=_("Numbers of people cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(stakeholder_group=StakeholderGroup.REGISTERED),
                name="participation_registered_group_is_computed",
                violation_error_message=_(
                    "Registered participants are counted from their registrations."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.get_stakeholder_group_display()}"

    @property
    def total(self):
        return self.female + self.male + self.other


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def attended(self):
        return self.active().filter(attended=True)

    def of_organisations_represented_by(self, user):
        """Registrations of the organisations `user` represents: the
        queryset is the permission, so another member's are not found."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organization__representatives=user)


class Registration(models.Model):
    """A named participant a member organisation registered for an activity."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey(
        "Activity",
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("activity"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("organisation"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    participant_name = models.CharField(_("participant's name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED
    )
    attended = models.BooleanField(
        _("attended"),
        default=False,
        help_text=_("Ticked by the secretariat; counted in the participation."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "organization", "participant_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "activity",
                "organization",
                Lower("participant_name"),
                condition=Q(status="registered"),
                name="registration_once_per_person",
                violation_error_message=_(
                    "This person is already registered for this activity."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status="registered") | Q(attended=False),
                name="registration_cancelled_not_attended",
                violation_error_message=_(
                    "A cancelled registration cannot be marked as attended."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.participant_name} ({self.organization})"

    @property
    def can_be_cancelled(self):
        return (
            self.status == self.Status.REGISTERED
            and self.activity.starts_at > timezone.now()
        )


def typed_sums():
    """Aggregates of ParticipationFigure rows: {sex: people}."""
    return {sex: Sum(sex) for sex in SEXES}


def attended_counts():
    """Aggregates of attended registrations: {sex: people}."""
    return {sex: Count("pk", filter=Q(sex=sex)) for sex in SEXES}


def per_activity(sex):
    """Annotations for an Activity queryset: the typed figures and the
    attended registrations of `sex` of each activity, 0 without any."""
    activity = OuterRef("pk")
    return (
        sum_of(ParticipationFigure.objects.filter(activity=activity), "activity", sex),
        count_of(
            Registration.objects.attended().filter(activity=activity, sex=sex),
            "activity",
        ),
    )


def _key(by):
    """`by` seen from a participation figure or a registration: a field of
    their activity, or "year", the year the activity started."""
    if by == "year":
        return ExtractYear("activity__starts_at")
    return F(f"activity__{by}")


def people_by(activities, by):
    """{value of `by`: Counter of people by sex} who took part in
    `activities` (a queryset or a list of ids), `by` a field of Activity
    ("kind", "province", "pk") or "year". One query: the typed figures and the
    attended registrations grouped apart, in the two halves of a UNION."""
    if not isinstance(activities, list):
        activities = activities.order_by().values("pk")
    halves = [
        rows.filter(activity__in=activities)
        .order_by()
        .annotate(key=_key(by))
        .values("key")
        .annotate(**aggregates)
        for rows, aggregates in (
            (ParticipationFigure.objects, typed_sums()),
            (Registration.objects.attended(), attended_counts()),
        )
    ]
    people = defaultdict(Counter)
    # Not ordered: the union would take the default ordering of its models.
    for item in halves[0].union(halves[1], all=True).order_by():
        people[item["key"]].update({sex: item[sex] or 0 for sex in SEXES})
    return people
