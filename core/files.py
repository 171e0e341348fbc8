"""Handing a private file (members-only documents, MoUs, reports) to whoever
a view has let see it.

In production the reverse proxy sends the file itself (deploy/Caddyfile): the
view answers with an empty response whose X-Accel-Redirect header names the
file under PRIVATE_MEDIA_ACCEL_REDIRECT, and the proxy serves it from the
private media folder, which it never serves otherwise. A 20 MB MoU then never
streams through a web worker, and a slow download ties up no one. Without
that setting (development, tests, `make bench`), or for files that are not in
PRIVATE_MEDIA_ROOT (S3), Django streams the file as before.
"""

from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from .storage import is_local

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    ".odt": "application/vnd.oasis.opendocument.text",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


def content_type_for(name):
    return CONTENT_TYPES.get(
        PurePosixPath(name).suffix.lower(), "application/octet-stream"
    )


def serve_private(storage, name, *, filename, attachment, public):
    """The stored file `name` as a download (`attachment`) or inline, named
    `filename`; 404 when it is gone. Only `public` files may be cached by
    proxies and browsers. The caller has already checked the permission."""
    accel_path = _accel_redirect_path(storage, name)
    if accel_path is not None:
        if not storage.exists(name):
            raise Http404
        response = HttpResponse(content_type=content_type_for(name))
        response["X-Accel-Redirect"] = accel_path
        response["Content-Disposition"] = content_disposition_header(
            attachment, filename
        )
    else:
        try:
            file = storage.open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            file,
            as_attachment=attachment,
            filename=filename,
            content_type=content_type_for(name),
        )
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _accel_redirect_path(storage, name):
    """Where the proxy finds `name`, or None when the proxy cannot send it."""
    prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT
    if not prefix or not is_local(storage):
        return None
    try:
        path = Path(storage.path(name)).resolve()
        relative = path.relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    except (SuspiciousFileOperation, ValueError):
        return None
    return prefix.rstrip("/") + "/" + quote(relative.as_posix())
