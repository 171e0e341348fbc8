"""History keeps an activity's links, so that reverting or restoring it from
the back-office history is whole; what others link to is not deleted (issue 11)."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from core.models import Theme
from events.models import Activity
from tests.factories import ActivityFactory, NewsPostFactory, PartnerFactory
from tests.members.test_admin import admin_form_data

pytestmark = pytest.mark.django_db


def form_data(page):
    """admin_form_data, with date and time typed apart as the admin asks."""
    data = admin_form_data(page)
    for name, field in page.context["adminform"].form.fields.items():
        if name in data and hasattr(field.widget, "decompress"):
            for index, part in enumerate(field.widget.decompress(data.pop(name))):
                data[f"{name}_{index}"] = part
    return data


def _revert(client, activity_pk, record):
    url = reverse(
        "admin:events_activity_simple_history", args=[activity_pk, record.history_id]
    )
    return client.post(url, form_data(client.get(url)))


def test_reverting_an_activity_in_history_restores_its_partners(secretariat_client):
    first, second, replacement = PartnerFactory(), PartnerFactory(), PartnerFactory()
    activity = ActivityFactory()
    activity.partners.set([first, second])
    before = activity.history.latest()

    url = reverse("admin:events_activity_change", args=[activity.pk])
    data = form_data(secretariat_client.get(url))
    data["partners"] = [replacement.pk]
    assert secretariat_client.post(url, data).status_code == 302
    assert list(activity.partners.all()) == [replacement]
    # One save, one entry in the history, its links included.
    assert activity.history.count() == 2
    assert [link.organization for link in activity.history.latest().partners.all()] == [
        replacement
    ]

    assert _revert(secretariat_client, activity.pk, before).status_code == 302
    assert set(activity.partners.all()) == {first, second}
    history = secretariat_client.get(
        reverse("admin:events_activity_history", args=[activity.pk])
    )
    assert history.status_code == 200
    assert str(replacement) in history.text  # the change of partners, listed


def test_a_deleted_activity_is_restored_with_its_links(secretariat_client):
    partner = PartnerFactory()
    theme = Theme.objects.first()
    activity = ActivityFactory(title_en="Forum that was deleted")
    activity.partners.add(partner)
    activity.themes.add(theme)
    pk = activity.pk

    response = secretariat_client.post(
        reverse("admin:events_activity_delete", args=[pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=pk).exists()

    deleted = Activity.history.filter(id=pk).latest()
    assert deleted.history_type == "-"
    assert _revert(secretariat_client, pk, deleted).status_code == 302
    restored = Activity.objects.get(pk=pk)
    assert restored.title_en == "Forum that was deleted"
    assert list(restored.partners.all()) == [partner]
    assert list(restored.themes.all()) == [theme]


def test_an_activity_reported_in_the_news_is_not_deleted(secretariat_client):
    activity = ActivityFactory(title_en="Reported forum")
    post = NewsPostFactory(title_en="What the forum decided")
    post.activities.add(activity)

    url = reverse("admin:events_activity_delete", args=[activity.pk])
    page = secretariat_client.post(url, {"post": "yes"})
    assert page.status_code == 200
    assert "cannot be deleted" in page.text
    assert "What the forum decided" in page.text
    assert list(post.activities.all()) == [activity]
    with pytest.raises(ProtectedError):
        activity.delete()


def test_a_link_changed_from_the_other_side_is_recorded_on_the_activity():
    theme = Theme.objects.first()
    activity = ActivityFactory()
    theme.activities.add(activity)
    latest = activity.history.latest()
    assert [link.theme for link in latest.themes.all()] == [theme]
