"""The background worker as it runs in production: a real `manage.py
db_worker` process, killed, restarted, idle, and mailing errors to ADMINS."""

import os
import signal
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse
from django_tasks_db.models import DBTaskResult

import cpdd_portal.urls
from core import mail
from core.models import OutgoingMail, PeriodicRun
from tests.conftest import free_port, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PERIODIC_JOBS = {
    "core.tasks.recover_interrupted_tasks",
    "core.tasks.prune_finished",
    "core.tasks.remove_expired_jobs",
}


def broken_page(request):
    raise ZeroDivisionError("a bug in a view")


urlpatterns = [path("broken/", broken_page), *cpdd_portal.urls.urlpatterns]


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def test_a_mail_interrupted_by_a_killed_worker_is_delivered_once_by_the_next(
    database_tasks, smtp_sink, run_worker
):
    port = free_port()
    smtp_sink.start(port, delay=5)
    queued = mail.send("Your invitation", "Follow the link", ["rep@example.org"])
    first = run_worker(smtp_port=port)
    wait_for(lambda: OutgoingMail.objects.filter(status="sending").exists())
    time.sleep(0.5)  # inside the SMTP conversation

    os.kill(first.pid, signal.SIGKILL)
    first.wait()

    task = DBTaskResult.objects.get(task_path="core.mail.deliver")
    assert task.status == "RUNNING"
    assert not smtp_sink.messages
    run_worker(smtp_port=port)
    wait_for(
        lambda: OutgoingMail.objects.filter(pk=queued.pk, status="sent").exists(),
        timeout=60,
    )
    assert len(smtp_sink.messages) == 1
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert len(task.worker_ids) == 2


def test_a_running_worker_is_not_robbed_of_its_task(
    database_tasks, smtp_sink, run_worker
):
    port = free_port()
    smtp_sink.start(port, delay=4)
    queued = mail.send("Your invitation", "Follow the link", ["rep@example.org"])
    run_worker(smtp_port=port)
    wait_for(lambda: OutgoingMail.objects.filter(status="sending").exists())

    # A second worker starts and recovers stale tasks: this one is not stale.
    run_worker(smtp_port=port)
    wait_for(lambda: PeriodicRun.objects.count() == len(PERIODIC_JOBS))
    wait_for(lambda: OutgoingMail.objects.filter(pk=queued.pk, status="sent").exists())
    time.sleep(1)
    assert len(smtp_sink.messages) == 1
    assert len(DBTaskResult.objects.get(task_path="core.mail.deliver").worker_ids) == 1


def test_the_worker_runs_the_periodic_jobs_and_idles_small(run_worker):
    worker = run_worker(smtp_port=free_port())

    wait_for(
        lambda: (
            DBTaskResult.objects.filter(
                task_path__in=PERIODIC_JOBS, status="SUCCESSFUL"
            ).count()
            == len(PERIODIC_JOBS)
        )
    )
    assert set(PeriodicRun.objects.values_list("name", flat=True)) == PERIODIC_JOBS
    time.sleep(2)  # idle: polling an empty queue
    rss = rss_mb(worker.pid)
    assert rss < 80, f"the idle worker holds {rss:.0f} MB"
    # Not due again before their interval: no second run.
    assert DBTaskResult.objects.filter(task_path__in=PERIODIC_JOBS).count() == len(
        PERIODIC_JOBS
    )


def test_a_server_error_reaches_the_admins_through_the_queue(
    settings, database_tasks, smtp_sink, run_worker
):
    settings.ROOT_URLCONF = __name__
    settings.ADMINS = ["Portal admin <admin@example.org>"]
    port = free_port()
    smtp_sink.start(port)

    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    report = OutgoingMail.objects.get()
    assert report.to == ["Portal admin <admin@example.org>"]
    run_worker(smtp_port=port)
    wait_for(lambda: smtp_sink.messages)
    (message,) = smtp_sink.messages
    assert "admin@example.org" in message["To"]
    assert "ZeroDivisionError" in message["Subject"] + message.as_string()


def test_pages_never_ask_about_the_queue(client, database_tasks, run_worker):
    run_worker(smtp_port=free_port())
    mail.send("Queued", "A queued email", ["someone@example.org"])
    pages = ["home", "members:directory", "members:apply"]
    for url in map(reverse, pages):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        sql = " ".join(query["sql"] for query in queries.captured_queries)
        assert "django_tasks_database" not in sql
        assert "core_outgoingmail" not in sql


@pytest.mark.django_db(transaction=False)
def test_compose_runs_the_worker_and_caps_every_log():
    from pathlib import Path

    import yaml

    compose = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "compose.yaml").read_text()
    )
    services = compose["services"]
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    assert services["worker"]["image"] == services["web"]["image"]
    for name, service in services.items():
        assert service["logging"]["options"]["max-size"], name
