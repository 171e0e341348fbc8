from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError

from cpdd_portal import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder made by `manage.py backup` (or, with "
        "BACKUP_S3_BUCKET set, the name of one in the bucket) into the database "
        "and media folders. Refuses to replace existing data without --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup", help="A backup folder, e.g. backups/cpdd-20260101T020000Z"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database and media folders even if they hold data.",
        )

    def handle(self, *args, backup, force, **options):
        path = Path(backup)
        try:
            if not path.exists():
                if not settings.BACKUP_S3["BUCKET"]:
                    raise backups.BackupError(f"{path} does not exist.")
                path = backups.download_backup(path.name)
                self.stdout.write(f"Downloaded {path} from the bucket")
            manifest = backups.restore_backup(path, force=force)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        # Pages cached before the restore show records it may have removed.
        cache.clear()
        self.stdout.write(
            f"Restored the backup of {manifest['created']} from {path}. "
            "Run `manage.py migrate` if the code is newer than the backup."
        )
