"""The spreadsheet a back-office import keeps between preview and confirmation.

It holds contact data, so it lives in `STORAGES["import_export"]` (the private
folder or S3 prefix, never the public media), where every web container finds
it. It is removed after the import, after a preview that cannot be confirmed,
when the import is cancelled or fails, and after a day at the latest: each
new import removes older leftovers, and so does `manage.py clean_uploads`.
"""

import re
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.core.files.storage import storages
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.tmp_storages import MediaStorage

from .storage import remove_stale_files

PENDING_FOLDER = "pending-imports"
STALE_AFTER = timedelta(days=1)
# The names MediaStorage gives (uuid4().hex): nothing else may be read or deleted.
PENDING_NAME = re.compile(r"[0-9a-f]{32}")


class PrivateImportStorage(MediaStorage):
    """import-export's pending file, in private storage under a checked name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("MEDIA_FOLDER", PENDING_FOLDER)
        super().__init__(**kwargs)

    def _configure_storage(self):
        # No fallback to the public default storage.
        self._storage = storages["import_export"]

    def save(self, data):
        remove_stale_import_files()
        super().save(data)

    def get_full_path(self):
        if not PENDING_NAME.fullmatch(self.name or ""):
            raise SuspiciousFileOperation("Not a pending import file name.")
        return super().get_full_path()


def remove_stale_import_files():
    """Delete pending import files older than a day; return how many."""
    return remove_stale_files(
        storages["import_export"], PENDING_FOLDER, older_than=STALE_AFTER
    )


class PrivateImportExportMixin(ImportExportMixin):
    """ImportExportMixin whose pending file never outlives its import, with a
    button to cancel an import at its preview."""

    import_template_name = "admin/import_export/import_or_cancel.html"
    # Not the IMPORT_EXPORT_FORMATS setting: importing the formats loads
    # openpyxl, which the settings would put in every process.
    formats = [CSV, XLSX]

    def import_action(self, request, **kwargs):
        try:
            response = super().import_action(request, **kwargs)
        except BaseException:
            self._remove_pending_file(self._uploaded_pending_name(request))
            raise
        if "confirm_form" not in (getattr(response, "context_data", None) or {}):
            # Unreadable, or with errors: there is nothing to confirm.
            self._remove_pending_file(self._uploaded_pending_name(request))
        return response

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        name = request.POST.get("import_file_name", "")
        if "cancel" in request.POST:
            self._remove_pending_file(name)
            messages.info(request, _("The import is cancelled: nothing was imported."))
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        try:
            return super().process_import(request, **kwargs)
        finally:
            self._remove_pending_file(name)

    def _uploaded_pending_name(self, request):
        return getattr(request.FILES.get("import_file"), "tmp_storage_name", "")

    def _remove_pending_file(self, name):
        if name and PENDING_NAME.fullmatch(name):
            storage_class = self.get_tmp_storage_class()
            storage_class(name=name, **self.get_tmp_storage_class_kwargs()).remove()
