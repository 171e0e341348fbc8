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


def restore_migration_data():
    """Load what migrations put in the database (places, themes, groups) again
    if a transactional test's flush emptied it; the serialized copy is the one
    the test database's setup made."""
    from core.models import Province

    if "default" in _serialized and not Province.objects.exists():
        connections["default"].creation.deserialize_db_from_string(
            _serialized["default"]
        )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    _share_serialized_database()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    _share_serialized_database()


@pytest.fixture
def smtp_sink():
    """Start a local SMTP server on demand: `smtp_sink.start(port, delay=0)`.
    Received messages are in `smtp_sink.messages` (email.message.Message)."""
    sink = SMTPSink()
    yield sink
    sink.stop()


class SMTPSink:
    def __init__(self):
        self.messages = []
        self.controller = None

    def start(self, port, *, delay=0):
        import asyncio
        import email

        from aiosmtpd.controller import Controller

        messages = self.messages

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                # A slow server: it answers the recipient after `delay`.
                await asyncio.sleep(delay)
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                messages.append(email.message_from_bytes(envelope.content))
                return "250 Message accepted"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def run_worker(transactional_db):
    """Start real `manage.py db_worker` processes on the test database:
    `run_worker(smtp_port=...)` returns the Popen; each is stopped at the end."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    db = settings.DATABASES["default"]
    url = "postgres://{user}:{password}@{host}:{port}/{name}".format(
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"],
        name=db["NAME"],
    )
    processes = []

    def start(*, smtp_port, smtp_timeout=10, env=None):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.test",
            "DATABASE_URL": url,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp_port),
            "SMTP_USE_TLS": "false",
            "SMTP_TIMEOUT": str(smtp_timeout),
            "MAIL_RETRY_DELAY": "1",
            **(env or {}),
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval=0.2",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=Path(__file__).resolve().parent.parent,
            env=environment,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(condition, *, timeout=30, interval=0.1):
    """Poll `condition()` until it is true; fail after `timeout` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Still false after {timeout} s: {condition}")


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
