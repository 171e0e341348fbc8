"""Whole-page caching of what anonymous visitors see, invalidated on change.

A page is cached only for a visitor who carries no session or messages cookie
(so nothing personal can be on it) and only when the response sets no cookie.
The key holds a content version that any save or delete of the portal's own
records bumps, so an edit in the back-office or by a member shows at once.
"""

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

from core.content import bump_content_version, versioned_key

PAGE_TIMEOUT = 300
CONTENT_APPS = ("core", "members", "events", "casestudies")


def _is_anonymous_and_cookieless(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Pages that show the same thing to every anonymous visitor.
CACHED_VIEWS = {
    "home",
    "about",
    "dashboard",
    "members:directory",
    "members:partners",
    "members:organization-detail",
    "members:workinggroup-list",
    "members:workinggroup-detail",
    "events:activity-list",
    "events:activity-detail",
    "news:post-list",
    "news:post-detail",
    "casestudies:case-study-list",
    "casestudies:case-study-detail",
    "casestudies:follow-up",
    "casestudies:district-follow-up",
    # Keyed by the whole query string: a popular query is searched once per
    # change of the content, and an odd one costs one cache entry.
    "search",
    "sitemap",
    "sitemap-section",
}


class PublicPageCacheMiddleware:
    """Serve anonymous, cookieless GETs of CACHED_VIEWS from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in CACHED_VIEWS:
            return None
        if not _is_anonymous_and_cookieless(request):
            return None
        # The whole address: pages hold absolute links built from the host.
        key = versioned_key("public-page", get_language(), request.build_absolute_uri())
        accepts_gzip = re_accepts_gzip.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")
        )
        cached = cache.get(f"{key}:gzip" if accepts_gzip else key)
        if cached is not None:
            return cached
        response = view_func(request, *view_args, **view_kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if self._shareable(request, response):
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
