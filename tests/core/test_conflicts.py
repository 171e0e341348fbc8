"""Every record that several people edit in place refuses a stale save: the
system check keeps every back-office form of them versioned."""

import threading
import time

import pytest
from django.contrib import admin
from django.contrib.admin.sites import AdminSite
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.admin import VersionedAdminMixin
from core.checks import check_versioned_admins
from core.models import Theme
from members.models import Organization
from tests.factories import OrganizationFactory, RepresentativeFactory
from tests.forms import form_data


def test_every_back_office_form_of_a_versioned_record_checks_the_version():
    assert check_versioned_admins() == []


@pytest.fixture
def site():
    site = AdminSite(name="conflicts-test")
    yield site
    site._registry.clear()


def test_an_admin_without_the_version_check_is_an_error(site):
    site.register(Theme, admin.ModelAdmin)
    assert [error.id for error in check_versioned_admins()] == ["core.E001"]


def test_the_version_check_must_come_first_in_the_admin(site):
    class ThemeAdmin(admin.ModelAdmin, VersionedAdminMixin):
        pass

    site.register(Theme, ThemeAdmin)
    assert [error.id for error in check_versioned_admins()] == ["core.E002"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_saves_at_the_same_moment_cannot_both_pass(monkeypatch):
    """The second save waits for the first (the row is locked) and then sees
    the new version; comparing versions without a lock would let both in."""
    organization = OrganizationFactory(acronym="OLD")
    url = reverse("members:organization-edit", args=[organization.slug])
    clients = []
    for _ in range(2):
        client = Client()
        client.force_login(RepresentativeFactory(organization=organization).user)
        clients.append(client)
    forms = [form_data(client.get(url)) for client in clients]

    save = Organization.save

    def slow_save(self, *args, **kwargs):
        save(self, *args, **kwargs)
        time.sleep(0.5)  # the other request arrives meanwhile

    monkeypatch.setattr(Organization, "save", slow_save)
    statuses = {}

    def post(index, acronym):
        try:
            response = clients[index].post(url, {**forms[index], "acronym": acronym})
            statuses[acronym] = response.status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(0, "FIRST")),
        threading.Thread(target=post, args=(1, "SECOND")),
    ]
    threads[0].start()
    time.sleep(0.2)
    threads[1].start()
    for thread in threads:
        thread.join()
    assert statuses == {"FIRST": 302, "SECOND": 200}
    assert Organization.objects.get(pk=organization.pk).acronym == "FIRST"
