"""Periodic jobs: declared where they live, queued by the worker.

    from core.scheduler import periodic

    @periodic(every=timedelta(days=1))
    def send_dues_reminders(): ...

An app's periodic jobs live in its `tasks.py` (found at start-up, as the admin
finds `admin.py`). Each worker (`manage.py db_worker`) checks every
SCHEDULER_TICK seconds which jobs are due and queues them as ordinary tasks; a
row per job in PeriodicRun, locked while it is checked, makes each run once per
interval however many workers there are.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.tasks import Task, task
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from .models import PeriodicRun

_registry = {}


@dataclass(frozen=True)
class PeriodicJob:
    task: Task
    every: timedelta


def periodic(*, every):
    """Make the function a task, queued once every `every`."""

    def decorator(func):
        job = task(func)
        _registry[job.module_path] = PeriodicJob(task=job, every=every)
        return job

    return decorator


def registered():
    autodiscover_modules("tasks")
    return dict(_registry)


def enqueue_due(now=None):
    """Queue each periodic job whose interval has passed (or that never ran);
    returns their names."""
    now = now or timezone.now()
    queued = []
    for name, job in registered().items():
        with transaction.atomic():
            run, created = PeriodicRun.objects.select_for_update().get_or_create(
                name=name, defaults={"last_run_at": now}
            )
            if created or run.last_run_at + job.every <= now:
                job.task.enqueue()
                run.last_run_at = now
                run.save(update_fields=["last_run_at"])
                queued.append(name)
    return queued
