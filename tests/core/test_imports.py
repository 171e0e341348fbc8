"""The spreadsheet kept between an import's preview and its confirmation holds
contact data: never in the public media, and gone once the import is over."""

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from core.models import Province
from members.models import Organization
from tests.members.test_admin import confirm_import, csv_file, import_preview

pytestmark = pytest.mark.django_db

ROWS = (
    "Kampot Fisherfolk Network,បណ្តាញអ្នកនេសាទកំពត,KFN,cbo,active,2019-05-01,"
    "Kampot,Kampot,\n"
)


def files_under(root):
    return sorted(path for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture
def pending_files(settings):
    return lambda: files_under(settings.PRIVATE_MEDIA_ROOT / "pending-imports")


@pytest.fixture
def any_files(settings):
    """Every file in the public or the private media."""
    return lambda: (
        files_under(settings.MEDIA_ROOT) + files_under(settings.PRIVATE_MEDIA_ROOT)
    )


confirm = confirm_import


def test_pending_file_is_private_and_removed_after_the_import(
    secretariat_client, settings, pending_files
):
    preview = import_preview(secretariat_client, csv_file(ROWS))

    assert preview.status_code == 200
    assert files_under(settings.MEDIA_ROOT) == []
    (pending,) = pending_files()
    assert "Kampot Fisherfolk Network" in pending.read_text()

    assert confirm(secretariat_client, preview).status_code == 200
    assert Organization.objects.filter(acronym="KFN").exists()
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []


def test_pending_file_is_removed_when_the_import_is_cancelled(
    secretariat_client, pending_files, any_files
):
    preview = import_preview(secretariat_client, csv_file(ROWS))
    assert 'name="cancel"' in preview.text
    assert len(pending_files()) == 1

    response = confirm(secretariat_client, preview, cancel="Cancel the import")

    assert response.redirect_chain[-1][0] == reverse(
        "admin:members_organization_changelist"
    )
    assert any_files() == []
    assert not Organization.objects.filter(acronym="KFN").exists()


def test_pending_file_is_removed_when_the_preview_finds_errors(
    secretariat_client, any_files
):
    preview = import_preview(
        secretariat_client, csv_file(ROWS.replace("Kampot,Kampot", "Atlantis,Kampot"))
    )

    assert "Unknown province" in preview.text
    assert any_files() == []


def test_pending_file_is_removed_when_the_confirmed_import_fails(
    secretariat_client, any_files
):
    preview = import_preview(secretariat_client, csv_file(ROWS))
    # The province the preview found is renamed before the confirmation.
    Province.objects.filter(name_en="Kampot").update(name_en="Kampot (old)")

    response = confirm(secretariat_client, preview)

    assert "Unknown province" in response.text
    assert "nothing was imported" in response.text
    assert not Organization.objects.filter(acronym="KFN").exists()
    assert any_files() == []


def test_pending_file_is_removed_when_the_confirmed_import_crashes(
    secretariat_client, pending_files, any_files
):
    preview = import_preview(secretariat_client, csv_file(ROWS))
    (pending,) = pending_files()
    pending.write_bytes(b"\xff\xfe\x00 not a spreadsheet any more")

    response = confirm(secretariat_client, preview)

    assert "could not be read" in response.text
    assert any_files() == []


def test_a_forged_pending_name_reads_and_deletes_nothing(
    secretariat_client, settings, pending_files
):
    private = settings.PRIVATE_MEDIA_ROOT / "agreements" / "mou.pdf"
    private.parent.mkdir(parents=True)
    private.write_bytes(b"%PDF-1.4 secret")
    preview = import_preview(secretariat_client, csv_file(ROWS))

    for forged in ("../agreements/mou.pdf", "../agreements"):
        response = confirm(
            secretariat_client, preview, import_file_name=forged, cancel="Cancel"
        )
        assert response.status_code == 200

    assert private.exists()
    assert pending_files() == []


def test_pending_files_left_for_a_day_are_removed(
    secretariat_client, settings, pending_files
):
    folder = settings.PRIVATE_MEDIA_ROOT / "pending-imports"
    folder.mkdir(parents=True)
    day_and_a_bit = time.time() - 25 * 60 * 60
    for name in ("0" * 32, "1" * 32):
        (folder / name).write_text("name_en\nAbandoned preview\n")
        os.utime(folder / name, (day_and_a_bit, day_and_a_bit))
    (folder / ("2" * 32)).write_text("name_en\nPreview in progress\n")

    call_command("clean_uploads", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert [path.name for path in pending_files()] == ["2" * 32]

    os.utime(folder / ("2" * 32), (day_and_a_bit, day_and_a_bit))
    import_preview(secretariat_client, csv_file(ROWS))  # the next import
    assert "2" * 32 not in [path.name for path in pending_files()]
