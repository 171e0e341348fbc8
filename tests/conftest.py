import pytest
from django.db import connections


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests go to a temporary folder, never the checkout."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english_by_default():
    """Requests to /km/ leave Khmer active in the thread; start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def secretariat_user(db):
    """A staff member of the Secretariat group with two-factor turned on."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from core.permissions import SECRETARIAT_GROUP
    from tests.factories import StaffFactory

    staff = StaffFactory()
    staff.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    TOTP.activate(staff, "JBSWY3DPEHPK3PXP")
    return staff


@pytest.fixture
def secretariat_client(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Run browser and deployment tests last: their transactional teardown
    empties the tables."""
    last = ("tests/e2e/", "tests/deploy/")
    items.sort(key=lambda item: any(folder in str(item.path) for folder in last))


_serialized = {}


def _share_serialized_database():
    """Let serialized_rollback restore the migration data in browser tests.

    Once Playwright's event loop runs, Django's connection objects (kept per
    context by asgiref) are new ones, without the serialized copy of the test
    database that setup made: the restore before the next transactional test
    then silently does nothing. Hand the copy to whichever connection is in use.
    """
    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents:
        _serialized["default"] = contents
    elif "default" in _serialized:
        connection._test_serialized_contents = _serialized["default"]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _share_serialized_database()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _share_serialized_database()


@pytest.fixture
def second_secretariat_client(db):
    """Another member of the secretariat, in a browser of their own."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from core.permissions import SECRETARIAT_GROUP
    from tests.factories import StaffFactory

    staff = StaffFactory(two_factor=True)
    staff.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    client = Client()
    client.force_login(staff)
    return client
