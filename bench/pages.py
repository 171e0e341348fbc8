"""The pages the benchmark loads: add a page here and every run measures it."""

from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    # Sent with the session cookie of `bench.data.bench_member()`.
    signed_in: bool = False


HEALTHZ = Page("healthz", "/healthz")

PAGES = [
    Page("home", "/"),
    Page("home (km)", "/km/"),
    Page("about", "/about/"),
    Page("members", "/members/"),
    Page("member profile", "/members/ctod/"),
    Page("events", "/events/"),
    # Records of the coalition's own texts (the demo data), present at any scale.
    Page("event", "/events/annual-congress-2026/"),
    Page("news", "/news/"),
    Page("news post", "/news/annual-congress-registration-open/"),
    Page("case studies", "/case-studies/"),
    Page("case study", "/case-studies/civic-engagement-banan-2021/"),
    Page("follow-up tracker", "/case-studies/follow-up/"),
    Page("search (en)", "/search/?q=workshop"),
    Page("search (km)", "/km/search/?" + urlencode({"q": "ការចូលរួម"})),
    Page("dashboard", "/dashboard/"),
    Page("sitemap index", "/sitemap.xml"),
    # The demo representative (CTOD): "My organisation", then its profile editor.
    Page("my organisation (signed in)", "/members/mine/", signed_in=True),
    Page("profile editor (signed in)", "/members/ctod/edit/", signed_in=True),
]

# What a first visit transfers (HTML, CSS, JS, fonts, images) is measured here.
FIRST_VISIT = ["/", "/km/"]
