"""The production topology on this machine, without a container engine: the
repo's Caddyfile in front of gunicorn with production settings, both on
127.0.0.1, on the test database and temporary media folders.

compose.yaml runs the same pieces; only addresses and folders differ, and
they come from the environment in both.
"""

import hashlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from bench.server import (
    BASE_DIR,
    Caddy,
    Gunicorn,
    free_port,
)

STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_STAMP = STATIC_ROOT / ".collected-from"


def _static_fingerprint():
    digest = hashlib.sha256((BASE_DIR / "requirements.txt").read_bytes())
    for folder in [*sorted(BASE_DIR.glob("*/static")), BASE_DIR / "static"]:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def collect_static(env):
    """collectstatic as the Dockerfile runs it (20 s), skipped when nothing
    it reads has changed since the last time."""
    fingerprint = _static_fingerprint()
    if STATIC_STAMP.exists() and STATIC_STAMP.read_text() == fingerprint:
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    STATIC_STAMP.write_text(fingerprint)


def _wait_for_port(port, process, log_path, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {log_path}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"not listening after {timeout} s: {log_path}")


class Topology:
    """gunicorn, Caddy and the background worker, started in order and
    stopped in reverse, whatever happens in between. The mail server is
    `smtp_port`, where nothing listens until a test starts one."""

    def __init__(
        self, folder, *, database_url, secret_key, web_timeout=5, webs=1, redis=False
    ):
        self.folder = Path(folder)
        self.media_root = self.folder / "media"
        self.private_media_root = self.folder / "private-media"
        self.cache_folder = self.folder / "cache"
        for path in (self.media_root, self.private_media_root, self.cache_folder):
            path.mkdir(parents=True, exist_ok=True)
        self.port = self.url = None  # the proxy's, once started
        self.env = {
            "PATH": os.environ["PATH"],
            "LANG": "C.UTF-8",
            "HOME": str(self.folder),
            "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.prod",
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_USE_TLS": "false",
            "MAIL_RETRY_DELAY": "1",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": str(self.media_root),
            "PRIVATE_MEDIA_ROOT": str(self.private_media_root),
            "CACHE_URL": f"diskcache://{self.cache_folder}",
            "PRIVATE_MEDIA_ACCEL_REDIRECT": "/_protected/",
            "TRUSTED_PROXIES": "127.0.0.1,::1",
            # One worker that is killed after 5 s on one request: anything
            # that holds it (a slow upload) shows at once.
            "GUNICORN_TIMEOUT": str(web_timeout),
            "REQUEST_LOG_LEVEL": "INFO",
        }
        self.smtp_port = free_port()
        self.env["SMTP_PORT"] = str(self.smtp_port)
        self.web_count = webs
        self.redis = redis
        self.webs = []
        self.web = self.proxy = None
        self.running = []  # in start order, stopped in reverse

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        collect_static(self.env)
        if self.redis:
            # Debian's redis-server, as compose's optional `redis` profile: the
            # page cache, content versions and rate limits of every web process.
            port = free_port()
            self.env["CACHE_URL"] = f"redis://127.0.0.1:{port}/0"
            self.spawn(
                "redis",
                [
                    shutil.which("redis-server") or "redis-server",
                    "--port",
                    str(port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                self.env,
            )
            _wait_for_port(port, *self.running[-1][1:])
        for n in range(self.web_count):
            log_path = self.folder / ("web.log" if n == 0 else f"web{n + 1}.log")
            web = Gunicorn(self.env, workers=1, log_path=log_path)
            self.running.append((f"web{n + 1}", web, log_path))
            web.start()
            self.webs.append(web)
        self.web = self.webs[0]
        self.start_proxy()
        self.spawn("worker", [sys.executable, "manage.py", "db_worker"], self.env)

    def start_proxy(self):
        self.proxy = Caddy(
            [f"127.0.0.1:{web.port}" for web in self.webs],
            folder=self.folder,
            static_dir=STATIC_ROOT,
            media_dir=self.media_root,
            private_dir=self.private_media_root,
        )
        self.running.append(("proxy", self.proxy, self.proxy.log_path))
        self.proxy.start()
        self.port = self.proxy.port
        self.url = self.proxy.url

    def spawn(self, name, command, env):
        log_path = self.folder / f"{name}.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(  # noqa: S603
                command,
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running.append((name, process, log_path))
        return process

    def stop(self):
        for _name, process, _log in reversed(self.running):
            if isinstance(process, Gunicorn | Caddy):
                process.stop()
            elif process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
        self.running = []

    def web_log(self):
        return (self.folder / "web.log").read_text(errors="replace")


class Response:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read()

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def cookies(self):
        """name -> value of the cookies this response sets."""
        found = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0]
        return found


def request(
    port,
    path,
    *,
    method="GET",
    headers=None,
    body=None,
    cookies=None,
    source="127.0.0.1",
    timeout=30,
):
    """One HTTP request to 127.0.0.1:`port` from the loopback address `source`
    (any 127.x.y.z: how this test has visitors with different addresses)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0)
    )
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    try:
        connection.request(method, path, body=body, headers=headers)
        return Response(connection.getresponse())
    finally:
        connection.close()


@contextmanager
def database_copy(django_db_blocker):
    """A copy of the test database (its migrations' data included) for the
    servers and this process to share, committed as they go, and dropped at
    the end: the test database itself stays as it was. Yields its URL."""
    from django.db import connection

    from tests.conftest import restore_migration_data

    with django_db_blocker.unblock():
        original = connection.settings_dict["NAME"]
        copy = f"{original}_deploy_{os.getpid()}"
        # A template database must have no one connected to it.
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            cursor.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{original}"')
        connection.settings_dict["NAME"] = copy
        try:
            # Tests run before may have flushed the tables the copy came from.
            restore_migration_data()
            yield database_url()
        finally:
            connection.close()
            connection.settings_dict["NAME"] = original
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')


def database_url():
    from django.db import connection

    database = connection.settings_dict
    url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**database)
    if database["PASSWORD"]:
        url = url.replace("@", f":{database['PASSWORD']}@", 1)
    return url
