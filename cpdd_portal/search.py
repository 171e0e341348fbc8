"""Site search: one ranked list across what the apps register (news, events,
case studies, their recommendations and member organisations; each app's
search.py), in English and Khmer. How a kind matches and shows is core.search.

Every page takes a fixed number of queries whatever the data: a capped count,
one UNION ALL query for the ranked page of (kind, key, rank, date), then one
query per kind present on the page for what its results show, highlights
computed there for those rows only.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.content import cached
from core.models import Province
from core.pagecache import cached_page
from core.search import MAX_QUERY_LENGTH, Query, mark_html, search_sources
from core.twofactor import sees_as_staff
from events.filters import year_choices

__all__ = ["Query", "Search", "SearchView", "mark_html"]

# Past this many matches the count says "more than"; deeper pages are not
# offered: a narrower search serves people better than page 60.
MAX_RESULTS = 1000
PAGE_SIZE = 20
SEARCH_CACHE_TIMEOUT = 300


@dataclass
class Search:
    """The results of `query` for `user`, ranked best first; a sequence the
    Paginator can page through: count() and slices each cost a fixed number
    of queries."""

    query: Query
    user: object
    kinds: tuple[str, ...] = ()
    province: object = None
    year: int | None = None
    language: str = "en"
    # Who sees the same results (see audience()): when given, the count and
    # the ranked keys of each page are kept in the cache under it and the
    # content version, since they depend on nothing else.
    audience: str | None = None
    _querysets: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        sources = search_sources()
        for kind in self.kinds or sources:
            source = sources[kind]
            queryset = source.search(
                self.user, self.query, province=self.province, year=self.year
            )
            if queryset is not None:
                self._querysets[kind] = queryset

    def _union(self, parts):
        first, *rest = parts
        # No default ordering (the first model's Meta.ordering) on the union.
        return (first.union(*rest, all=True) if rest else first).order_by()

    def _cached(self, name, compute):
        if self.audience is None:
            return compute()
        province = self.province and self.province.pk
        searched = (self.audience, self.query.text, self.kinds, province, self.year)
        return cached("search", (*searched, name), compute, SEARCH_CACHE_TIMEOUT)

    @cached_property
    def total(self):
        """How many results, up to MAX_RESULTS + 1 (a capped count)."""
        if self.query.is_empty or not self._querysets:
            return 0
        keys = [queryset.values_list("pk") for queryset in self._querysets.values()]
        return self._cached(
            "total", lambda: self._union(keys)[: MAX_RESULTS + 1].count()
        )

    @property
    def more_than_max(self):
        return self.total > MAX_RESULTS

    def count(self):
        return min(self.total, MAX_RESULTS)

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("Search results are read a page at a time.")
        if not self.count():
            return []
        sources = search_sources()
        ranked = self._union(
            [
                sources[kind].ranked(queryset, self.query)
                for kind, queryset in self._querysets.items()
            ]
        ).order_by(
            "-hit_rank", F("hit_date").desc(nulls_last=True), "hit_kind", "-hit_key"
        )[window]
        rows = self._cached(f"rows:{window.start}:{window.stop}", lambda: list(ranked))
        keys = {}
        for kind, key, _rank, _date in rows:
            keys.setdefault(kind, []).append(key)
        hits = {}
        for kind, kind_keys in keys.items():
            for key, hit in (
                sources[kind].fetch(kind_keys, self.query, self.language).items()
            ):
                hits[kind, key] = hit
        return [
            hits[kind, key] for kind, key, _rank, _date in rows if (kind, key) in hits
        ]

    def only_common_words(self):
        """Whether the English part of the query has no word that full-text
        search keeps ("the", "and", punctuation). One query; ask only when
        nothing was found."""
        if not self.query.english:
            return False
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT numnode(websearch_to_tsquery('english', %s))",
                [self.query.english],
            )
            return cursor.fetchone()[0] == 0


class SearchFilters(forms.Form):
    """The filters beside the query (which Query.parse reads, never refusing
    it); a bad value is reported on its field and ignored."""

    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=lambda: [
            ("", _("All types")),
            *((kind, source.plural) for kind, source in search_sources().items()),
        ],
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=Province.objects.only("id", "slug", "name_en", "name_km"),
        to_field_name="slug",
        empty_label=_("All provinces"),
    )
    year = forms.TypedChoiceField(
        label=_("Year"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=lambda: [("", _("All years")), *year_choices()],
        help_text=_("Members and partners have no year: choosing one leaves them out."),
    )

    def filters(self):
        """Keyword arguments for Search."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        kind = data.get("type")
        return {
            "kinds": (kind,) if kind else (),
            "province": data.get("province"),
            "year": data.get("year"),
        }


def audience(user):
    """Whose results are alike: every anonymous visitor's ("public"), all
    staff's with two-factor sign-in, else one signed-in user's (whether they
    represent a member is a query of its own, so their paging and repeated
    searches share instead; staff without two-factor are such a user)."""
    if not user.is_authenticated:
        return "public"
    return "staff" if sees_as_staff(user) else f"user:{user.pk}"


# A popular query is searched once per change of the content; the odd
# ones count against settings.CACHE_ENTRIES_PER_KIND.
@cached_page("q", "type", "province", "year", "page")
class SearchView(TemplateView):
    template_name = "cpdd_portal/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = Query.parse(self.request.GET.get("q", ""))
        form = SearchFilters(self.request.GET)
        context.update(
            form=form,
            query=query.text,
            site_search_text=query.text,
            search_query=query,
            max_query_length=MAX_QUERY_LENGTH,
        )
        if query.is_empty:
            return context
        search = Search(
            query=query,
            user=self.request.user,
            language="km" if get_language() == "km" else "en",
            audience=audience(self.request.user),
            **form.filters(),
        )
        page = Paginator(search, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            search=search,
            page_obj=page,
            results=page.object_list,
            only_common_words=not search.count() and search.only_common_words(),
        )
        return context
