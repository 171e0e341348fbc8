from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.examples import example_field
from core.images import ResponsiveImageField
from core.models import Theme, Versioned
from core.richtext import plain_text

from .activities import Activity


class NewsPostQuerySet(models.QuerySet):
    def published(self):
        """Published posts whose publication time has come; a post scheduled
        for later waits until then."""
        return self.filter(
            status=NewsPost.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def search(self, text):
        """Match titles, summaries and bodies in English or Khmer."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title_en__unaccent__icontains=text)
            | Q(title_km__icontains=text)
            | Q(summary_en__unaccent__icontains=text)
            | Q(summary_km__icontains=text)
            | Q(body_en__unaccent__icontains=text)
            | Q(body_km__icontains=text)
        )

    def for_list(self):
        """Page-shaped for lists and feeds: newest first, themes prefetched."""
        return self.prefetch_related("themes").order_by("-published_at", "-pk")


class NewsPost(Versioned):
    """The public report of an activity, or an announcement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    is_example = example_field()
    summary = models.TextField(
        _("summary"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences for lists, feeds and social media."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Markdown: **bold**, lists, links, ![photo](address)."),
    )
    cover_image = ResponsiveImageField(_("cover image"), upload_to="news/", blank=True)
    cover_image_alt = models.CharField(
        _("cover image description"),
        max_length=255,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "A later time schedules the post. Empty when publishing means now."
        ),
    )
    activities = models.ManyToManyField(
        Activity,
        blank=True,
        related_name="news_posts",
        verbose_name=_("activities reported"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="news_posts", verbose_name=_("themes")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # English words by stem for site search (cpdd_portal/search.py), kept by
    # PostgreSQL itself; Khmer is found through the trigram index below.
    search_vector = models.GeneratedField(
        expression=SearchVector("title_en", weight="A", config="english")
        + SearchVector("summary_en", weight="B", config="english")
        + SearchVector("body_en", weight="C", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [
            models.Index(fields=["status", "published_at"], name="newspost_published"),
            GinIndex(fields=["search_vector"], name="newspost_search"),
            GinIndex(
                fields=["title_km", "summary_km", "body_km"],
                name="newspost_km_trgm",
                opclasses=["gin_trgm_ops"] * 3,
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="newspost_published_has_time",
                violation_error_message=_("A published post needs a publication time."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:post-detail", kwargs={"slug": self.slug})

    @property
    def teaser(self):
        """The summary, or else the start of the body as plain text: for cards,
        feeds and meta descriptions."""
        return self.summary or plain_text(self.body, 200)

    def get_preview_url(self):
        return reverse("news:post-preview", kwargs={"pk": self.pk})

    def clean(self):
        if self.slug == "feed":
            raise ValidationError(
                {"slug": _("This web address is reserved; choose another.")}
            )
        # Choosing "published" without a time means "now".
        if self.status == self.Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )
