from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.examples import marked_title
from core.pagecache import not_cached
from core.richtext import plain_text

from .models import NewsPost

FEED_LENGTH = 20


@not_cached("a feed for news readers, which poll it with their own caching")
class LatestNewsFeed(Feed):
    """RSS 2.0 of the latest published news, in the language of its URL."""

    title = _("CPDD news")
    description = _(
        "News from the Coalition for Partnership in Democratic Development."
    )

    def link(self):
        return reverse("news:post-list")

    def items(self):
        return NewsPost.objects.published().for_list()[:FEED_LENGTH]

    def item_title(self, item):
        return marked_title(item, item.title)

    def item_description(self, item):
        return item.summary or plain_text(item.body, 400)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


@not_cached("a feed for news readers, which poll it with their own caching")
class AtomNewsFeed(LatestNewsFeed):
    feed_type = Atom1Feed
    subtitle = LatestNewsFeed.description
