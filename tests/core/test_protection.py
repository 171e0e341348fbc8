"""No deletion silently takes a record out of others, anywhere (issue 11)."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db.models import ProtectedError
from django.urls import reverse

from core.history import HistoryAdmin
from core.models import Theme
from core.protection import ProtectedDeleteAdmin, protect_link
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("core", "members", "events", "casestudies")


def _project_models():
    for label in PROJECT_APPS:
        yield from apps.get_app_config(label).get_models()


def _linked_models():
    """Models that other records link to many-to-many."""
    return [
        model
        for model in _project_models()
        if any(rel.many_to_many for rel in model._meta.related_objects)
    ]


def test_every_model_others_link_to_is_protected_in_the_database_and_admin():
    linked = _linked_models()
    assert {m.__name__ for m in linked} >= {
        "Organization",
        "Province",
        "District",
        "Theme",
        "Activity",
        "NewsPost",
    }
    for model in linked:
        for rel in model._meta.related_objects:
            if rel.many_to_many and rel.through._meta.auto_created:
                link = rel.through._meta.get_field(rel.field.m2m_reverse_field_name())
                assert link.remote_field.on_delete is protect_link, rel
        if admin.site.is_registered(model):
            assert isinstance(admin.site.get_model_admin(model), ProtectedDeleteAdmin)


def test_every_history_records_the_links_and_restores_them_in_the_admin():
    tracked = [
        model
        for model in _project_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    ]
    assert len(tracked) >= 10
    for model in tracked:
        links = {
            field.name
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        }
        recorded = {field.name for field in model.history.model._history_m2m_fields}
        assert recorded == links, model
        if admin.site.is_registered(model):
            assert isinstance(admin.site.get_model_admin(model), HistoryAdmin), model


def test_a_theme_in_use_is_not_deleted_and_an_unused_one_is(secretariat_client):
    theme = Theme.objects.create(name_en="Land rights", slug="land-rights")
    activity = ActivityFactory(title_en="Land forum")
    activity.themes.add(theme)

    url = reverse("admin:core_theme_delete", args=[theme.pk])
    page = secretariat_client.post(url, {"post": "yes"})
    assert page.status_code == 200
    assert "cannot be deleted" in page.text
    assert "Land forum" in page.text
    assert list(activity.themes.all()) == [theme]

    activity.themes.clear()
    assert secretariat_client.post(url, {"post": "yes"}).status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_a_refused_deletion_leaves_the_transaction_usable():
    theme = Theme.objects.create(name_en="Fisheries", slug="fisheries")
    ActivityFactory().themes.add(theme)
    with pytest.raises(ProtectedError) as refused:
        theme.delete()
    assert {type(obj).__name__ for obj in refused.value.protected_objects} == {
        "Activity"
    }
    assert Theme.objects.filter(pk=theme.pk).exists()  # no broken transaction
