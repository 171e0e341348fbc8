from core.sitemaps import RecordSitemap

from .models import Activity, NewsPost


class ActivitySitemap(RecordSitemap):
    """Public activities, in English and Khmer."""

    changefreq = "weekly"

    def items(self):
        return Activity.objects.public().only("slug", "updated_at").order_by("pk")


class NewsSitemap(RecordSitemap):
    """Published news posts, in English and Khmer."""

    changefreq = "monthly"

    def items(self):
        return NewsPost.objects.published().only("slug", "updated_at").order_by("pk")
