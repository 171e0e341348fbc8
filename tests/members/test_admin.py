import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Province
from members.models import (
    Contribution,
    MembershipApplication,
    Organization,
    RepresentativeInvitation,
)
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV_HEADER = (
    "name_en,name_km,acronym,kind,membership_status,joined_on,"
    "head_office_province,provinces,themes\n"
)


def csv_file(body):
    return SimpleUploadedFile(
        "members.csv", (CSV_HEADER + body).encode("utf-8"), content_type="text/csv"
    )


def import_preview(client, upload):
    """Upload a file to import; the page of its check (done at once by the
    tests' task backend)."""
    return client.post(
        reverse("admin:members_organization_import"),
        {"resource": "0", "format": "0", "import_file": upload},
        follow=True,
    )


def confirm_import(client, preview, **extra):
    return client.post(
        reverse("admin:members_organization_process_import"),
        {"job": preview.context["job"].pk, **extra},
        follow=True,
    )


def test_import_previews_then_creates_members_with_their_places(secretariat_client):
    upload = csv_file(
        "Kampot Fisherfolk Network,បណ្តាញអ្នកនេសាទកំពត,KFN,cbo,active,2019-05-01,"
        "Kampot,Kampot; Kep,gender\n"
        "Pursat Farmers Association,សមាគមកសិករពោធិ៍សាត់,PFA,Local NGO,Active member,"
        "2020-01-01,15,Pursat,agriculture\n"
    )
    preview = import_preview(secretariat_client, upload)
    assert preview.status_code == 200
    assert "New: 2" in preview.text
    assert "Confirm the import" in preview.text
    assert not Organization.objects.filter(acronym="KFN").exists()  # preview only

    confirmed = confirm_import(secretariat_client, preview)
    assert "The import is finished." in confirmed.text
    kfn = Organization.objects.get(acronym="KFN")
    assert kfn.name_km == "បណ្តាញអ្នកនេសាទកំពត"
    assert set(kfn.provinces.values_list("name_en", flat=True)) == {"Kampot", "Kep"}
    assert kfn.status_changes.get().status == "active"
    pfa = Organization.objects.get(acronym="PFA")
    assert (pfa.kind, pfa.membership_status) == ("local_ngo", "active")
    assert pfa.head_office_province.name_en == "Pursat"


def test_import_with_a_bad_row_shows_row_errors_and_imports_nothing(
    secretariat_client,
):
    upload = csv_file(
        "Good Org,អង្គការល្អ,GO,cbo,active,2019-05-01,Kampot,Kampot,\n"
        "Bad Org,អង្គការ,BO,cbo,active,2019-05-01,Atlantis,Kampot,\n"
    )
    preview = import_preview(secretariat_client, upload)
    assert "Unknown province “Atlantis”" in preview.text
    assert "Row 2: head_office_province: Unknown province “Atlantis”" in preview.text
    assert "Confirm the import" not in preview.text
    assert not Organization.objects.filter(acronym__in=["GO", "BO"]).exists()


def test_directory_exports_as_csv_and_xlsx(secretariat_client):
    OrganizationFactory(name_en="Aphivat Strey", acronym="AS")
    url = reverse("admin:members_organization_export")
    as_csv = secretariat_client.post(
        url, {"format": "0", "resource": "0", "organizationresource_name_en": "on"}
    )
    assert as_csv.status_code == 200
    assert "Aphivat Strey" in as_csv.getvalue().decode()
    as_xlsx = secretariat_client.post(
        url, {"format": "1", "resource": "0", "organizationresource_name_en": "on"}
    )
    workbook = openpyxl.load_workbook(io.BytesIO(as_xlsx.getvalue()))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "Aphivat Strey" in values


def test_unpaid_filter_lists_members_without_a_paid_contribution(secretariat_client):
    paid = OrganizationFactory(name_en="Paid Up")
    Contribution.objects.create(
        organization=paid, year=2025, amount=100, paid_on="2025-02-01"
    )
    unpaid = OrganizationFactory(name_en="Owes Dues")
    Contribution.objects.create(organization=unpaid, year=2025, amount=100)
    OrganizationFactory(name_en="Never Paid")
    response = secretariat_client.get(
        reverse("admin:members_organization_changelist"), {"unpaid_for": "2025"}
    )
    names = {org.name_en for org in response.context["cl"].result_list}
    assert names == {"Owes Dues", "Never Paid"}


def test_changelist_shows_active_members_by_default(secretariat_client):
    OrganizationFactory(name_en="Active One")
    OrganizationFactory(name_en="Gone", membership_status="withdrawn")
    response = secretariat_client.get(reverse("admin:members_organization_changelist"))
    assert {o.name_en for o in response.context["cl"].result_list} == {"Active One"}


def admin_form_data(page):
    """The POST data of an admin change page as it stands, inlines left empty."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "logo":
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            values = value.all() if hasattr(value, "all") else value
            data[name] = [getattr(v, "pk", v) for v in values]
        else:
            data[name] = getattr(value, "pk", value)
    for inline in page.context.get("inline_admin_formsets") or []:
        data[f"{inline.formset.prefix}-TOTAL_FORMS"] = "0"
        data[f"{inline.formset.prefix}-INITIAL_FORMS"] = "0"
    return data


def test_history_records_who_changed_what_and_restores(
    secretariat_client, secretariat_user
):
    organization = OrganizationFactory(name_en="Original Name")
    url = reverse("admin:members_organization_change", args=[organization.pk])
    data = admin_form_data(secretariat_client.get(url))
    data["name_en"] = "Changed Name"
    assert secretariat_client.post(url, data).status_code == 302
    organization.refresh_from_db()
    assert organization.name_en == "Changed Name"
    latest = organization.history.latest()
    assert latest.history_user == secretariat_user

    history = secretariat_client.get(
        reverse("admin:members_organization_history", args=[organization.pk])
    )
    assert history.status_code == 200
    assert secretariat_user.username in history.text

    original = organization.history.earliest()
    revert_url = reverse(
        "admin:members_organization_simple_history",
        args=[organization.pk, original.history_id],
    )
    revert_page = secretariat_client.get(revert_url)
    restored = admin_form_data(revert_page)
    assert restored["name_en"] == "Original Name"
    assert secretariat_client.post(revert_url, restored).status_code == 302
    organization.refresh_from_db()
    assert organization.name_en == "Original Name"


def test_staff_approve_an_application_from_its_page(secretariat_client):
    application = MembershipApplication.objects.create(
        applicant=UserFactory(),
        name_en="Takeo Youth",
        kind="cbo",
        head_office_province=Province.objects.get(code="21"),
        description="Youth.",
        contact_name="Dara",
        contact_sex="male",
        contact_phone="012",
        contact_email="dara@example.org",
    )
    change_url = reverse(
        "admin:members_membershipapplication_change", args=[application.pk]
    )
    assert "Approve: create the member" in secretariat_client.get(change_url).text
    secretariat_client.post(
        reverse("admin:members_membershipapplication_approve", args=[application.pk])
    )
    organization = Organization.objects.get(name_en="Takeo Youth")
    assert organization.representatives.get() == application.applicant


def test_decline_needs_a_reason(secretariat_client):
    application = MembershipApplication.objects.create(
        applicant=UserFactory(),
        name_en="Unknown Group",
        kind="cbo",
        head_office_province=Province.objects.get(code="21"),
        description="?",
        contact_name="X",
        contact_sex="other",
        contact_phone="012",
        contact_email="x@example.org",
    )
    url = reverse("admin:members_membershipapplication_decline", args=[application.pk])
    empty = secretariat_client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert empty.context["form"].errors
    application.refresh_from_db()
    assert application.status == "pending"
    secretariat_client.post(url, {"reason": "Not working on D&D."})
    application.refresh_from_db()
    assert application.status == "declined"


def test_staff_invite_a_representative_by_email(
    secretariat_client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat_client.post(
            reverse("admin:members_representativeinvitation_add"),
            {"organization": organization.pk, "email": "rep@example.org"},
        )
    invitation = RepresentativeInvitation.objects.get()
    assert invitation.email == "rep@example.org"
    assert invitation.get_absolute_url() in mail.outbox[-1].body


def test_status_change_inline_updates_the_organisation(secretariat_client):
    organization = OrganizationFactory()
    url = reverse("admin:members_organization_change", args=[organization.pk])
    data = admin_form_data(secretariat_client.get(url))
    data["status_changes-TOTAL_FORMS"] = "1"
    data["status_changes-0-status"] = "suspended"
    data["status_changes-0-effective_on"] = "2026-11-01"
    data["status_changes-0-note"] = "Board decision"
    response = secretariat_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    organization.refresh_from_db()
    assert organization.membership_status == "suspended"
    assert organization.status_changes.get().note == "Board decision"
