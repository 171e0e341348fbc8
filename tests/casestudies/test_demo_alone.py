import pytest

from casestudies import demo
from casestudies.models import CaseStudy, RespondentGroup
from cpdd_portal.demo import create_demo_accounts

pytestmark = pytest.mark.django_db


def test_demo_loads_without_the_members_and_events_demos():
    staff, member = create_demo_accounts()
    summary = demo.load(staff=staff, member=member)
    assert summary["case studies"] == 7  # no example project: no example studies
    assert not CaseStudy.activities.through.objects.exists()
    assert not RespondentGroup.objects.exists()
    authors = CaseStudy.objects.first().authors.values_list("acronym", flat=True)
    assert set(authors) == {"CTOD", "AS"}
