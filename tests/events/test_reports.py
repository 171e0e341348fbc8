import csv
import io
from datetime import UTC, datetime

import openpyxl
import pytest
from django.urls import reverse

from core.models import Province
from tests.factories import (
    ActivityFactory,
    ParticipationFigureFactory,
    ProjectFactory,
    RegistrationFactory,
    RepresentativeFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REPORT_URL = "/events/reports/donor/"


def at(day):
    return datetime.fromisoformat(day).replace(hour=2, tzinfo=UTC)


@pytest.fixture
def project():
    """A project with activities in and out of the period, figures typed and
    attendance recorded; returns the project and the expected totals."""
    project = ProjectFactory(slug="stalg")
    battambang = Province.objects.get(code="02")
    siem_reap = Province.objects.get(code="17")
    workshop = ActivityFactory(
        project=project,
        kind="workshop",
        province=battambang,
        starts_at=at("2024-03-05"),
    )
    ParticipationFigureFactory(
        activity=workshop, stakeholder_group="sna", female=3, male=5, other=0
    )
    ParticipationFigureFactory(
        activity=workshop, stakeholder_group="citizens", female=10, male=8, other=1
    )
    RegistrationFactory(activity=workshop, sex="female", attended=True)
    RegistrationFactory(activity=workshop, sex="male", attended=False)
    training = ActivityFactory(
        project=project,
        kind="training",
        province=siem_reap,
        starts_at=at("2024-06-10"),
        visibility="internal",
    )
    ParticipationFigureFactory(
        activity=training, stakeholder_group="cbo", female=7, male=2, other=0
    )
    RegistrationFactory(activity=training, sex="male", attended=True)
    # Outside the period, or of no project: not in the project's report.
    late = ActivityFactory(project=project, starts_at=at("2025-02-01"))
    ParticipationFigureFactory(activity=late, female=100, male=100)
    other = ActivityFactory(starts_at=at("2024-04-01"), province=battambang)
    ParticipationFigureFactory(
        activity=other, stakeholder_group="cso", female=4, male=4
    )
    return project, {"female": 21, "male": 16, "other": 1, "total": 38}


QUERY = {"project": "stalg", "start": "2024-01-01", "end": "2024-12-31"}


def numbers(row):
    return {"female": row.female, "male": row.male, "other": row.other}


def test_report_totals_equal_the_sum_of_the_activities(secretariat_client, project):
    _project, expected = project
    response = secretariat_client.get(REPORT_URL, QUERY)
    assert response.status_code == 200
    report = response.context["report"]

    assert report.totals.activities == 2
    assert {**numbers(report.totals), "total": report.totals.total} == expected
    summed = {
        sex: sum(getattr(activity, sex) for activity in response.context["page_obj"])
        for sex in ("female", "male", "other")
    }
    assert summed == numbers(report.totals)
    for _title, rows in report.breakdowns:
        for sex in ("female", "male", "other"):
            assert sum(getattr(row, sex) for row in rows) == expected[sex]
    assert sum(row.activities for row in report.by_kind) == 2
    assert sum(row.activities for row in report.by_province) == 2
    by_kind = {row.label: row.total for row in report.by_kind}
    assert by_kind == {"Workshop": 28, "Training": 10}
    by_group = {row.label: numbers(row) for row in report.by_group}
    assert by_group["Registered by member organisations"] == {
        "female": 1,
        "male": 1,
        "other": 0,
    }
    assert '<td class="num">38</td>' in response.text


def test_report_of_all_projects_includes_activities_of_no_project(
    secretariat_client, project
):
    response = secretariat_client.get(
        REPORT_URL, {"start": "2024-01-01", "end": "2024-12-31"}
    )
    assert response.context["report"].totals.activities == 3
    assert response.context["report"].totals.total == 38 + 8


def test_report_downloads_as_csv_with_the_same_totals(secretariat_client, project):
    _project, expected = project
    response = secretariat_client.get(REPORT_URL, {**QUERY, "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        'filename="cpdd-donor-report-stalg-2024-01-01-2024-12-31.csv"'
        in (response["Content-Disposition"])
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    summary_total = next(row for row in rows if row[:2] == ["Total", "All activities"])
    assert summary_total[2:] == ["2", "21", "16", "1", "38"]
    by_kind = [row for row in rows if row[:1] == ["By kind of activity"]]
    assert sum(int(row[-1]) for row in by_kind) == expected["total"]
    activity_total = rows[-1]
    assert activity_total[0] == "Total"
    assert activity_total[-4:] == ["21", "16", "1", "38"]


def test_report_downloads_as_xlsx_with_the_same_totals(secretariat_client, project):
    _project, expected = project
    response = secretariat_client.get(REPORT_URL, {**QUERY, "format": "xlsx"})
    assert (
        'filename="cpdd-donor-report-stalg-2024-01-01-2024-12-31.xlsx"'
        in (response["Content-Disposition"])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    assert workbook.sheetnames == [
        "Activities",
        "By kind",
        "By province",
        "By stakeholder group",
    ]
    for sheet in workbook.worksheets:
        total_row = [cell.value for cell in sheet[sheet.max_row]]
        assert total_row[0] == "Total"
        assert total_row[-4:] == [21, 16, 1, 38], sheet.title
    activities = workbook["Activities"]
    assert (
        sum(row[-1] for row in activities.iter_rows(2, 3, values_only=True))
        == (expected["total"])
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2024-12-31", "end": "2024-01-01"}, "on or after the start"),
        ({"start": "yesterday", "end": "2024-01-01"}, "Enter a valid date."),
        ({"project": "nope", "start": "2024-01-01", "end": "2024-12-31"}, "valid"),
        ({"end": "2024-12-31"}, "This field is required."),
    ],
    ids=["end-before-start", "not-a-date", "unknown-project", "missing-start"],
)
def test_bad_report_input_is_explained(secretariat_client, query, message):
    response = secretariat_client.get(REPORT_URL, query)
    assert response.status_code == 400
    assert message in response.text
    assert "report" not in response.context


def test_report_opens_on_this_year_without_parameters(secretariat_client):
    response = secretariat_client.get(REPORT_URL)
    assert response.status_code == 200
    assert response.context["report"].start.month == 1


def test_report_is_for_the_secretariat_only(client, project):
    response = client.get(REPORT_URL, QUERY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    for user in (UserFactory(), RepresentativeFactory().user):
        client.force_login(user)
        assert client.get(REPORT_URL, QUERY).status_code == 403


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    staff = StaffFactory()
    client.force_login(staff)
    response = client.get(REPORT_URL)
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_admin_activity_list_links_to_the_report(secretariat_client):
    response = secretariat_client.get(reverse("admin:events_activity_changelist"))
    assert f'href="{REPORT_URL}"' in response.text
