"""Stored images and their renditions, from the outside: complete or made
again, and deleted once (and only once) the change that lets go of them commits."""

import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from PIL import Image

from core.images import (
    clean_image_upload,
    ensure_renditions,
    make_thumbnails,
    rendition_names,
)
from core.storage import write_atomically
from events.models import ActivityPhoto, NewsPost
from members.models import Organization
from tests.factories import (
    ActivityPhotoFactory,
    NewsPostFactory,
    RepresentativeFactory,
)
from tests.members.test_views import edit_url, profile_data

pytestmark = pytest.mark.django_db


def logo_upload(colour="#1b5e20", size=(1400, 700), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, image_format)
    return SimpleUploadedFile(f"logo.{image_format.lower()}", buffer.getvalue())


def upload_logo(client, organization, **kwargs):
    response = client.post(
        edit_url(organization), profile_data(organization, logo=logo_upload(**kwargs))
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    return organization.logo


def renditions_of(field_file):
    """The stored image and its smaller renditions."""
    return list(rendition_names(field_file.name).values())


def stored_files(folder):
    root = Path(default_storage.location)
    return sorted(
        str(path.relative_to(root))
        for path in (root / folder).rglob("*")
        if path.is_file()
    )


def assert_whole_images(names):
    for name in names:
        with default_storage.open(name, "rb") as stored:
            Image.open(stored).load()  # raises on a missing or truncated file


def simulate_killed_worker(names):
    """What a worker killed while writing leaves: one rendition never written,
    the others cut off part-way."""
    missing, *truncated = names
    default_storage.delete(missing)
    for name in truncated:
        with open(default_storage.path(name), "r+b") as file:
            file.truncate(file.seek(0, 2) // 2)


@pytest.mark.parametrize("page", ["profile", "directory"])
def test_renditions_a_killed_worker_left_behind_are_made_again(client, page):
    link = RepresentativeFactory()
    client.force_login(link.user)
    logo = upload_logo(client, link.organization)
    smaller = [name for name in renditions_of(logo) if name != logo.name]
    assert len(smaller) == 3  # 320, 640 and 1280 pixels wide
    simulate_killed_worker(smaller)
    client.logout()

    url = (
        link.organization.get_absolute_url()
        if page == "profile"
        else reverse("members:directory")
    )
    response = client.get(url)

    assert response.status_code == 200
    for name in smaller:
        assert default_storage.url(name) in response.text
    assert_whole_images(smaller)


def test_replacing_a_logo_three_times_leaves_one_set_of_files(
    client, django_capture_on_commit_callbacks
):
    link = RepresentativeFactory()
    client.force_login(link.user)
    with django_capture_on_commit_callbacks(execute=True):
        for colour in ("#b71c1c", "#0d47a1", "#f57f17"):
            logo = upload_logo(client, link.organization, colour=colour)

    assert stored_files("logos") == sorted(renditions_of(logo))
    assert_whole_images(renditions_of(logo))


def test_clearing_a_logo_deletes_its_files(client, django_capture_on_commit_callbacks):
    link = RepresentativeFactory()
    client.force_login(link.user)
    with django_capture_on_commit_callbacks(execute=True):
        upload_logo(client, link.organization)
        data = profile_data(link.organization, **{"logo-clear": "on"})
        assert client.post(edit_url(link.organization), data).status_code == 302

    assert not Organization.objects.get(pk=link.organization.pk).logo
    assert stored_files("logos") == []


def test_old_files_are_deleted_only_when_the_replacing_save_commits(
    client, django_capture_on_commit_callbacks
):
    link = RepresentativeFactory()
    client.force_login(link.user)
    with django_capture_on_commit_callbacks(execute=True):
        first = renditions_of(upload_logo(client, link.organization))
    organization = Organization.objects.get(pk=link.organization.pk)
    kept = organization.logo.name

    def replace_then_fail():
        with transaction.atomic():
            organization.logo = clean_image_upload(
                logo_upload(colour="#4a148c")
            ).as_content_file()
            organization.save()
            raise RuntimeError("the rest of the change failed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        replace_then_fail()
    assert Organization.objects.get(pk=organization.pk).logo.name == kept
    assert_whole_images(first)

    with django_capture_on_commit_callbacks(execute=True):
        second = renditions_of(upload_logo(client, link.organization))
        assert_whole_images(first)  # not before the commit
    assert not any(default_storage.exists(name) for name in first)
    assert_whole_images(second)


def test_deleting_a_news_post_deletes_its_cover_after_commit(
    secretariat_client, django_capture_on_commit_callbacks
):
    cover = clean_image_upload(logo_upload(size=(1400, 800), image_format="JPEG"))
    with django_capture_on_commit_callbacks(execute=True):
        post = NewsPostFactory(cover_image=cover.as_content_file())
    names = renditions_of(post.cover_image)
    assert len(names) == 4
    assert_whole_images(names)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("admin:events_newspost_delete", args=[post.pk]), {"post": "yes"}
        )
        assert response.status_code == 302
        assert_whole_images(names)  # still there until the deletion commits

    assert not NewsPost.objects.filter(pk=post.pk).exists()
    assert not any(default_storage.exists(name) for name in names)


def test_deleting_an_activity_deletes_its_private_photos_after_commit(
    secretariat_client, django_capture_on_commit_callbacks
):
    photo = ActivityPhotoFactory(
        image=clean_image_upload(logo_upload()).as_content_file()
    )
    storage = photo.image.storage
    names = renditions_of(photo.image)
    assert len(names) == 4
    assert all(storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        response = secretariat_client.post(
            reverse("admin:events_activity_delete", args=[photo.activity.pk]),
            {"post": "yes"},
        )
        assert response.status_code == 302
        assert all(storage.exists(name) for name in names)

    assert not ActivityPhoto.objects.filter(pk=photo.pk).exists()
    assert not any(storage.exists(name) for name in names)


def test_half_written_files_left_for_a_day_are_removed(settings):
    logos = Path(settings.MEDIA_ROOT) / "logos"
    logos.mkdir(parents=True)
    old = logos / ".logo-ab12cd34.w320.webp.k3j9x2mq.part"
    fresh = logos / ".logo-ef56gh78.w320.webp.p0o9i8u7.part"
    kept = logos / "logo-ab12cd34.w320.webp"
    for path in (old, fresh, kept):
        path.write_bytes(b"RIFF")
    day_and_a_bit = time.time() - 25 * 60 * 60
    os.utime(old, (day_and_a_bit, day_and_a_bit))
    os.utime(kept, (day_and_a_bit, day_and_a_bit))

    call_command("clean_uploads", stdout=io.StringIO())

    assert sorted(path.name for path in logos.iterdir()) == sorted(
        [fresh.name, kept.name]
    )


def test_renditions_on_an_object_store_are_made_again_when_missing():
    """S3 has no local path: existence is asked once, then remembered."""
    storage = InMemoryStorage()
    content = clean_image_upload(logo_upload()).as_content_file()
    image = FieldFile(None, Organization._meta.get_field("logo"), "")
    image.storage = storage
    image.name = write_atomically(storage, f"logos/{content.name}", content)
    make_thumbnails(image)
    smaller = [name for name in renditions_of(image) if name != image.name]
    storage.delete(smaller[0])

    ensure_renditions(image)

    for name in smaller:
        with storage.open(name, "rb") as stored:
            Image.open(stored).load()
