"""Test settings: the same PostgreSQL as development, fast hashing, no DEBUG."""

import os

os.environ.setdefault(
    "SECRET_KEY",
    "test-only-insecure-key-never-used-in-production",  # nosec B105
)
# This checkout's own cluster (scripts/localdb.sh), on its port.
os.environ.setdefault(
    "DATABASE_URL",
    "postgres://postgres@127.0.0.1:{port}/{name}".format(
        port=os.environ.get("CPDD_PGPORT") or "54329",
        name=os.environ.get("CPDD_PGDATABASE") or "cpdd",
    ),
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# Tasks run at once, in the test process, where a test does not care; the mail
# tests use the database backend and a real worker (tests/conftest.py).
os.environ.setdefault(
    "TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
)

from .base import *  # noqa: F403
from .base import DATABASES, LOGGING, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
LOGGING["loggers"]["cpdd_portal.requests"]["level"] = "WARNING"
# Several test runs on one server (e.g. two checkouts) each need their own name.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME")}
