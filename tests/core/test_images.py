import io
import re
import struct
import warnings
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template import Context, Template
from PIL import Image, ImageCms, PngImagePlugin

from core.forms import SafeImageField
from core.images import (
    clean_image_upload,
    delete_image_and_renditions,
    image_srcset,
    make_thumbnails,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED = (220, 20, 20)
BLUE = (20, 20, 220)


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo(size=(64, 48)):
    """A noisy RGB picture, so that JPEG has real data to compress."""
    noise = Image.effect_noise(size, 60).convert("RGB")
    return Image.blend(noise, Image.new("RGB", size, RED), 0.5)


def png_declaring(width, height):
    """A tiny PNG whose header claims `width` x `height` one-bit pixels."""

    def chunk(kind, data):
        checksum = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + checksum

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def rejection_code(uploaded_file):
    with pytest.raises(ValidationError) as rejected:
        clean_image_upload(uploaded_file)
    return rejected.value.code


def opened(processed):
    return Image.open(io.BytesIO(processed.content))


def stored(processed, folder="photos"):
    name = default_storage.save(
        f"{folder}/{processed.name}", processed.as_content_file()
    )
    return FieldFile(None, models.ImageField(), name)


# Files that are not images, whatever their name says.


def test_script_bearing_svg_named_png_is_rejected():
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
        b"<script>alert(document.cookie)</script></svg>"
    )
    assert rejection_code(upload(svg, "logo.png", "image/png")) == "invalid_image"


def test_html_page_named_jpg_is_rejected():
    page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    assert rejection_code(upload(page, "photo.jpg")) == "invalid_image"


def test_windows_executable_renamed_to_jpg_is_rejected():
    executable = (
        b"MZ\x90\x00\x03" + b"\x00" * 59 + b"This program cannot be run in DOS mode"
    )
    assert rejection_code(upload(executable, "photo.jpg")) == "invalid_image"


def test_linux_executable_renamed_to_jpg_is_rejected():
    executable = b"\x7fELF\x02\x01\x01" + b"\x00" * 57
    assert rejection_code(upload(executable, "photo.jpg")) == "invalid_image"


def test_empty_file_is_rejected():
    assert rejection_code(upload(b"", "photo.jpg")) == "empty"


def test_truncated_jpeg_is_rejected():
    whole = encoded(photo((200, 200)), "JPEG")
    assert rejection_code(upload(whole[: len(whole) // 2])) == "damaged_image"


def test_png_that_fails_its_checksum_is_rejected():
    whole = bytearray(encoded(photo(), "PNG"))
    idat_checksum = whole.index(b"IEND") - 8
    whole[idat_checksum] ^= 0xFF
    assert rejection_code(upload(bytes(whole), "logo.png")) == "damaged_image"


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "ICO", "PPM"])
def test_images_in_other_formats_are_rejected(image_format):
    content = encoded(photo(), image_format)
    assert rejection_code(upload(content, "photo.jpg")) == "invalid_image"


# Files too big to handle safely.


def test_oversized_upload_is_rejected_before_it_is_decoded(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    valid_but_large = encoded(photo((200, 200)), "PNG")
    assert len(valid_but_large) > 1024
    assert rejection_code(upload(valid_but_large, "photo.png")) == "file_too_large"


def test_decompression_bomb_is_rejected_without_decoding():
    bomb = png_declaring(30_000, 30_000)
    assert len(bomb) < 200
    assert rejection_code(upload(bomb, "bomb.png")) == "too_many_pixels"


def test_image_over_the_portals_pixel_limit_is_rejected():
    # 48 megapixels: under Pillow's own limit, over MAX_IMAGE_PIXELS.
    assert rejection_code(upload(png_declaring(8000, 6000), "big.png")) == (
        "too_many_pixels"
    )


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_image_pillow_warns_about_is_rejected():
    assert rejection_code(upload(png_declaring(10_000, 10_000), "big.png")) == (
        "too_many_pixels"
    )


def test_image_pillow_warns_about_is_rejected_when_warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        code = rejection_code(upload(png_declaring(10_000, 10_000), "big.png"))
    assert code == "too_many_pixels"


def test_pixel_limit_comes_from_settings(settings):
    settings.MAX_IMAGE_PIXELS = 1000
    assert rejection_code(upload(encoded(photo((40, 30)), "JPEG"))) == (
        "too_many_pixels"
    )


# Nothing private or hostile survives re-encoding.


def test_gps_location_and_other_metadata_are_removed_from_photos():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (11.0, 33.0, 0.0), 3: "E", 4: (104.0, 55.0, 0.0)}
    original = encoded(
        photo(),
        "JPEG",
        exif=exif,
        comment=b"home address",
        xmp=b"<x:xmpmeta>secret</x:xmpmeta>",
    )
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    processed = clean_image_upload(upload(original))

    assert not opened(processed).getexif()
    for marker in (b"Exif", b"PhoneMaker", b"home address", b"xmpmeta"):
        assert marker not in processed.content


def test_text_and_exif_are_removed_from_png():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Sok Dara, +855 12 345 678")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    original = encoded(photo(), "PNG", pnginfo=text, exif=exif)

    processed = clean_image_upload(upload(original, "chart.png"))

    assert not opened(processed).getexif()
    assert b"Sok Dara" not in processed.content
    assert b"PhoneMaker" not in processed.content


def test_colour_profile_is_applied_then_removed():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = encoded(photo(), "PNG", icc_profile=srgb)

    processed = clean_image_upload(upload(original, "chart.png"))

    assert "icc_profile" not in opened(processed).info
    assert b"iCCP" not in processed.content


def test_image_with_a_broken_colour_profile_is_still_accepted():
    original = encoded(photo(), "JPEG", icc_profile=b"not a profile" * 20)
    processed = clean_image_upload(upload(original))
    assert "icc_profile" not in opened(processed).info


def test_html_hidden_after_the_image_data_is_not_stored():
    polyglot = encoded(photo(), "PNG") + b"<script>alert(1)</script>"
    processed = clean_image_upload(upload(polyglot, "chart.png"))
    assert b"<script>" not in processed.content


# Images people really upload come out right.


def test_sideways_phone_photo_is_turned_upright():
    wide = Image.new("RGB", (80, 40), RED)
    wide.paste(BLUE, (40, 0, 80, 40))
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # shown rotated 90° clockwise
    original = encoded(wide, "JPEG", exif=exif)

    upright = opened(clean_image_upload(upload(original)))

    assert upright.size == (40, 80)
    red, _, blue = upright.getpixel((20, 10))
    assert red > 150 > blue
    red, _, blue = upright.getpixel((20, 70))
    assert blue > 150 > red


def test_cmyk_jpeg_is_accepted_as_rgb_with_its_colours():
    cyan = Image.new("CMYK", (40, 30), (255, 0, 0, 0))
    processed = clean_image_upload(upload(encoded(cyan, "JPEG")))
    image = opened(processed)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((20, 15))
    assert red < 40
    assert green > 200
    assert blue > 200


def test_palette_png_with_transparency_keeps_its_transparency():
    logo = Image.new("P", (40, 30), 0)
    # The transparent entry shares its colour with a visible one, as they may.
    logo.putpalette([0, 128, 0, 0, 128, 0])
    logo.paste(1, (10, 10, 30, 20))
    original = encoded(logo, "PNG", transparency=0)

    processed = clean_image_upload(upload(original, "logo.png", "image/png"))

    assert processed.name.endswith(".png")
    image = opened(processed)
    assert image.format == "PNG"
    assert image.getpixel((0, 0))[3] == 0
    assert image.getpixel((20, 15)) == (0, 128, 0, 255)


def test_photo_is_stored_as_progressive_jpeg():
    processed = clean_image_upload(upload(encoded(photo(), "WEBP"), "photo.webp"))
    image = opened(processed)
    assert image.format == "JPEG"
    assert image.info.get("progressive")
    assert processed.name.endswith(".jpg")


def test_animated_gif_keeps_its_first_frame_as_png():
    frames = [Image.new("RGB", (30, 20), colour) for colour in (RED, BLUE)]
    animation = io.BytesIO()
    frames[0].save(animation, "GIF", save_all=True, append_images=frames[1:])

    processed = clean_image_upload(upload(animation.getvalue(), "wave.gif"))

    image = opened(processed)
    assert image.format == "PNG"
    assert getattr(image, "n_frames", 1) == 1
    red, _, blue = image.convert("RGB").getpixel((5, 5))
    assert red > 150 > blue


def test_sixteen_bit_greyscale_png_keeps_its_tones():
    grey = Image.new("I;16", (20, 20), 32768)
    image = opened(clean_image_upload(upload(encoded(grey, "PNG"), "scan.png")))
    assert image.convert("L").getpixel((5, 5)) == 128


def test_large_photo_is_scaled_down_to_the_maximum_edge():
    processed = clean_image_upload(upload(encoded(photo((3000, 1000)), "JPEG")))
    assert (processed.width, processed.height) == (2400, 800)
    assert opened(processed).size == (2400, 800)
    assert ".w2400." in processed.name


def test_stored_name_is_random_and_keeps_a_readable_part_of_the_original():
    content = encoded(photo(), "JPEG")
    first = clean_image_upload(upload(content, "Field Visit (Kampot) 2025.JPG"))
    second = clean_image_upload(upload(content, "Field Visit (Kampot) 2025.JPG"))
    assert re.fullmatch(r"field-visit-kampot-2025-[a-z0-9]{8}\.w64\.jpg", first.name)
    assert first.name != second.name


def test_folders_and_unreadable_names_are_not_kept():
    content = encoded(photo(), "JPEG")
    escaping = clean_image_upload(upload(content, "../../etc/cron.d/job.jpg"))
    khmer = clean_image_upload(upload(content, "រូបភាព.jpg"))
    assert re.fullmatch(r"job-[a-z0-9]{8}\.w64\.jpg", escaping.name)
    assert re.fullmatch(r"image-[a-z0-9]{8}\.w64\.jpg", khmer.name)


# The form field.


class PhotoForm(forms.Form):
    photo = SafeImageField()


def test_form_field_gives_a_reencoded_file_ready_for_an_image_field():
    form = PhotoForm(files={"photo": upload(encoded(photo(), "PNG"), "visit.jpg")})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["photo"]
    assert re.fullmatch(r"visit-[a-z0-9]{8}\.w64\.png", cleaned.name)
    assert Image.open(cleaned).format == "PNG"


def test_form_field_accepts_long_file_names_it_replaces_anyway():
    class LogoForm(forms.Form):
        # What a ModelForm passes for a default models.ImageField.
        logo = SafeImageField(max_length=100)

    long_name = "ការប្រជុំ" * 20 + ".jpg"
    form = LogoForm(files={"logo": upload(encoded(photo(), "JPEG"), long_name)})
    assert form.is_valid(), form.errors


def test_form_field_explains_why_a_file_is_rejected():
    form = PhotoForm(files={"photo": upload(b"MZ\x90\x00" + b"\x00" * 60)})
    assert not form.is_valid()
    assert form.errors["photo"] == [
        "This file is not a JPEG, PNG, WebP or GIF image. "
        "Please choose a photo or picture in one of these formats."
    ]


def test_form_field_checks_the_size_before_pillow_sees_the_file(settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    form = PhotoForm(files={"photo": upload(b"not an image" * 100)})
    assert not form.is_valid()
    assert form.errors["photo"] == [
        "This image is larger than 1.0\xa0KB. "
        "Please make it smaller or choose another image."
    ]


def test_file_picker_offers_only_accepted_formats():
    html = str(PhotoForm()["photo"])
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in html


# Responsive renditions.


def test_renditions_are_made_at_each_width_smaller_than_the_image():
    original = stored(clean_image_upload(upload(encoded(photo((1500, 1000)), "JPEG"))))

    renditions = make_thumbnails(original)

    assert sorted(renditions) == [320, 640, 1280]
    for width, name in renditions.items():
        assert name.startswith("photos/")
        with default_storage.open(name) as saved:
            image = Image.open(saved)
            assert image.format == "WEBP"
            assert image.size == (width, round(width * 1000 / 1500))


def test_small_images_are_not_enlarged():
    medium = stored(clean_image_upload(upload(encoded(photo((500, 300)), "JPEG"))))
    small = stored(clean_image_upload(upload(encoded(photo((300, 200)), "JPEG"))))

    assert sorted(make_thumbnails(medium)) == [320]
    assert make_thumbnails(small) == {}


def test_renditions_of_transparent_logos_stay_transparent():
    logo = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
    logo.paste((0, 128, 0, 255), (200, 100, 600, 300))
    original = stored(clean_image_upload(upload(encoded(logo, "PNG"), "logo.png")))

    with default_storage.open(make_thumbnails(original)[320]) as saved:
        rendition = Image.open(saved)
        assert rendition.mode == "RGBA"
        assert rendition.getpixel((5, 5))[3] == 0
        assert rendition.getpixel((160, 80))[3] == 255


def test_renditions_can_be_made_again_under_the_same_names():
    original = stored(clean_image_upload(upload(encoded(photo((700, 500)), "JPEG"))))
    assert make_thumbnails(original) == make_thumbnails(original)


def test_srcset_lists_exactly_the_renditions_that_were_made():
    original = stored(clean_image_upload(upload(encoded(photo((700, 500)), "JPEG"))))
    renditions = make_thumbnails(original)

    expected = [
        f"{default_storage.url(renditions[320])} 320w",
        f"{default_storage.url(renditions[640])} 640w",
        f"{original.url} 700w",
    ]
    assert image_srcset(original) == ", ".join(expected)


def test_srcset_is_derived_from_the_name_without_reading_storage():
    never_saved = FieldFile(None, models.ImageField(), "news/cover-ab12cd34.w900.jpg")
    assert image_srcset(never_saved) == (
        "/media/news/cover-ab12cd34.w320.webp 320w, "
        "/media/news/cover-ab12cd34.w640.webp 640w, "
        "/media/news/cover-ab12cd34.w900.jpg 900w"
    )


def test_srcset_is_empty_for_images_stored_some_other_way():
    legacy = FieldFile(None, models.ImageField(), "logos/old-logo.png")
    empty = FieldFile(None, models.ImageField(), "")
    assert image_srcset(legacy) == ""
    assert image_srcset(empty) == ""


def test_srcset_template_filter():
    cover = FieldFile(None, models.ImageField(), "news/cover-ab12cd34.w400.png")
    rendered = Template('{% load richtext %}<img srcset="{{ cover|srcset }}">').render(
        Context({"cover": cover})
    )
    assert rendered == (
        '<img srcset="/media/news/cover-ab12cd34.w320.webp 320w, '
        '/media/news/cover-ab12cd34.w400.png 400w">'
    )


def test_replaced_image_is_deleted_with_its_renditions():
    original = stored(clean_image_upload(upload(encoded(photo((700, 500)), "JPEG"))))
    renditions = make_thumbnails(original)

    delete_image_and_renditions(original)

    assert not default_storage.exists(original.name)
    for name in renditions.values():
        assert not default_storage.exists(name)


def test_a_write_cut_short_leaves_nothing_under_the_real_name():
    from django.core.files.base import File

    from core.storage import write_atomically

    class DiesHalfway(File):
        def chunks(self, chunk_size=None):
            yield b"RIFF\x00\x10\x00\x00WEBP"
            raise SystemExit("worker killed")

    with pytest.raises(SystemExit):
        write_atomically(
            default_storage,
            "photos/cut-ab12cd34.w320.webp",
            DiesHalfway(io.BytesIO(), name="cut.webp"),
            replace=True,
        )

    assert not default_storage.exists("photos/cut-ab12cd34.w320.webp")
    assert default_storage.listdir("photos") == ([], [])
