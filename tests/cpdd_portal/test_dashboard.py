import csv
import io
import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from casestudies.models import CaseStudy, Recommendation
from core.models import District, Province
from events.models import Activity
from members.models import Organization
from tests.casestudies.conftest import make_latest_update_ties
from tests.factories import (
    ActivityFactory,
    CaseStudyFactory,
    OrganizationFactory,
    ParticipationFigureFactory,
    PartnerFactory,
    ProgressUpdateFactory,
    ProjectFactory,
    RecommendationFactory,
    RegistrationFactory,
    RepresentativeFactory,
    RespondentGroupFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/dashboard/"
CSV_URL = "/dashboard/download.csv"
XLSX_URL = "/dashboard/download.xlsx"
SEXES = ("female", "male", "other")


def at(moment):
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def records():
    """Members, activities and case studies the dashboard must count, and
    others it must leave out (not active, not public, not held yet, drafts)."""
    battambang, phnom_penh, siem_reap = (province(c) for c in ("02", "12", "17"))
    stalg = ProjectFactory(slug="stalg")
    other = ProjectFactory(slug="other")

    ngo = OrganizationFactory(
        kind="local_ngo",
        head_office_province=battambang,
        provinces=[battambang, siem_reap],
    )
    OrganizationFactory(
        kind="local_ngo", head_office_province=phnom_penh, provinces=[phnom_penh]
    )
    OrganizationFactory(
        kind="ingo",
        head_office_province=phnom_penh,
        provinces=[battambang, phnom_penh, siem_reap],
    )
    OrganizationFactory(kind="cbo", head_office_province=None, provinces=[siem_reap])
    OrganizationFactory(membership_status="applicant", head_office_province=siem_reap)
    OrganizationFactory(membership_status="lapsed", kind="cbo")
    PartnerFactory()

    workshop = ActivityFactory(
        kind="workshop",
        province=battambang,
        project=stalg,
        starts_at=at("2023-03-05T02:00"),
    )
    ParticipationFigureFactory(
        activity=workshop, stakeholder_group="sna", female=3, male=5, other=0
    )
    ParticipationFigureFactory(
        activity=workshop, stakeholder_group="citizens", female=10, male=8, other=1
    )
    RegistrationFactory(
        activity=workshop, organization=ngo, sex="female", attended=True
    )
    RegistrationFactory(activity=workshop, organization=ngo, sex="male")
    RegistrationFactory(
        activity=workshop, organization=ngo, sex="male", status="cancelled"
    )
    training = ActivityFactory(
        kind="training",
        province=siem_reap,
        project=stalg,
        starts_at=at("2024-06-10T02:00"),
    )
    ParticipationFigureFactory(
        activity=training, stakeholder_group="cbo", female=7, male=2, other=0
    )
    RegistrationFactory(activity=training, organization=ngo, sex="male", attended=True)
    RegistrationFactory(activity=training, organization=ngo, sex="other", attended=True)
    # 20:00 UTC on New Year's Eve is 03:00 on 1 January in Phnom Penh: 2024.
    new_year = ActivityFactory(
        kind="workshop",
        province=phnom_penh,
        project=other,
        starts_at=at("2023-12-31T20:00"),
    )
    ParticipationFigureFactory(
        activity=new_year, stakeholder_group="cso", female=4, male=4, other=2
    )
    ActivityFactory(
        kind="meeting", province=battambang, starts_at=at("2024-02-01T02:00")
    )
    # Not public, or not held yet: left out.
    for visibility in ("internal", "members"):
        hidden = ActivityFactory(
            province=battambang,
            project=stalg,
            visibility=visibility,
            starts_at=at("2024-03-01T02:00"),
        )
        ParticipationFigureFactory(activity=hidden, female=100, male=100)
    upcoming = ActivityFactory(project=stalg)
    ParticipationFigureFactory(activity=upcoming, female=50, male=50)

    banan = District.objects.get(code="0201")
    siem_reap_town = District.objects.get(code="1710")
    banan_2021 = CaseStudyFactory(district=banan, province=battambang, project=stalg)
    RespondentGroupFactory(case_study=banan_2021, female=9, male=5, other=0)
    RespondentGroupFactory(
        case_study=banan_2021, method="field_interview", female=3, male=4, other=1
    )
    banan_2023 = CaseStudyFactory(
        district=banan,
        province=battambang,
        project=other,
        period_start=date(2023, 1, 1),
        period_end=date(2024, 6, 30),
    )
    RespondentGroupFactory(case_study=banan_2023, female=6, male=6, other=0)
    siem_reap_2024 = CaseStudyFactory(
        district=siem_reap_town,
        province=siem_reap,
        project=stalg,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )
    implemented = RecommendationFactory(case_study=banan_2021)
    ProgressUpdateFactory(recommendation=implemented, status="endorsed")
    ProgressUpdateFactory(
        recommendation=implemented, status="implemented", date=date(2022, 6, 1)
    )
    ProgressUpdateFactory(recommendation=RecommendationFactory(case_study=banan_2021))
    RecommendationFactory(case_study=banan_2021)  # proposed: no update yet
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=banan_2023),
        status="in_progress",
    )
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=banan_2023), status="dropped"
    )
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=siem_reap_2024),
        status="implemented",
    )
    # A draft and a study published tomorrow: left out.
    draft = CaseStudyFactory(status="draft", published_on=None, project=stalg)
    RespondentGroupFactory(case_study=draft, female=50, male=50)
    ProgressUpdateFactory(
        recommendation=RecommendationFactory(case_study=draft), status="implemented"
    )
    CaseStudyFactory(published_on=timezone.localdate() + timedelta(days=1))
    return {"stalg": stalg, "other": other}


# What the records say, worked out in Python from the rows themselves.


def expected_members():
    active = [
        organization
        for organization in Organization.objects.all()
        if organization.membership_status == "active"
    ]
    head_offices = Counter(
        o.head_office_province.name if o.head_office_province else "Not stated"
        for o in active
    )
    provinces = Counter(p.name for o in active for p in o.provinces.all())
    kinds = Counter(o.get_kind_display() for o in active)
    return len(active), head_offices, provinces, kinds


def counted_activities(year=None, project=None):
    now = timezone.now()
    return [
        activity
        for activity in Activity.objects.all()
        if activity.visibility == "public"
        and activity.ends_at < now
        and (year is None or timezone.localtime(activity.starts_at).year == year)
        and (project is None or activity.project_id == project.pk)
    ]


def people(activity):
    counts = Counter()
    for figure in activity.participation.all():
        for sex in SEXES:
            counts[sex] += getattr(figure, sex)
    for registration in activity.registrations.all():
        if registration.status == "registered" and registration.attended:
            counts[registration.sex] += 1
    return counts


def expected_participants(activities):
    per_year = defaultdict(Counter)
    for activity in activities:
        year = str(timezone.localtime(activity.starts_at).year)
        per_year[year]["activities"] += 1
        per_year[year].update(people(activity))
    return {
        year: {
            "activities": counts["activities"],
            **{sex: counts[sex] for sex in SEXES},
            "total": sum(counts[sex] for sex in SEXES),
        }
        for year, counts in per_year.items()
    }


def counted_case_studies(year=None, project=None):
    today = timezone.localdate()
    return [
        case_study
        for case_study in CaseStudy.objects.all()
        if case_study.status == "published"
        and case_study.published_on <= today
        and (
            year is None
            or case_study.period_start.year <= year <= case_study.period_end.year
        )
        and (project is None or case_study.project_id == project.pk)
    ]


def district_label(district):
    kind = {"district": "{} district", "municipality": "{} municipality"}
    return f"{kind[district.kind].format(district.name)}, {district.province.name}"


def current_status(recommendation):
    updates = sorted(
        recommendation.updates.all(), key=lambda u: (u.date, u.recorded_at, u.pk)
    )
    return updates[-1].status if updates else "proposed"


def share(part, whole):
    return int((Decimal(part * 100) / whole).quantize(Decimal(1), ROUND_HALF_UP))


def expected_case_studies(case_studies):
    studies = defaultdict(Counter)
    statuses = defaultdict(Counter)
    for case_study in case_studies:
        label = district_label(case_study.district)
        studies[label]["case_studies"] += 1
        for group in case_study.respondent_groups.all():
            for sex in SEXES:
                studies[label][sex] += getattr(group, sex)
                studies[label]["total"] += getattr(group, sex)
        for recommendation in Recommendation.objects.filter(case_study=case_study):
            statuses[label][current_status(recommendation)] += 1
            statuses[label]["recommendations"] += 1
    for counts in statuses.values():
        counts["share_implemented"] = share(
            counts["implemented"], counts["recommendations"]
        )
    return studies, statuses


# Reading the dashboard.


def figures(response, key):
    """{row label: {column: value}} of one of the dashboard's tables."""
    table = next(t for t in response.context["dashboard"].tables if t.key == key)
    return {row.label: row.values for row in table.rows}


def table(response, key):
    return next(t for t in response.context["dashboard"].tables if t.key == key)


def column(rows, key):
    return {label: values[key] for label, values in rows.items()}


class PageTables(HTMLParser):
    """The text of every <table> of a page, by caption: header row first."""

    def __init__(self, html):
        super().__init__()
        self.tables = {}
        self.rows = self.cell = self.caption = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.rows = []
        elif tag == "caption":
            self.caption = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("th", "td") and self.rows is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "caption":
            self.title = " ".join("".join(self.caption).split())
            self.caption = None
        elif tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.tables[self.title] = self.rows
            self.rows = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        elif self.caption is not None:
            self.caption.append(data)


def plain(value):
    """A page cell as the downloads write it: "43%" is 43, a dash is empty."""
    value = "" if value is None else str(value)
    return "" if value == "\u2013" else value.removesuffix("%")


def page_figures(html):
    """{(table, row, column): value} of every cell of the page's tables."""
    cells = {}
    for caption, (header, *rows) in PageTables(html).tables.items():
        for label, *values in rows:
            for heading, value in zip(header[1:], values, strict=True):
                cells[caption, label, heading] = plain(value)
    return cells


# The page.


def test_dashboard_renders_with_no_data(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["dashboard"].key_figures == {
        "members": 0,
        "activities": 0,
        "participants": 0,
        "female": 0,
        "case_studies": 0,
        "recommendations": 0,
        "share_implemented": None,
    }
    assert response.text.count("No figures for these filters.") == 8
    assert "<svg" not in response.text.split('<main id="main"')[1]
    title = r"<title>\s*The coalition in numbers · CPDD\s*</title>"
    assert re.search(title, response.text)


def test_dashboard_renders_in_khmer(client, records):
    response = client.get("/km" + URL)
    assert response.status_code == 200
    assert '<html lang="km">' in response.text
    # Place names come from the gazetteer's Khmer columns.
    labels = figures(response, "members-by-head-office")
    assert {"បាត់ដំបង", "ភ្នំពេញ"} <= set(labels)
    assert "គ្រប់ឆ្នាំ" in response.text  # "All years"
    assert response.context["dashboard"].key_figures["activities"] == 4


def test_member_figures_equal_the_records(client, records):
    total, head_offices, provinces, kinds = expected_members()
    response = client.get(URL)
    assert total == 4
    assert response.context["dashboard"].key_figures["members"] == total
    assert column(figures(response, "members-by-head-office"), "total") == dict(
        head_offices
    )
    assert table(response, "members-by-head-office").totals == {"total": total}
    assert column(figures(response, "members-by-province"), "total") == dict(provinces)
    assert column(figures(response, "members-by-kind"), "total") == dict(kinds)
    assert table(response, "members-by-kind").totals == {"total": total}


def test_activity_figures_equal_the_records(client, records):
    activities = counted_activities()
    assert len(activities) == 4
    response = client.get(URL)
    by_kind = defaultdict(Counter)
    by_province = defaultdict(Counter)
    per_year = Counter()
    for activity in activities:
        year = f"y{timezone.localtime(activity.starts_at).year}"
        for counts, label in (
            (by_kind, activity.get_kind_display()),
            (by_province, activity.province.name),
        ):
            counts[label][year] += 1
            counts[label]["total"] += 1
        per_year[year] += 1
    years = [c.key for c in table(response, "activities-by-kind").columns]
    assert years == ["y2023", "y2024", "total"]
    for key, expected in (
        ("activities-by-kind", by_kind),
        ("activities-by-province", by_province),
    ):
        shown = figures(response, key)
        assert shown == {
            label: {year: counts[year] for year in years}
            for label, counts in expected.items()
        }
        assert table(response, key).totals == {**per_year, "total": len(activities)}


def test_participant_figures_equal_the_records(client, records):
    activities = counted_activities()
    expected = expected_participants(activities)
    response = client.get(URL)
    assert figures(response, "participants-by-year") == expected
    assert expected["2024"] == {
        "activities": 3,
        "female": 11,
        "male": 7,
        "other": 3,
        "total": 21,
    }
    totals = table(response, "participants-by-year").totals
    for key in ("activities", *SEXES, "total"):
        assert totals[key] == sum(year[key] for year in expected.values())
    key_figures = response.context["dashboard"].key_figures
    assert key_figures["participants"] == totals["total"] == 28 + 21
    assert key_figures["female"] == totals["female"]


def test_case_study_figures_equal_the_records(client, records):
    case_studies = counted_case_studies()
    assert len(case_studies) == 3
    studies, statuses = expected_case_studies(case_studies)
    response = client.get(URL)
    assert figures(response, "case-studies-by-district") == {
        label: {k: counts[k] for k in ("case_studies", *SEXES, "total")}
        for label, counts in studies.items()
    }
    shown = figures(response, "recommendations-by-district")
    assert shown == {
        label: {
            key: counts[key]
            for key in (
                "proposed",
                "endorsed",
                "in_progress",
                "implemented",
                "dropped",
                "recommendations",
                "share_implemented",
            )
        }
        for label, counts in statuses.items()
    }
    assert shown["Banan district, Battambang"]["share_implemented"] == 20
    totals = table(response, "recommendations-by-district").totals
    assert totals["recommendations"] == 6
    assert totals["implemented"] == 2
    assert totals["share_implemented"] == share(2, 6) == 33
    assert table(response, "case-studies-by-district").totals == {
        "case_studies": 3,
        "female": 18,
        "male": 15,
        "other": 1,
        "total": 34,
    }


def test_page_tables_show_the_figures(client, records):
    response = client.get(URL)
    cells = page_figures(response.text)
    dashboard = response.context["dashboard"]
    assert len(PageTables(response.text).tables) == len(dashboard.tables) == 8
    for shown in dashboard.tables:
        rows = [(row.label, row.values) for row in shown.rows]
        if shown.totals is not None:
            rows.append(("Total", shown.totals))
        for label, values in rows:
            for column_ in shown.columns:
                assert cells[shown.title, label, column_.heading] == plain(
                    values[column_.key]
                )


def test_year_filter_changes_the_numbers(client, records):
    response = client.get(URL, {"year": "2024"})
    activities = counted_activities(year=2024)
    assert len(activities) == 3
    assert figures(response, "participants-by-year") == expected_participants(
        activities
    )
    assert [c.key for c in table(response, "activities-by-kind").columns] == ["total"]
    assert column(figures(response, "activities-by-kind"), "total") == {
        "Workshop": 1,
        "Training": 1,
        "Meeting": 1,
    }
    studies, statuses = expected_case_studies(counted_case_studies(year=2024))
    assert set(figures(response, "case-studies-by-district")) == set(studies)
    assert column(figures(response, "recommendations-by-district"), "dropped") == {
        label: counts["dropped"] for label, counts in statuses.items()
    }
    # Members are counted whatever the year.
    assert response.context["dashboard"].key_figures["members"] == 4
    assert "2024 · All projects" in " ".join(response.text.split())
    # The header's search box is not filled with the filters.
    assert 'name="q" value=""' in response.text


def test_project_filter_changes_the_numbers(client, records):
    stalg = records["stalg"]
    response = client.get(URL, {"project": "stalg"})
    activities = counted_activities(project=stalg)
    assert len(activities) == 2
    assert figures(response, "participants-by-year") == expected_participants(
        activities
    )
    assert column(figures(response, "activities-by-province"), "total") == {
        "Battambang": 1,
        "Siem Reap": 1,
    }
    case_studies = counted_case_studies(project=stalg)
    studies, _statuses = expected_case_studies(case_studies)
    assert column(figures(response, "case-studies-by-district"), "case_studies") == {
        label: counts["case_studies"] for label, counts in studies.items()
    }
    both = client.get(URL, {"project": "stalg", "year": "2023"})
    assert figures(both, "participants-by-year") == expected_participants(
        counted_activities(year=2023, project=stalg)
    )
    assert both.context["dashboard"].key_figures["case_studies"] == 0


def test_bad_filters_are_explained_and_ignored(client, records):
    response = client.get(URL, {"year": "1066", "project": "nope"})
    assert response.status_code == 200
    assert response.context["choices"] == {"year": None, "project": None}
    assert response.text.count('class="errorlist') == 2
    assert response.context["dashboard"].key_figures["activities"] == 4


def test_charts_are_accessible_svg_with_a_table_behind_each(client, records):
    response = client.get(URL)
    main = response.text.split('<main id="main"')[1]
    charts = re.findall(r"<svg class=\"chart\"[^>]*>", main)
    assert len(charts) == 8
    for chart in charts:
        assert 'role="img"' in chart
        title, desc = re.search(
            r'aria-labelledby="([^"]+)" aria-describedby="([^"]+)"', chart
        ).groups()
        assert f'<title id="{title}">' in main
        assert f'<desc id="{desc}">' in main
    assert main.count("<details") == main.count("<caption ") == 8
    assert 'scope="col"' in main
    assert 'scope="row"' in main
    # Strict CSP: no style attributes, no scripts of our own.
    assert " style=" not in main
    assert "<script" not in main
    # Sex is told by pattern as well as colour, and named in a legend.
    assert 'id="participants-by-year-male"' in main
    assert "Other or not stated</li>" in main
    desc = re.search(r'<desc id="participants-by-year-chart-desc">([^<]+)', main)
    assert "2024: 21 (11 Female, 7 Male, 3 Other or not stated)" in desc.group(1)


def make_records(count, project):
    """`count` of everything the dashboard counts, in varied places."""
    provinces = list(Province.objects.order_by("code")[:5])
    districts = list(District.objects.order_by("code")[:5])
    organisation = OrganizationFactory(provinces=provinces[:2])
    for n in range(count):
        OrganizationFactory(
            kind=("local_ngo", "ingo", "cbo")[n % 3],
            head_office_province=provinces[n % 5],
            provinces=provinces[n % 3 : n % 3 + 2],
        )
        activity = ActivityFactory(
            kind=("workshop", "meeting", "training")[n % 3],
            province=provinces[n % 5],
            project=project if n % 2 else None,
            starts_at=at(f"{2016 + n % 9}-03-05T02:00"),
        )
        ParticipationFigureFactory(activity=activity, female=n, male=2, other=n % 2)
        RegistrationFactory(
            activity=activity, organization=organisation, sex="male", attended=True
        )
        district = districts[n % 5]
        case_study = CaseStudyFactory(
            district=district, province=district.province, project=project
        )
        RespondentGroupFactory(case_study=case_study)
        ProgressUpdateFactory(
            recommendation=RecommendationFactory(case_study=case_study),
            status=("endorsed", "implemented")[n % 2],
        )


# Six for the figures and one for the project choices of the filter form;
# choosing a project looks it up as well.
PAGE_QUERIES = 7


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, PAGE_QUERIES), ({"year": "2021", "project": "big"}, PAGE_QUERIES + 1)],
)
def test_the_page_runs_the_same_few_queries_at_1x_and_20x_data(
    client, django_assert_num_queries, query, expected
):
    project = ProjectFactory(slug="big")
    for size in (3, 60):
        make_records(size - Activity.objects.count(), project)
        assert Activity.objects.count() == size
        cache.clear()  # the page as the first visitor after a change gets it
        with django_assert_num_queries(expected):
            response = client.get(URL, query)
        assert response.status_code == 200
    assert response.context["dashboard"].key_figures["case_studies"] > 0


def additive_columns(table_):
    return [c.key for c in table_.columns if not c.is_percent]


def assert_totals_are_the_rows_summed(dashboard):
    """Totals are worked out from the rows, so they must add up; the share of
    all recommendations implemented is worked out from the summed counts."""
    tables = {t.key: t for t in dashboard.tables}
    totalled = [t for t in dashboard.tables if t.totals is not None]
    assert {t.key for t in totalled} == set(tables) - {"members-by-province"}
    for table_ in totalled:
        for key in additive_columns(table_):
            assert table_.totals[key] == sum(row.values[key] for row in table_.rows), (
                table_.key,
                key,
            )
    status = tables["recommendations-by-district"]
    totals = status.totals
    assert totals["share_implemented"] == (
        share(totals["implemented"], totals["recommendations"])
        if totals["recommendations"]
        else None
    )
    for row in status.rows:
        assert row.values["share_implemented"] == share(
            row.values["implemented"], row.values["recommendations"]
        )
    participants = tables["participants-by-year"].totals
    assert dashboard.key_figures == {
        "members": tables["members-by-kind"].totals["total"],
        "activities": participants["activities"],
        "participants": participants["total"],
        "female": participants["female"],
        "case_studies": tables["case-studies-by-district"].totals["case_studies"],
        "recommendations": totals["recommendations"],
        "share_implemented": totals["share_implemented"],
    }


@pytest.mark.parametrize(
    "query", [{}, {"year": "2019"}, {"project": "big"}, {"year": "2021"}]
)
def test_totals_are_the_sums_of_the_rows(client, query):
    make_records(45, ProjectFactory(slug="big"))
    dashboard = client.get(URL, query).context["dashboard"]
    assert dashboard.key_figures["activities"] > 0
    assert_totals_are_the_rows_summed(dashboard)


def test_totals_of_the_records_are_the_sums_of_the_rows(client, records):
    for query in ({}, {"year": "2024"}, {"project": "stalg"}):
        assert_totals_are_the_rows_summed(client.get(URL, query).context["dashboard"])


def test_statuses_are_those_of_the_latest_progress_update(client):
    """The dashboard joins each recommendation to its latest update; it must
    pick the one RecommendationQuerySet.with_status() picks, ties included:
    by date, then by when it was recorded, then by pk."""
    case_study = CaseStudyFactory()
    make_latest_update_ties(
        case_study, CaseStudyFactory(district=District.objects.get(code="1710"))
    )
    expected = defaultdict(Counter)
    for recommendation in Recommendation.objects.with_status().select_related(
        "case_study__district__province"
    ):
        label = district_label(recommendation.case_study.district)
        expected[label][recommendation.current_status] += 1
    assert expected[district_label(case_study.district)] == {
        "dropped": 1,
        "in_progress": 1,
        "implemented": 1,
        "proposed": 1,
    }
    statuses = ("proposed", "endorsed", "in_progress", "implemented", "dropped")
    assert figures(client.get(URL), "recommendations-by-district") == {
        label: {
            **{status: counts[status] for status in statuses},
            "recommendations": counts.total(),
            "share_implemented": share(counts["implemented"], counts.total()),
        }
        for label, counts in expected.items()
    }


# Downloads for the secretariat.


def test_downloads_are_for_the_secretariat_only(client, records):
    for url in (CSV_URL, XLSX_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    for user in (UserFactory(), RepresentativeFactory().user):
        client.force_login(user)
        for url in (CSV_URL, XLSX_URL):
            assert client.get(url).status_code == 403


def test_staff_without_two_factor_are_sent_to_set_it_up(client):
    client.force_login(StaffFactory())
    response = client.get(CSV_URL)
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_download_links_are_shown_to_the_secretariat_only(
    client, secretariat_user, records
):
    assert CSV_URL not in client.get(URL).text
    client.force_login(RepresentativeFactory().user)
    assert CSV_URL not in client.get(URL).text
    client.force_login(secretariat_user)
    response = client.get(URL, {"year": "2024", "project": "stalg"})
    assert f'href="{CSV_URL}?year=2024&amp;project=stalg"' in response.text
    assert f'href="{XLSX_URL}?year=2024&amp;project=stalg"' in response.text


@pytest.mark.parametrize("query", [{}, {"year": "2024"}, {"project": "stalg"}])
def test_csv_has_the_figures_of_the_page(secretariat_client, records, query):
    page = secretariat_client.get(URL, query)
    response = secretariat_client.get(CSV_URL, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    project = query.get("project", "all-projects")
    year = query.get("year", "all-years")
    assert (
        f'attachment; filename="cpdd-in-numbers-{project}-{year}.csv"'
        == response["Content-Disposition"]
    )
    header, *rows = csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")))
    assert header == ["Table", "Row", "Column", "Value"]
    downloaded = {(table_, row, col): value for table_, row, col, value in rows}
    assert len(downloaded) == len(rows)
    assert downloaded == page_figures(page.text)


@pytest.mark.parametrize("query", [{}, {"year": "2023", "project": "stalg"}])
def test_xlsx_has_a_sheet_per_table_with_the_figures_of_the_page(
    secretariat_client, records, query
):
    page = secretariat_client.get(URL, query)
    response = secretariat_client.get(XLSX_URL, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    dashboard = page.context["dashboard"]
    assert workbook.sheetnames == [t.sheet for t in dashboard.tables]
    shown = PageTables(page.text).tables
    assert shown
    for sheet, table_ in zip(workbook.worksheets, dashboard.tables, strict=True):
        cells = [
            [plain(value) for value in row] for row in sheet.iter_rows(values_only=True)
        ]
        # A table with no rows is not on the page; its sheet has the headings.
        rows = shown.get(table_.title, cells[:1])
        assert cells == [[plain(value) for value in row] for row in rows], table_.title


def test_download_refuses_bad_filters(secretariat_client):
    response = secretariat_client.get(CSV_URL, {"year": "nineteen"})
    assert response.status_code == 400
    assert "year" in response.text


def test_signed_in_visitors_get_the_figures_computed_once_until_a_change(
    client, django_assert_max_num_queries
):
    from tests.factories import OrganizationFactory, UserFactory

    OrganizationFactory()
    client.force_login(UserFactory())
    first = client.get("/dashboard/")
    # Session and user, the project choices: no figure is computed again.
    with django_assert_max_num_queries(3):
        again = client.get("/dashboard/")

    def rows(response):
        return [table.rows for table in response.context["dashboard"].tables]

    assert rows(again) == rows(first)
    assert rows(first)[0]
    OrganizationFactory()
    assert rows(client.get("/dashboard/")) != rows(first)
