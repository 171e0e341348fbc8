"""Production: every secret comes from the environment, with no default."""

from .base import *  # noqa: F403
from .base import cache_config, env

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS starts short: a mistake in the certificate set-up then locks visitors
# out for an hour, not a year. Raise SECURE_HSTS_SECONDS once HTTPS has worked
# for a while; subdomains and preload bind every subdomain (and, through the
# browsers' list, for months), so they are switched on deliberately or not at
# all, and the checks that ask for them are silenced only while they are off.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [
    check
    for check, switched_on in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not switched_on
]

# Mail settings are in base.py; production refuses to start without a server.
SMTP_HOST = env("SMTP_HOST")

# The page cache's invalidation must reach every worker: without CACHE_URL
# (Redis, needed once there are several web containers), the workers of one
# container share a diskcache folder.
CACHES = {
    "default": cache_config(
        env("CACHE_URL", default="diskcache:///tmp/cpdd-portal-diskcache")
    )
}

# Errors to Sentry or GlitchTip (same protocol) when SENTRY_DSN is set: the
# exception and stack, never cookies, headers with credentials or the user.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        send_default_pii=False,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
