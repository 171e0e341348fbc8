"""Spreadsheet downloads: every cell safe to open, any size in constant memory.

Every CSV and XLSX the portal writes goes through here. Text a member typed
("=HYPERLINK(...)", "+cmd|...", "@SUM(...)") would otherwise open in Excel or
LibreOffice as a live formula on a secretariat computer: such text gets a
leading apostrophe, which spreadsheets show as text and never evaluate.
Numbers stay numbers, negative ones included.

Rows are written as they come (CSV streamed, XLSX through a small writer of
our own into a temporary file), so a file of 100,000 rows needs no
more memory than one of ten. The writers take a file object, so a
background job can call them as well as a view: a back-office export of more
than EXPORT_IN_BACKGROUND_ABOVE rows is written by the worker (core.jobs)
into private storage, and the page it sends the staff member to offers the
file when it is ready, so no web worker waits on a long export.
"""

import csv
import io
import pickle
import posixpath
import re
import tempfile
import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from import_export.admin import ExportActionMixin
from import_export.formats.base_formats import XLSX
from import_export.signals import post_export

from .storage import write_atomically

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel and LibreOffice start a formula with = + - @, also after leading tabs,
# line breaks or spaces, and (in East Asian input modes) with the full-width
# and small forms of the same signs.
FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b")
LEADING_BLANKS = "\t\r\n \u00a0\u3000"
# Text that is only a number ("-12", "+3.5") opens as that number, never as
# a formula: left as it is, so amounts exported as text still add up.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
ESCAPE = "'"
CSV_BATCH = 500  # rows per chunk sent to the client
QUERY_CHUNK = 2000  # rows fetched from the database at a time


def could_be_formula(text):
    """Whether a spreadsheet could read the string `text` as a formula."""
    if not text:
        return False
    if text[0] in "\t\r":
        return True
    stripped = text.lstrip(LEADING_BLANKS)
    return (
        bool(stripped)
        and stripped[0] in FORMULA_SIGNS
        and not (PLAIN_NUMBER.fullmatch(stripped))
    )


def safe_cell(value):
    """`value` as a spreadsheet should hold it: text that could be read as a
    formula is prefixed with an apostrophe; numbers, dates and empty cells are
    left alone."""
    if isinstance(value, str) and could_be_formula(value):
        return ESCAPE + value
    return value


def unescape_cell(value):
    """The text `safe_cell` was given, for a file exported here and imported
    again: the apostrophe it added is removed, nothing else."""
    if (
        isinstance(value, str)
        and value.startswith(ESCAPE)
        and could_be_formula(value[1:])
    ):
        return value[1:]
    return value


def safe_row(row):
    return [safe_cell(value) for value in row]


class _Echo:
    """A file that hands back what is written to it (for csv.writer)."""

    def write(self, text):
        return text


def csv_chunks(rows):
    """The CSV text of `rows` (lists of cells), in chunks of a few hundred
    rows. Starts with a byte-order mark so that Excel reads Khmer correctly."""
    writer = csv.writer(_Echo())
    chunk = ["\ufeff"]
    for row in rows:
        chunk.append(writer.writerow(safe_row(row)))
        if len(chunk) >= CSV_BATCH:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def write_csv(rows, file):
    """Write `rows` as CSV into the text `file`."""
    for chunk in csv_chunks(rows):
        file.write(chunk)


# The smallest workbook Excel, LibreOffice and openpyxl open: inline strings
# (no shared-string table to hold in memory), a bold style for headings and
# two date styles. openpyxl's own writer took a minute for 100,000 rows.
XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "{sheets}</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
        '.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships"><sheets>{sheets}</sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">{sheets}<Relationship Id="rIdStyles" Type="http://schemas'
        '.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main"><numFmts count="1"><numFmt numFmtId="164" '
        'formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="4">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
        'applyFont="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" '
        'applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
        "</cellStyles></styleSheet>"
    ),
}
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_END = "</sheetData></worksheet>"
BOLD, DATE, DATETIME = 1, 2, 3
EXCEL_EPOCH = datetime(1899, 12, 30)
# Not allowed in XML 1.0, so not in a workbook: shown as a replacement mark.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _column(index):
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_xml(reference, value, style):
    value = safe_cell(value)
    styled = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"{styled}><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{reference}"{styled}><v>{value}</v></c>'
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            # The file format has no time zones: the time in Phnom Penh.
            value = timezone.make_naive(value)
        serial = (value - EXCEL_EPOCH).total_seconds() / 86400
        return f'<c r="{reference}" s="{style or DATETIME}"><v>{serial}</v></c>'
    if isinstance(value, date):
        serial = (value - EXCEL_EPOCH.date()).days
        return f'<c r="{reference}" s="{style or DATE}"><v>{serial}</v></c>'
    text = escape(ILLEGAL_XML.sub("\N{REPLACEMENT CHARACTER}", str(value)))
    return (
        f'<c r="{reference}" t="inlineStr"{styled}>'
        f'<is><t xml:space="preserve">{text}</t></is></c>'
    )


def _sheet_xml(rows):
    """The worksheet's XML in chunks of a few hundred rows; the first row
    (the headings) in bold."""
    columns = []
    chunk = [SHEET_START]
    for number, row in enumerate(rows, 1):
        while len(columns) < len(row):
            columns.append(_column(len(columns) + 1))
        style = BOLD if number == 1 else 0
        cells = "".join(
            _cell_xml(f"{columns[index]}{number}", value, style)
            for index, value in enumerate(row)
            if value is not None and value != ""
        )
        chunk.append(f'<row r="{number}">{cells}</row>')
        if len(chunk) >= CSV_BATCH:
            yield "".join(chunk)
            chunk = []
    chunk.append(SHEET_END)
    yield "".join(chunk)


def _sheet_name(title, taken):
    name = SHEET_NAME_FORBIDDEN.sub(" ", str(title)).strip()[:31] or "Sheet"
    base, number = name, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def write_xlsx(sheets, file):
    """Write a workbook into the binary `file` (it need not be seekable):
    `sheets` is a list of (title, rows), the first row of each being its
    headings (shown in bold). Rows are written as they come."""
    names = set()
    entries, relations, types = [], [], []
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (title, rows) in enumerate(sheets, 1):
            path = f"xl/worksheets/sheet{number}.xml"
            with archive.open(path, "w", force_zip64=True) as part:
                for chunk in _sheet_xml(rows):
                    part.write(chunk.encode())
            name = escape(_sheet_name(title, names), {'"': "&quot;"})
            entries.append(
                f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>'
            )
            relations.append(
                f'<Relationship Id="rId{number}" Type="http://schemas.openxmlformats'
                '.org/officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{number}.xml"/>'
            )
            types.append(
                f'<Override PartName="/{path}" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            )
        parts = {
            "[Content_Types].xml": "".join(types),
            "xl/workbook.xml": "".join(entries),
            "xl/_rels/workbook.xml.rels": "".join(relations),
        }
        for path, template in XLSX_PARTS.items():
            archive.writestr(path, template.replace("{sheets}", parts.get(path, "")))


def _download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def csv_response(rows, filename):
    """A streamed CSV download of `rows`."""
    response = StreamingHttpResponse(csv_chunks(rows), content_type=CSV_CONTENT_TYPE)
    return _download(response, filename)


def xlsx_response(sheets, filename):
    """An XLSX download of `sheets` (see write_xlsx), written to a temporary
    file on disk and sent from it in blocks."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    try:
        write_xlsx(sheets, file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    response = FileResponse(file, content_type=XLSX_CONTENT_TYPE)
    return _download(response, filename)


class SpreadsheetResourceMixin:
    """For import-export resources: the rows the admin chose, read through the
    resource's own `get_queryset()` (its joins and prefetches, so no query per
    row) a chunk at a time; and the apostrophe that an export put before
    formula-like text removed again when the file is imported."""

    def filter_export(self, queryset, **kwargs):
        rows = self.get_queryset().filter(pk__in=queryset.values("pk"))
        # The admin's sort order, where the resource's queryset knows the names.
        known = {field.name for field in rows.model._meta.get_fields()}
        known |= set(rows.query.annotations) | {"pk"}
        ordering = [
            name
            for name in queryset.query.order_by
            if isinstance(name, str) and name.lstrip("-").split("__")[0] in known
        ]
        return rows.order_by(*ordering, "pk")

    def iter_queryset(self, queryset):
        if hasattr(queryset, "iterator"):
            # Prefetches run per chunk (import-export pages with OFFSET).
            yield from queryset.iterator(chunk_size=QUERY_CHUNK)
        else:
            yield from queryset

    def import_row(self, row, instance_loader, **kwargs):
        for key, value in row.items():
            row[key] = unescape_cell(value)
        return super().import_row(row, instance_loader, **kwargs)


def resource_rows(resource, queryset, *, fields=None, native=False, progress=None):
    """The headings, then a row per record of `queryset` as `resource`
    exports it (its selected `fields`); `native` keeps numbers and dates as
    such (XLSX) rather than text (CSV). `progress(n)` is told each row."""
    resource.before_export(queryset)
    queryset = resource.filter_export(queryset)
    yield resource.get_export_headers(selected_fields=fields)
    for number, record in enumerate(resource.iter_queryset(queryset), 1):
        yield resource.export_resource(
            record, selected_fields=fields, force_native_type=native
        )
        if progress is not None:
            progress(number)


def write_resource(
    resource, queryset, file, *, file_format="csv", fields=None, progress=None
):
    """Export `queryset` through `resource` into `file` (text for "csv",
    binary for "xlsx"): what the admin's export sends, for a background job."""
    native = file_format == "xlsx"
    rows = resource_rows(
        resource, queryset, fields=fields, native=native, progress=progress
    )
    if native:
        write_xlsx([(resource._meta.model._meta.verbose_name_plural, rows)], file)
    else:
        write_csv(rows, file)


class SpreadsheetExportMixin(ExportActionMixin):
    """django-import-export's export (button, action, change-form item), with
    every cell escaped (see safe_cell) and the file streamed as it is
    written, whatever the number of rows."""

    def _do_file_export(self, file_format, request, queryset, export_form=None):
        # import-export's one place where every export becomes a response; it
        # builds the whole file in memory as a tablib Dataset first.
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource_class = self.choose_export_resource_class(export_form, request)
        native = isinstance(file_format, XLSX)
        fields = self.get_export_resource_fields_from_form(export_form)
        filename = self.get_export_filename(request, queryset, file_format)
        count = queryset.count()
        if count > settings.EXPORT_IN_BACKGROUND_ABOVE:
            return self._export_in_background(
                request, queryset, resource_class, fields, native, filename, count
            )
        resource = resource_class(
            **self.get_export_resource_kwargs(request, export_form=export_form)
        )
        rows = resource_rows(resource, queryset, fields=fields, native=native)
        if native:
            response = xlsx_response([(self.opts.verbose_name_plural, rows)], filename)
        else:
            response = csv_response(rows, filename)
        post_export.send(sender=None, model=self.model)
        return response

    def export_permission(self):
        opts = self.model._meta
        code = getattr(settings, "IMPORT_EXPORT_EXPORT_PERMISSION_CODE", None)
        return f"{opts.app_label}.{get_permission_codename(code or 'view', opts)}"

    def _export_in_background(
        self, request, queryset, resource_class, fields, native, filename, count
    ):
        from . import jobs
        from .models import BackgroundJob

        job = jobs.start(
            kind=BackgroundJob.Kind.EXPORT,
            owner=request.user,
            model=self.model,
            permission=self.export_permission(),
            language=get_language(),
            params={
                "resource": (
                    f"{resource_class.__module__}.{resource_class.__qualname__}"
                ),
                "fields": fields,
                "format": "xlsx" if native else "csv",
                "title": str(self.opts.verbose_name_plural),
            },
            # The rows the staff member chose (filters, search, selection),
            # as Django pickles a query; run again by the worker.
            query=pickle.dumps(queryset.query),
            filename=filename,
            total=count,
        )
        return redirect(jobs.page_url(job))


def run_export_job(job, progress):
    from . import jobs
    from .models import BackgroundJob

    model_admin = jobs.model_admin_for(job)
    queryset = model_admin.model._default_manager.all()
    queryset.query = pickle.loads(job.query)  # noqa: S301 (written by the portal)
    resource = import_string(job.params["resource"])()
    file_format = job.params["format"]
    name = posixpath.join(jobs.EXPORT_FOLDER, f"{job.pk}.{file_format}")
    with tempfile.TemporaryFile() as file:
        if file_format == "xlsx":
            sheets = [
                (
                    job.params["title"],
                    resource_rows(
                        resource,
                        queryset,
                        fields=job.params.get("fields"),
                        native=True,
                        progress=progress,
                    ),
                )
            ]
            write_xlsx(sheets, file)
        else:
            text = io.TextIOWrapper(file, encoding="utf-8", newline="")
            write_resource(
                resource,
                queryset,
                text,
                file_format="csv",
                fields=job.params.get("fields"),
                progress=progress,
            )
            text.flush()
            text.detach()
        file.seek(0)
        saved = write_atomically(jobs.storage(), name, File(file), replace=True)
    post_export.send(sender=None, model=model_admin.model)
    jobs.finish(job, status=BackgroundJob.Status.DONE, file=saved, done=job.done)
