"""A recommendation's status is the same wherever it is shown: the tracker,
its district pages, the case study pages and the dashboard, whichever way
each counts it (ties of date and of recording time included)."""

import re
from collections import Counter, defaultdict
from datetime import date

import pytest
from django.core.cache import cache

from casestudies.models import Recommendation, figures_by_district
from core.models import District
from tests.casestudies.conftest import make_latest_update_ties
from tests.factories import CaseStudyFactory

pytestmark = pytest.mark.django_db

STATUSES = ("proposed", "endorsed", "in_progress", "implemented", "dropped")
BADGE = re.compile(
    r'id="recommendation-(\d+)".*?class="badge status status--(\w+)', re.DOTALL
)


@pytest.fixture
def followed_up():
    """Two published case studies in two provinces, their recommendations'
    latest updates decided by date, by when they were recorded and by pk."""
    banan = CaseStudyFactory()
    siem_reap = District.objects.select_related("province").get(code="1710")
    other = CaseStudyFactory(province=siem_reap.province, district=siem_reap)
    make_latest_update_ties(banan, other)
    return [banan, other]


def shown_statuses(client, urls):
    """{recommendation pk: status} as the badges of these pages show them."""
    statuses = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        statuses.update({int(pk): s for pk, s in BADGE.findall(response.text)})
    return statuses


def tracker_counts(client, query=None):
    """{district code: Counter of statuses} as the tracker shows them."""
    response = client.get("/case-studies/follow-up/", query or {})
    return {
        district.code: Counter(
            {value: n for value, _label, n in district.status_counts if n}
        )
        for district in response.context["districts"]
    }


def dashboard_counts(client, districts):
    """{district code: Counter of statuses} as the dashboard shows them."""
    cache.clear()
    table = next(
        t
        for t in client.get("/dashboard/").context["dashboard"].tables
        if t.key == "recommendations-by-district"
    )
    codes = {label: code for code, label in districts.items()}
    return {
        codes[row.label]: Counter({s: row.values[s] for s in STATUSES if row.values[s]})
        for row in table.rows
    }


def test_tracker_dashboard_and_pages_agree_on_every_status(client, followed_up):
    on_case_study_pages = shown_statuses(
        client, [case_study.get_absolute_url() for case_study in followed_up]
    )
    on_district_pages = shown_statuses(
        client, ["/case-studies/follow-up/0201/", "/case-studies/follow-up/1710/"]
    )
    annotated = dict(
        Recommendation.objects.with_status().values_list("pk", "current_status")
    )
    assert on_case_study_pages == on_district_pages == annotated
    assert sorted(annotated.values()) == sorted(
        ["dropped", "in_progress", "implemented", "proposed", "implemented"]
    )

    expected = defaultdict(Counter)
    for recommendation in Recommendation.objects.select_related("case_study__district"):
        code = recommendation.case_study.district.code
        expected[code][on_district_pages[recommendation.pk]] += 1
    assert tracker_counts(client) == expected
    # One province's recommendations are looked up one by one.
    assert tracker_counts(client, {"province": "battambang"}) == {
        code: counts for code, counts in expected.items() if code.startswith("02")
    }
    labels = {
        "0201": "Banan district, Battambang",
        "1710": "Siem Reap municipality, Siem Reap",
    }
    assert dashboard_counts(client, labels) == expected


def test_the_status_at_a_date_is_that_of_the_latest_update_by_then(followed_up):
    before = date(2021, 11, 1)  # before the updates of 2021-11-18
    statuses = dict(
        Recommendation.objects.with_status(on=before).values_list(
            "pk", "current_status"
        )
    )
    assert sorted(statuses.values()) == ["endorsed", *["proposed"] * 4]
    figures = figures_by_district(Recommendation.objects.all(), on=before)
    few = figures_by_district(Recommendation.objects.all(), on=before, few=True)
    assert figures == few
    code_of = {d.pk: d.code for d in District.objects.filter(pk__in=figures)}
    assert {code_of[pk]: row["endorsed_count"] for pk, row in figures.items()} == {
        "0201": 1,
        "1710": 0,
    }
