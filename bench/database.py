"""The benchmark's own database: created when missing, migrated on every run,
filled once per data fingerprint (see `bench/data.py`)."""

import hashlib
import importlib
import inspect
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_CLUSTER = "postgres://postgres@127.0.0.1:54329/cpdd"
DEMO_COMMAND = "load_demo_data"


def bench_database_url():
    """$BENCH_DATABASE_URL, else $DATABASE_URL (or the local cluster) with the
    database renamed `cpdd_bench`: the benchmark never touches the dev data."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL") or LOCAL_CLUSTER)
    return urlunsplit(parts._replace(path="/cpdd_bench"))


def _connect(url, dbname=None):
    config = environ.Env.db_url_config(url)
    return psycopg.connect(
        dbname=dbname or config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
        connect_timeout=5,
    )


def _ensure_cluster(url):
    """Start the project's local PostgreSQL if the URL points at it and it is
    down (`make bench` does this already; `python -m bench` may not)."""
    try:
        _connect(url, dbname="postgres").close()
    except psycopg.OperationalError:
        if urlsplit(url).netloc.endswith("127.0.0.1:54329"):
            subprocess.run([BASE_DIR / "scripts" / "localdb.sh", "start"], check=True)
        else:
            raise


def _database_exists(url, name):
    with _connect(url, dbname="postgres") as conn:
        row = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
    return row is not None


def _stored_fingerprint(url):
    with _connect(url) as conn:
        if conn.execute("SELECT to_regclass('bench_dataset')").fetchone()[0] is None:
            return None
        row = conn.execute("SELECT fingerprint FROM bench_dataset").fetchone()
    return row[0] if row else None


def _store_fingerprint(url, fingerprint):
    # A table of our own, outside Django's migrations, so it never shows up in
    # `makemigrations --check` and dies with the database.
    with _connect(url) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_dataset"
            " (fingerprint text NOT NULL, built_at timestamptz NOT NULL)"
        )
        conn.execute("DELETE FROM bench_dataset")
        conn.execute("INSERT INTO bench_dataset VALUES (%s, now())", [fingerprint])


def demo_command():
    """The demo-data command's module, or None while it does not exist."""
    from django.core.management import get_commands

    app = get_commands().get(DEMO_COMMAND)
    if app is None:
        return None
    return importlib.import_module(f"{app}.management.commands.{DEMO_COMMAND}")


def dataset_fingerprint():
    """A hash of what builds the data: DATASET_VERSION, bench/data.py, and the
    demo-data command with the project modules it imports directly."""
    from bench import data

    files = {Path(data.__file__)}
    if command := demo_command():
        files.add(Path(command.__file__))
        for value in vars(command).values():
            module = value if inspect.ismodule(value) else None
            module = module or sys.modules.get(getattr(value, "__module__", ""))
            path = Path(getattr(module, "__file__", None) or "/")
            if path.is_relative_to(BASE_DIR) and ".venv" not in path.parts:
                files.add(path)
    digest = hashlib.sha256(f"v{data.DATASET_VERSION}".encode())
    for path in sorted(files):
        digest.update(path.relative_to(BASE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def manage(env, *args):
    """Run a management command in a subprocess; show its output only on failure."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({done.returncode})")
    return done.stdout


def prepare(url, env, *, rebuild=False, log=print):
    """Make the benchmark database ready; return a one-line account of it.

    Django must be set up (on this database) before this is called.
    """
    from django.db import connections

    name = environ.Env.db_url_config(url)["NAME"]
    _ensure_cluster(url)
    fingerprint = dataset_fingerprint()
    exists = _database_exists(url, name)
    if exists and (rebuild or _stored_fingerprint(url) != fingerprint):
        if "bench" not in name:
            raise SystemExit(
                f"Refusing to drop database {name!r}: its name has no 'bench' in it."
            )
        log(f"Dataset changed (or --rebuild-data): dropping database {name}...")
        connections.close_all()
        with _connect(url, dbname="postgres") as conn:
            conn.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        exists = False
    if not exists:
        with _connect(url, dbname="postgres") as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    started = time.monotonic()
    manage(env, "migrate", "--noinput")
    if exists:
        return f"{name}: reused dataset {fingerprint} (migrated)"

    steps = ["migrate"]
    if command := demo_command():
        parser = command.Command().create_parser("manage.py", DEMO_COMMAND)
        flags = parser._option_string_actions  # argparse has no public lookup
        extra = ["--allow-production"] if "--allow-production" in flags else []
        log(f"Loading demo data into {name}...")
        manage(env, DEMO_COMMAND, *extra)
        steps.append(DEMO_COMMAND)
    else:
        log(f"No `{DEMO_COMMAND}` command yet: the dataset is migrations only.")
    from bench import data

    data.build_dataset()
    steps.append("build_dataset()")
    _store_fingerprint(url, fingerprint)
    return (
        f"{name}: built dataset {fingerprint} ({', '.join(steps)})"
        f" in {time.monotonic() - started:.0f} s"
    )


def server_version(url):
    with _connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]
