from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Prefetch, Q
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.examples import example_field
from core.files import (
    PrivateFileField,
    UploadName,
    register_private_file,
    validate_report,
)
from core.images import ResponsiveImageField
from core.models import District, Province, Theme, Versioned, VersionedPart
from core.richtext import plain_text
from core.subqueries import count_of, sum_of
from core.twofactor import sees_as_staff
from events.models import Activity, NewsPost, Project
from members.models import Organization

SEXES = ("female", "male", "other")
# The order of lists of case studies: newest period first.
LIST_ORDER = ("-period_start", "district__code", "pk")
# Paths under /case-studies/ that a case study's slug must not shadow.
RESERVED_SLUGS = {"follow-up", "files"}


class CaseStudyQuerySet(models.QuerySet):
    def published(self):
        """Published case studies whose publication date has come."""
        return self.filter(
            status=CaseStudy.Status.PUBLISHED,
            published_on__lte=timezone.localdate(),
        )

    def visible_to(self, user):
        """Published ones for everyone; drafts too for staff with two-factor
        sign-in (`sees_as_staff`)."""
        if sees_as_staff(user):
            return self
        return self.published()

    def search(self, text):
        """Match titles, summaries and findings in English or Khmer, and the
        district's name; case and accents are ignored in Latin script."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_en__unaccent__icontains=text)
            | Q(title_km__icontains=text)
            | Q(summary_en__unaccent__icontains=text)
            | Q(summary_km__icontains=text)
            | Q(findings_en__unaccent__icontains=text)
            | Q(findings_km__icontains=text)
            | Q(district__name_en__unaccent__icontains=text)
            | Q(district__name_km__icontains=text)
        )

    def covering_year(self, year):
        """Case studies whose period includes some of `year`."""
        return self.filter(period_start__year__lte=year, period_end__year__gte=year)

    def with_respondents(self):
        """Annotate `respondents_female`, `respondents_male`, `respondents_other`
        and `respondents` (their total), summed over the methodology rows."""
        rows = RespondentGroup.objects.filter(case_study=OuterRef("pk")).order_by()
        sums = {f"respondents_{sex}": sum_of(rows, "case_study", sex) for sex in SEXES}
        return self.annotate(**sums).annotate(
            respondents=F("respondents_female")
            + F("respondents_male")
            + F("respondents_other")
        )

    def with_recommendation_counts(self):
        """Annotate `recommendation_count` and `implemented_count`, the
        recommendations whose current status is "implemented"."""
        from .recommendations import Recommendation, RecommendationStatus

        recommendations = Recommendation.objects.filter(case_study=OuterRef("pk"))
        return self.annotate(
            recommendation_count=count_of(recommendations, "case_study"),
            implemented_count=count_of(
                recommendations.with_status().filter(
                    current_status=RecommendationStatus.IMPLEMENTED
                ),
                "case_study",
            ),
        )

    def in_list_order(self):
        """In the order of for_list, without its figures: to page through."""
        return self.order_by(*LIST_ORDER)

    def with_places(self):
        """In list order with their province and district: for a list of
        titles and places, which needs none of for_list's figures."""
        return self.select_related("province", "district").order_by(*LIST_ORDER)

    def for_list(self):
        """Page-shaped for cards: places joined, respondents and recommendation
        counts annotated, newest period first; no per-row queries. The figures
        are computed for every row before OFFSET skips any: page a long list
        with in_list_order(), then load the page's rows with for_list()."""
        return self.with_places().with_respondents().with_recommendation_counts()

    def for_detail(self, user):
        """Page-shaped for the detail page: everything it shows in a fixed
        number of queries, with only the activities `user` may see and only
        published news."""
        from .recommendations import Recommendation

        return (
            self.select_related("province", "district", "project")
            .with_respondents()
            .prefetch_related(
                "respondent_groups",
                "photos",
                "themes",
                Prefetch(
                    "authors",
                    queryset=Organization.objects.only(
                        "id",
                        "slug",
                        "acronym",
                        "name_en",
                        "name_km",
                        "membership_status",
                        "is_example",
                    ),
                ),
                Prefetch(
                    "activities",
                    queryset=Activity.objects.visible_to(user)
                    .select_related("province", "district")
                    .order_by("starts_at"),
                    to_attr="visible_activities",
                ),
                Prefetch(
                    "news_posts",
                    queryset=NewsPost.objects.published().order_by("-published_at"),
                    to_attr="published_news",
                ),
                Prefetch(
                    "recommendations",
                    queryset=Recommendation.objects.for_follow_up(),
                    to_attr="recommendation_list",
                ),
            )
        )


class CaseStudy(Versioned):
    """A district-level study of civic engagement, and the joint
    recommendations that came out of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the web address, e.g. banan-district-2021."),
    )
    is_example = example_field()
    summary = models.TextField(
        _("summary"),
        max_length=1000,
        help_text=_("Two or three sentences for cards, search and social media."),
    )
    methodology_note = models.TextField(
        _("methodology"),
        blank=True,
        help_text=_(
            "How the study was done. Markdown. Respondent numbers go in the "
            "table below, not here."
        ),
    )
    findings = models.TextField(
        _("findings"), blank=True, help_text=_("Markdown: headings, lists, links.")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        related_name="case_studies",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="case_studies",
        verbose_name=_("district or municipality"),
        help_text=_("Must be in the province chosen above."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_studies",
        verbose_name=_("project"),
    )
    authors = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="authored_case_studies",
        verbose_name=_("authoring organisations"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="case_studies", verbose_name=_("themes")
    )
    report = PrivateFileField(
        _("report (PDF)"),
        upload_to=UploadName(
            "case-study-reports", "report", token_length=8, extension=".pdf"
        ),
        max_length=255,
        blank=True,
        validators=[validate_report],
        help_text=_(
            "The full report, PDF, 30 MB at most. Downloadable once published."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Empty when publishing means today."),
    )
    activities = models.ManyToManyField(
        Activity,
        blank=True,
        related_name="case_studies",
        verbose_name=_("consultation and validation meetings"),
    )
    news_posts = models.ManyToManyField(
        NewsPost,
        blank=True,
        related_name="case_studies",
        verbose_name=_("news posts"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # English words by stem for site search (cpdd_portal/search.py), kept by
    # PostgreSQL itself; Khmer is found through the trigram index below.
    search_vector = models.GeneratedField(
        expression=SearchVector("title_en", weight="A", config="english")
        + SearchVector("summary_en", weight="B", config="english")
        + SearchVector(
            "findings_en", "methodology_note_en", weight="C", config="english"
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = CaseStudyQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "slug"]
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
        indexes = [
            models.Index(fields=["status", "published_on"], name="casestudy_published"),
            GinIndex(fields=["search_vector"], name="casestudy_search"),
            GinIndex(
                fields=["title_km", "summary_km", "findings_km"],
                name="casestudy_km_trgm",
                opclasses=["gin_trgm_ops"] * 3,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="casestudy_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_on__isnull=False),
                name="casestudy_published_has_date",
                violation_error_message=_("A published case study needs a date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("casestudies:case-study-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if (
            self.period_start
            and self.period_end
            and self.period_end < self.period_start
        ):
            errors["period_end"] = _("The period must end on or after its start.")
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
        # Choosing "published" without a date means today.
        if self.status == self.Status.PUBLISHED and not self.published_on:
            self.published_on = timezone.localdate()

    @property
    def report_download_name(self):
        return f"{slugify(self.title_en)[:80] or self.slug}.pdf"

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_on is not None
            and self.published_on <= timezone.localdate()
        )

    @property
    def teaser(self):
        """The summary as plain text, short enough for cards and meta tags."""
        return plain_text(self.summary, 200)


# A draft's report is not downloadable: only what visible_to lets see.
register_private_file(
    "case-study-report",
    CaseStudy,
    "report",
    visible=lambda user: CaseStudy.objects.visible_to(user).exclude(report=""),
    public=lambda case_study: case_study.is_live,
    filename=lambda case_study, name: case_study.report_download_name,
)


class RespondentGroup(VersionedPart):
    """People consulted by one method, by sex. The case study's totals are the
    sum of these rows (CaseStudyQuerySet.with_respondents), never typed."""

    version_parent = "case_study"

    class Method(models.TextChoices):
        FOCUS_GROUP = "focus_group", _("Focus group discussion")
        FIELD_INTERVIEW = "field_interview", _("Field interview")
        CONSULTATION_MEETING = "consultation_meeting", _("Consultation meeting")
        VALIDATION_WORKSHOP = "validation_workshop", _("Validation workshop")
        SURVEY = "survey", _("Survey")

    # Part of the case study, edited in its form: deleted with it (the admin
    # lists it before), while what others refer to stops the deletion.
    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.CASCADE,
        related_name="respondent_groups",
        verbose_name=_("case study"),
    )
    method = models.CharField(_("method"), max_length=24, choices=Method.choices)
    description = models.CharField(
        _("who took part"),
        max_length=200,
        blank=True,
        help_text=_("e.g. CBO leaders and citizens"),
    )
    sessions = models.PositiveSmallIntegerField(
        _("sessions"),
        null=True,
        blank=True,
        help_text=_("How many discussions, interviews or meetings, if known."),
    )
    female = models.PositiveIntegerField(_("female"), default=0)
    male = models.PositiveIntegerField(_("male"), default=0)
    other = models.PositiveIntegerField(_("other or not stated"), default=0)

    class Meta:
        ordering = ["case_study_id", "pk"]
        verbose_name = _("respondents by method")
        verbose_name_plural = _(
            "respondents by method and sex (the totals are added up for you)"
        )
        constraints = [
            models.CheckConstraint(
                condition=Q(female__gte=0, male__gte=0, other__gte=0),
                name="respondents_not_negative",
                violation_error_message=_("Numbers of respondents cannot be negative."),
            ),
            # Female respondents can never exceed the total: the total is the
            # sum of the three columns. What can go wrong is a row of nobody.
            models.CheckConstraint(
                condition=GreaterThan(F("female") + F("male") + F("other"), 0),
                name="respondents_at_least_one",
                violation_error_message=_(
                    "A method row needs at least one respondent: enter how many "
                    "women, men and others took part."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sessions__isnull=True)
                | Q(
                    sessions__gte=1, sessions__lte=F("female") + F("male") + F("other")
                ),
                name="respondents_sessions_plausible",
                violation_error_message=_(
                    "There cannot be more sessions than respondents, nor zero "
                    "sessions: check the numbers."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.case_study}: {self.get_method_display()}"

    @property
    def total(self):
        return self.female + self.male + self.other


class CaseStudyPhoto(VersionedPart):
    """A photo of the fieldwork, re-encoded without metadata (core.images)."""

    version_parent = "case_study"

    # Part of the case study, edited in its form: deleted with it (the admin
    # lists it before), while what others refer to stops the deletion.
    case_study = models.ForeignKey(
        CaseStudy,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("case study"),
    )
    image = ResponsiveImageField(
        _("photo"),
        upload_to="case-study-photos/",
        max_length=255,
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(
        _("caption"),
        max_length=255,
        blank=True,
        help_text=_("Describes the photo for people who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["case_study_id", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name
