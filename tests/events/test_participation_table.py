"""The participation tables' numbers are right-aligned by a class the site's
stylesheet defines, on the activity page and the donor report, in English
and Khmer (the browser's view: tests/e2e/test_participation_table.py)."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils import timezone

from tests.factories import (
    ActivityFactory,
    ParticipationFigureFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


class CellClasses(HTMLParser):
    """The classes of each cell of each table: [[[classes, ...], ...], ...]."""

    def __init__(self, html):
        super().__init__()
        self.tables = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self.tables[-1][-1].append(set((dict(attrs).get("class") or "").split()))


def right_aligning_classes():
    """Classes that static/css/site.css right-aligns in table cells."""
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    classes = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"text-align:\s*(end|right)", body):
            classes.update(re.findall(r"\b(?:td|th)\.([\w-]+)", selectors))
    return classes


def assert_numbers_right_aligned(table, numbers):
    aligned = right_aligning_classes()
    assert aligned, "site.css right-aligns no cell class"
    for row in table:
        if len(row) == 1:
            continue
        label, *cells = row
        assert not label & aligned
        assert len(cells) == numbers
        assert all(classes & aligned for classes in cells), row


@pytest.mark.parametrize("language", ["", "/km"])
def test_an_activity_s_participants_are_right_aligned(client, language):
    activity = ActivityFactory(accepts_registrations=True)
    ParticipationFigureFactory(activity=activity, female=12, male=7)
    RegistrationFactory(activity=activity, attended=True)
    response = client.get(language + activity.get_absolute_url())
    [table] = CellClasses(response.text).tables
    assert len(table) == 4  # heading, the group, registered people, all
    assert_numbers_right_aligned(table, numbers=4)


@pytest.mark.parametrize("language", ["", "/km"])
def test_the_donor_report_s_numbers_are_right_aligned(secretariat_client, language):
    start = timezone.now() - timedelta(days=20)
    activity = ActivityFactory(starts_at=start, ends_at=start + timedelta(hours=3))
    ParticipationFigureFactory(activity=activity, female=21, male=9)
    response = secretariat_client.get(
        language + "/events/reports/donor/",
        {"start": start.date() - timedelta(days=1), "end": start.date()},
    )
    tables = CellClasses(response.text).tables
    assert len(tables) == 4
    for table in tables[:3]:  # by kind, by province, by stakeholder group
        assert_numbers_right_aligned(table, numbers=5)
    activities = tables[3]
    assert all(
        row[-4:] and all(c & right_aligning_classes() for c in row[-4:])
        for row in activities
    )
