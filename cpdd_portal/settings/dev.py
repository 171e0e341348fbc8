"""Local development: DEBUG on, the local PostgreSQL cluster that `make run` starts."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault(
    "SECRET_KEY",
    "dev-only-insecure-key-never-used-in-production",  # nosec B105
)
# This checkout's own cluster (scripts/localdb.sh), on its port.
os.environ.setdefault(
    "DATABASE_URL",
    "postgres://postgres@127.0.0.1:{port}/{name}".format(
        port=os.environ.get("CPDD_PGPORT") or "54329",
        name=os.environ.get("CPDD_PGDATABASE") or "cpdd",
    ),
)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

from .base import *  # noqa: F403
