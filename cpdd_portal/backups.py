"""Backups of the whole portal, and their restore.

A backup is one dated folder, BACKUP_ROOT/cpdd-<UTC time>/, holding
database.dump (pg_dump's custom format), media.tar.gz (public uploads),
private-media.tar.gz (members-only and internal files) and manifest.json (the
SHA-256 of each, checked before anything is restored). It is written under a
hidden name and renamed when complete, so a folder with the dated name is
always a whole backup. `manage.py backup` and `manage.py restore` call this.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

NAME_FORMAT = "cpdd-%Y%m%dT%H%M%SZ"
NAME_PATTERN = re.compile(r"^cpdd-\d{8}T\d{6}Z$")
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
PRIVATE_MEDIA_FILE = "private-media.tar.gz"
MANIFEST_FILE = "manifest.json"


class BackupError(Exception):
    """Something a person must fix; the message says what."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def media_roots():
    """The local folders that hold uploads, by archive name; none when uploads
    are on S3-compatible storage (MEDIA_S3_BUCKET), whose own versioning or
    replication keeps them."""
    if "storages.backends" in settings.STORAGES["default"]["BACKEND"]:
        return {}
    return {
        MEDIA_FILE: Path(settings.MEDIA_ROOT),
        PRIVATE_MEDIA_FILE: Path(settings.PRIVATE_MEDIA_ROOT),
    }


# PostgreSQL tools ----------------------------------------------------------


def server_major(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def tool_major(path):
    done = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, check=True
    )
    # "pg_dump (PostgreSQL) 15.14 (Debian 15.14-0+deb12u1)"
    return int(re.search(r"\)\s+(\d+)", done.stdout)[1])


def pg_tool(name, major):
    """The pg_dump or pg_restore of the server's major version.

    Debian keeps each version's tools in /usr/lib/postgresql/<major>/bin (the
    image copies them there too). A newer pg_dump writes archives an older
    pg_restore cannot read, and a newer pg_restore sends settings an older
    server rejects, so only the same major version will do.
    """
    debian = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if debian.exists():
        return str(debian)
    on_path = shutil.which(name)
    if on_path and tool_major(on_path) == major:
        return on_path
    raise BackupError(
        f"{name} of PostgreSQL {major} is not installed "
        f"(Debian: apt-get install postgresql-client-{major})."
    )


def libpq_environment(alias="default"):
    """The connection of a DATABASES entry as libpq variables: the password
    never appears on a command line, where `ps` would show it."""
    database = settings.DATABASES[alias]
    env = {**os.environ, "PGDATABASE": database["NAME"]}
    for key, variable in (
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    if database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return env


def run_tool(args, alias="default"):
    done = subprocess.run(  # noqa: S603
        args, env=libpq_environment(alias), capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()}")


# Backup ----------------------------------------------------------------------


def archive_folder(root, target):
    """A gzipped tar of everything under root (an empty one if root is absent)."""
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        if root.is_dir():
            for child in sorted(root.iterdir()):
                tar.add(child, arcname=child.name)


def create_backup(root=None, *, now=None, alias="default"):
    """Write a complete backup folder under root and return its path."""
    root = Path(root or settings.BACKUP_ROOT)
    now = now or datetime.now(UTC)
    root.mkdir(parents=True, exist_ok=True)
    name = now.strftime(NAME_FORMAT)
    final = root / name
    if final.exists():
        raise BackupError(f"{final} already exists.")
    partial = root / f".{name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    try:
        pg_dump = pg_tool("pg_dump", server_major(alias))
        run_tool(
            [pg_dump, "--format=custom", "--file", str(partial / DATABASE_FILE)],
            alias,
        )
        for archive, folder in media_roots().items():
            archive_folder(folder, partial / archive)
        files = [DATABASE_FILE, *media_roots()]
        manifest = {
            "created": now.isoformat(),
            "database": settings.DATABASES[alias]["NAME"],
            "postgresql": server_major(alias),
            "files": {file: sha256(partial / file) for file in files},
        }
        (partial / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def remove_old_backups(root=None, *, keep_days=None, now=None):
    """Delete backup folders older than keep_days (never the newest one), and
    unfinished ones left by an interrupted run more than a day ago. Returns the
    paths removed."""
    root = Path(root or settings.BACKUP_ROOT)
    keep_days = settings.BACKUP_KEEP_DAYS if keep_days is None else keep_days
    now = now or datetime.now(UTC)
    if not root.is_dir():
        return []
    backups = sorted(p for p in root.iterdir() if NAME_PATTERN.match(p.name))
    removed = []
    for path in backups[:-1]:
        taken = datetime.strptime(path.name, NAME_FORMAT).replace(tzinfo=UTC)
        if now - taken > timedelta(days=keep_days):
            shutil.rmtree(path)
            removed.append(path)
    for path in root.glob(".cpdd-*.partial"):
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        if now - modified > timedelta(days=1):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def s3_client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=settings.BACKUP_S3["ENDPOINT_URL"] or None,
        region_name=settings.BACKUP_S3["REGION"] or None,
        aws_access_key_id=settings.BACKUP_S3["ACCESS_KEY_ID"] or None,
        aws_secret_access_key=settings.BACKUP_S3["SECRET_ACCESS_KEY"] or None,
    )


def s3_key(name, file):
    prefix = settings.BACKUP_S3["PREFIX"].strip("/")
    return f"{prefix}/{name}/{file}" if prefix else f"{name}/{file}"


def upload_backup(path):
    """Copy a backup folder to BACKUP_S3_BUCKET; returns the keys written.
    The bucket's own lifecycle rules decide how long copies are kept there."""
    bucket = settings.BACKUP_S3["BUCKET"]
    client = s3_client()
    keys = []
    # The manifest last: a copy cut off halfway has none, and is not restored.
    files = sorted(p.name for p in path.iterdir() if p.name != MANIFEST_FILE)
    for file in [*files, MANIFEST_FILE]:
        key = s3_key(path.name, file)
        client.upload_file(str(path / file), bucket, key)
        keys.append(key)
    return keys


def download_backup(name, root=None):
    """Fetch a backup folder from BACKUP_S3_BUCKET into root; returns its path."""
    if not NAME_PATTERN.match(name):
        raise BackupError(f"{name!r} is not the name of a backup (cpdd-…Z).")
    root = Path(root or settings.BACKUP_ROOT)
    target = root / name
    target.mkdir(parents=True, exist_ok=True)
    client = s3_client()
    bucket = settings.BACKUP_S3["BUCKET"]
    manifest = target / MANIFEST_FILE
    client.download_file(bucket, s3_key(name, MANIFEST_FILE), str(manifest))
    for file in json.loads(manifest.read_text())["files"]:
        if file not in (DATABASE_FILE, MEDIA_FILE, PRIVATE_MEDIA_FILE):
            raise BackupError(f"The manifest of {name} names an unknown file.")
        client.download_file(bucket, s3_key(name, file), str(target / file))
    return target


# Restore ---------------------------------------------------------------------


def read_manifest(path):
    """The manifest of a backup folder, after checking every file against it."""
    try:
        manifest = json.loads((path / MANIFEST_FILE).read_text())
    except FileNotFoundError as missing:
        raise BackupError(
            f"{path} is not a backup: it has no {MANIFEST_FILE}."
        ) from missing
    for file, expected in manifest["files"].items():
        if not (path / file).exists():
            raise BackupError(f"{path / file} is missing.")
        if sha256(path / file) != expected:
            raise BackupError(f"{path / file} is damaged (its checksum differs).")
    return manifest


def database_tables(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
            "AND c.relkind IN ('r', 'p')"
        )
        return cursor.fetchone()[0]


def what_would_be_replaced(alias="default"):
    """What a restore would overwrite, described for a person; empty if nothing."""
    found = []
    tables = database_tables(alias)
    if tables:
        name = settings.DATABASES[alias]["NAME"]
        found.append(f"the database {name} has {tables} tables")
    for folder in media_roots().values():
        if folder.is_dir() and any(folder.iterdir()):
            found.append(f"{folder} is not empty")
    return found


def empty_folder(folder):
    """Remove a folder's contents, not the folder: it may be a mounted volume."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def restore_backup(path, *, force=False, alias="default"):
    """Replace the database and both media folders with a backup's.

    Refuses when the database has tables or a media folder has files, unless
    force: then they are emptied first, so nothing of the old state remains.
    """
    path = Path(path)
    manifest = read_manifest(path)
    if not force and (found := what_would_be_replaced(alias)):
        raise BackupError(
            "Nothing was restored: "
            + "; ".join(found)
            + ". Restore into an empty database and empty media folders, or "
            "add --force to replace what is there."
        )
    major = server_major(alias)
    if major < manifest["postgresql"]:
        raise BackupError(
            f"The backup comes from PostgreSQL {manifest['postgresql']}; this "
            f"server runs {major}: use a server of that version or newer."
        )
    pg_restore = pg_tool("pg_restore", major)
    # Read the whole archive's table of contents before anything is dropped.
    run_tool([pg_restore, "--list", str(path / DATABASE_FILE)], alias)
    connection = connections[alias]
    if force:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connection.close()
    run_tool(
        [
            pg_restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            settings.DATABASES[alias]["NAME"],
            str(path / DATABASE_FILE),
        ],
        alias,
    )
    for archive, folder in media_roots().items():
        if archive not in manifest["files"]:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        if force:
            empty_folder(folder)
        with tarfile.open(path / archive, "r:gz") as tar:
            tar.extractall(folder, filter="data")
    return manifest
