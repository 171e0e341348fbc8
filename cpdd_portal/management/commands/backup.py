import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cpdd_portal import backups

logger = logging.getLogger("cpdd_portal.backups")


class Command(BaseCommand):
    help = (
        "Back up the database, public media and private media into one dated "
        "folder under BACKUP_ROOT, delete backups older than BACKUP_KEEP_DAYS, "
        "and copy the new one to BACKUP_S3_BUCKET when it is set."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--root", help="Folder to write the backup in (default: BACKUP_ROOT)."
        )
        parser.add_argument(
            "--keep-days",
            type=int,
            help="Delete backups older than this (default: BACKUP_KEEP_DAYS).",
        )

    def handle(self, *args, root=None, keep_days=None, **options):
        try:
            path = backups.create_backup(root)
            self.stdout.write(f"Backup written to {path}")
            for old in backups.remove_old_backups(root, keep_days=keep_days):
                self.stdout.write(f"Removed {old}")
            if settings.BACKUP_S3["BUCKET"]:
                keys = backups.upload_backup(path)
                self.stdout.write(
                    f"Copied to s3://{settings.BACKUP_S3['BUCKET']}/"
                    f"{keys[0].rsplit('/', 1)[0]}/"
                )
        except Exception as error:
            # Logged as an error so that ADMINS' mail or Sentry hears of it:
            # an unnoticed failing backup is found out on the day it is needed.
            logger.exception("Backup failed")
            if isinstance(error, backups.BackupError):
                raise CommandError(str(error)) from error
            raise
