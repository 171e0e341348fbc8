"""What the site search finds among events and news (core.search)."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.search import Source, register_search_source

from .models import Activity, NewsPost


class NewsSource(Source):
    def visible(self, user):
        return NewsPost.objects.published()

    def in_province(self, province):
        # A post is about the places of the activities and case studies it
        # reports (case studies name their posts: casestudies.CaseStudy).
        return Exists(
            NewsPost.activities.through.objects.filter(
                newspost_id=OuterRef("pk"), activity__province=province
            )
        ) | Exists(
            NewsPost.case_studies.through.objects.filter(
                newspost_id=OuterRef("pk"), casestudy__province=province
            )
        )


class EventSource(Source):
    def visible(self, user):
        return Activity.objects.visible_to(user)


register_search_source(
    NewsSource(
        kind="news",
        label=_("News"),
        plural=_("News"),
        position=10,
        model=NewsPost,
        title="title",
        texts=("summary", "body"),
        date="published_at",
        fields=("slug", "published_at", "is_example"),
    )
)
register_search_source(
    EventSource(
        kind="event",
        label=_("Event"),
        plural=_("Events"),
        position=20,
        model=Activity,
        title="title",
        texts=("objectives", "outcomes"),
        date="starts_at",
        related=("province",),
        fields=(
            "slug",
            "is_example",
            "kind",
            "starts_at",
            "province__name_en",
            "province__name_km",
        ),
        province_lookups=("province",),
    )
)
