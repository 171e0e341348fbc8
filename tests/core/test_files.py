"""Private files handed to the reverse proxy once the view has said yes
(PRIVATE_MEDIA_ACCEL_REDIRECT): every private-file view answers the same way."""

from pathlib import Path
from urllib.parse import unquote

import pytest

from core.images import make_thumbnails, rendition_names
from tests.factories import (
    ActivityDocumentFactory,
    ActivityFactory,
    ActivityPhotoFactory,
    AgreementFactory,
    CaseStudyFactory,
    RepresentativeFactory,
    _pdf_file,
)

pytestmark = pytest.mark.django_db

PREFIX = "/_protected/"


@pytest.fixture(autouse=True)
def behind_the_proxy(settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = PREFIX


def handed_to_proxy(response, settings):
    """The bytes of the file the proxy is told to send, checking that Django
    sent none itself."""
    assert response.status_code == 200
    assert response.content == b""
    accel = response["X-Accel-Redirect"]
    assert accel.startswith(PREFIX)
    path = Path(settings.PRIVATE_MEDIA_ROOT) / unquote(accel.removeprefix(PREFIX))
    return path.read_bytes()


def test_a_members_only_document_goes_to_a_member_through_the_proxy(client, settings):
    document = ActivityDocumentFactory(
        activity=ActivityFactory(visibility="members"), visibility="members"
    )
    anonymous = client.get(document.file.url)
    assert anonymous.status_code == 404
    assert "X-Accel-Redirect" not in anonymous

    client.force_login(RepresentativeFactory().user)
    response = client.get(document.file.url)
    assert handed_to_proxy(response, settings).startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]


def test_photo_renditions_show_inline_through_the_proxy(client, settings):
    photo = ActivityPhotoFactory()
    make_thumbnails(photo.image)
    for name in rendition_names(photo.image.name).values():
        response = client.get(photo.image.url_of(name))
        assert handed_to_proxy(response, settings)
        assert response["Content-Disposition"].startswith("inline;")
        assert "public" in response["Cache-Control"]


def test_an_mou_goes_to_the_secretariat_through_the_proxy(
    client, settings, secretariat_user
):
    agreement = AgreementFactory(document=_pdf_file("signed-mou.pdf"))
    assert client.get(agreement.document.url).status_code == 404
    client.force_login(secretariat_user)
    response = client.get(agreement.document.url)
    assert handed_to_proxy(response, settings).startswith(b"%PDF")


def test_a_draft_s_report_goes_to_staff_only_through_the_proxy(
    client, settings, secretariat_user
):
    draft = CaseStudyFactory(
        status="draft", published_on=None, report=_pdf_file("draft.pdf")
    )
    refused = client.get(draft.report.url)
    assert refused.status_code == 404
    assert "X-Accel-Redirect" not in refused
    client.force_login(secretariat_user)
    response = client.get(draft.report.url)
    assert handed_to_proxy(response, settings).startswith(b"%PDF")
    assert response["Content-Disposition"].endswith('.pdf"')


def test_a_file_gone_from_the_disk_is_not_found(client):
    document = ActivityDocumentFactory()
    Path(document.file.path).unlink()
    assert client.get(document.file.url).status_code == 404


def test_without_the_proxy_django_sends_the_file(client, settings):
    settings.PRIVATE_MEDIA_ACCEL_REDIRECT = ""
    response = client.get(ActivityDocumentFactory().file.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_every_private_file_field_is_served_through_its_record():
    """A private field nobody registered would have no address at all."""
    from django.apps import apps

    from core.files import _KIND_OF_FIELD, PrivateFieldFileMixin

    private = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if issubclass(getattr(field, "attr_class", object), PrivateFieldFileMixin)
    }
    assert len(private) == 4
    assert private <= set(_KIND_OF_FIELD)
