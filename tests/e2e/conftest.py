"""Browser tests: Playwright driving Debian's Chromium against live_server."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop; Django's ORM calls from the test
# body (factories) are safe here because nothing else shares the thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(autouse=True)
def migration_data(request):
    """Make sure what migrations load (places, themes, groups) is there.

    The browser is a session fixture, so Playwright's event loop already runs
    when the first browser test's database is set up, and Django's connection
    is then a new object without the serialized copy: if a transactional test
    emptied the tables before (tests/members/test_invitations.py does), the
    restore silently does nothing and the pages find no provinces. Restore it
    here from the copy tests/conftest.py keeps.
    """
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connections

    from tests.conftest import _serialized

    connection = connections["default"]
    if "default" in _serialized and not hasattr(
        connection, "_test_serialized_contents"
    ):
        connection._test_serialized_contents = _serialized["default"]
        connection.creation.deserialize_db_from_string(_serialized["default"])


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core (WCAG 2.1 A/AA and best practices) on the current page."""

    def check(page):
        results = axe.run(
            page,
            options={
                "runOnly": {
                    "type": "tag",
                    "values": [
                        "wcag2a",
                        "wcag2aa",
                        "wcag21a",
                        "wcag21aa",
                        "best-practice",
                    ],
                },
                "resultTypes": ["violations"],
            },
        )
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(str(node["target"]) for node in v["nodes"][:3])
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert not serious, f"{page.url}:\n" + "\n".join(serious)

    return check
