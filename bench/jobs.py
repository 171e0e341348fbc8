"""Back-office exports as background jobs at 20x data: `python -m bench.jobs`.

On the benchmark database (built as `python -m bench` builds it), with
production settings: a secretariat member asks for the activities export
(every column, CSV then XLSX); prints how long the request took to answer,
how long a real `manage.py db_worker` took to write the file, its size, and
the worker's peak resident memory (VmHWM).
"""

import argparse
import os
import subprocess
import sys
import time

from bench.__main__ import production_env
from bench.database import BASE_DIR, bench_database_url, prepare
from bench.exports import _export_fields, peak_kib

EXPORTS = {
    "admin activities CSV": ("admin:events_activity_export", "0"),
    "admin activities XLSX": ("admin:events_activity_export", "1"),
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="names containing this")
    args = parser.parse_args(argv)
    url = bench_database_url()
    env = production_env(url)
    env.update(REQUEST_LOG_LEVEL="WARNING")
    os.environ.update(env)
    import django

    django.setup()
    print(prepare(url, env), flush=True)
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from core.models import BackgroundJob
    from core.permissions import SECRETARIAT_GROUP

    admin.autodiscover()
    user, _created = get_user_model().objects.get_or_create(
        username="bench-jobs", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    print(
        f"{'export':24} {'answer s':>8} {'job s':>8} {'rows':>8} {'MB':>6} "
        f"{'worker peak MB':>14}"
    )
    for name, (url_name, export_format) in EXPORTS.items():
        if args.only not in name:
            continue
        data = {"format": export_format, "resource": "0"}
        data.update(dict.fromkeys(_export_fields(url_name), "on"))
        started = time.monotonic()
        response = client.post(reverse(url_name), data)
        answered = time.monotonic() - started
        if response.status_code != 302:
            raise SystemExit(f"{name}: answered {response.status_code}, not a job")
        job = BackgroundJob.objects.filter(owner=user).latest("created_at")
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval=0.2"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                job.refresh_from_db()
                if job.finished:
                    break
                time.sleep(0.2)
            peak = peak_kib(worker.pid) / 1024
        finally:
            worker.terminate()
            worker.wait()
        from core import jobs

        size = jobs.storage().size(job.file) / 1e6 if job.file else 0
        seconds = (job.finished_at - job.created_at).total_seconds()
        print(
            f"{name:24} {answered:8.2f} {seconds:8.1f} {job.done:8} {size:6.1f} "
            f"{peak:14.0f}  {job.status}",
            flush=True,
        )


if __name__ == "__main__":
    main()
