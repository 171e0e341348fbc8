"""The one rule for staff and two-factor sign-in, for the admin and any staff page."""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def needs_two_factor_setup(user):
    """Staff must turn on two-factor sign-in before using the back-office."""
    return user.is_authenticated and user.is_staff and not is_mfa_enabled(user)


def redirect_to_two_factor_setup(request):
    messages.warning(
        request, _("Set up two-factor sign-in before using the back-office.")
    )
    return redirect("mfa_activate_totp")
