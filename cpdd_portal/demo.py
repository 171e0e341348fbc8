"""Demo accounts for the quick start. Never for production: the passwords and
the two-factor secret are printed on screen and written here."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.permissions import SECRETARIAT_GROUP

DEMO_PASSWORD = "cpdd-demo-2026"  # nosec B105: demo data only
SECRETARIAT_EMAIL = "secretariat@demo.cpdd.org.kh"
MEMBER_EMAIL = "member@demo.cpdd.org.kh"
# A fixed secret so the printed authenticator link keeps working across runs.
SECRETARIAT_TOTP_SECRET = "JBSWY3DPEHPK3PXPCPDDDEMO"  # nosec B105: demo data only


def _account(email, **flags):
    user, _ = get_user_model().objects.update_or_create(
        username=email.split("@")[0], defaults={"email": email, **flags}
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    return user


def create_demo_accounts():
    staff = _account(
        SECRETARIAT_EMAIL, first_name="Sokha", last_name="Chan", is_staff=True
    )
    staff.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    if not Authenticator.objects.filter(
        user=staff, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(staff, SECRETARIAT_TOTP_SECRET)
    member = _account(MEMBER_EMAIL, first_name="Dara", last_name="Sok")
    return staff, member


def current_totp_code():
    # The middle counter of allauth's tolerance window is "now".
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(
        hotp_value(SECRETARIAT_TOTP_SECRET, counters[len(counters) // 2])
    )


def logins_text():
    return (
        "\n"
        "  CPDD Portal demo logins (demo data only)\n"
        f"  Secretariat (back-office): {SECRETARIAT_EMAIL} / {DEMO_PASSWORD}\n"
        f"    two-factor code: `make totp` prints the current one, or add\n"
        f"    otpauth://totp/CPDD:{SECRETARIAT_EMAIL}?secret="
        f"{SECRETARIAT_TOTP_SECRET}&issuer=CPDD to an authenticator app\n"
        f"  Member representative:     {MEMBER_EMAIL} / {DEMO_PASSWORD}\n"
    )
