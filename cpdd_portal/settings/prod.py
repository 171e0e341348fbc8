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
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

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
