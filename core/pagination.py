from datetime import datetime
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator

from core.content import cached

COUNT_TIMEOUT = 3600


class CachedCountPaginator(Paginator):
    """A Paginator whose exact COUNT(*) runs once per query and content version.

    Counting 100,000 filtered rows costs PostgreSQL tens of milliseconds on
    every page of a list, for a number that only changes when the content
    does; the count is kept under the content version, so it is never stale.
    """

    @cached_property
    def count(self):
        try:
            sql, params = self.object_list.query.sql_with_params()
        except (AttributeError, EmptyResultSet):  # a list, or a query of nothing
            return super().count
        # Lists of what is published "by now" hold the time in their query:
        # to the minute, so that a post scheduled for 10:00 shows by 10:01.
        params = [
            p.replace(second=0, microsecond=0) if isinstance(p, datetime) else p
            for p in params
        ]
        return cached(
            "count",
            (sql, params),
            lambda: super(CachedCountPaginator, self).count,
            COUNT_TIMEOUT,
        )


def page_links(page):
    """The page numbers to link around `page`, None for a gap: 1 … 4 5 [6] 7 8
    … 5000. Never a loop over every page of a long list."""
    paginator = page.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(
            page.number, on_each_side=2, on_ends=1
        )
    ]
