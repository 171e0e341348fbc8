"""Server errors reach someone: Sentry or GlitchTip when SENTRY_DSN is set.

Production settings run in a subprocess (see test_deploy), against a local
HTTP server that speaks the part of Sentry's protocol the SDK uses.
"""

import gzip
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from tests.cpdd_portal.test_deploy import production_env, run_python

pytestmark = pytest.mark.django_db

SETTINGS_OPTIONS = (
    "from django.conf import settings\n"
    "debug = settings.DEBUG\n"
    "import sentry_sdk\n"
    "client = sentry_sdk.get_client()\n"
    "print(debug, client.is_active(), client.options.get('dsn'),\n"
    "      client.options['send_default_pii'], client.options['environment'],\n"
    "      client.options['release'])\n"
)


def test_production_starts_without_sentry():
    done = run_python(SETTINGS_OPTIONS, production_env(SENTRY_DSN=None))
    assert done.returncode == 0, done.stderr
    # Settings import, and no client sends anything anywhere.
    assert done.stdout.split()[:3] == ["False", "False", "None"]


def test_production_starts_with_sentry_from_the_environment():
    done = run_python(
        SETTINGS_OPTIONS,
        production_env(
            SENTRY_DSN="https://public@glitchtip.example.org/3",
            SENTRY_ENVIRONMENT="staging",
            SENTRY_RELEASE="cpdd-portal@1.4.0",
        ),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "False",
        "True",
        "https://public@glitchtip.example.org/3",
        "False",
        "staging",
        "cpdd-portal@1.4.0",
    ]


class FakeSentry(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append((self.path, body.decode()))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_a_server_error_is_reported_without_the_visitors_secrets():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    FakeSentry.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    db = connection.settings_dict
    try:
        done = run_python(
            "import django\n"
            "from django.conf import settings\n"
            "# No collectstatic here: the error page links unhashed files.\n"
            "settings.STORAGES['staticfiles'] = {'BACKEND':\n"
            "    'django.contrib.staticfiles.storage.StaticFilesStorage'}\n"
            "django.setup()\n"
            "from django.urls import path\n"
            "import cpdd_portal.urls\n"
            "def broken(request):\n"
            "    raise ZeroDivisionError('the donor report broke')\n"
            "cpdd_portal.urls.urlpatterns.insert(0, path('broken/', broken))\n"
            "from django.test import Client\n"
            "response = Client(raise_request_exception=False).get(\n"
            "    '/broken/', HTTP_COOKIE='sessionid=secret-session-value',\n"
            "    HTTP_AUTHORIZATION='Bearer secret-token-value',\n"
            "    REMOTE_ADDR='203.0.113.7')\n"
            "print(response.status_code)\n"
            "import sentry_sdk\n"
            "sentry_sdk.flush(10)\n",
            production_env(
                SENTRY_DSN=f"http://public@127.0.0.1:{server.server_port}/1",
                SECURE_SSL_REDIRECT="false",
                ALLOWED_HOSTS="testserver",
                DATABASE_URL=(
                    f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
                ),
            ),
        )
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "500"
    reports = [body for path, body in FakeSentry.received if "/api/1/" in path]
    assert any("the donor report broke" in body for body in reports), reports
    sent = "\n".join(reports)
    assert "secret-session-value" not in sent
    assert "secret-token-value" not in sent
    assert "203.0.113.7" not in sent
