"""The one way the portal sends email: queued, then delivered by the worker.

`send()` and `send_message()` store the message and its delivery task in the
caller's transaction, so a rolled-back action sends nothing and a committed one
always has its email queued; no request ever waits on, or fails because of, the
SMTP server. `deliver` runs in `manage.py db_worker`: one attempt with a short
timeout (SMTP_TIMEOUT), and on failure another later, with exponential backoff,
until MAIL_MAX_ATTEMPTS, when the email is marked failed for the secretariat to
see and retry in the back-office.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone

from .models import OutgoingMail

logger = logging.getLogger(__name__)


def send(
    subject,
    body,
    to,
    *,
    html_body=None,
    from_email=None,
    cc=(),
    bcc=(),
    reply_to=(),
    headers=None,
):
    """Queue an email; returns the OutgoingMail."""
    mail = OutgoingMail.objects.create(
        subject=" ".join(str(subject).splitlines()),
        body=body,
        html_body=html_body or "",
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=[str(address) for address in to],
        cc=list(cc),
        bcc=list(bcc),
        reply_to=list(reply_to),
        headers=dict(headers or {}),
    )
    _enqueue(mail)
    return mail


def send_message(message):
    """Queue a Django EmailMessage (or EmailMultiAlternatives) as it is."""
    if message.attachments:
        raise ValueError("Attachments cannot be queued; link to the file instead.")
    html_body = None
    body = message.body
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html_body = content
    if message.content_subtype == "html":
        html_body, body = body, ""
    return send(
        message.subject,
        body,
        message.to,
        html_body=html_body,
        from_email=message.from_email,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=message.reply_to,
        headers=message.extra_headers,
    )


def retry(mail):
    """Queue a failed email again, for a full round of attempts."""
    with transaction.atomic():
        updated = OutgoingMail.objects.filter(
            pk=mail.pk, status=OutgoingMail.Status.FAILED
        ).update(status=OutgoingMail.Status.QUEUED, attempts=0, next_attempt_at=None)
        if updated:
            _enqueue(mail)
    return bool(updated)


def _enqueue(mail, *, run_after=None):
    task = deliver
    if run_after is not None:
        task = deliver.using(run_after=run_after)
    if task.get_backend().supports_defer:
        # A database backend: the task row joins the caller's transaction.
        task.enqueue(mail.pk)
    else:
        # A backend that runs the task at once must wait for the commit.
        transaction.on_commit(lambda: task.enqueue(mail.pk))


def retry_delay(attempts):
    """How long to wait after the `attempts`-th failed attempt."""
    seconds = settings.MAIL_RETRY_DELAY * 2 ** min(attempts - 1, 30)
    return timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_DELAY))


@task
def deliver(mail_id):
    """One attempt at sending OutgoingMail `mail_id`."""
    # A queued email, or one whose worker was killed mid-send (the task is
    # then run again: at least once, never lost).
    claimed = OutgoingMail.objects.filter(
        pk=mail_id,
        status__in=[OutgoingMail.Status.QUEUED, OutgoingMail.Status.SENDING],
    ).update(
        status=OutgoingMail.Status.SENDING,
        attempts=F("attempts") + 1,
        last_attempt_at=timezone.now(),
    )
    if not claimed:
        return "skipped"
    mail = OutgoingMail.objects.get(pk=mail_id)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        reply_to=mail.reply_to,
        headers=mail.headers,
    )
    if mail.html_body:
        if mail.body:
            message.attach_alternative(mail.html_body, "text/html")
        else:
            message.body = mail.html_body
            message.content_subtype = "html"
    try:
        message.send()
    except Exception as exc:  # any failure of the mail server or the network
        return _failed(mail, exc)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENT,
        sent_at=timezone.now(),
        next_attempt_at=None,
        body="",
        html_body="",
    )
    return "sent"


def _failed(mail, exc):
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, last_error=error, next_attempt_at=None
        )
        logger.error("Gave up on email %s after %s attempts", mail.pk, mail.attempts)
        return "failed"
    if not deliver.get_backend().supports_defer:
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.FAILED, last_error=error
        )
        return "failed"
    next_attempt_at = timezone.now() + retry_delay(mail.attempts)
    with transaction.atomic():
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=OutgoingMail.Status.QUEUED,
            last_error=error,
            next_attempt_at=next_attempt_at,
        )
        _enqueue(mail, run_after=next_attempt_at)
    logger.warning(
        "Email %s not sent (attempt %s), next attempt at %s: %s",
        mail.pk,
        mail.attempts,
        next_attempt_at.isoformat(),
        error,
    )
    return "retrying"
