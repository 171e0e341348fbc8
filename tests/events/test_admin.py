import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from core.models import Province
from events.models import (
    Activity,
    ActivityDocument,
    ActivityPhoto,
    NewsPost,
    ParticipationFigure,
)
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    NewsPostFactory,
    OrganizationFactory,
    ParticipationFigureFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db

INLINES = ("participation", "registrations", "documents", "photos")


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def activity_form(**changes):
    data = {
        "kind": "workshop",
        "title_en": "Project closing workshop",
        "title_km": "សិក្ខាសាលាបិទគម្រោង",
        "slug": "project-closing-workshop",
        "visibility": "public",
        "starts_at_0": "2025-09-18",
        "starts_at_1": "08:00",
        "ends_at_0": "2025-09-18",
        "ends_at_1": "12:00",
        "venue_en": "Hyatt Regency Phnom Penh",
        "venue_km": "",
        "province": Province.objects.get(code="12").pk,
        "objectives_en": "Share the results.",
        "objectives_km": "",
        "outcomes_en": "",
        "outcomes_km": "",
        "capacity": "",
    }
    for prefix in INLINES:
        data.update(management(prefix))
    data.update(changes)
    return data


def figures(*rows):
    data = management("participation", total=len(rows))
    for index, (group, female, male, other) in enumerate(rows):
        data.update(
            {
                f"participation-{index}-stakeholder_group": group,
                f"participation-{index}-female": female,
                f"participation-{index}-male": male,
                f"participation-{index}-other": other,
            }
        )
    return data


def test_secretariat_logs_an_activity_with_participants_in_one_form(
    secretariat_client, secretariat_user
):
    ncdd = OrganizationFactory(name_en="NCDD", membership_status="")
    response = secretariat_client.post(
        reverse("admin:events_activity_add"),
        activity_form(
            organisers=[ncdd.pk],
            **figures(("sna", 12, 31, 0), ("cso", 15, 11, 1)),
        ),
    )
    assert response.status_code == 302, response.context["errors"]
    activity = Activity.objects.with_participation().get(
        slug="project-closing-workshop"
    )
    # 08:00 in Phnom Penh is 01:00 UTC.
    assert activity.starts_at == datetime(2025, 9, 18, 1, 0, tzinfo=UTC)
    assert (activity.female, activity.male, activity.other, activity.total) == (
        27,
        42,
        1,
        70,
    )
    assert list(activity.organisers.all()) == [ncdd]
    assert activity.history.get().history_user == secretariat_user


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (figures(("sna", -3, 5, 0)), "greater than or equal to 0"),
        (figures(("sna", 1, 1, 0), ("sna", 2, 2, 0)), "Please correct the duplicate"),
        ({"ends_at_0": "2025-09-17"}, "The end must be after the start."),
        ({"district": "201"}, "not in the province chosen"),
        ({"slug": "calendar"}, "This web address is reserved"),
    ],
    ids=["negative", "group-twice", "end-before-start", "district", "reserved"],
)
def test_bad_activity_input_explains_and_saves_nothing(
    secretariat_client, changes, message
):
    from core.models import District

    if "district" in changes:
        changes = {"district": District.objects.get(code="0201").pk}  # Battambang
    response = secretariat_client.post(
        reverse("admin:events_activity_add"), activity_form(**changes)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Activity.objects.exists()
    assert not ParticipationFigure.objects.exists()


def test_secretariat_marks_attendance_which_feeds_the_totals(secretariat_client):
    activity = ActivityFactory(accepts_registrations=True)
    ParticipationFigureFactory(activity=activity, female=5, male=3, other=0)
    came = RegistrationFactory(activity=activity, sex="female")
    RegistrationFactory(activity=activity, sex="male")
    data = activity_form(
        slug=activity.slug,
        edited_version=Activity.objects.get(pk=activity.pk).version,
        **management("participation", total=1, initial=1),
        **{
            "participation-0-id": activity.participation.get().pk,
            "participation-0-activity": activity.pk,
            "participation-0-stakeholder_group": "cso",
            "participation-0-female": 5,
            "participation-0-male": 3,
            "participation-0-other": 0,
        },
        **management("registrations", total=2, initial=2),
    )
    for index, registration in enumerate(activity.registrations.order_by("pk")):
        for name in ("participant_name", "sex", "position", "phone", "email"):
            data[f"registrations-{index}-{name}"] = getattr(registration, name)
        data[f"registrations-{index}-id"] = registration.pk
        data[f"registrations-{index}-activity"] = activity.pk
        data[f"registrations-{index}-organization"] = registration.organization_id
        data[f"registrations-{index}-status"] = "registered"
        if registration == came:
            data[f"registrations-{index}-attended"] = "on"
    response = secretariat_client.post(
        reverse("admin:events_activity_change", args=[activity.pk]), data
    )
    assert response.status_code == 302, response.context["errors"]
    annotated = Activity.objects.with_participation().get(pk=activity.pk)
    assert (annotated.female, annotated.male, annotated.total) == (6, 3, 9)
    page = secretariat_client.get(
        reverse("admin:events_activity_change", args=[activity.pk])
    )
    assert "1 female, 0 male, 0 other" in page.text


def jpeg_with_gps():
    image = Image.new("RGB", (1600, 1000), "#1b5e20")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (11.0, 33.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("workshop.jpg", buffer.getvalue(), "image/jpeg")


def test_photos_uploaded_in_the_admin_are_cleaned_and_get_thumbnails(
    secretariat_client,
):
    activity = ActivityFactory()
    data = activity_form(
        slug=activity.slug,
        edited_version=Activity.objects.get(pk=activity.pk).version,
        **management("photos", total=1),
        **{
            "photos-0-image": jpeg_with_gps(),
            "photos-0-caption_en": "Group work",
            "photos-0-caption_km": "",
            "photos-0-position": "1",
        },
    )
    response = secretariat_client.post(
        reverse("admin:events_activity_change", args=[activity.pk]), data
    )
    assert response.status_code == 302, response.context["errors"]
    photo = ActivityPhoto.objects.get(activity=activity)
    assert photo.image.name.endswith(".w1600.jpg")
    assert (photo.width, photo.height) == (1600, 1000)
    with photo.image.open("rb") as stored:
        assert not Image.open(stored).getexif()
    for width in (320, 640, 1280):
        name = photo.image.name.replace(".w1600.jpg", f".w{width}.webp")
        assert photo.image.storage.exists(name)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("minutes.exe", b"MZ\x90\x00"), "Upload a PDF, Word"),
        (SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 program"), "not really a PDF"),
        (SimpleUploadedFile("minutes.docx", b"%PDF-1.4 hello"), "not really a DOCX"),
        (SimpleUploadedFile("minutes.pdf", b"%PDF-1.4" + b"0" * 2048), "larger than"),
    ],
    ids=["extension", "fake-pdf", "fake-docx", "too-large"],
)
def test_bad_documents_are_refused_with_a_clear_message(
    secretariat_client, monkeypatch, upload, message
):
    monkeypatch.setattr("core.files.validate_document.max_bytes", 1024)
    activity = ActivityFactory()
    data = activity_form(
        slug=activity.slug,
        edited_version=Activity.objects.get(pk=activity.pk).version,
        **management("documents", total=1),
        **{
            "documents-0-kind": "minutes",
            "documents-0-title_en": "Minutes",
            "documents-0-title_km": "",
            "documents-0-file": upload,
            "documents-0-visibility": "members",
        },
    )
    response = secretariat_client.post(
        reverse("admin:events_activity_change", args=[activity.pk]), data
    )
    assert response.status_code == 200
    assert message in response.text
    assert not ActivityDocument.objects.exists()


def test_activity_history_can_be_seen_and_restored(secretariat_client):
    activity = ActivityFactory(title_en="First title")
    activity.title_en = "Second title"
    activity.save()
    first = activity.history.earliest()
    history = secretariat_client.get(
        reverse("admin:events_activity_history", args=[activity.pk])
    )
    assert history.status_code == 200
    revert = secretariat_client.get(
        reverse(
            "admin:events_activity_simple_history",
            args=[activity.pk, first.history_id],
        )
    )
    assert revert.status_code == 200
    assert "First title" in revert.text


def test_activities_export_with_sex_disaggregated_totals(secretariat_client):
    activity = ActivityFactory(title_en="Forum in Banan")
    ParticipationFigureFactory(activity=activity, female=7, male=5, other=1)
    fields = ["title_en", "female", "male", "other", "total"]
    response = secretariat_client.post(
        reverse("admin:events_activity_export"),
        {
            "format": "0",
            "resource": "0",
            **{f"activityresource_{name}": "on" for name in fields},
        },
    )
    assert response.status_code == 200
    lines = response.getvalue().decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    row = dict(zip(header, lines[1].split(","), strict=False))
    assert row["title_en"] == "Forum in Banan"
    assert (row["female"], row["male"], row["other"], row["total"]) == (
        "7",
        "5",
        "1",
        "13",
    )


def test_changelist_shows_totals_and_filters(secretariat_client):
    activity = ActivityFactory(title_en="Consultation")
    ParticipationFigureFactory(activity=activity, female=4, male=6)
    response = secretariat_client.get(
        reverse("admin:events_activity_changelist"),
        {"kind__exact": "workshop", "visibility__exact": "public"},
    )
    assert response.status_code == 200
    assert "Consultation" in response.text
    assert ">10<" in response.text


def test_expiring_filter_lists_agreements_ending_within_90_days(secretariat_client):
    today = timezone.localdate()
    AgreementFactory(title_en="Ends soon", ends_on=today + timedelta(days=45))
    AgreementFactory(title_en="Ends later", ends_on=today + timedelta(days=400))
    response = secretariat_client.get(
        reverse("admin:events_agreement_changelist"), {"term": "expiring"}
    )
    assert "Ends soon" in response.text
    assert "Ends later" not in response.text


def test_publish_action_publishes_drafts_now(secretariat_client):
    draft = NewsPostFactory(status="draft", published_at=None)
    secretariat_client.post(
        reverse("admin:events_newspost_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.published_at <= timezone.now()
    assert NewsPost.objects.published().filter(pk=draft.pk).exists()


def test_news_admin_links_to_the_preview(secretariat_client):
    draft = NewsPostFactory(status="draft", published_at=None)
    response = secretariat_client.get(
        reverse("admin:events_newspost_change", args=[draft.pk])
    )
    assert draft.get_preview_url() in response.text


def test_news_post_written_in_the_admin_goes_live_with_its_cover(
    secretariat_client, client
):
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "#0a4d8c").save(buffer, "PNG")
    response = secretariat_client.post(
        reverse("admin:events_newspost_add"),
        {
            "title_en": "MoU signed",
            "title_km": "ការចុះហត្ថលេខា",
            "slug": "mou-signed",
            "summary_en": "CPDD signed an MoU.",
            "summary_km": "",
            "body_en": "Six participants attended.",
            "body_km": "",
            "cover_image": SimpleUploadedFile("cover.png", buffer.getvalue()),
            "cover_image_alt_en": "Signing",
            "cover_image_alt_km": "",
            "status": "published",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    post = NewsPost.objects.get(slug="mou-signed")
    assert post.is_live
    assert post.cover_image.storage.exists(
        post.cover_image.name.replace(".w900.png", ".w640.webp")
    )
