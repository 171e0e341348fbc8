from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from casestudies.models import CaseStudy
from events.models import Activity, NewsPost


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


class AboutView(TemplateView):
    template_name = "cpdd_portal/about.html"


@never_cache
def healthz(request):
    """Liveness and readiness: one round trip to the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


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
