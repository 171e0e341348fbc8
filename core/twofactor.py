"""The one rule for staff and two-factor sign-in.

Staff see what the public does not (drafts, internal and members-only records
and files, back-office pages, figures and downloads) only once two-factor
sign-in is turned on; until then they get what the public gets, and the
back-office sends them to set it up. Every queryset, view, file download,
template and cache that tells staff apart asks `sees_as_staff()` (or
`has_staff_perm()` for a model permission).
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def sees_as_staff(user):
    """Whether `user` sees what the secretariat sees: staff with two-factor
    sign-in turned on. Kept on the user object, so a request asks the
    database once however often it is called."""
    try:
        return user._sees_as_staff
    except AttributeError:
        pass
    answer = bool(user.is_authenticated and user.is_staff and is_mfa_enabled(user))
    user._sees_as_staff = answer
    return answer


def has_staff_perm(user, perm):
    """A back-office permission asked outside the admin: it counts only for
    staff with two-factor sign-in, as the admin itself requires."""
    return sees_as_staff(user) and user.has_perm(perm)


def needs_two_factor_setup(user):
    """Staff must turn on two-factor sign-in before using the back-office."""
    return user.is_authenticated and user.is_staff and not sees_as_staff(user)


def redirect_to_two_factor_setup(request):
    messages.warning(
        request, _("Set up two-factor sign-in before using the back-office.")
    )
    return redirect("mfa_activate_totp")


class TwoFactorForStaffMixin:
    """A view that staff may use only with two-factor sign-in turned on: those
    without it are sent to set it up first."""

    def dispatch(self, request, *args, **kwargs):
        if needs_two_factor_setup(request.user):
            return redirect_to_two_factor_setup(request)
        return super().dispatch(request, *args, **kwargs)


class BackOfficeMixin(TwoFactorForStaffMixin, PermissionRequiredMixin):
    """Staff pages outside the admin: a model permission, and two-factor
    sign-in turned on, as the admin itself requires."""

    def has_permission(self):
        # A user outside staff holding the permission through a group is
        # still not the back-office.
        return sees_as_staff(self.request.user) and super().has_permission()
