from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from casestudies.models import CaseStudy
from core.pagecache import cached_page, not_cached
from events.models import Activity, NewsPost

from .outage import (
    FULL,
    RETRY_AFTER_SECONDS,
    UNREACHABLE,
    database_unavailable,
    record_outage,
)

# For monitoring, not visitors: English, never translated.
HEALTH_DETAILS = {
    UNREACHABLE: "cannot connect to the database",
    FULL: "every database connection is in use",
    None: "the database query failed",
}


@cached_page()
class HomeView(TemplateView):
    template_name = "cpdd_portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = NewsPost.objects.published().for_list()[:3]
        context["upcoming_events"] = (
            Activity.objects.visible_to(self.request.user).upcoming().for_list()[:3]
        )
        context["featured_case_studies"] = (
            CaseStudy.objects.published()
            .for_list()
            .order_by("-published_on", "-pk")[:3]
        )
        return context


@cached_page()
class AboutView(TemplateView):
    template_name = "cpdd_portal/about.html"


@not_cached("says how this instance and its database are, now")
@never_cache
def healthz(request):
    """Liveness and readiness: one round trip to the database. Not ready
    (503) when the database is unreachable or has no connection to spare."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means "not ready"
        reason = database_unavailable(exc)
        response = JsonResponse(
            {
                "status": "error",
                "database": reason or "error",
                "detail": HEALTH_DETAILS[reason],
            },
            status=503,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
        if reason:
            # Once per outage, not on every probe of the load balancer.
            record_outage(reason, exc)
            response._has_been_logged = True
        return response
    return JsonResponse({"status": "ok"})


@not_cached("a few lines built from the host, read by robots only")
def robots_txt(request):
    """Crawl everything public; keep robots out of accounts and the back-office."""
    sitemap_url = reverse("sitemap")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /km/admin/",
        "Disallow: /accounts/",
        "Disallow: /km/accounts/",
        f"Sitemap: {request.build_absolute_uri(sitemap_url)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
