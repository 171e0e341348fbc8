from django.contrib.sitemaps import Sitemap

from .models import Activity, NewsPost


class ActivitySitemap(Sitemap):
    """Public activities, in English and Khmer."""

    changefreq = "weekly"
    i18n = True
    alternates = True

    def items(self):
        return Activity.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, activity):
        return activity.updated_at


class NewsSitemap(Sitemap):
    """Published news posts, in English and Khmer."""

    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return NewsPost.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, post):
        return post.updated_at
