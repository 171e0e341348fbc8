from datetime import timedelta

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.examples import example_field
from core.models import District, Province, Theme, Versioned
from core.richtext import plain_text
from core.subqueries import count_of
from core.twofactor import sees_as_staff
from members.models import Organization, Representative, Sex, WorkingGroup

from .participation import Registration, per_activity

# Paths under /events/ that an activity slug must not shadow.
RESERVED_SLUGS = {"calendar", "registrations", "reports", "files", "feed"}


# Workshops, meetings and trainings last hours or days; a longer programme is a
# Project. The bound keeps "what is coming up" an index range read.
MAX_ACTIVITY_DURATION = timedelta(days=31)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    INTERNAL = "internal", _("Internal (secretariat only)")


def visible_q(user, field="visibility"):
    """The condition for rows whose `field` lets `user` see them.

    Public for everyone; members-only for representatives of an active member
    (checked inside the same SQL query) and staff; internal for staff only.
    Staff without two-factor sign-in are not staff here (`sees_as_staff`).
    """
    if sees_as_staff(user):
        return Q()
    condition = Q(**{field: Visibility.PUBLIC})
    if user.is_authenticated:
        # Of an active member: a lapsed or withdrawn organisation's
        # representatives keep their accounts, not the members' view.
        represents = Exists(
            Representative.objects.filter(
                user_id=user.pk, organization__membership_status="active"
            )
        )
        condition |= Q(represents, **{field: Visibility.MEMBERS})
    return condition


class Project(Versioned):
    """A funded programme the secretariat runs; activities and MoUs belong to it."""

    title = models.CharField(_("title"), max_length=255)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: **bold**, lists, links.")
    )
    donors = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="funded_projects",
        verbose_name=_("donors"),
    )
    partners = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="partner_projects",
        verbose_name=_("partners"),
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="projects", verbose_name=_("provinces")
    )
    districts = models.ManyToManyField(
        District,
        blank=True,
        related_name="projects",
        verbose_name=_("districts and municipalities"),
        help_text=_("Where the project works below the province, if it says so."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title_en"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.acronym or self.title

    def get_absolute_url(self):
        return reverse("events:activity-list") + f"?project={self.slug}"


class ActivityQuerySet(models.QuerySet):
    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)

    def visible_to(self, user):
        """Public ones for everyone, members-only ones for representatives and
        staff, internal ones for staff only."""
        return self.filter(visible_q(user))

    def involving(self, organization):
        """Activities an organisation organised, partnered or sent people to.

        Three id lists, each read through its own index, rather than an OR
        across three joins: with 100,000 activities PostgreSQL would walk the
        whole table by date to find the few of a small organisation.
        """
        through = Activity.organisers.through, Activity.partners.through
        ids = [
            model.objects.filter(organization=organization).values("activity_id")
            for model in through
        ]
        ids.append(
            Registration.objects.filter(organization=organization).values("activity")
        )
        # One IN over a UNION: PostgreSQL estimates it from the three index
        # reads, where three ORed IN clauses look like most of the table.
        return self.filter(pk__in=ids[0].union(*ids[1:]))

    def search(self, text):
        """Match titles, objectives and venues in English or Khmer (Khmer has
        no spaces between words, so this is a substring match)."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_en__unaccent__icontains=text)
            | Q(title_km__icontains=text)
            | Q(objectives_en__unaccent__icontains=text)
            | Q(objectives_km__icontains=text)
            | Q(venue_en__unaccent__icontains=text)
        )

    def upcoming(self, now=None):
        """Not over yet (including those happening now), soonest first."""
        now = now or timezone.now()
        # The bound on the start, which no activity can miss (see the
        # constraint on the model), lets PostgreSQL read the few coming
        # activities off the start-time index instead of walking past years.
        return self.filter(
            ends_at__gte=now, starts_at__gte=now - MAX_ACTIVITY_DURATION
        ).order_by("starts_at", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def with_participation(self):
        """Annotate participant numbers by sex: `female`, `male`, `other`,
        `total`, each the typed figures plus attended registrations, and
        `registered_female`, `registered_male`, `registered_other`, the attended
        registrations alone (the rule: events.models.participation)."""
        typed, attended = {}, {}
        for sex in Sex.values:
            typed[sex], attended[f"registered_{sex}"] = per_activity(sex)
        return (
            self.annotate(**attended)
            .annotate(
                **{sex: typed[sex] + F(f"registered_{sex}") for sex in Sex.values}
            )
            .annotate(total=F("female") + F("male") + F("other"))
        )

    def with_registration_count(self):
        """Annotate `registered_count`: registrations not cancelled."""
        return self.annotate(
            registered_count=count_of(
                Registration.objects.active().filter(activity=OuterRef("pk")),
                "activity",
            )
        )

    def for_list(self):
        """Page-shaped for lists and cards: places, project and working group
        joined, participation annotated; no per-row queries."""
        return self.select_related(
            "province", "district", "project", "working_group"
        ).with_participation()

    def for_calendar(self):
        """What an iCalendar event needs, in one query."""
        return self.select_related("province", "district").order_by("starts_at")

    def for_detail(self, user):
        """Page-shaped for the detail page, with only what `user` may see of
        its documents and photos, and only published news."""
        # Those modules import this one.
        from .agreements import Agreement
        from .attachments import ActivityDocument, ActivityPhoto
        from .news import NewsPost

        organisations = Organization.objects.only(
            "id",
            "slug",
            "name_en",
            "name_km",
            "acronym",
            "membership_status",
            "is_example",
        )
        return (
            self.select_related("province", "district", "project", "working_group")
            .with_participation()
            .with_registration_count()
            .prefetch_related(
                Prefetch("organisers", queryset=organisations),
                Prefetch("partners", queryset=organisations),
                "themes",
                "participation",
                Prefetch(
                    "documents",
                    queryset=ActivityDocument.objects.visible_to(user),
                    to_attr="visible_documents",
                ),
                Prefetch(
                    "photos",
                    queryset=ActivityPhoto.objects.order_by("position", "pk"),
                    to_attr="gallery",
                ),
                Prefetch(
                    "news_posts",
                    queryset=NewsPost.objects.published().order_by("-published_at"),
                    to_attr="published_news",
                ),
                Prefetch(
                    "agreements",
                    queryset=Agreement.objects.exclude(status=Agreement.Status.DRAFT),
                    to_attr="signed_agreements",
                ),
            )
        )


class Activity(Versioned):
    """Something the coalition did or will do: a workshop, meeting, MoU signing…"""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        MEETING = "meeting", _("Meeting")
        TRAINING = "training", _("Training")
        CONSULTATION = "consultation", _("Consultation")
        FORUM = "forum", _("Forum")
        FIELD_VISIT = "field_visit", _("Field visit")
        MOU_SIGNING = "mou_signing", _("MoU signing")
        ANNUAL_CONGRESS = "annual_congress", _("Annual Congress")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the web address, e.g. project-closing-2025."),
    )
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("Markdown."))
    is_example = example_field()
    outcomes = models.TextField(_("outcomes"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(
        _("starts"), help_text=_("Date and time in Phnom Penh time.")
    )
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("e.g. Hyatt Regency")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("district or municipality"),
        help_text=_("Must be in the province chosen above."),
    )
    organisers = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="organised_activities",
        verbose_name=_("organisers"),
        help_text=_("Organisations that organised it with the CPDD secretariat."),
    )
    partners = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="partnered_activities",
        verbose_name=_("partners"),
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("project"),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("working group"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="activities", verbose_name=_("themes")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility,
        default=Visibility.PUBLIC,
        help_text=_(
            "Members only: seen by members' representatives and the secretariat. "
            "Internal: the secretariat only."
        ),
    )
    accepts_registrations = models.BooleanField(
        _("members may register participants"), default=False
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Most registrations accepted. Leave empty for no limit."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # English words by stem for site search (cpdd_portal/search.py), kept by
    # PostgreSQL itself; Khmer is found through the trigram index below.
    search_vector = models.GeneratedField(
        expression=SearchVector("title_en", weight="A", config="english")
        + SearchVector("objectives_en", weight="B", config="english")
        + SearchVector("outcomes_en", "venue_en", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            # Covering the dashboard's grouped counts, which then read this
            # index instead of the whole table (100,000 rows: 98 -> 37 ms).
            models.Index(
                fields=["visibility", "ends_at"],
                include=["id", "starts_at", "kind", "province", "project"],
                name="activity_visible_ends",
            ),
            models.Index(fields=["starts_at"], name="activity_starts"),
            GinIndex(fields=["search_vector"], name="activity_search"),
            GinIndex(
                fields=["title_km", "objectives_km", "outcomes_km"],
                name="activity_km_trgm",
                opclasses=["gin_trgm_ops"] * 3,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__lte=F("starts_at") + MAX_ACTIVITY_DURATION),
                name="activity_lasts_at_most_31_days",
                violation_error_message=_(
                    "An activity lasts at most 31 days: record a longer programme"
                    " as a project."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:activity-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if (
            self.district_id
            and self.province_id
            and self.district.province_id != self.province_id
        ):
            errors["district"] = _(
                "%(district)s is in %(province)s, not in the province chosen."
            ) % {"district": self.district, "province": self.district.province}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This web address is reserved; choose another.")
        if errors:
            raise ValidationError(errors)

    @property
    def summary(self):
        """A plain-text teaser for cards and meta descriptions."""
        return plain_text(self.objectives, 200)

    @property
    def location(self):
        """Venue, district and province as one line of text (no map), e.g.
        "Angkor Paradise Hotel, Siem Reap municipality, Siem Reap province"."""
        parts = [self.venue]
        if self.district:
            parts.append(self.district.in_sentence)
        parts.append(self.province.in_sentence)
        return ", ".join(str(part) for part in parts if part)

    @property
    def is_open_for_registration(self):
        return self.accepts_registrations and self.starts_at > timezone.now()
