"""Whole-page caching of what anonymous visitors see, invalidated on change.

A page is cached only for a visitor who carries no session or messages cookie
(so nothing personal can be on it) and only when the response sets no cookie.
The key holds a content version that any save or delete of the portal's own
records bumps, so an edit in the back-office or by a member shows at once.
"""

from urllib.parse import urlencode

from diskcache import DjangoCache
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from django.utils.translation import get_language

from core.content import bump_content_version, has_room, versioned_key
from core.pagecache import cached_parameters

PAGE_TIMEOUT = 300


class DiskCache(DjangoCache):
    """diskcache's Django backend (settings.base.cache_config), keeping its
    SQLite connections open from one request to the next.

    Django closes every cache when a request ends, which suits network
    clients; closing diskcache's eight SQLite files checkpoints their logs
    and the next request opens them again: 50 ms a request instead of 1.
    The connections belong to this thread and process (diskcache reopens
    them after a fork), so keeping them is safe.
    """

    def close(self, **kwargs):
        pass


CONTENT_APPS = ("core", "members", "events", "casestudies")


def _is_anonymous_and_cookieless(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Which pages are kept: each view declares it (core.pagecache), with the
# query parameters it reads. A request with any other parameter, an invalid
# filter or a page number that is not the page shown is served but not kept:
# only the addresses the site itself links to are cached.
PAGE = "page"


class PublicPageCacheMiddleware:
    """Serve anonymous, cookieless GETs of cacheable pages from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        parameters = cached_parameters(view_func)
        if match is None or parameters is None:
            return None
        if not _is_anonymous_and_cookieless(request):
            return None
        query = _canonical_query(request, parameters)
        if query is None:
            return None
        # The whole address: pages hold absolute links built from the host.
        url = request.build_absolute_uri(request.path) + query
        key = versioned_key("public-page", get_language(), url)
        accepts_gzip = re_accepts_gzip.search(
            request.headers.get("accept-encoding", "")
        )
        cached = cache.get(f"{key}:gzip" if accepts_gzip else key)
        if cached is not None:
            return cached
        response = view_func(request, *view_args, **view_kwargs)
        if hasattr(response, "render") and callable(response.render):
            if not _shows_what_was_asked(request, response):
                return response
            response = response.render()
        if self._shareable(request, response) and (
            not query or has_room(f"public-page:{match.view_name}", PAGE_TIMEOUT)
        ):
            patch_vary_headers(response, ["Cookie"])
            compressed = _gzipped(response)
            cache.set_many({key: response, f"{key}:gzip": compressed}, PAGE_TIMEOUT)
            if accepts_gzip:
                return compressed
        return response

    @staticmethod
    def _shareable(request, response):
        """Nothing on the page or in its cookies belongs to this visitor."""
        return (
            response.status_code == 200
            and not response.cookies
            and not request.session.modified
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and b"csrfmiddlewaretoken" not in response.content
        )


def _canonical_query(request, parameters):
    """The query string in one order ("" for none), or None when it holds a
    parameter the page does not read, or one twice."""
    items = list(request.GET.lists())
    if any(name not in parameters or len(values) > 1 for name, values in items):
        return None
    if not items:
        return ""
    return "?" + urlencode(sorted((name, values[0]) for name, values in items))


def _shows_what_was_asked(request, response):
    """False for a page whose filters are invalid (shown with errors, not
    results) or whose page number is not the one shown (search shows the
    last page for ?page=99999): each would be a new entry for nothing."""
    context = response.context_data or {}
    for name in ("filter", "form"):
        form = context.get(name)
        form = getattr(form, "form", form)  # a FilterSet's form
        if getattr(form, "is_bound", False) and not form.is_valid():
            return False
    page = context.get("page_obj")
    asked = request.GET.get(PAGE)
    return not (page is not None and asked is not None and asked != str(page.number))


def _gzipped(response):
    """The page compressed once, when it is cached, rather than by GZipMiddleware
    on every hit. GZipMiddleware's random padding against BREACH is not needed:
    a shared page holds no secret (no CSRF token, nothing of the visitor's).
    """
    compressed = HttpResponse(
        compress_string(response.content), status=response.status_code
    )
    for header, value in response.items():
        compressed[header] = value
    compressed["Content-Encoding"] = "gzip"
    compressed["Content-Length"] = str(len(compressed.content))
    patch_vary_headers(compressed, ["Accept-Encoding"])
    return compressed


def content_changed(**kwargs):
    """Bump the version now, and again when the transaction commits: a page
    rendered in between read the rows as they were and must not last."""
    bump_content_version()
    transaction.on_commit(bump_content_version)


def connect_invalidation():
    """Bump the content version whenever the portal's records change."""
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            uid = f"public-pages:{model._meta.label}"
            post_save.connect(content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(content_changed, sender=model, dispatch_uid=uid)
    m2m_changed.connect(content_changed, dispatch_uid="public-pages:m2m")
