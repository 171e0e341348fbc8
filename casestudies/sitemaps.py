from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse

from core.models import District
from core.sitemaps import RecordSitemap

from .models import CaseStudy, Recommendation


class CaseStudySitemap(RecordSitemap):
    """Published case studies, in English and Khmer."""

    changefreq = "monthly"

    def items(self):
        return CaseStudy.objects.published().only("slug", "updated_at").order_by("pk")


class FollowUpSitemap(Sitemap):
    """The tracker and its district pages, which change with every update."""

    changefreq = "weekly"
    i18n = True
    alternates = True

    def items(self):
        # The districts of the tracker: those with public recommendations.
        followed = Recommendation.objects.public().filter(
            case_study__district=OuterRef("pk")
        )
        codes = District.objects.filter(Exists(followed)).order_by("code")
        return [None, *codes.values_list("code", flat=True)]

    def location(self, code):
        if code is None:
            return reverse("casestudies:follow-up")
        return reverse("casestudies:district-follow-up", args=[code])
