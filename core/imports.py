"""The spreadsheet a back-office import keeps between preview and confirmation.

Both the check (a dry run of every row) and the import itself take minutes
for thousands of rows: each is a background job (core.jobs) whose page shows
its progress, then the check's errors or a button to confirm, then the
import's counts. The import is one transaction: all rows or none.

The file holds contact data, so it lives in `STORAGES["import_export"]` (the private
folder or S3 prefix, never the public media), where every web container finds
it. It is removed after the import, after a preview that cannot be confirmed,
when the import is cancelled or fails, and after a day at the latest: each
new import removes older leftovers, and so does `manage.py clean_uploads`.
"""

import re
from datetime import timedelta
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied, SuspiciousFileOperation
from django.core.files.storage import storages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from import_export.signals import post_import
from import_export.tmp_storages import MediaStorage

from . import jobs
from .models import BackgroundJob
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


def remove_pending_file(name):
    if name and PENDING_NAME.fullmatch(name):
        PrivateImportStorage(name=name).remove()


MAX_ERRORS_SHOWN = 100
COUNTED = {
    "new": RowResult.IMPORT_TYPE_NEW,
    "updated": RowResult.IMPORT_TYPE_UPDATE,
    "deleted": RowResult.IMPORT_TYPE_DELETE,
    "skipped": RowResult.IMPORT_TYPE_SKIP,
}


def _load_dataset(job):
    model_admin = jobs.model_admin_for(job)
    params = job.params
    input_format = model_admin.get_import_formats()[params["format"]](
        encoding=model_admin.from_encoding
    )
    encoding = None if input_format.is_binary() else model_admin.from_encoding
    pending = PrivateImportStorage(
        name=params["import_file_name"],
        encoding=encoding,
        read_mode=input_format.get_read_mode(),
    )
    try:
        dataset = input_format.create_dataset(pending.read())
    except Exception as exc:
        return (
            model_admin,
            None,
            _(
                "The file could not be read (%(error)s). Check that it is a "
                "spreadsheet in the format you chose."
            )
            % {"error": type(exc).__name__},
        )
    if not dataset:
        return (
            model_admin,
            None,
            _("The file has no rows to import. Check its column headings."),
        )
    return model_admin, dataset, ""


def _import(job, progress, *, dry_run):
    """Import (or, with `dry_run`, check) the job's file; returns the
    model admin, the import-export result and a message if unreadable."""
    model_admin, dataset, unreadable = _load_dataset(job)
    if dataset is None:
        return model_admin, None, unreadable
    request = SimpleNamespace(user=job.owner)
    resource_class = model_admin.get_import_resource_classes(request)[
        job.params.get("resource", 0)
    ]
    resource = resource_class(**model_admin.get_import_resource_kwargs(request))
    progress.set_total(len(dataset))
    import_row = resource.import_row

    def import_row_with_progress(row, instance_loader, **kwargs):
        row_result = import_row(row, instance_loader, **kwargs)
        # Row-by-row differences are for import-export's preview table,
        # which the job's page does not show: not kept, to bound memory.
        row_result.diff = None
        progress(kwargs["row_number"])
        return row_result

    resource.import_row = import_row_with_progress
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        file_name=job.params.get("original_file_name"),
        user=job.owner,
        retain_instance_in_row_result=not dry_run,
    )
    progress(len(dataset))
    return model_admin, result, ""


def _summary(result):
    errors = [
        {"row": None, "message": str(error.error)} for error in result.base_errors
    ]
    for number, row_errors in result.row_errors():
        errors.extend({"row": number, "message": str(e.error)} for e in row_errors)
    for invalid in result.invalid_rows:
        for field, field_errors in invalid.error_dict.items():
            for message in field_errors:
                label = "" if field == "__all__" else f"{field}: "
                errors.append({"row": invalid.number, "message": label + message})
    return {
        "counts": {name: result.totals[key] for name, key in COUNTED.items()},
        "errors": errors[:MAX_ERRORS_SHOWN],
        "error_count": len(errors),
    }


def _failed(job, summary, message):
    remove_pending_file(job.params.get("import_file_name"))
    jobs.finish(
        job,
        status=BackgroundJob.Status.FAILED,
        result={**summary, "message": message},
    )


def run_import_preview_job(job, progress):
    """Check every row, save nothing; the page then offers to confirm."""
    _model_admin, result, unreadable = _import(job, progress, dry_run=True)
    if result is None:
        return _failed(job, {}, unreadable)
    summary = _summary(result)
    if summary["error_count"]:
        return _failed(
            job, summary, _("The file has errors: nothing can be imported yet.")
        )
    jobs.finish(job, status=BackgroundJob.Status.DONE, result=summary)


def run_import_job(job, progress):
    try:
        model_admin, result, unreadable = _import(job, progress, dry_run=False)
        if result is None:
            return _failed(job, {}, unreadable)
        summary = _summary(result)
        if summary["error_count"]:
            return _failed(
                job,
                summary,
                _("The import stopped on errors: nothing was imported."),
            )
        model_admin.generate_log_entries(result, SimpleNamespace(user=job.owner))
        post_import.send(sender=None, model=model_admin.model)
        jobs.finish(job, status=BackgroundJob.Status.DONE, result=summary)
    finally:
        remove_pending_file(job.params.get("import_file_name"))


class PrivateImportExportMixin(ImportExportMixin):
    """ImportExportMixin whose check and import run as background jobs
    (core.jobs) and whose pending file never outlives its import, with a
    button to cancel an import after its check."""

    # Not the IMPORT_EXPORT_FORMATS setting: importing the formats loads
    # openpyxl, which the settings would put in every process.
    formats = [CSV, XLSX]

    def import_permission(self):
        opts = self.model._meta
        code = (
            getattr(settings, "IMPORT_EXPORT_IMPORT_PERMISSION_CODE", None) or "change"
        )
        return f"{opts.app_label}.{get_permission_codename(code, opts)}"

    def import_action(self, request, **kwargs):
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if not form.is_valid():
            return super().import_action(request, **kwargs)
        input_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        if not input_format.is_binary():
            input_format.encoding = self.from_encoding
        upload = form.cleaned_data["import_file"]
        pending = self.write_to_tmp_storage(upload, input_format)
        try:
            job = jobs.start(
                kind=BackgroundJob.Kind.IMPORT_PREVIEW,
                owner=request.user,
                model=self.model,
                permission=self.import_permission(),
                language=get_language(),
                params={
                    "format": int(form.cleaned_data["format"]),
                    "resource": self.get_resource_index(form),
                    "import_file_name": pending.name,
                    "original_file_name": upload.name,
                },
            )
        except BaseException:
            remove_pending_file(pending.name)
            raise
        return redirect(jobs.page_url(job))

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        with transaction.atomic():
            check = (
                BackgroundJob.objects.select_for_update()
                .filter(
                    owner=request.user,
                    kind=BackgroundJob.Kind.IMPORT_PREVIEW,
                    model=self.model._meta.label_lower,
                    pk=_uuid_or_none(request.POST.get("job")),
                )
                .first()
            )
            if check is None:
                raise Http404
            opts = self.model._meta
            if check.params.get("confirmed"):
                # Confirmed already (a second click or tab): the import runs.
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            if "cancel" in request.POST:
                remove_pending_file(check.params.get("import_file_name"))
                messages.info(
                    request, _("The import is cancelled: nothing was imported.")
                )
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            if check.status != BackgroundJob.Status.DONE:
                raise Http404
            check.params = {**check.params, "confirmed": True}
            check.save(update_fields=["params"])
        job = jobs.start(
            kind=BackgroundJob.Kind.IMPORT,
            owner=request.user,
            model=self.model,
            permission=check.permission,
            language=get_language(),
            params={**check.params, "check": str(check.pk)},
            total=check.total,
        )
        return redirect(jobs.page_url(job))


def _uuid_or_none(value):
    import uuid

    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
