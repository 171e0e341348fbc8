"""The portal's own periodic jobs (core.scheduler)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .models import OutgoingMail
from .scheduler import periodic
from .worker import recover_stale_tasks

# Delivered emails are listed in the back-office this long (their bodies are
# dropped at delivery); failed ones stay until someone deals with them.
KEEP_DELIVERED_MAIL = timedelta(days=90)
KEEP_FINISHED_TASKS = timedelta(days=14)


@periodic(every=timedelta(minutes=1))
def recover_interrupted_tasks():
    return recover_stale_tasks()


@periodic(every=timedelta(days=1))
def prune_finished():
    """Forget finished tasks and old delivered emails."""
    now = timezone.now()
    tasks, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - KEEP_FINISHED_TASKS)
        .delete()
    )
    mails, _ = OutgoingMail.objects.filter(
        status=OutgoingMail.Status.SENT, sent_at__lt=now - KEEP_DELIVERED_MAIL
    ).delete()
    return {"tasks": tasks, "emails": mails}


@periodic(every=timedelta(hours=1))
def remove_expired_jobs():
    """Forget finished imports and exports, and delete their files."""
    from .jobs import remove_expired

    return remove_expired()
