from django.contrib.sitemaps import Sitemap

from .models import Organization, WorkingGroup


class OrganizationSitemap(Sitemap):
    """Public profiles (active members and partners), in English and Khmer."""

    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return Organization.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, organization):
        return organization.updated_at


class WorkingGroupSitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return WorkingGroup.objects.only("slug").order_by("pk")
