"""What keeps the background worker whole when one is killed.

Each worker holds a PostgreSQL advisory lock named after its id for as long as
its process lives (on a connection of its own: the server releases the lock the
moment the process dies, however it dies). A task left "running" by a worker
whose lock is free was interrupted, and is put back in the queue: at every
worker's start and every minute (core.tasks).
"""

import contextlib
import logging
import zlib

from django.db import connection, connections, transaction
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# pg_advisory_lock(LOCK_CLASS, worker key): the first half tells our locks apart.
LOCK_CLASS = 0x43504444  # "CPDD"


def worker_key(worker_id):
    return zlib.crc32(worker_id.encode()) & 0x7FFFFFFF


class Liveness:
    """The lock that says "worker `worker_id` is alive"."""

    def __init__(self, worker_id):
        self.key = worker_key(worker_id)
        self.wrapper = None

    def hold(self):
        self.release()
        # Not the thread's usual connection, which Django closes and reopens.
        self.wrapper = connections.create_connection("default")
        self.wrapper.ensure_connection()
        self.wrapper.connection.execute(
            "SELECT pg_advisory_lock(%s, %s)", [LOCK_CLASS, self.key]
        )

    def check(self):
        """Take the lock again if the database was restarted."""
        try:
            self.wrapper.connection.execute("SELECT 1")
        except Exception:
            logger.warning("Worker lock lost; taking it again")
            self.hold()

    def release(self):
        if self.wrapper is not None:
            with contextlib.suppress(Exception):  # a dead connection
                self.wrapper.close()
            self.wrapper = None


def recover_stale_tasks():
    """Put back in the queue the tasks whose worker is gone; returns how many."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT objid FROM pg_locks WHERE locktype = 'advisory' "
                "AND classid = %s AND objsubid = 2 AND granted",
                [LOCK_CLASS],
            )
            alive = {row[0] for row in cursor.fetchall()}
        stale = [
            result.pk
            for result in DBTaskResult.objects.running()
            .select_for_update(skip_locked=True)
            .only("pk", "worker_ids")
            if not result.worker_ids or worker_key(result.worker_ids[-1]) not in alive
        ]
        if stale:
            DBTaskResult.objects.filter(pk__in=stale).update(
                status=TaskResultStatus.READY, started_at=None
            )
            logger.warning("Re-queued %s task(s) left by a stopped worker", len(stale))
    return len(stale)
