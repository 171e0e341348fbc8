"""Files that must not have a public URL: activity documents and photos, MoUs.

They are kept apart from MEDIA_ROOT (which a web server or S3 bucket may serve
to anyone) and reach people only through `views.private_file`, which checks
who is asking. The storage's `url()` points at that view, so `{{ doc.file.url }}`,
the admin's "Currently:" link and `image_srcset()` all go through the check.
"""

from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

# The first bytes of each accepted format: a renamed .exe is refused.
# DOCX, XLSX, PPTX and ODT are all ZIP containers.
ZIP_SIGNATURES = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": ZIP_SIGNATURES,
    ".xlsx": ZIP_SIGNATURES,
    ".pptx": ZIP_SIGNATURES,
    ".odt": ZIP_SIGNATURES,
}


class ServedByDjangoMixin:
    """A storage whose URLs lead to the permission-checking view."""

    def url(self, name):
        return reverse("events:private-file", kwargs={"name": name})


@deconstructible
class PrivateFileSystemStorage(ServedByDjangoMixin, FileSystemStorage):
    """A folder outside MEDIA_ROOT: PRIVATE_MEDIA_ROOT, or "private-media" next
    to MEDIA_ROOT. Read on every use, so tests can point it at a temp folder.
    """

    @property
    def base_location(self):
        if self._location is not None:
            return self._location
        configured = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        if configured:
            return configured
        return Path(settings.MEDIA_ROOT).parent / "private-media"

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None


def private_storage():
    """`STORAGES["private"]` when configured (S3 in production), else a folder."""
    if "private" in settings.STORAGES:
        return storages["private"]
    return PrivateFileSystemStorage()


def _safe_stem(filename, fallback):
    return slugify(PurePosixPath(filename.replace("\\", "/")).stem)[:60] or fallback


def document_upload_to(instance, filename):
    extension = PurePosixPath(filename).suffix.lower()
    token = get_random_string(6, "abcdefghijklmnopqrstuvwxyz0123456789")
    return f"activity-documents/{_safe_stem(filename, 'document')}-{token}{extension}"


def agreement_upload_to(instance, filename):
    extension = PurePosixPath(filename).suffix.lower()
    token = get_random_string(6, "abcdefghijklmnopqrstuvwxyz0123456789")
    return f"agreements/{_safe_stem(filename, 'agreement')}-{token}{extension}"


def validate_document(file):
    """Accept PDF, DOCX, XLSX, PPTX and ODT files of at most 20 MB, checked by
    their first bytes as well as their name."""
    extension = PurePosixPath(file.name or "").suffix.lower()
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _(
                "Upload a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX) or "
                "OpenDocument (ODT) file."
            ),
            code="invalid_extension",
        )
    if file.size is not None and file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("This file is larger than %(limit)s. Please upload a smaller file."),
            code="file_too_large",
            params={"limit": filesizeformat(MAX_DOCUMENT_BYTES)},
        )
    if getattr(file, "_committed", False):
        return  # already stored: checked when it was uploaded
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if not head:
        raise ValidationError(_("This file is empty."), code="empty")
    if not head.startswith(DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            _(
                "This file is not really a %(kind)s file. Please save it again "
                "in that format and upload the new file."
            ),
            code="invalid_content",
            params={"kind": extension[1:].upper()},
        )
