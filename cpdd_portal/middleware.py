import logging
import time

from django.db import DatabaseError
from django.urls import reverse

from core.twofactor import needs_two_factor_setup, redirect_to_two_factor_setup

request_log = logging.getLogger("cpdd_portal.requests")


class RequestLogMiddleware:
    """One structured (JSON) log line per request: what, who, how long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": _user_id(request),
                "remote_addr": request.META.get("REMOTE_ADDR"),
            },
        )
        return response


def _user_id(request):
    user = getattr(request, "user", None)
    try:
        return user.pk if user and user.is_authenticated else None
    except DatabaseError:  # the database is down: the 503 page is logged
        return None


class StaffTwoFactorMiddleware:
    """Staff must turn on two-factor sign-in before they may use the back-office.

    allauth asks for the second factor at sign-in once it is enabled; this
    closes the gap before it is: a staff member without an authenticator is
    sent to set one up instead of reaching the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.admin_prefix()) and needs_two_factor_setup(
            request.user
        ):
            return redirect_to_two_factor_setup(request)
        return self.get_response(request)

    @staticmethod
    def admin_prefix():
        return reverse("admin:index")
