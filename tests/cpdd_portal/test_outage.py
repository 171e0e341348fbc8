"""The database down or full, seen from outside: a real gunicorn, a real
PostgreSQL, and a port in between that is closed until the database "comes
back" (a small TCP relay to the test database).

The shared PostgreSQL cluster is never stopped: the outage is the closed port.
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "-c",
    "gunicorn.conf.py",
    "cpdd_portal.wsgi",
]
# A well-formed session key: looking it up needs the database.
SESSION_COOKIE = "sessionid=" + "k" * 32
KHMER_TITLE = "វិបផតថលមិនអាចប្រើបានជាបណ្ដោះអាសន្ន"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _pipe(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)


class DatabasePort:
    """A local port where nothing listens (the database is down) until
    `restore()` relays it to the real PostgreSQL."""

    def __init__(self, host, port):
        self.target = (host, int(port))
        self.port = free_port()
        self.listener = None

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(source, sink), daemon=True).start()

    def close(self):
        if self.listener:
            self.listener.close()


def database_url(*, port, user=None, host="127.0.0.1"):
    database = connection.settings_dict
    user = user or database["USER"] or "postgres"
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


class Server:
    """gunicorn serving the portal (test settings) on a free local port."""

    def __init__(self, tmp_path, **env):
        self.port = free_port()
        self.log = tmp_path / "gunicorn.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.test",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_ACCESSLOG": "off",
            "WEB_CONCURRENCY": "2",
            # One cache for both workers, as in production.
            "CACHE_URL": f"diskcache://{tmp_path / 'cache'}",
            **env,
        }
        with self.log.open("w") as log:
            # Our own interpreter and fixed arguments: nothing untrusted runs.
            self.process = subprocess.Popen(  # noqa: S603
                GUNICORN,
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 60
        while self.get("/healthz")[0] is None:
            assert time.monotonic() < deadline, self.log.read_text()
            assert self.process.poll() is None, self.log.read_text()
            time.sleep(0.2)

    def get(self, path, cookie=None):
        """(status, headers, body) of GET path; (None, ...) if nothing answers."""
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()
        except (urllib.error.URLError, ConnectionError):
            return None, {}, ""

    def log_lines(self, text):
        return [line for line in self.log.read_text().splitlines() if text in line]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def database_port():
    database = connection.settings_dict
    port = DatabasePort(database["HOST"] or "127.0.0.1", database["PORT"] or 5432)
    yield port
    port.close()


@pytest.fixture
def server_factory(tmp_path):
    servers = []

    def start(**env):
        servers.append(Server(tmp_path, **env))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_visitors_get_a_503_page_in_their_language_while_the_database_is_down(
    database_port, server_factory
):
    server = server_factory(DATABASE_URL=database_url(port=database_port.port))

    # A view's query, a template asking who is signed in, a middleware
    # checking the back-office visitor: each fails on the database.
    for path, cookie in [
        ("/members/", None),
        ("/about/", SESSION_COOKIE),
        ("/km/admin/", SESSION_COOKIE),
        ("/events/", None),
        ("/news/", None),
    ]:
        status, headers, body = server.get(path, cookie)
        assert status == 503, (path, body[:300])
        assert int(headers["Retry-After"]) > 0
        assert "no-store" in headers["Cache-Control"]
        if path.startswith("/km/"):
            assert 'lang="km"' in body
            assert KHMER_TITLE in body
        else:
            assert 'lang="en"' in body
            assert "temporarily unavailable" in body
            assert "Something went wrong" not in body

    status, headers, body = server.get("/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "unreachable"

    # Logged once for the outage, not once per request (or per worker).
    for _ in range(10):
        assert server.get("/km/members/")[0] == 503
    assert len(server.log_lines("The database is unavailable")) == 1
    assert not server.log_lines("Service Unavailable")
    assert not server.log_lines("Internal Server Error")

    database_port.restore()
    for _ in range(4):  # both workers reconnect
        assert server.get("/members/")[0] == 200
    assert server.get("/healthz")[0] == 200
    assert len(server.log_lines("The database is available again")) == 1
    assert len(server.log_lines("The database is unavailable")) == 1


@pytest.fixture
def limited_role():
    """A throwaway role allowed two connections, both held by the test."""
    database = connection.settings_dict
    name = f"cpdd_full_{os.getpid()}"
    params = {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "dbname": database["NAME"],
    }
    with psycopg.connect(
        **params, user=database["USER"] or "postgres", autocommit=True
    ) as admin:
        admin.execute(f"CREATE ROLE {name} LOGIN CONNECTION LIMIT 2")
        held = [psycopg.connect(**params, user=name) for _ in range(2)]
        try:
            yield name
        finally:
            for held_connection in held:
                held_connection.close()
            admin.execute(f"DROP ROLE {name}")


def test_healthz_reports_every_connection_in_use(limited_role, server_factory):
    port = connection.settings_dict["PORT"] or 5432
    server = server_factory(DATABASE_URL=database_url(port=port, user=limited_role))

    status, headers, body = server.get("/healthz")
    assert status == 503
    assert json.loads(body)["database"] == "full"
    assert "in use" in json.loads(body)["detail"]
    assert int(headers["Retry-After"]) > 0

    status, _, body = server.get("/km/members/")
    assert status == 503
    assert KHMER_TITLE in body
