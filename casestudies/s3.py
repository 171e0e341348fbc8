"""Case-study reports on S3-compatible storage (see events.s3)."""

from django.utils.deconstruct import deconstructible

from events.s3 import PrivateS3Storage

from .files import ServedByReportViewMixin


@deconstructible
class ReportS3Storage(ServedByReportViewMixin, PrivateS3Storage):
    """The private S3 prefix, with URLs to the report view."""
