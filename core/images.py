"""Image uploads: checked, re-encoded without metadata, and rendered responsively.

Every app takes images through `SafeImageField` (or `clean_image_upload`) and
calls `make_thumbnails()` after saving. The stored name records the image's
width (`school-visit-k3j9x2mq.w2400.jpg`), so `image_srcset()` can list the
renditions (`school-visit-k3j9x2mq.w640.webp`) without asking the storage.
"""

import io
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, features

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
    match = STORED_NAME.match(PurePosixPath(name or "").name)
    if not match:
        return {}
    directory = PurePosixPath(name).parent
    width = int(match["width"])
    extension = RENDITION_EXTENSION or match["ext"]
    names = {
        rendition_width: str(
            directory / f"{match['base']}.w{rendition_width}.{extension}"
        )
        for rendition_width in RENDITION_WIDTHS
        if rendition_width < width
    }
    names[width] = name
    return names


def make_thumbnails(field_file):
    """Write the smaller renditions next to a saved image; return width → name.

    Never enlarges: an image 500 pixels wide gets only the 320 rendition.
    Safe to run again; existing renditions are replaced.
    """
    storage = field_file.storage
    names = rendition_names(field_file.name)
    stored_width = max(names, default=0)
    renditions = {width: name for width, name in names.items() if width != stored_width}
    if not renditions:
        return {}
    with storage.open(field_file.name, "rb") as stored:
        original = Image.open(stored, formats=ACCEPTED_FORMATS)
        original.load()
    saved = {}
    for width, name in sorted(renditions.items()):
        height = max(1, round(original.height * width / original.width))
        rendition = original.resize(
            (width, height), Image.Resampling.LANCZOS, reducing_gap=2.0
        )
        rendition.info = {}
        content = _encode(rendition, PurePosixPath(name).suffix[1:])
        if storage.exists(name):
            storage.delete(name)
        saved[width] = storage.save(name, ContentFile(content))
    return saved


def delete_image_and_renditions(field_file):
    """Delete a stored image and every rendition of it, e.g. when replaced."""
    storage = field_file.storage
    for name in rendition_names(field_file.name).values():
        storage.delete(name)
    if field_file.name and storage.exists(field_file.name):
        storage.delete(field_file.name)


def image_srcset(field_file):
    """The `srcset` value for a stored image: "url 320w, url 640w, …"."""
    if not field_file:
        return ""
    return ", ".join(
        f"{field_file.storage.url(name)} {width}w"
        for width, name in sorted(rendition_names(field_file.name).items())
    )


class SafeImageField(forms.ImageField):
    """An image form field whose cleaned value is a re-encoded `ContentFile`.

    Use it for every image upload, e.g. `field_classes = {"logo": SafeImageField}`
    in a ModelForm, then call `make_thumbnails(instance.logo)` after saving.
    """

    def __init__(self, **kwargs):
        # The upload's own name is replaced, so its length does not matter.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, data):
        # Skip ImageField.to_python: it decodes the upload with Pillow before
        # any size limit applies. clean_image_upload does all of its checks.
        upload = super(forms.ImageField, self).to_python(data)
        if upload is None:
            return None
        return clean_image_upload(upload).as_content_file()

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ACCEPT_ATTRIBUTE
        return attrs
