"""Image uploads: checked, re-encoded without metadata, and rendered responsively.

Every app takes images through `core.forms.SafeImageField` (or
`clean_image_upload`) and
stores them in a `ResponsiveImageField`, which writes the renditions with the
image and deletes both once the record lets go of them. The stored name records
the image's width (`school-visit-k3j9x2mq.w2400.jpg`), so `image_srcset()` can
list the renditions (`school-visit-k3j9x2mq.w640.webp`) without asking the
storage, and the `srcset` template filter makes again any that went missing.
"""

import io
import logging
import math
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import signals
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, features

from .storage import is_local, write_atomically

# Decided by Pillow's decoders, never by file name or content type. Multi-picture
# JPEGs (MPO) from phone cameras come through the JPEG decoder.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp,image/gif"
MAX_STORED_EDGE = 2400
RENDITION_WIDTHS = (320, 640, 1280)
JPEG_QUALITY = 85
WEBP_QUALITY = 80

# Without WebP support, renditions keep the stored image's own format.
RENDITION_EXTENSION = "webp" if features.check("webp") else None
STORED_NAME = re.compile(
    r"^(?P<base>.+)\.w(?P<width>[1-9][0-9]{0,4})\.(?P<ext>jpg|png)$"
)
NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
REMOTE_CHECK_SECONDS = 24 * 60 * 60  # how long S3's "it exists" is trusted
RETRY_SECONDS = 10 * 60  # before trying again to render a broken image

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessedImage:
    content: bytes
    name: str
    width: int
    height: int

    def as_content_file(self):
        """The bytes under their generated name, ready to assign to an ImageField."""
        return ContentFile(self.content, name=self.name)


def clean_image_upload(uploaded_file):
    """Check an uploaded image and return it re-encoded, or raise ValidationError.

    The result has no metadata (EXIF, GPS, XMP, ICC, comments), is turned
    upright, is in sRGB, and is at most MAX_STORED_EDGE pixels on its long edge:
    JPEG for photographs, PNG for transparent images and for PNG/GIF uploads
    (logos and diagrams would gain JPEG artefacts). GIFs keep their first frame.
    """
    data = _read_within_size_limit(uploaded_file)
    try:
        probe = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Only reached when the declared size is far beyond our own limit, or
        # when warnings are errors; otherwise the check just below catches it.
        raise _too_many_pixels_error() from exc
    except Exception as exc:
        # Hostile files make Pillow raise all sorts of exception types.
        raise ValidationError(
            _(
                "This file is not a JPEG, PNG, WebP or GIF image. "
                "Please choose a photo or picture in one of these formats."
            ),
            code="invalid_image",
        ) from exc

    with probe:
        source_format = probe.format
        width, height = probe.size
        if width * height > settings.MAX_IMAGE_PIXELS:
            raise _too_many_pixels_error()
        try:
            probe.verify()
            image = _decode_upright(data)
        except Exception as exc:
            raise ValidationError(
                _(
                    "This image is damaged or incomplete. "
                    "Please save it again and upload the new file."
                ),
                code="damaged_image",
            ) from exc

    # Shrink before the colour conversion, which is slow and copies the image.
    image = _with_resizable_mode(image)
    image.thumbnail((MAX_STORED_EDGE, MAX_STORED_EDGE), Image.Resampling.LANCZOS)
    image = _to_srgb_without_metadata(image)
    keep_lossless = image.mode == "RGBA" or source_format in ("PNG", "GIF")
    extension = "png" if keep_lossless else "jpg"
    return ProcessedImage(
        content=_encode(image, extension),
        name=_stored_name(getattr(uploaded_file, "name", ""), image.width, extension),
        width=image.width,
        height=image.height,
    )


def _read_within_size_limit(uploaded_file):
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    too_large = ValidationError(
        _(
            "This image is larger than %(limit)s. "
            "Please make it smaller or choose another image."
        ),
        code="file_too_large",
        params={"limit": filesizeformat(limit)},
    )
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise too_large
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    # Read one byte past the limit in case the declared size was wrong.
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise ValidationError(
            _("This file is empty. Please choose another image."), code="empty"
        )
    return data


def _too_many_pixels_error():
    return ValidationError(
        _(
            "This image has too many pixels. "
            "Please upload an image of at most %(megapixels)s megapixels."
        ),
        code="too_many_pixels",
        params={"megapixels": settings.MAX_IMAGE_PIXELS // 1_000_000},
    )


def _decode_upright(data):
    # verify() leaves the image unusable, so decoding needs a fresh open.
    image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    long_edge = max(image.size)
    if long_edge > MAX_STORED_EDGE:
        # Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 while decoding:
        # a large photo then takes a fraction of the time and memory.
        scale = MAX_STORED_EDGE / long_edge
        image.draft(
            None, (math.ceil(image.width * scale), math.ceil(image.height * scale))
        )
    image.load()
    ImageOps.exif_transpose(image, in_place=True)
    return image


def _with_resizable_mode(image):
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        # 16-bit greyscale would clip to white on a direct conversion.
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.mode in ("1", "P", "PA", "LA", "La", "RGBa"):
        # Palette images would otherwise be resized without smoothing.
        return image.convert("RGBA" if image.has_transparency_data else "RGB")
    return image


def _to_srgb_without_metadata(image):
    icc_profile = image.info.get("icc_profile")
    target_mode = "RGBA" if image.has_transparency_data else "RGB"
    converted = None
    if icc_profile:
        try:
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                SRGB_PROFILE,
                outputMode=target_mode,
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            # A broken or unusual profile: fall back to Pillow's plain conversion.
            converted = None
    if converted is None:
        converted = image.convert(target_mode)
    image = converted

    if image.mode == "RGBA" and image.getchannel("A").getextrema()[0] == 255:
        image = image.convert("RGB")
    # Savers fall back to image.info for ICC profiles, comments and more.
    image.info = {}
    return image


def _encode(image, extension):
    buffer = io.BytesIO()
    if extension == "jpg":
        image.save(
            buffer, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True
        )
    elif extension == "png":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return buffer.getvalue()


def _stored_name(original_name, width, extension):
    stem = slugify(PurePosixPath(original_name.replace("\\", "/")).stem)
    stem = stem[:40].strip("-_") or "image"
    token = get_random_string(8, NAME_ALPHABET)
    return f"{stem}-{token}.w{width}.{extension}"


def rendition_names(name):
    """Map width to storage name for every rendition of a stored image.

    Includes the stored image itself under its own width. Derived from the
    name alone, so it is free to call for every row of a list; empty for names
    that `clean_image_upload` did not generate.
    """
    directory, filename = posixpath.split(name or "")
    match = STORED_NAME.match(filename)
    if not match:
        return {}
    width = int(match["width"])
    extension = RENDITION_EXTENSION or match["ext"]
    names = {
        rendition_width: posixpath.join(
            directory, f"{match['base']}.w{rendition_width}.{extension}"
        )
        for rendition_width in RENDITION_WIDTHS
        if rendition_width < width
    }
    names[width] = name
    return names


def make_thumbnails(field_file):
    """Write the smaller renditions of a stored image; return width → name.

    Never enlarges: an image 500 pixels wide gets only the 320 rendition.
    Safe to run again; existing renditions are replaced, each one whole.
    `ResponsiveImageField` calls it when it stores an image.
    """
    names = rendition_names(field_file.name)
    stored_width = max(names, default=0)
    renditions = {width: name for width, name in names.items() if width != stored_width}
    _write_renditions(field_file.storage, field_file.name, renditions)
    return renditions


def ensure_renditions(field_file):
    """Make again the renditions of a stored image that are missing or cut
    short (a worker killed while writing them, files lost in a restore).

    Cheap enough for every image of a list: a local folder costs two small
    reads per rendition (50 µs an image, less than building its srcset), an
    object store (S3, which never keeps half an upload) a cached existence
    check.
    """
    names = rendition_names(field_file.name if field_file else "")
    stored_width = max(names, default=0)
    renditions = {width: name for width, name in names.items() if width != stored_width}
    if not renditions:
        return
    storage = field_file.storage
    missing = _missing(storage, posixpath.dirname(field_file.name), renditions)
    failure_key = f"rendition-failed:{field_file.name}"
    if not missing or cache.get(failure_key):
        return
    try:
        _write_renditions(storage, field_file.name, missing)
    except Exception:
        # The page still shows; the image itself is broken or gone.
        cache.set(failure_key, True, RETRY_SECONDS)
        logger.warning(
            "Could not make the renditions of %s", field_file.name, exc_info=True
        )


def _write_renditions(storage, name, renditions):
    if not renditions:
        return
    with storage.open(name, "rb") as stored:
        original = Image.open(stored, formats=ACCEPTED_FORMATS)
        original.load()
    for width, rendition_name in sorted(renditions.items()):
        height = max(1, round(original.height * width / original.width))
        rendition = original.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=2.0
        )
        rendition.info = {}
        content = _encode(rendition, PurePosixPath(rendition_name).suffix[1:])
        write_atomically(storage, rendition_name, ContentFile(content), replace=True)


def _missing(storage, directory, renditions):
    if not is_local(storage):
        keys = {f"rendition-stored:{name}": width for width, name in renditions.items()}
        known = cache.get_many(keys)
        missing = {}
        for key, width in keys.items():
            if key in known:
                continue
            if storage.exists(renditions[width]):
                cache.set(key, True, REMOTE_CHECK_SECONDS)
            else:
                missing[width] = renditions[width]
        return missing
    # The folder is resolved once: its files' names come from rendition_names().
    folder = storage.path(directory)
    return {
        width: name
        for width, name in renditions.items()
        if not _is_whole_file(os.path.join(folder, posixpath.basename(name)))
    }


def _is_whole_file(path):
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        size = os.fstat(descriptor).st_size
        head = os.pread(descriptor, 12, 0)
        tail = os.pread(descriptor, 12, max(0, size - 12))
    finally:
        os.close(descriptor)
    return _looks_whole(head, tail, size)


def _looks_whole(head, tail, size):
    """Whether an encoded image reaches its end marker (or its declared size)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return int.from_bytes(head[4:8], "little") + 8 == size
    if head[:8] == b"\x89PNG\r\n\x1a\n":
        return tail.endswith(b"IEND\xaeB`\x82")
    if head[:2] == b"\xff\xd8":
        return tail.endswith(b"\xff\xd9")
    return False


def delete_image_and_renditions(field_file):
    """Delete a stored image and every rendition of it, e.g. when replaced."""
    storage = field_file.storage
    for name in rendition_names(field_file.name).values():
        storage.delete(name)
    if field_file.name:
        storage.delete(field_file.name)


def image_srcset(field_file):
    """The `srcset` value for a stored image: "url 320w, url 640w, …"."""
    if not field_file:
        return ""
    # A private image's URLs name its record (core.files.PrivateFieldFile).
    url_of = getattr(field_file, "url_of", field_file.storage.url)
    return ", ".join(
        f"{url_of(name)} {width}w"
        for width, name in sorted(rendition_names(field_file.name).items())
    )


class ResponsiveImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        name = self.field.generate_filename(self.instance, name)
        self.name = write_atomically(
            self.storage, name, content, max_length=self.field.max_length
        )
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        # Before the record is saved: a record never names missing renditions.
        make_thumbnails(self)
        if save:
            self.instance.save()

    save.alters_data = True


class ResponsiveImageField(models.ImageField):
    """An ImageField that stores an image with its renditions, each whole, and
    deletes the image and its renditions once the transaction that replaced,
    cleared or deleted them commits (a rolled-back save keeps them).

    Forms, the back-office, imports and demo data all go through it, so none of
    them makes or deletes files itself. A file another row of the model still
    names (a copied record) is kept.
    """

    attr_class = ResponsiveImageFieldFile

    def deconstruct(self):
        # Migrations see the plain ImageField: their models never delete files.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:  # as ImageField keeps its dimensions
            signals.post_init.connect(self._remember_stored_name, sender=cls)
            signals.post_save.connect(self._delete_replaced_file, sender=cls)
            signals.pre_delete.connect(self._delete_file, sender=cls)

    def _stored_names(self, instance):
        return instance.__dict__.setdefault("_stored_image_names", {})

    def _remember_stored_name(self, instance, **kwargs):
        if self.attname not in instance.__dict__:
            return  # deferred: pre_save reads it from the database if needed
        value = instance.__dict__[self.attname]
        if isinstance(value, FieldFile) and value._committed:
            value = value.name
        # A new file (not stored yet) replaces nothing.
        self._stored_names(instance)[self.attname] = (
            value if isinstance(value, str) else ""
        )

    def pre_save(self, model_instance, add):
        stored = self._stored_names(model_instance)
        if not add and self.attname not in stored:
            stored[self.attname] = (
                type(model_instance)
                ._base_manager.filter(pk=model_instance.pk)
                .values_list(self.attname, flat=True)
                .first()
                or ""
            )
        return super().pre_save(model_instance, add)

    def _delete_replaced_file(self, instance, raw=False, update_fields=None, **kw):
        if raw or (update_fields is not None and self.name not in update_fields):
            return
        stored = self._stored_names(instance)
        previous = stored.get(self.attname, "")
        current = getattr(instance, self.attname).name or ""
        stored[self.attname] = current
        if previous and previous != current:
            self._delete_after_commit(instance, previous)

    def _delete_file(self, instance, **kwargs):
        name = getattr(instance, self.attname).name
        if name:
            self._delete_after_commit(instance, name)

    def _delete_after_commit(self, instance, name):
        model = type(instance)
        stored = self.attr_class(instance, self, name)

        def delete():
            if not model._base_manager.filter(**{self.attname: name}).exists():
                delete_image_and_renditions(stored)

        transaction.on_commit(delete, using=instance._state.db, robust=True)
