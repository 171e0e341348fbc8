"""gunicorn as production runs it (gunicorn.conf.py, prod settings), and the
proxy in front of it (deploy/Caddyfile), on free local ports, stopped cleanly
whatever happens."""

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# What the Dockerfile's CMD runs.
GUNICORN_COMMAND = [sys.executable, "-m", "gunicorn"]
GUNICORN_COMMAND += ["-c", "gunicorn.conf.py", "cpdd_portal.wsgi"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env, *, workers, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            # Steady state: recycling workers mid-run would add fork noise and
            # hide memory growth from the RSS printed at the end.
            "GUNICORN_MAX_REQUESTS": "0",
        }
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self, timeout=60):
        with open(self.log_path, "w") as log:  # the child keeps its own copy
            self.process = subprocess.Popen(
                GUNICORN_COMMAND,
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: Ctrl-C reaches only the benchmark,
                # which then stops gunicorn in order.
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise SystemExit(f"gunicorn exited with {code}:\n{self.log_tail()}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise SystemExit(f"/healthz not ready in {timeout} s:\n{self.log_tail()}")

    def healthy(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def stop(self, timeout=20):
        if self.process is None or self.process.poll() is not None:
            return
        # SIGTERM: gunicorn's graceful shutdown (workers finish their request).
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_pids(self):
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def log_tail(self, lines=30):
        try:
            text = Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def memory_kib(pid):
    """(RSS, PSS) of a process in KiB. PSS splits pages shared with the master
    and the other workers (preload_app) fairly, so PSS adds up; RSS does not."""
    rss = pss = None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


CADDYFILE = BASE_DIR / "deploy" / "Caddyfile"
# Caddy 2.6 (Debian 12) names request buffering differently from the current
# Caddy of compose.yaml's image (see the Caddyfile).
LEGACY_REQUEST_BUFFERS = "buffer_requests\nmax_buffer_size 64MB"


def caddy_binary():
    caddy = shutil.which("caddy")
    if caddy is None:
        raise RuntimeError("Caddy is missing: run `scripts/apt.sh caddy` as root.")
    return caddy


def caddy_env():
    """What the Caddyfile needs from this Caddy's version."""
    version = subprocess.run(
        [caddy_binary(), "version"], capture_output=True, text=True, check=True
    ).stdout
    if re.match(r"v?2\.[0-6]\.", version):
        return {"CADDY_REQUEST_BUFFERS": LEGACY_REQUEST_BUFFERS}
    return {}


class Caddy:
    """The proxy as compose.yaml runs it (deploy/Caddyfile), over plain http on
    a free local port, in front of gunicorn's `upstreams` ("host:port")."""

    def __init__(self, upstreams, *, folder, static_dir, media_dir, private_dir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(folder) / "caddy.log"
        self.env = {
            "PATH": os.environ["PATH"],
            "HOME": str(folder),
            "XDG_DATA_HOME": str(Path(folder) / "caddy-data"),
            "XDG_CONFIG_HOME": str(Path(folder) / "caddy-config"),
            **caddy_env(),
            "CADDY_GLOBAL_OPTIONS": "default_bind 127.0.0.1",
            "SITE_ADDRESS": self.url,
            # Several addresses: Caddy spreads the requests over them.
            "UPSTREAM": " ".join(upstreams),
            "STATIC_DIR": str(static_dir),
            "MEDIA_DIR": str(media_dir),
            "PRIVATE_MEDIA_DIR": str(private_dir),
        }
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self, timeout=20):
        command = [caddy_binary(), "run", "--config", str(CADDYFILE)]
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                [*command, "--adapter", "caddyfile"],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                raise RuntimeError(f"Caddy exited with {code}: see {self.log_path}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"Caddy not listening after {timeout} s: {self.log_path}")

    def stop(self, timeout=10):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
