"""Case study reports: PDFs kept out of the public media folder.

A draft's report must not be downloadable, so reports live in the same private
storage as activity documents (events.files) and reach people only through
`views.report_file`, which checks that the case study is published (or that
the visitor is staff with two-factor sign-in). The storage's `url()` points
at that view, so `{{ case_study.report.url }}` and the admin's "Currently:"
link both work.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from events.files import PrivateFileSystemStorage

MAX_REPORT_BYTES = 30 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
REPORT_FOLDER = "case-study-reports"


class ServedByReportViewMixin:
    def url(self, name):
        return reverse("casestudies:report-file", kwargs={"name": name})


@deconstructible
class ReportFileSystemStorage(ServedByReportViewMixin, PrivateFileSystemStorage):
    """The private folder of events.files, with URLs to the report view."""


def report_storage():
    """Private S3 storage when `STORAGES["private"]` is configured, else a folder."""
    private = settings.STORAGES.get("private")
    if private and private["BACKEND"] == "events.s3.PrivateS3Storage":
        from .s3 import ReportS3Storage

        return ReportS3Storage(**private.get("OPTIONS", {}))
    return ReportFileSystemStorage()


def report_upload_to(instance, filename):
    stem = slugify(PurePosixPath(filename.replace("\\", "/")).stem)[:60] or "report"
    token = get_random_string(8, "abcdefghijklmnopqrstuvwxyz0123456789")
    return f"{REPORT_FOLDER}/{stem}-{token}.pdf"


def validate_report(file):
    """Accept a PDF of at most 30 MB, checked by its first bytes as well as its name."""
    if PurePosixPath(file.name or "").suffix.lower() != ".pdf":
        raise ValidationError(
            _("Upload the report as a PDF file."), code="invalid_extension"
        )
    if file.size is not None and file.size > MAX_REPORT_BYTES:
        raise ValidationError(
            _("This file is larger than %(limit)s. Please upload a smaller PDF."),
            code="file_too_large",
            params={"limit": filesizeformat(MAX_REPORT_BYTES)},
        )
    if getattr(file, "_committed", False):
        return  # already stored: checked when it was uploaded
    file.seek(0)
    head = file.read(len(PDF_SIGNATURE))
    file.seek(0)
    if not head:
        raise ValidationError(_("This file is empty."), code="empty")
    if head != PDF_SIGNATURE:
        raise ValidationError(
            _(
                "This file is not really a PDF. Please export the report as PDF "
                "again and upload the new file."
            ),
            code="invalid_content",
        )
