"""The pages the benchmark loads: add a page here and every run measures it."""

from dataclasses import dataclass


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
    # Later: members, events, news, case studies, search, dashboard.
    # Until the member dashboard exists, allauth's e-mail page stands in to
    # measure what a session costs.
    Page("account e-mail (signed in)", "/accounts/email/", signed_in=True),
]

# What a first visit transfers (HTML, CSS, JS, fonts, images) is measured here.
FIRST_VISIT = ["/", "/km/"]
