"""django-tasks-db's worker, made whole: it holds a lock that says it is alive,
re-queues the tasks of workers that died mid-task, and queues the periodic jobs
(core.scheduler) when they are due."""

import logging
import os
import threading
import time

from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from core import scheduler
from core.worker import Liveness, recover_stale_tasks

logger = logging.getLogger("core.worker")

SCHEDULER_TICK = 30  # seconds


class Command(db_worker.Command):
    help = db_worker.Command.help + ", with the portal's periodic jobs"
    # The checks import every URL and view, which the worker never serves:
    # some 20 MB it would keep for nothing (migrate and the web run them).
    requires_system_checks = []

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Do not queue the periodic jobs (another worker does).",
        )

    def handle(self, *args, scheduler=True, **options):
        reloading = options["reload"] and not options["batch"]
        if not reloading or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            # The process that runs tasks (not the reloader watching it).
            liveness = Liveness(options["worker_id"])
            liveness.hold()
            recover_stale_tasks()
            if scheduler and not options["batch"]:
                threading.Thread(
                    target=self.schedule, args=[liveness], daemon=True
                ).start()
        super().handle(*args, **options)

    def schedule(self, liveness):
        while True:
            try:
                close_old_connections()
                liveness.check()
                scheduler.enqueue_due()
            except Exception:
                logger.exception("The scheduler could not queue periodic jobs")
            finally:
                close_old_connections()
            time.sleep(SCHEDULER_TICK)
