"""Backups and restore, run as the secretariat would: `manage.py backup` and
`manage.py restore` in their own processes, against a real PostgreSQL.

The portal is built in committed transactions (pg_dump reads from another
connection); serialized_rollback puts the migrations' data back afterwards.
"""

import hashlib
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import boto3
import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from moto.server import ThreadedMotoServer
from psycopg import sql

from tests import factories

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def database_url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name}"
    )


def connect(name, **options):
    db = connection.settings_dict
    return psycopg.connect(
        dbname=name,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        **options,
    )


@contextmanager
def empty_database():
    """A second, empty database on the same server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with connect("postgres", autocommit=True) as admin:
        identifier = sql.Identifier(name)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(identifier))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(identifier))
    try:
        yield name
    finally:
        with connect("postgres", autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name)
                )
            )


def manage(*args, database, media, private_media, backup_root, **env):
    """manage.py in a process of its own, as cron or compose would run it."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpdd_portal.settings.test",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private_media),
        "BACKUP_ROOT": str(backup_root),
        **env,
    }
    # Our own interpreter and fixed arguments.
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def row_counts(name):
    """Every table's row count and a digest of its rows, by table name."""
    with connect(name) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "ORDER BY tablename"
            )
        ]
        counts = {}
        for table in tables:
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                "ORDER BY t::text), '')) FROM {} t"
            ).format(sql.Identifier(table))
            counts[table] = tuple(conn.execute(query).fetchone())
        return counts


def checksums(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def populate_portal():
    """Members, activities, news and case studies, with public and private files."""
    organization = factories.OrganizationFactory(
        logo=ContentFile(factories._photo_file().read(), name="ctod.jpg")
    )
    factories.RepresentativeFactory(organization=organization)
    factories.ContactFactory(organization=organization)
    activity = factories.ActivityFactory(title_en="Commune budget hearing")
    factories.ParticipationFigureFactory(activity=activity)
    factories.RegistrationFactory(organization=organization)
    factories.ActivityDocumentFactory(activity=activity, visibility="members")
    factories.ActivityPhotoFactory(activity=activity)
    factories.NewsPostFactory()
    factories.RecommendationFactory()


@pytest.fixture
def portal(settings, tmp_path):
    populate_portal()
    return {
        "database": connection.settings_dict["NAME"],
        "media": Path(settings.MEDIA_ROOT),
        "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
        "backup_root": tmp_path / "backups",
    }


def only_backup(root):
    (backup,) = Path(root).iterdir()
    return backup


def test_a_restored_backup_holds_every_row_and_every_file(portal, tmp_path):
    assert checksums(portal["media"]), "the portal has public files"
    assert checksums(portal["private_media"]), "the portal has private files"

    done = manage("backup", **portal)
    assert done.returncode == 0, done.stderr
    backup = only_backup(portal["backup_root"])
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "private-media.tar.gz",
        "manifest.json",
    }

    with empty_database() as second:
        target = {
            "database": second,
            "media": tmp_path / "restored" / "media",
            "private_media": tmp_path / "restored" / "private-media",
            "backup_root": portal["backup_root"],
        }
        done = manage("restore", str(backup), **target)
        assert done.returncode == 0, done.stderr
        original = row_counts(portal["database"])
        assert row_counts(second) == original
        assert original["members_organization"][0] == 1
        assert original["events_activity"][0] >= 1

    assert checksums(target["media"]) == checksums(portal["media"])
    assert checksums(target["private_media"]) == checksums(portal["private_media"])


def test_restore_refuses_to_overwrite_a_database_with_data(portal):
    done = manage("backup", **portal)
    assert done.returncode == 0, done.stderr
    backup = only_backup(portal["backup_root"])
    before = row_counts(portal["database"])
    factories.OrganizationFactory(name_en="Joined after the backup")

    done = manage("restore", str(backup), **portal)
    assert done.returncode != 0
    assert "Nothing was restored" in done.stderr
    assert "--force" in done.stderr
    assert row_counts(portal["database"]) != before

    done = manage("restore", str(backup), "--force", **portal)
    assert done.returncode == 0, done.stderr
    assert row_counts(portal["database"]) == before


def test_a_damaged_backup_is_not_restored(portal, tmp_path):
    assert manage("backup", **portal).returncode == 0
    backup = only_backup(portal["backup_root"])
    with (backup / "private-media.tar.gz").open("ab") as archive:
        archive.write(b"bit rot")
    with empty_database() as second:
        done = manage(
            "restore",
            str(backup),
            database=second,
            media=tmp_path / "m",
            private_media=tmp_path / "p",
            backup_root=portal["backup_root"],
        )
        assert done.returncode != 0
        assert "private-media.tar.gz is damaged" in done.stderr
        with connect(second) as conn:
            assert not conn.execute(
                "SELECT 1 FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()


@pytest.mark.django_db
def test_backups_older_than_the_retention_are_removed(settings, tmp_path):
    portal = {
        "database": connection.settings_dict["NAME"],
        "media": Path(settings.MEDIA_ROOT),
        "private_media": Path(settings.PRIVATE_MEDIA_ROOT),
        "backup_root": tmp_path / "backups",
    }
    root = portal["backup_root"]
    for taken in ("20260101T020000Z", "20261201T020000Z"):
        (root / f"cpdd-{taken}").mkdir(parents=True)
    (root / "notes").mkdir()

    done = manage("backup", **portal, BACKUP_KEEP_DAYS="14")
    assert done.returncode == 0, done.stderr

    names = sorted(path.name for path in root.iterdir())
    assert "cpdd-20260101T020000Z" not in names
    assert "notes" in names, "only backups are ever removed"
    today = datetime.now(UTC).strftime("cpdd-%Y%m%d")
    assert any(name.startswith(today) for name in names)
    # A December backup is younger than 14 days on the day this runs only then.
    assert ("cpdd-20261201T020000Z" in names) == (
        (datetime.now(UTC) - datetime(2026, 12, 1, 2, tzinfo=UTC)).days < 14
    )


def test_backup_is_copied_to_an_s3_compatible_bucket(portal):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        credentials = {
            "BACKUP_S3_ENDPOINT_URL": endpoint,
            "BACKUP_S3_REGION": "us-east-1",
            "BACKUP_S3_ACCESS_KEY_ID": "test",
            "BACKUP_S3_SECRET_ACCESS_KEY": "test",
        }
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        s3.create_bucket(Bucket="cpdd-offsite")

        done = manage(
            "backup",
            **portal,
            **credentials,
            BACKUP_S3_BUCKET="cpdd-offsite",
            BACKUP_S3_PREFIX="portal",
        )
        assert done.returncode == 0, done.stderr
        backup = only_backup(portal["backup_root"])
        listed = s3.list_objects_v2(Bucket="cpdd-offsite")["Contents"]
        assert sorted(item["Key"] for item in listed) == sorted(
            f"portal/{backup.name}/{path.name}" for path in backup.iterdir()
        )

        def stored(name):
            key = f"portal/{backup.name}/{name}"
            return s3.get_object(Bucket="cpdd-offsite", Key=key)["Body"].read()

        manifest = json.loads(stored("manifest.json"))
        for name, digest in manifest["files"].items():
            assert hashlib.sha256(stored(name)).hexdigest() == digest

        # After losing the server: restore by name, straight from the bucket.
        with empty_database() as second:
            done = manage(
                "restore",
                backup.name,
                **credentials,
                BACKUP_S3_BUCKET="cpdd-offsite",
                BACKUP_S3_PREFIX="portal",
                database=second,
                media=portal["backup_root"] / "m",
                private_media=portal["backup_root"] / "p",
                backup_root=portal["backup_root"] / "downloaded",
            )
            assert done.returncode == 0, done.stderr
            assert row_counts(second) == row_counts(portal["database"])
    finally:
        server.stop()


@pytest.mark.django_db
def test_with_uploads_on_s3_the_backup_holds_the_database(settings, tmp_path):
    # The bucket keeps the uploads (its versioning); the database still needs us.
    done = manage(
        "backup",
        database=connection.settings_dict["NAME"],
        media=settings.MEDIA_ROOT,
        private_media=settings.PRIVATE_MEDIA_ROOT,
        backup_root=tmp_path / "backups",
        MEDIA_S3_BUCKET="cpdd-uploads",
    )
    assert done.returncode == 0, done.stderr
    backup = only_backup(tmp_path / "backups")
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "manifest.json",
    }
