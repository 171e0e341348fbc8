from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from casestudies.sitemaps import CaseStudySitemap, FollowUpSitemap
from events.sitemaps import ActivitySitemap, NewsSitemap
from members.sitemaps import OrganizationSitemap, WorkingGroupSitemap


class SectionSitemap(Sitemap):
    """The portal's own pages, in English and Khmer."""

    changefreq = "weekly"
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "home",
            "about",
            "members:directory",
            "members:partners",
            "members:workinggroup-list",
            "members:apply",
            "events:activity-list",
            "news:post-list",
            "casestudies:case-study-list",
            "casestudies:follow-up",
            "dashboard",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "sections": SectionSitemap,
    "organizations": OrganizationSitemap,
    "working-groups": WorkingGroupSitemap,
    "events": ActivitySitemap,
    "news": NewsSitemap,
    "case-studies": CaseStudySitemap,
    "follow-up": FollowUpSitemap,
}
