"""Two members of the secretariat saving the same activity or news post: the
second is told what changed, and nothing is overwritten."""

import pytest
from django.urls import reverse

from events.models import Activity
from tests.factories import ActivityFactory, NewsPostFactory
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def both_load(first, second, url):
    return form_data(first.get(url)), form_data(second.get(url))


def test_second_save_of_an_activity_is_refused(
    secretariat_client, second_secretariat_client
):
    activity = ActivityFactory(title_en="District budget forum", venue_en="Town hall")
    url = reverse("admin:events_activity_change", args=[activity.pk])
    first, second = both_load(secretariat_client, second_secretariat_client, url)

    saved = secretariat_client.post(url, {**first, "venue_en": "Provincial hall"})
    assert saved.status_code == 302

    refused = second_secretariat_client.post(
        url, {**second, "title_en": "District budget hearing"}
    )
    assert refused.status_code == 200
    assert "Someone else saved this activity while you were editing it" in refused.text
    assert "Venue [en]: yours “Town hall”, saved “Provincial hall”." in refused.text
    activity.refresh_from_db()
    assert (activity.title_en, activity.venue_en) == (
        "District budget forum",
        "Provincial hall",
    )
    # Their entry stays in the form; saving it again applies it, knowingly.
    kept = form_data(refused)
    assert kept["title_en"] == "District budget hearing"
    assert second_secretariat_client.post(url, kept).status_code == 302
    activity.refresh_from_db()
    assert activity.title_en == "District budget hearing"


def test_second_save_of_an_activity_is_refused_in_khmer(
    secretariat_client, second_secretariat_client
):
    activity = ActivityFactory()
    url = reverse("admin:events_activity_change", args=[activity.pk])
    first, second = both_load(secretariat_client, second_secretariat_client, url)
    assert secretariat_client.post(url, {**first, "capacity": "40"}).status_code == 302

    refused = second_secretariat_client.post("/km" + url, second)
    assert "មាននរណាម្នាក់ផ្សេងទៀតបានរក្សាទុក" in refused.text
    assert Activity.objects.get(pk=activity.pk).capacity == 40


def test_second_save_of_a_news_post_is_refused(
    secretariat_client, second_secretariat_client
):
    post = NewsPostFactory(title_en="Forum in Siem Reap", summary_en="First draft.")
    url = reverse("admin:events_newspost_change", args=[post.pk])
    first, second = both_load(secretariat_client, second_secretariat_client, url)

    saved = secretariat_client.post(url, {**first, "summary_en": "Checked summary."})
    assert saved.status_code == 302

    refused = second_secretariat_client.post(
        url, {**second, "title_en": "Budget forum in Siem Reap"}
    )
    assert "Someone else saved this news post while you were editing it" in refused.text
    post.refresh_from_db()
    assert (post.title_en, post.summary_en) == (
        "Forum in Siem Reap",
        "Checked summary.",
    )


def test_reverting_from_a_stale_history_page_is_refused(
    secretariat_client, second_secretariat_client
):
    activity = ActivityFactory(title_en="First title")
    url = reverse("admin:events_activity_change", args=[activity.pk])
    edited = form_data(secretariat_client.get(url), title_en="Second title")
    assert secretariat_client.post(url, edited).status_code == 302
    first_version = activity.history.earliest()
    revert_url = reverse(
        "admin:events_activity_simple_history",
        args=[activity.pk, first_version.history_id],
    )
    revert = form_data(second_secretariat_client.get(revert_url))
    assert revert["title_en"] == "First title"

    newer = form_data(secretariat_client.get(url), title_en="Third title")
    assert secretariat_client.post(url, newer).status_code == 302

    refused = second_secretariat_client.post(revert_url, revert)
    assert refused.status_code == 200
    assert "Someone else saved this activity while you were editing it" in refused.text
    assert "Title [en]: yours “First title”, saved “Third title”." in refused.text
    assert Activity.objects.get(pk=activity.pk).title_en == "Third title"

    # Seen, the revert can be made.
    assert (
        second_secretariat_client.post(revert_url, form_data(refused)).status_code
        == 302
    )
    assert Activity.objects.get(pk=activity.pk).title_en == "First title"
