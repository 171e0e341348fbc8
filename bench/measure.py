"""What a page costs apart from load: SQL queries per request, bytes as served,
and everything a first visit downloads."""

import gzip
import http.client
import re
import statistics
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import brotli

from bench.load import ACCEPT_ENCODING

FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
CSS_URL = re.compile(
    r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]"""
)


@dataclass
class Served:
    status: int
    encoding: str  # Content-Encoding as served: br, gzip or identity
    content_type: str
    body: bytes  # as sent on the wire (still compressed)

    @property
    def size(self):
        return len(self.body)

    def text(self):
        raw = self.body
        if self.encoding == "br":
            raw = brotli.decompress(raw)
        elif self.encoding == "gzip":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", errors="replace")


def fetch(url, cookie=None):
    """One GET as a browser sends it; a redirect is the answer, not followed."""
    parts = urlsplit(url)
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    if cookie:
        headers["Cookie"] = cookie
    connection = http.client.HTTPConnection(parts.netloc, timeout=15)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers=headers)
        response = connection.getresponse()
        return Served(
            status=response.status,
            encoding=response.getheader("Content-Encoding", "identity"),
            content_type=response.getheader("Content-Type", ""),
            body=response.read(),
        )
    finally:
        connection.close()


def signed_in_cookie():
    """A session cookie for `bench.data.bench_member()`, stored in the
    benchmark database, so the gunicorn workers accept it."""
    from django.conf import settings
    from django.test import Client

    from bench.data import bench_member

    client = Client()
    client.force_login(bench_member())
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


UNCACHED_RUNS = 5


def count_queries(path, cookie=None):
    """(status, SQL queries, cold ms, warm ms) of the page in-process, against
    the same database and settings as the server, never from the anonymous
    page cache. Cold: the first request after a change to the content (every
    cached count, ranking and figure computed again), counted and timed after
    one request that fills the per-process caches (what a worker under load
    looks like). Warm: the median of UNCACHED_RUNS more, with those data
    caches filled, as a signed-in visitor gets the page. For a page that
    raises, (500, the exception in one line, None, None)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core.content import bump_content_version

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING=ACCEPT_ENCODING)
    if cookie:
        client.cookies.load(cookie)
    else:
        # An empty messages cookie: the page cache passes the request to the
        # view (it might carry a message), and the page is otherwise the same.
        client.cookies["messages"] = ""
    try:
        client.get(path)
        bump_content_version()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            cold_ms = (time.perf_counter() - started) * 1000
        # Now: each request below empties the connection's query log.
        query_count = len(queries)
        times = []
        for _ in range(UNCACHED_RUNS):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    except Exception as error:  # the page is broken: say how, in one line
        return 500, f"{type(error).__name__}: {error}", None, None
    return response.status_code, query_count, cold_ms, statistics.median(times)


@dataclass
class Asset:
    url: str
    kind: str  # html, css, js, font, image
    served: Served


class _PageAssets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (kind, url) in document order

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            rel = set((attrs.get("rel") or "").lower().split())
            kind = None
            if "stylesheet" in rel:
                kind = "css"
            elif rel & {"preload", "modulepreload"}:
                kind = {"font": "font", "style": "css"}.get(attrs.get("as"), "js")
            elif rel & {"icon", "apple-touch-icon"}:
                kind = "image"
            if kind:
                self.found.append((kind, attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("image", attrs["src"]))


def _kind_in_css(url):
    path = urlsplit(url).path.lower()
    if path.endswith(FONT_SUFFIXES):
        return "font"
    return "css" if path.endswith(".css") else "image"


def first_visit(base_url, path, cookie=None):
    """Everything a browser with an empty cache downloads for `path`: the
    HTML, its stylesheets (and their @imports), scripts, images, and every
    font the CSS references. An upper bound for fonts: a browser fetches a
    @font-face only when the page uses it. Returns (assets, external URLs)."""
    page_url = urljoin(base_url, path)
    origin = urlsplit(base_url).netloc
    html = fetch(page_url, cookie)
    assets = [Asset(page_url, "html", html)]
    external = []
    parser = _PageAssets()
    parser.feed(html.text())
    queue = [(kind, urljoin(page_url, ref)) for kind, ref in parser.found]
    seen = {page_url}
    while queue:
        kind, url = queue.pop(0)
        url = url.split("#")[0]
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        if urlsplit(url).netloc != origin:
            external.append(url)
            continue
        served = fetch(url)
        assets.append(Asset(url, kind, served))
        if kind == "css" and served.status == 200:
            for match in CSS_URL.finditer(served.text()):
                ref = match.group(1) or match.group(2)
                if not ref.startswith("data:"):
                    queue.append((_kind_in_css(ref), urljoin(url, ref)))
    return assets, external
