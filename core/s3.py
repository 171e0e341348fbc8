"""Private files on S3-compatible storage, in a module of their own: boto3
costs every process that imports it some 35 MB, so only a portal configured
for S3 (MEDIA_S3_BUCKET) loads it."""

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from .files import NoPublicUrlMixin


@deconstructible
class PrivateS3Storage(NoPublicUrlMixin, S3Storage):
    """S3 objects under a prefix the bucket does not serve publicly; the
    app streams them after its check and never hands out their S3 URLs."""
