"""The benchmark's data, built once per fingerprint and reused after.

`bench.database.prepare()` runs migrations and the demo-data command, then
calls `build_dataset()`. Bump DATASET_VERSION (or run with --rebuild-data)
when the data built here changes: the benchmark database is then dropped and
built again.
"""

import os

DATASET_VERSION = 1
# Scale of the data `build_dataset()` adds on top of the demo data.
SCALE = 20


def build_dataset():
    """Bulk-insert the benchmark's data at SCALE times the demo data.

    Runs in-process with Django set up on the benchmark database, after
    `migrate` and `load_demo_data`, once per fingerprint. Use `bulk_create`
    in batches and deterministic values (a seeded `random.Random`), so every
    run loads the same pages.
    """
    # A later issue fills this in (organizations, activities, news, case
    # studies, recommendations) once those models exist.


def bench_member():
    """The user whose session the signed-in pages are loaded with.

    $BENCH_USER_EMAIL if set, else the demo member representative, else a
    benchmark-only member created here (never staff: staff pages need MFA).
    """
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    User = get_user_model()
    email = os.environ.get("BENCH_USER_EMAIL")
    if not email:
        try:
            from cpdd_portal.demo import MEMBER_EMAIL as email
        except ImportError:
            email = None
    if email and (user := User.objects.filter(email=email).first()):
        return user
    user, _ = User.objects.get_or_create(
        username="bench-member", defaults={"email": "bench-member@example.org"}
    )
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    return user
