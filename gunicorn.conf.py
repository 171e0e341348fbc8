"""Gunicorn settings for the portal's web containers (and `make bench`).

What differs between deployments comes from the environment, so one image
serves them all. Sync workers: the portal is server-rendered pages and short
database queries, with no websockets or long polling, and a sync worker is
the simplest model that a request timeout can actually interrupt.
"""

import json
import math
import os
from datetime import datetime

from gunicorn.glogging import Logger


def _available_cores():
    """CPUs this container may use: its CPU affinity, narrowed by a cgroup v2
    quota (`docker run --cpus`), which os.cpu_count() does not see."""
    cores = len(os.sched_getaffinity(0))
    try:
        with open("/sys/fs/cgroup/cpu.max") as cpu_max:
            quota, period = cpu_max.read().split()
        if quota != "max":
            cores = min(cores, max(1, math.ceil(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores


class JsonAccessLogger(Logger):
    """One JSON object per request on stdout, so log tooling needs no regexes.

    Django's RequestLogMiddleware logs pages with their user; static files,
    answered by whitenoise before that middleware, appear only here.
    """

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        # The keys of Django's JSON log lines (settings.LOGGING), so one log
        # pipeline reads both.
        line = {
            "asctime": datetime.now().astimezone().isoformat(timespec="milliseconds"),
            "levelname": "INFO",
            "name": "gunicorn.access",
            "message": "request",
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"] or None,
            "status": int(atoms["s"]),
            "bytes": atoms["B"],
            "duration_ms": round(atoms["D"] / 1000, 1),
            "remote_addr": atoms["h"],
            "forwarded_for": atoms.get("{x-forwarded-for}i"),
            "request_id": atoms.get("{x-request-id}i"),
            "user_agent": atoms["a"] if atoms["a"] != "-" else None,
            "referer": atoms["f"] if atoms["f"] != "-" else None,
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(line, ensure_ascii=False))
        except Exception:  # a log line must never fail a request
            self.exception("Could not write the access log")


# The container listens on every interface; the platform decides what reaches it.
ALL_INTERFACES = "0.0.0.0"  # noqa: S104
bind = (
    os.environ.get("GUNICORN_BIND")
    or f"{ALL_INTERFACES}:{os.environ.get('PORT', '8000')}"
)

# 2 x cores + 1 (gunicorn's rule of thumb for sync workers), capped at 8: each
# worker keeps a persistent PostgreSQL connection (CONN_MAX_AGE) and ~80 MB of
# memory, and scale-out is more containers, not bigger ones.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _available_cores() + 1, 8))
worker_class = "sync"

# Recycle workers now and then so a slow leak never grows into an outage; the
# jitter keeps them from restarting at the same moment.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))

# A page that takes 30 s is a bug; kill the worker rather than queue behind it.
# Spreadsheet exports and donor reports must stay under this (or become jobs).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Sync workers close the connection after each response; this only matters if
# the worker class is ever changed.
keepalive = 5

# Load Django once in the master, then fork: workers start in milliseconds
# (also when max_requests recycles them, so no request waits on an import),
# memory pages are shared until written, and a broken settings module or
# import fails the container at start instead of looping worker restarts.
# The cost: a HUP cannot reload code, which a container deploy never does.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in {"1", "true", "yes"}

# Which proxies may set the scheme (X-Forwarded-Proto): the same ones Django
# believes about the visitor's address (TRUSTED_PROXIES, cpdd_portal.proxy).
forwarded_allow_ips = (
    os.environ.get("FORWARDED_ALLOW_IPS")
    or os.environ.get("TRUSTED_PROXIES")
    or "127.0.0.1,::1"
)

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
if accesslog.lower() in {"", "off", "none"}:
    accesslog = None
logger_class = JsonAccessLogger
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "cpdd-portal"

# The workers' heartbeat file on a RAM disk: on a container's overlay
# filesystem its updates can stall and get healthy workers killed. (mkstemp,
# unlinked at once: the usual /tmp worries do not apply.)
RAM_DISK = "/dev/shm"  # noqa: S108
if os.path.isdir(RAM_DISK):
    worker_tmp_dir = RAM_DISK

# gunicorn's control socket (gunicornc) is off unless asked for: containers
# are managed by signals, and two servers on one host would share its path.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]


def pre_fork(server, worker):
    # With preload_app, a database connection opened while loading Django would
    # be shared by every forked worker and corrupt its protocol state.
    if server.cfg.preload_app:
        from django.db import connections

        connections.close_all()
