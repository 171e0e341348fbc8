"""When PostgreSQL cannot be reached or has no connection left to give.

Visitors then get a short 503 page in their language, with Retry-After,
instead of the generic 500; the outage is logged once when it starts and once
when it ends, not on every request in between (a busy site would otherwise
write thousands of identical tracebacks a minute).
"""

import logging
import sys

import psycopg
from django.core.cache import cache
from django.db import InterfaceError
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.views import defaults

logger = logging.getLogger("cpdd_portal.outage")

RETRY_AFTER_SECONDS = 30
UNREACHABLE = "unreachable"
FULL = "full"
# PostgreSQL refuses a connection with these when every slot is taken (for
# the server, a role or a database); at connection time psycopg gives no
# SQLSTATE, only the server's message.
_FULL_MESSAGES = (
    "too many clients",
    "too many connections",
    "remaining connection slots are reserved",
)
# Connection exceptions, server shutting down, too many connections.
_UNAVAILABLE_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
# Shared by the workers (through the cache) so that one of them logs. It
# expires, so that a long outage is logged again now and then, and so that a
# key left by workers that were replaced before the end cannot hide the next.
_OUTAGE_KEY = "database-outage"
_OUTAGE_LOG_INTERVAL = 600
_seen_outage = False


def database_unavailable(exc):
    """FULL or UNREACHABLE when `exc` (or what caused it) says the database
    cannot serve us at all, None for any other error (a bad query, a
    deadlock, a timeout) which stays a 500."""
    while exc is not None:
        if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
            sqlstate = exc.sqlstate or ""
            message = str(exc)
            if sqlstate == "53300" or any(m in message for m in _FULL_MESSAGES):
                return FULL
            if isinstance(exc, psycopg.InterfaceError) or not sqlstate:
                # No SQLSTATE: the connection failed or was lost.
                return UNREACHABLE
            if sqlstate.startswith(_UNAVAILABLE_SQLSTATES):
                return UNREACHABLE
            return None
        if isinstance(exc, InterfaceError) and exc.__cause__ is None:
            return UNREACHABLE  # Django's own "connection already closed"
        exc = exc.__cause__ or exc.__context__
    return None


def record_outage(reason, exc):
    """Log the start of an outage once, whichever worker meets it first."""
    global _seen_outage
    _seen_outage = True
    try:
        first = cache.add(_OUTAGE_KEY, reason, timeout=_OUTAGE_LOG_INTERVAL)
    except Exception:  # the cache may be down too: log from this worker
        first = True
    if first:
        logger.error(
            "The database is unavailable (%s): answering 503 until it is back.",
            reason,
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"reason": reason},
        )


def _connected(sender, connection, **kwargs):
    """A new connection succeeded: if this worker saw the outage, it is over."""
    global _seen_outage
    if not _seen_outage:
        return
    _seen_outage = False
    try:
        ended = cache.delete(_OUTAGE_KEY)
    except Exception:
        ended = True
    if ended:
        logger.warning("The database is available again.")


def connect_recovery():
    connection_created.connect(_connected, dispatch_uid="cpdd_portal.outage")


def server_error(request):
    """handler500: the 503 page when the database is unavailable, else the
    usual 500 page. Django calls it inside the `except` block of whatever
    failed (a middleware's session or user lookup, a view, a template), so
    the exception is sys.exception()."""
    exc = sys.exception()
    reason = database_unavailable(exc) if exc else None
    if reason is None:
        return defaults.server_error(request)
    record_outage(reason, exc)
    return unavailable_response(request)


def unavailable_response(request):
    """The 503 page in the language of the address (/km/ is Khmer), rendered
    without a request context: no session, user or anything else that would
    ask the database."""
    language = translation.get_language_from_path(request.path_info) or "en"
    with translation.override(language):
        content = loader.get_template("503.html").render(
            {"LANGUAGE_CODE": language, "home_url": "/km/" if language == "km" else "/"}
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    # Logged once per outage by record_outage, not by django.request per hit.
    response._has_been_logged = True
    return response
