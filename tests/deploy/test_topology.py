"""Through the proxy, as visitors reach production: pages, static files and
public media, a members-only file sent by the proxy after Django's check, a
slow 8 MB upload, and the visitor's address as the rate limiter sees it.

`make test-deploy` runs only these; `make test` runs them with the rest.
"""

import io
import json
import re
import socket
import struct
import threading
import time
import zlib
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image

from cpdd_portal.settings.base import cache_config
from tests.conftest import wait_for
from tests.deploy.topology import Topology, database_copy, request
from tests.factories import (
    ActivityDocumentFactory,
    ActivityFactory,
    RepresentativeFactory,
)

# The servers read what the `world` fixture commits; the tests themselves
# write nothing but through the servers.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def topology(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("topology")
    with (
        database_copy(django_db_blocker) as url,
        Topology(folder, database_url=url, secret_key=settings.SECRET_KEY) as running,
    ):
        yield running


def session_of(user):
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


@pytest.fixture(scope="module")
def world(topology, django_db_blocker):
    """What the visitors find, committed for the servers to read."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=topology.media_root,
            PRIVATE_MEDIA_ROOT=topology.private_media_root,
            # Content changes must reach the servers' page cache.
            CACHES={"default": cache_config(f"diskcache://{topology.cache_folder}")},
        ),
    ):
        document = ActivityDocumentFactory(
            activity=ActivityFactory(visibility="members"), visibility="members"
        )
        member = RepresentativeFactory()
        uploader = RepresentativeFactory()
        yield SimpleNamespace(
            document=document,
            member=session_of(member.user),
            member_email=member.user.email,
            organization=uploader.organization,
            provinces=[p.pk for p in uploader.organization.provinces.all()],
            uploader=session_of(uploader.user),
        )


def form_token(response):
    return hidden_value(response, "csrfmiddlewaretoken")


def hidden_value(response, name):
    return re.search(rf'name="{name}" value="([^"]+)"', response.text)[1]


def test_pages_static_files_and_public_media_come_through_the_proxy(topology):
    home = request(topology.port, "/")
    assert home.status == 200
    assert "CPDD" in home.text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)[1]
    css = request(topology.port, stylesheet, headers={"Accept-Encoding": "br"})
    assert css.status == 200
    # Caddy's precompressed copy and year-long caching of hashed names.
    assert css.headers["Content-Encoding"] == "br"
    assert "immutable" in css.headers["Cache-Control"]

    logo = topology.media_root / "logos" / "sample.png"
    logo.parent.mkdir(exist_ok=True)
    Image.new("RGB", (64, 64), "#1b5e20").save(logo)
    served = request(topology.port, "/media/logos/sample.png")
    assert served.status == 200
    assert served.body == logo.read_bytes()
    assert "sandbox" in served.headers["Content-Security-Policy"]
    # Django itself does not serve /media/ in production: the proxy does.
    assert request(topology.web.port, "/media/logos/sample.png").status == 404


def test_a_members_only_document_is_sent_by_the_proxy_after_django_s_check(
    topology, world
):
    document, member = world.document, world.member
    stored = (topology.private_media_root / document.file.name).read_bytes()
    url = document.file.url
    assert request(topology.port, url).status == 404  # anonymous

    response = request(topology.port, url, cookies=member)
    assert response.status == 200
    assert response.body == stored
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    assert "X-Accel-Redirect" not in response.headers

    # gunicorn only said yes; the bytes came from the proxy.
    behind = request(topology.web.port, url, cookies=member)
    assert behind.body == b""
    accel = behind.headers["X-Accel-Redirect"]
    assert accel == f"/_protected/{document.file.name}"
    # The proxy's own path to the private files is closed to everyone.
    assert request(topology.port, accel, cookies=member).status == 404


def png_of_size(size):
    """A real PNG image of `size` bytes: small pixels and a private ancillary
    chunk of padding, as cameras and editors add metadata."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "#0a4d8c").save(buffer, "PNG")
    image = buffer.getvalue()
    padding = size - len(image) - 12
    chunk = b"prVt" + bytes(padding)
    chunk = struct.pack(">I", padding) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return image[:33] + chunk + image[33:]  # after the IHDR chunk


def multipart(fields, files):
    boundary = "----cpdd-deploy-test"
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
    for name, (filename, content) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


def send_slowly(port, head, body, *, seconds):
    """An HTTP request written over `seconds`, as a slow connection sends it;
    the answer's status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        chunks = 80
        size = -(-len(body) // chunks)
        for start in range(0, len(body), size):
            sock.sendall(body[start : start + size])
            time.sleep(seconds / chunks)
        answer = b""
        while b"\r\n" not in answer:
            received = sock.recv(4096)
            if not received:
                break
            answer += received
    return answer.split(b"\r\n", 1)[0].decode()


def test_a_slow_8_mb_upload_succeeds_without_holding_the_web_worker(topology, world):
    organization, member = world.organization, world.uploader
    edit = reverse("members:organization-edit", args=[organization.slug])
    form = request(topology.port, edit, cookies=member)
    cookies = {**member, **form.cookies()}
    fields = {
        "csrfmiddlewaretoken": form_token(form),
        "edited_version": hidden_value(form, "edited_version"),
        "name_en": organization.name_en,
        "name_km": organization.name_km,
        "acronym": organization.acronym,
        "description_en": organization.description_en,
        "head_office_province": organization.head_office_province_id,
        "provinces": world.provinces,
    }
    logo = png_of_size(8_000_000)
    content_type, body = multipart(fields, {"logo": ("logo.png", logo)})
    head = (
        f"POST {edit} HTTP/1.1\r\nHost: 127.0.0.1:{topology.port}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {'; '.join(f'{k}={v}' for k, v in cookies.items())}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()

    # While the upload crawls in, the one web worker keeps answering.
    waits = []
    uploading = threading.Event()
    uploading.set()

    def visit():
        while uploading.is_set():
            started = time.monotonic()
            try:
                answered = request(topology.port, "/healthz", timeout=10).status
            except OSError:
                answered = None
            waits.append(time.monotonic() - started if answered == 200 else None)
            time.sleep(0.5)

    visitor = threading.Thread(target=visit)
    visitor.start()
    try:
        status = send_slowly(topology.port, head, body, seconds=10)
    finally:
        uploading.clear()
        visitor.join()

    assert status.split()[1] == "302", status  # saved, back to the profile
    assert len(waits) >= 10
    assert None not in waits, waits
    assert max(waits) < 2, waits
    profile = request(topology.port, organization.get_absolute_url())
    shown = re.search(r'"profile__logo" src="(/media/logos/[^"]+)"', profile.text)
    assert request(topology.port, shown[1]).status == 200


def apply(port, source, forged=None):
    """A membership application from `source`: the join form's rate limit
    (5 an hour per address) counts it."""
    page = request(port, "/members/join/", source=source)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if forged:
        headers["X-Forwarded-For"] = forged
    response = request(
        port,
        "/members/join/",
        method="POST",
        body=f"csrfmiddlewaretoken={form_token(page)}",
        headers=headers,
        cookies=page.cookies(),
        source=source,
    )
    # A form error today; a 429 page once the join form answers that way.
    return response.status == 429 or "Too many applications" in response.text


def test_the_rate_limiter_counts_the_visitor_not_the_proxy(topology):
    visitor, neighbour = "127.0.0.7", "127.0.0.8"
    # Each attempt pretends to be someone else; the proxy writes the truth.
    attempts = [apply(topology.port, visitor, forged=f"10.9.8.{n}") for n in range(6)]
    assert attempts == [False] * 5 + [True]
    # Another visitor behind the same proxy still may apply.
    assert not apply(topology.port, neighbour, forged=visitor)

    # Around the proxy, straight to gunicorn, X-Forwarded-For counts for nothing.
    request(
        topology.web.port,
        "/healthz",
        headers={"X-Forwarded-For": neighbour},
        source="127.0.0.9",
    )
    logged = [
        json.loads(line)
        for line in topology.web_log().splitlines()
        if '"cpdd_portal.requests"' in line
    ]
    addresses = {entry["remote_addr"] for entry in logged}
    assert {visitor, neighbour, "127.0.0.9"} <= addresses
    assert not addresses & {f"10.9.8.{n}" for n in range(6)}


def test_a_mail_asked_for_while_smtp_is_down_goes_out_when_it_returns(
    topology, world, smtp_sink
):
    visitor = "127.0.0.9"
    page = request(topology.port, "/accounts/password/reset/", source=visitor)
    response = request(
        topology.port,
        "/accounts/password/reset/",
        method="POST",
        body=urlencode(
            {"csrfmiddlewaretoken": form_token(page), "email": world.member_email}
        ),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        cookies=page.cookies(),
        source=visitor,
    )
    assert response.status == 302
    time.sleep(2)  # the worker tries meanwhile, and fails
    smtp_sink.start(topology.smtp_port)
    wait_for(lambda: smtp_sink.messages, timeout=60)
    (message,) = smtp_sink.messages
    assert world.member_email in message["To"]
