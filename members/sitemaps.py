from django.contrib.sitemaps import Sitemap

from core.sitemaps import RecordSitemap

from .models import Organization, WorkingGroup


class OrganizationSitemap(RecordSitemap):
    """Public profiles (active members and partners), in English and Khmer."""

    changefreq = "monthly"

    def items(self):
        return Organization.objects.public().only("slug", "updated_at").order_by("pk")


class WorkingGroupSitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return WorkingGroup.objects.only("slug").order_by("pk")
