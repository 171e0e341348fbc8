"""Big downloads at 20x data: `.venv/bin/python -m bench.exports`.

Serves the portal with gunicorn (one sync worker, production settings, the
benchmark database that `python -m bench` builds) and downloads, as a
secretariat member with two-factor sign-in, the donor report for all years
as HTML, CSV and XLSX and the back-office exports of activities and
organisations. Each download gets a fresh worker; prints the seconds until
the last byte, the bytes, and the worker's peak resident memory (VmHWM).
"""

import argparse
import http.client
import os
import time
from pathlib import Path

from bench.__main__ import RESULTS_DIR, production_env
from bench.database import bench_database_url, manage
from bench.server import Gunicorn

DOWNLOADS = {
    "donor report HTML": "/events/reports/donor/?start=2000-01-01&end=2100-12-31",
    "donor report HTML, page 500": (
        "/events/reports/donor/?start=2000-01-01&end=2100-12-31&page=500"
    ),
    "donor report CSV": (
        "/events/reports/donor/?start=2000-01-01&end=2100-12-31&format=csv"
    ),
    "donor report XLSX": (
        "/events/reports/donor/?start=2000-01-01&end=2100-12-31&format=xlsx"
    ),
    "admin activities CSV": "admin:events_activity_export:0",
    "admin activities XLSX": "admin:events_activity_export:1",
    "admin organisations CSV": "admin:members_organization_export:0",
    "admin organisations XLSX": "admin:members_organization_export:1",
}
# Any 32 letters and digits make a valid CSRF cookie and token pair.
CSRF_TOKEN = "benchexports" + "0" * 20


def staff_session():
    """A session cookie (and CSRF token) of a secretariat member with
    two-factor sign-in, stored in the benchmark database."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from core.permissions import SECRETARIAT_GROUP

    user, _created = get_user_model().objects.get_or_create(
        username="bench-exports", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    session = client.cookies[name].value
    return f"{name}={session}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}"


def peak_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _export_fields(url_name):
    """The names of the export form's boxes, one per column: all ticked."""
    from django import forms
    from django.contrib import admin
    from django.test import RequestFactory

    app_label, model_name = url_name.removeprefix("admin:").split("_")[:2]
    model_admin = next(
        model_admin
        for model, model_admin in admin.site._registry.items()
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name)
    )
    request = RequestFactory().get("/")
    form = model_admin.get_export_form_class()(
        model_admin.get_export_formats(),
        model_admin.get_export_resource_classes(request),
    )
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.BooleanField)
    ]


def download(server, target, cookie, timeout):
    headers = {"Cookie": cookie}
    method, body = "GET", None
    if target.startswith("admin:"):
        from django.urls import reverse

        name, export_format = target.rsplit(":", 1)
        token = CSRF_TOKEN
        method, target = "POST", reverse(name)
        body = f"format={export_format}&resource=0&csrfmiddlewaretoken={token}"
        body += "".join(f"&{field}=on" for field in _export_fields(name))
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{server.url}{target}",
                "X-CSRFToken": token,
            }
        )
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=headers)
        response = connection.getresponse()
        size = 0
        while chunk := response.read(65536):
            size += len(chunk)
        status = response.status
    except (OSError, http.client.HTTPException) as error:
        status, size = type(error).__name__, 0
    finally:
        connection.close()
    return status, time.monotonic() - started, size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn's (30)")
    parser.add_argument("--only", default="", help="names containing this")
    args = parser.parse_args(argv)
    env = production_env(bench_database_url())
    env.update(GUNICORN_TIMEOUT=str(args.timeout), REQUEST_LOG_LEVEL="WARNING")
    os.environ.update(env)
    import django

    django.setup()
    cookie = staff_session()
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    RESULTS_DIR.mkdir(exist_ok=True)
    print(f"{'download':32} {'status':>8} {'seconds':>8} {'MB sent':>8} {'peak MB':>8}")
    for name, target in DOWNLOADS.items():
        if args.only not in name:
            continue
        log_path = RESULTS_DIR / "gunicorn-exports.log"
        with Gunicorn(env, workers=1, log_path=log_path) as server:
            (worker,) = server.worker_pids()
            status, seconds, size = download(server, target, cookie, args.timeout + 30)
            try:
                peak = peak_kib(worker) / 1024
            except OSError:  # killed by the timeout
                peak = float("nan")
        print(
            f"{name:32} {status!s:>8} {seconds:8.1f} {size / 1e6:8.1f} {peak:8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
