from django.apps import apps
from django.core.management.base import BaseCommand

from core.images import ResponsiveImageField
from core.imports import STALE_AFTER, remove_stale_import_files
from core.storage import PARTIAL_SUFFIX, remove_stale_files


class Command(BaseCommand):
    help = (
        "Delete what interrupted work left behind more than a day ago: pending "
        "import files and half-written images. Safe to run at any time."
    )

    def handle(self, *args, **options):
        imports = remove_stale_import_files()
        partial = 0
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if isinstance(field, ResponsiveImageField) and isinstance(
                    field.upload_to, str
                ):
                    partial += remove_stale_files(
                        field.storage,
                        field.upload_to.rstrip("/"),
                        older_than=STALE_AFTER,
                        suffix=PARTIAL_SUFFIX,
                    )
        self.stdout.write(
            f"Removed {imports} pending import file(s) and {partial} half-written "
            "image(s)."
        )
