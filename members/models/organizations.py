"""Organisations, their people, status history, groups and dues."""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.examples import example_field
from core.images import ResponsiveImageField
from core.models import Province, Theme, Versioned, VersionedPart
from core.twofactor import has_staff_perm

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class OrganizationQuerySet(models.QuerySet):
    def members(self):
        """Organisations that are (or were, or want to be) members: not
        partners, present or former."""
        return self.exclude(membership_status__in=Organization.PARTNER_STATUSES)

    def active_members(self):
        return self.filter(membership_status=Organization.MembershipStatus.ACTIVE)

    def partners(self):
        """Partners (donors, government bodies, companies) who are not members."""
        return self.filter(membership_status="")

    def public(self):
        """Those with a public profile: active members and partners."""
        return self.filter(membership_status__in=Organization.PUBLIC_STATUSES)

    def editable_by(self, user):
        """The organisations `user` may edit: their own, or all for staff
        with two-factor sign-in allowed to change organisations."""
        if not user.is_authenticated:
            return self.none()
        if has_staff_perm(user, "members.change_organization"):
            return self
        # EXISTS, not a join: ORed with public() in the profile view, a join
        # would return an organisation once per representative.
        return self.filter(
            Exists(
                Representative.objects.filter(organization=OuterRef("pk"), user=user)
            )
        )

    def search(self, text):
        """Match English or Khmer names and acronyms, ignoring case and accents."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(name_en__unaccent__icontains=text)
            | Q(name_km__icontains=text)
            | Q(acronym__unaccent__icontains=text)
        )

    def for_directory(self):
        """Page-shaped: what a directory card shows, in a fixed number of queries."""
        return self.select_related("head_office_province").prefetch_related(
            models.Prefetch(
                "provinces", queryset=Province.objects.only("id", "name_en", "name_km")
            )
        )


class Organization(Versioned):
    class Kind(models.TextChoices):
        LOCAL_NGO = "local_ngo", _("Local NGO")
        INGO = "ingo", _("International NGO")
        CBO = "cbo", _("Community-based organisation")
        NETWORK = "network", _("Network or association")
        GOVERNMENT = "government", _("Government body")
        DEVELOPMENT_PARTNER = "development_partner", _("Development partner")
        COMPANY = "company", _("Company")
        INDIVIDUAL = "individual", _("Individual member")

    class MembershipStatus(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        ACTIVE = "active", _("Active member")
        SUSPENDED = "suspended", _("Suspended")
        LAPSED = "lapsed", _("Lapsed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        # A partner deactivated instead of deleted: out of the public lists,
        # still named by the activities, projects and MoUs it took part in.
        FORMER_PARTNER = "former_partner", _("Former partner")
        __empty__ = _("Partner (not a member)")

    PARTNER_STATUSES = ("", MembershipStatus.FORMER_PARTNER)
    # Who has a public profile, which pages link to: active members and partners.
    PUBLIC_STATUSES = ("", MembershipStatus.ACTIVE)

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    membership_status = models.CharField(
        _("membership status"),
        max_length=16,
        choices=MembershipStatus.choices,
        blank=True,
        help_text=_(
            "Set through membership status changes. Empty for partners who "
            "are not members."
        ),
    )
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    is_example = example_field()
    logo = ResponsiveImageField(_("logo"), upload_to="logos/", blank=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    head_office_province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="head_offices",
        verbose_name=_("head office province"),
    )
    provinces = models.ManyToManyField(
        Province,
        blank=True,
        related_name="organizations",
        verbose_name=_("provinces of operation"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="organizations", verbose_name=_("areas of work")
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=60,
        blank=True,
        help_text=_("Registration with the Ministry of Interior, if any."),
    )
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Representative",
        related_name="represented_organizations",
        verbose_name=_("representatives"),
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # English words by stem for site search (cpdd_portal/search.py), kept by
    # PostgreSQL itself; Khmer is found through the trigram indexes below.
    search_vector = models.GeneratedField(
        expression=SearchVector("name_en", "acronym", weight="A", config="english")
        + SearchVector("description_en", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(
                fields=["membership_status", "name_en"], name="organization_directory"
            ),
            GinIndex(
                fields=["name_en", "name_km", "acronym"],
                name="organization_name_trgm",
                opclasses=["gin_trgm_ops"] * 3,
            ),
            GinIndex(fields=["search_vector"], name="organization_search"),
            GinIndex(
                fields=["description_km"],
                name="organization_km_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=1900, founded_year__lte=2100),
                name="organization_founded_year_plausible",
                violation_error_message=_("Enter a year between 1900 and 2100."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("members:organization-detail", kwargs={"slug": self.slug})

    @property
    def is_member(self):
        return self.membership_status not in self.PARTNER_STATUSES

    @property
    def has_public_profile(self):
        """Whether its profile page is public, so names of it may link there."""
        return self.membership_status in self.PUBLIC_STATUSES

    def profile_gaps(self):
        """What the public profile still lacks, in the words of a to-do list.

        Reads `contacts` and `provinces` through the prefetch cache when the
        caller prefetched them (the "My organisation" page does)."""
        checks = [
            (self.name_km, _("Add the organisation's name in Khmer.")),
            (self.description_en, _("Describe the organisation in English.")),
            (self.description_km, _("Describe the organisation in Khmer.")),
            (self.logo, _("Add a logo.")),
            (self.provinces.all(), _("List the provinces where you work.")),
            (
                [c for c in self.contacts.all() if c.is_public],
                _("Add a contact that the public can see."),
            ),
        ]
        return [gap for present, gap in checks if not present]


class MembershipStatusChange(models.Model):
    """A dated change of an organisation's membership, and who recorded it."""

    organization = models.ForeignKey(
        Organization,
        # The record of a membership outlives it: deactivate, not delete.
        on_delete=models.PROTECT,
        related_name="status_changes",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Organization.MembershipStatus.choices
    )
    effective_on = models.DateField(_("effective on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-recorded_at"]
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership status changes")

    def __str__(self):
        return f"{self.organization}: {self.get_status_display()} ({self.effective_on})"


class Representative(models.Model):
    """A user who may edit an organisation's profile on its behalf."""

    # Someone speaks for the organisation: deactivate it rather than delete.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_("user")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["organization", "added_at"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="representative_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} for {self.organization}"


class ContactQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)


class Contact(VersionedPart, Versioned):
    """A person at an organisation. Private unless marked public."""

    version_parent = "organization"

    # Part of the organisation's record (an unlinked one may be deleted with
    # its contacts); each contact keeps a history of its own to restore.
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_public = models.BooleanField(
        _("shown on the public profile"),
        default=False,
        help_text=_("Only then are this person's name, phone and email public."),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class WorkingGroup(Versioned):
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20)
    slug = models.SlugField(_("slug"), unique=True)
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("Markdown."))
    cadence = models.CharField(
        _("meets"), max_length=100, blank=True, help_text=_("e.g. Monthly")
    )
    established_on = models.DateField(_("established"), null=True, blank=True)
    coordinator = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_groups",
        verbose_name=_("coordinator"),
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="working_groups",
        verbose_name=_("member organisations"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["established_on", "acronym"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("members:workinggroup-detail", kwargs={"slug": self.slug})


class Contribution(VersionedPart, Versioned):
    """An organisation's annual dues or block funding for one year."""

    version_parent = "organization"

    class Currency(models.TextChoices):
        USD = "USD", _("US dollars")
        KHR = "KHR", _("Cambodian riel")

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.USD
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    reference = models.CharField(_("receipt or reference"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "organization"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year"],
                name="contribution_one_per_year",
                violation_error_message=_(
                    "This organisation already has a contribution for that year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contribution_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}: {self.amount} {self.currency}"

    @property
    def is_paid(self):
        return self.paid_on is not None
