from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from core.files import private_file
from core.pagecache import cached_page, not_cached

from . import dashboard, search, views
from .sitemaps import SITEMAPS

admin.autodiscover()
admin.site.site_header = _("CPDD secretariat")
admin.site.site_title = _("CPDD Portal back-office")
admin.site.index_title = _("Back-office")
# Staff sign in through allauth so its rate limits and two-factor step apply.
admin.site.login = secure_admin_login(admin.site.login)

# The dashboard's figures as a spreadsheet, written when asked (core.exports).
DOWNLOAD = not_cached("a spreadsheet download, streamed when asked")

# A database outage gets a 503 page in the visitor's language, logged once.
handler500 = "cpdd_portal.outage.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    # An index of one sitemap per section, each paged (Sitemap.limit): one
    # file of every event in two languages would be 200,000 addresses.
    path(
        "sitemap.xml",
        cached_page()(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cached_page("p")(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "i18n/setlang/",
        not_cached("changes the visitor's language")(set_language),
        name="set_language",
    ),
    path("files/<slug:kind>/<int:pk>/<path:name>", private_file, name="private-file"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path("search/", search.SearchView.as_view(), name="search"),
    path(
        "dashboard/",
        cached_page("year", "project")(dashboard.DashboardView.as_view()),
        name="dashboard",
    ),
    path(
        "dashboard/download.csv",
        DOWNLOAD(dashboard.DashboardDownloadView.as_view(format="csv")),
        name="dashboard-csv",
    ),
    path(
        "dashboard/download.xlsx",
        DOWNLOAD(dashboard.DashboardDownloadView.as_view(format="xlsx")),
        name="dashboard-xlsx",
    ),
    path("accounts/", include("allauth.urls")),
    path("members/", include("members.urls")),
    path("events/", include("events.urls")),
    path("news/", include("events.news_urls")),
    path("case-studies/", include("casestudies.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
