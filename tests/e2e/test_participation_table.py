"""The participation tables right-align their numbers, in both languages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.e2e.test_events import sign_in_as
from tests.factories import (
    ActivityFactory,
    ParticipationFigureFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Where each cell's text sits: "end" aligns it on the right in Latin and
# Khmer script alike (both left to right).
ALIGNMENT = """table => [...table.querySelectorAll("tr")].map(row =>
    [...row.children].map(cell => getComputedStyle(cell).textAlign))"""


def assert_numbers_right_aligned(page, table, numbers):
    """The first column (the labels) starts the line; the `numbers` columns
    after it end it, in the header, every row and the footer."""
    rows = table.evaluate(ALIGNMENT)
    assert rows
    for row in rows:
        if len(row) == 1:  # "Nothing in this period."
            continue
        assert row[0] == "start"
        assert row[1:] == ["end"] * numbers


@pytest.mark.parametrize("language", ["", "/km"])
def test_an_activity_s_participants_are_right_aligned(page, live_server, language):
    activity = ActivityFactory(accepts_registrations=True)
    ParticipationFigureFactory(activity=activity, female=12, male=7)
    RegistrationFactory(activity=activity, attended=True)
    page.goto(live_server.url + language + activity.get_absolute_url())
    table = page.locator("#participation-heading ~ .table-scroll table")
    assert "12" in table.inner_text()
    assert_numbers_right_aligned(page, table, numbers=4)


@pytest.mark.parametrize("language", ["", "/km"])
def test_the_donor_report_s_numbers_are_right_aligned(
    page, live_server, secretariat_user, language
):
    start = timezone.now() - timedelta(days=20)
    activity = ActivityFactory(starts_at=start, ends_at=start + timedelta(hours=3))
    ParticipationFigureFactory(activity=activity, female=21, male=9)
    sign_in_as(page, live_server, secretariat_user)
    period = f"start={start.date() - timedelta(days=1)}&end={start.date()}"
    page.goto(f"{live_server.url}{language}/events/reports/donor/?{period}")
    tables = page.locator(".donor-report table")
    assert tables.count() == 4
    for index in range(3):  # by kind, by province, by stakeholder group
        assert_numbers_right_aligned(page, tables.nth(index), numbers=5)
    assert "21" in tables.nth(0).inner_text()
