from pathlib import PurePosixPath

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.files import (
    PrivateFileField,
    PrivateImageField,
    UploadName,
    register_private_file,
    validate_document,
)
from core.models import VersionedPart

from .activities import Activity, Visibility, visible_q


class ActivityDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Documents `user` may download: both the activity and the document
        must be visible to them, so the stricter of the two applies."""
        return self.filter(visible_q(user, "activity__visibility"), visible_q(user))


class ActivityDocument(VersionedPart):
    """An agenda, minutes or report. Kept in private storage and downloaded
    through a view that checks who is asking."""

    version_parent = "activity"

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        REPORT = "report", _("Report")
        PRESENTATION = "presentation", _("Presentation")
        OTHER = "other", _("Other")

    # Part of the activity, edited in its form: deleted with it (the admin
    # lists it before), while what others refer to stops the deletion.
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("activity"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = PrivateFileField(
        _("file"),
        upload_to=UploadName("activity-documents", "document"),
        max_length=255,
        validators=[validate_document],
        help_text=_("PDF, DOCX, XLSX, PPTX or ODT, 20 MB at most."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_(
            "Never more visible than its activity: on a members-only activity a "
            "“public” document is for members only too."
        ),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ActivityDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "kind", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def extension(self):
        return PurePosixPath(self.file.name).suffix.lower()

    @property
    def is_public(self):
        """Public, on a public activity: shared caches may keep it."""
        return (
            self.visibility == Visibility.PUBLIC
            and self.activity.visibility == Visibility.PUBLIC
        )

    @property
    def download_name(self):
        """A readable file name for the download, whatever it was stored as."""
        stem = slugify(self.title_en or self.title)[:80] or self.kind
        return f"{stem}{self.extension}"


class ActivityPhotoQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(visible_q(user, "activity__visibility"))


class ActivityPhoto(VersionedPart):
    """A photo of an activity, re-encoded without metadata (core.images), in
    private storage so that members-only activities keep their photos."""

    version_parent = "activity"

    # Part of the activity, edited in its form: deleted with it (the admin
    # lists it before), while what others refer to stops the deletion.
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("activity"),
    )
    image = PrivateImageField(
        _("photo"),
        upload_to="activity-photos/",
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

    objects = ActivityPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["activity", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.caption or self.image.name


register_private_file(
    "activity-document",
    ActivityDocument,
    "file",
    visible=lambda user: ActivityDocument.objects.visible_to(user).select_related(
        "activity"
    ),
    public=lambda document: document.is_public,
    filename=lambda document, name: document.download_name,
)
register_private_file(
    "activity-photo",
    ActivityPhoto,
    "image",
    visible=lambda user: ActivityPhoto.objects.visible_to(user).select_related(
        "activity"
    ),
    public=lambda photo: photo.activity.visibility == Visibility.PUBLIC,
    attachment=False,
    renditions=True,
)
