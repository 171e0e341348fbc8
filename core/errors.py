"""Server errors by email to ADMINS, through the mail queue like any email."""

import threading

from django.conf import settings
from django.utils.log import AdminEmailHandler

_sending = threading.local()


class QueuedAdminEmailHandler(AdminEmailHandler):
    """Queues the error report for the worker instead of talking to the SMTP
    server inside the failing request. If the report cannot be queued (the
    database is down, which is likely why the request failed), it is dropped:
    the error is in the log all the same."""

    def send_mail(self, subject, message, *args, html_message=None, **kwargs):
        if not settings.ADMINS or getattr(_sending, "active", False):
            return
        from django.db import transaction

        from core import mail

        _sending.active = True
        try:
            # A savepoint when inside a transaction: a failure here must not
            # break the caller's.
            with transaction.atomic():
                mail.send(
                    f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                    message,
                    settings.ADMINS,
                    html_body=html_message,
                    from_email=settings.SERVER_EMAIL,
                )
        except Exception:  # noqa: S110 - never fail, or recurse, over a report
            pass
        finally:
            _sending.active = False
