"""Private files (members-only documents and photos, MoUs, case-study
reports): where they are stored, how uploads are named and checked, and how
they reach whoever may see them.

They are kept apart from MEDIA_ROOT (which a web server or S3 bucket may serve
to anyone). Each app registers its kinds of private file next to its models
(`register_private_file`): the record's own `visible_to(user)` says who may
have it. A file's URL names its kind and record, /files/<kind>/<pk>/<name>, so
`private_file` looks the record up and never guesses it from the file name;
`{{ doc.file.url }}`, the admin's "Currently:" link and `image_srcset()` all
lead there.

In production the reverse proxy sends the file itself (deploy/Caddyfile): the
view answers with an empty response whose X-Accel-Redirect header names the
file under PRIVATE_MEDIA_ACCEL_REDIRECT, and the proxy serves it from the
private media folder, which it never serves otherwise. A 20 MB MoU then never
streams through a web worker, and a slow download ties up no one. Without
that setting (development, tests, `make bench`), or for files that are not in
PRIVATE_MEDIA_ROOT (S3), Django streams the file.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import (
    ImproperlyConfigured,
    SuspiciousFileOperation,
    ValidationError,
)
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.crypto import get_random_string
from django.utils.deconstruct import deconstructible
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .images import ResponsiveImageField, ResponsiveImageFieldFile, rendition_names
from .pagecache import not_cached
from .storage import is_local

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def content_type_for(name):
    return CONTENT_TYPES.get(
        PurePosixPath(name).suffix.lower(), "application/octet-stream"
    )


def serve_private(storage, name, *, filename, attachment, public):
    """The stored file `name` as a download (`attachment`) or inline, named
    `filename`; 404 when it is gone. Only `public` files may be cached by
    proxies and browsers. The caller has already checked the permission."""
    accel_path = _accel_redirect_path(storage, name)
    if accel_path is not None:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type_for(name))
        response["X-Accel-Redirect"] = accel_path
        response["Content-Disposition"] = content_disposition_header(
            attachment, filename
        )
    else:
        try:
            file = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            file,
            as_attachment=attachment,
            filename=filename,
            content_type=content_type_for(name),
        )
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _accel_redirect_path(storage, name):
    """Where the proxy finds `name`, or None when the proxy cannot send it."""
    prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    if not prefix or not is_local(storage):
        return None
    try:
        path = Path(storage.path(name)).resolve()
        relative = path.relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    except (SuspiciousFileOperation, ValueError):
        return None
    return prefix.rstrip("/") + "/" + quote(relative.as_posix())


# Storage ---------------------------------------------------------------------


class NoPublicUrlMixin:
    """A storage that never hands out a URL: a private file's URL names its
    record (PrivateFieldFile.url), which the storage does not know."""

    def url(self, name):
        raise ImproperlyConfigured(
            f"{name!r} is private: link to it through its record's field "
            "(field_file.url or field_file.url_of(name))."
        )


@deconstructible
class PrivateFileSystemStorage(NoPublicUrlMixin, FileSystemStorage):
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


# Upload names and checks -----------------------------------------------------

NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


@deconstructible
class UploadName:
    """`upload_to` for private files: "<folder>/<slug of the name>-<token><ext>",
    so a stored name tells nothing a visitor could guess. `extension` fixes the
    ending (".pdf"); without it the upload's own, lower-cased, is kept."""

    def __init__(self, folder, fallback, *, token_length=6, extension=None):
        self.folder = folder
        self.fallback = fallback
        self.token_length = token_length
        self.extension = extension

    def __call__(self, instance, filename):
        path = PurePosixPath(filename.replace("\\", "/"))
        stem = slugify(path.stem)[:60] or self.fallback
        extension = self.extension or path.suffix.lower()
        token = get_random_string(self.token_length, NAME_ALPHABET)
        return f"{self.folder}/{stem}-{token}{extension}"

    def __eq__(self, other):
        return isinstance(other, UploadName) and vars(self) == vars(other)


# The first bytes of each accepted format: a renamed .exe is refused.
# DOCX, XLSX, PPTX and ODT are all ZIP containers.
PDF_SIGNATURES = (b"%PDF-",)
ZIP_SIGNATURES = (b"PK\x03\x04",)
DOCUMENT_SIGNATURES = {
    ".pdf": PDF_SIGNATURES,
    ".docx": ZIP_SIGNATURES,
    ".xlsx": ZIP_SIGNATURES,
    ".pptx": ZIP_SIGNATURES,
    ".odt": ZIP_SIGNATURES,
}


@deconstructible
class UploadCheck:
    """A file field's validator: one of `signatures`' endings, at most
    `max_bytes`, and beginning with that format's first bytes. The messages
    say what to upload instead (`wrong_format`, `too_large`, `not_really`)."""

    def __init__(self, signatures, max_bytes, *, wrong_format, too_large, not_really):
        self.signatures = signatures
        self.max_bytes = max_bytes
        self.wrong_format = wrong_format
        self.too_large = too_large
        self.not_really = not_really

    def __call__(self, file):
        extension = PurePosixPath(file.name or "").suffix.lower()
        if extension not in self.signatures:
            raise ValidationError(self.wrong_format, code="invalid_extension")
        if file.size is not None and file.size > self.max_bytes:
            raise ValidationError(
                self.too_large,
                code="file_too_large",
                params={"limit": filesizeformat(self.max_bytes)},
            )
        if getattr(file, "_committed", False):
            return  # already stored: checked when it was uploaded
        file.seek(0)
        head = file.read(8)
        file.seek(0)
        if not head:
            raise ValidationError(_("This file is empty."), code="empty")
        if not head.startswith(self.signatures[extension]):
            raise ValidationError(
                self.not_really,
                code="invalid_content",
                params={"kind": extension[1:].upper()},
            )

    def __eq__(self, other):
        return isinstance(other, UploadCheck) and vars(self) == vars(other)


# Agendas, minutes, reports and MoUs.
validate_document = UploadCheck(
    DOCUMENT_SIGNATURES,
    20 * 1024 * 1024,
    wrong_format=_(
        "Upload a PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX) or "
        "OpenDocument (ODT) file."
    ),
    too_large=_("This file is larger than %(limit)s. Please upload a smaller file."),
    not_really=_(
        "This file is not really a %(kind)s file. Please save it again "
        "in that format and upload the new file."
    ),
)

# A case study's full report.
validate_report = UploadCheck(
    {".pdf": PDF_SIGNATURES},
    30 * 1024 * 1024,
    wrong_format=_("Upload the report as a PDF file."),
    too_large=_("This file is larger than %(limit)s. Please upload a smaller PDF."),
    not_really=_(
        "This file is not really a PDF. Please export the report as PDF "
        "again and upload the new file."
    ),
)


# Fields whose URLs lead to their record ---------------------------------------


class PrivateFieldFileMixin:
    @property
    def url(self):
        self._require_file()
        return self.url_of(self.name)

    def url_of(self, name):
        """The URL of `name`, this file or one of its renditions."""
        kind = _KIND_OF_FIELD.get((self.field.model, self.field.name))
        if kind is None:
            raise ImproperlyConfigured(
                f"{self.field} is private but not registered "
                "(core.files.register_private_file)."
            )
        return reverse(
            "private-file", kwargs={"kind": kind, "pk": self.instance.pk, "name": name}
        )


class PrivateFieldFile(PrivateFieldFileMixin, FieldFile):
    pass


class PrivateFileField(models.FileField):
    """A FileField in private storage, served through its record."""

    attr_class = PrivateFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.FileField", args, kwargs


class PrivateImageFieldFile(PrivateFieldFileMixin, ResponsiveImageFieldFile):
    pass


class PrivateImageField(ResponsiveImageField):
    """A ResponsiveImageField in private storage, its renditions served
    through its record."""

    attr_class = PrivateImageFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("storage", private_storage)
        super().__init__(*args, **kwargs)


# Serving ---------------------------------------------------------------------


def _base_name(record, name):
    return name.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PrivateFileKind:
    """How a registered kind of private file reaches people: `visible(user)`,
    the records the user may have the file of; `public(record)`, whether
    shared caches may keep it; `filename(record, name)`, the name it is
    downloaded under; `attachment`, downloaded rather than shown inline;
    `renditions`, an image whose smaller renditions are served too."""

    model: type
    field: str
    visible: Callable
    public: Callable = lambda record: False
    filename: Callable = _base_name
    attachment: bool = True
    renditions: bool = False

    def names(self, field_file):
        if not field_file:
            return set()
        if self.renditions:
            return set(rendition_names(field_file.name).values()) | {field_file.name}
        return {field_file.name}


_KINDS = {}
_KIND_OF_FIELD = {}


def register_private_file(kind, model, field, **options):
    """Serve `model`'s private `field` at /files/<kind>/<pk>/<name>; see
    PrivateFileKind for the options."""
    if kind in _KINDS and _KINDS[kind].model is not model:
        raise ImproperlyConfigured(f"Private file kind {kind!r} is registered twice.")
    _KINDS[kind] = PrivateFileKind(model, field, **options)
    _KIND_OF_FIELD[(model, field)] = kind


@not_cached("checked for each visitor; shared caches may keep public files")
def private_file(request, kind, pk, name):
    """The file `name` of record `pk` of `kind`, to whoever may see that
    record; 404 otherwise (a name that is not that record's file included)."""
    entry = _KINDS.get(kind)
    if entry is None:
        raise Http404
    record = get_object_or_404(entry.visible(request.user), pk=pk)
    field_file = getattr(record, entry.field)
    if name not in entry.names(field_file):
        raise Http404
    return serve_private(
        field_file.storage,
        name,
        filename=entry.filename(record, name),
        attachment=entry.attachment,
        public=entry.public(record),
    )


@not_cached("checked for each visitor")
def legacy_private_file(request, name):
    """The addresses private files had before they named their record
    (/events/files/<name>, /case-studies/files/<name>): a permanent redirect
    to the file's address, when the visitor may see it; 404 otherwise."""
    for entry in _KINDS.values():
        record = entry.visible(request.user).filter(**{entry.field: name}).first()
        if record is not None:
            return redirect(getattr(record, entry.field).url, permanent=True)
    raise Http404
