import logging
import time

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

request_log = logging.getLogger("cpdd_portal.requests")


class RequestLogMiddleware:
    """One structured (JSON) log line per request: what, who, how long."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        request_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user and user.is_authenticated else None,
                "remote_addr": request.META.get("REMOTE_ADDR"),
            },
        )
        return response


class StaffTwoFactorMiddleware:
    """Staff must turn on two-factor sign-in before they may use the back-office.

    allauth asks for the second factor at sign-in once it is enabled; this
    closes the gap before it is: a staff member without an authenticator is
    sent to set one up instead of reaching the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and request.path.startswith(self.admin_prefix())
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("Set up two-factor sign-in before using the back-office."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def admin_prefix():
        return reverse("admin:index")
