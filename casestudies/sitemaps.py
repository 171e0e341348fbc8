from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import CaseStudy, Recommendation, follow_up_by_district


class CaseStudySitemap(Sitemap):
    """Published case studies, in English and Khmer."""

    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return CaseStudy.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, case_study):
        return case_study.updated_at


class FollowUpSitemap(Sitemap):
    """The tracker and its district pages, which change with every update."""

    changefreq = "weekly"
    i18n = True
    alternates = True

    def items(self):
        districts = follow_up_by_district(Recommendation.objects.public())
        return [None, *(district.code for district in districts)]

    def location(self, code):
        if code is None:
            return reverse("casestudies:follow-up")
        return reverse("casestudies:district-follow-up", args=[code])
