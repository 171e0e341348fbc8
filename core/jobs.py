"""Back-office imports and exports of any size, done by the worker.

The request that asks for one stores a BackgroundJob and its task in one
transaction and answers at once with the job's page, which shows how far it
is (rows done out of the total, written by the worker on a connection of its
own so that an import's transaction does not hide it), then the result: the
import's counts or errors, or the exported file to download. Only the staff
member who asked sees the page and the file, and only with two-factor sign-in
and the permission the job needed; finished jobs and their files are removed
after BACKGROUND_JOB_KEEP (core.tasks). A worker killed mid-job leaves its task
to be run again from the start (core.worker): an import is one transaction,
so nothing of the interrupted run was kept.
"""

import contextlib
import logging
import time

from django.conf import settings
from django.contrib import admin
from django.core.files.storage import storages
from django.db import connections, transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import BackgroundJob
from .storage import remove_stale_files

logger = logging.getLogger(__name__)

EXPORT_FOLDER = "exports"
PROGRESS_INTERVAL = 0.5  # seconds between two writes of a job's progress
HANDLERS = {
    BackgroundJob.Kind.EXPORT: "core.exports.run_export_job",
    BackgroundJob.Kind.IMPORT_PREVIEW: "core.imports.run_import_preview_job",
    BackgroundJob.Kind.IMPORT: "core.imports.run_import_job",
}


def storage():
    """Where job files live: private storage, as for pending imports."""
    return storages["import_export"]


def start(*, kind, owner, model, permission, language, params=None, **fields):
    """Record a job and queue it; returns the BackgroundJob."""
    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=kind,
            owner=owner,
            model=model._meta.label_lower,
            permission=permission,
            language=language or settings.LANGUAGE_CODE,
            params=params or {},
            **fields,
        )
        if run.get_backend().supports_defer:
            # A database backend: the task row joins this transaction.
            run.enqueue(str(job.pk))
    if not run.get_backend().supports_defer:
        # A backend that runs tasks at once (tests): the job is committed, or
        # in the test's own transaction, and visible to the task.
        run.enqueue(str(job.pk))
        job.refresh_from_db()
    return job


def page_url(job):
    return reverse("admin:core_backgroundjob_progress", args=[job.pk])


def model_admin_for(job):
    from django.apps import apps

    model = apps.get_model(job.model)
    if model not in admin.site._registry:
        # The worker serves no URLs, so nothing has loaded the admin modules.
        admin.autodiscover()
    return admin.site._registry[model]


class Progress:
    """Records rows done on a connection of its own, at most every
    PROGRESS_INTERVAL seconds."""

    def __init__(self, job):
        self.job = job
        self.last = 0.0
        self.wrapper = None

    def set_total(self, total):
        self.job.total = total
        self._write(force=True)

    def __call__(self, done):
        self.job.done = done
        if time.monotonic() - self.last >= PROGRESS_INTERVAL:
            self._write()

    def _write(self, *, force=False):
        self.last = time.monotonic()
        try:
            if self.wrapper is None:
                self.wrapper = connections.create_connection("default")
                self.wrapper.ensure_connection()
                self.wrapper.set_autocommit(True)
            with self.wrapper.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {BackgroundJob._meta.db_table} "  # noqa: S608 (a model's table)
                    "SET done = %s, total = %s WHERE id = %s",
                    [self.job.done, self.job.total, self.job.pk],
                )
        except Exception:
            # Progress is a courtesy: never fail the job for it.
            logger.warning("Could not record the progress of job %s", self.job.pk)
            self.close()

    def close(self):
        if self.wrapper is not None:
            with contextlib.suppress(Exception):  # a dead connection
                self.wrapper.close()
            self.wrapper = None


def finish(job, *, status, result=None, **fields):
    job.status = status
    job.finished_at = timezone.now()
    if result is not None:
        job.result = result
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


@task
def run(job_id):
    """Do BackgroundJob `job_id` (again, from the start, if its worker died)."""
    claimed = BackgroundJob.objects.filter(
        pk=job_id,
        status__in=[BackgroundJob.Status.QUEUED, BackgroundJob.Status.RUNNING],
    ).update(status=BackgroundJob.Status.RUNNING, done=0)
    if not claimed:
        return "skipped"
    job = BackgroundJob.objects.get(pk=job_id)
    handler = import_string(HANDLERS[job.kind])
    progress = Progress(job)
    with translation.override(job.language):
        try:
            handler(job, progress)
        except Exception as exc:
            logger.exception("Background job %s failed", job.pk)
            finish(
                job,
                status=BackgroundJob.Status.FAILED,
                result={
                    **job.result,
                    "message": _(
                        "The job stopped on an unexpected error and nothing was "
                        "saved. Try again, or tell the site's administrators."
                    ),
                    # For the administrators (not shown on the page).
                    "error": f"{type(exc).__name__}: {exc}"[:1000],
                },
            )
        finally:
            progress.close()
    return job.status


def remove_expired(now=None):
    """Delete jobs asked for longer than BACKGROUND_JOB_KEEP ago with their
    files, and files no job refers to any more; returns how many jobs."""
    now = now or timezone.now()
    cutoff = now - settings.BACKGROUND_JOB_KEEP
    expired = BackgroundJob.objects.filter(created_at__lt=cutoff)
    files = storage()
    count = 0
    for job in expired.only("pk", "file", "params", "kind"):
        if job.file:
            files.delete(job.file)
        pending = job.params.get("import_file_name")
        if pending:
            from .imports import remove_pending_file

            remove_pending_file(pending)
        job.delete()
        count += 1
    remove_stale_files(files, EXPORT_FOLDER, older_than=settings.BACKGROUND_JOB_KEEP)
    return count
