"""Site search: one ranked list across news, events, case studies, their
recommendations and member organisations, in English and Khmer.

English is matched by stem against a stored, weighted tsvector on each model
(titles A, summaries B, bodies C; a GeneratedField with a GIN index), queried
with websearch_to_tsquery, which accepts any input without a syntax error.
Organisation names and acronyms also match when misspelt, by trigram word
similarity (pg_trgm's `%>`, served by organization_name_trgm).

Khmer is written without spaces, so PostgreSQL's parser sees a Khmer sentence
as one word. Each run of Khmer letters in the query must occur as a substring
of a record's Khmer title or text: `LIKE '%term%'` served by gin_trgm_ops
indexes (Khmer has no letter case, so LIKE does what ILIKE would, cheaper).
Measured on 100,000 rows of Khmer text (4-9 words of title, 40-120 of body)
with 40 queries (30 words, 10 two-word phrases), a trigram GIN index against
a khmercut-segmented 'simple' tsvector with a GIN index: median 28.5 ms
(p95 176 ms) by trigram, 17 ms (p95 58 ms) by segments. Segments are faster
on common single words (179 ms against 312 ms at 30,000 matches), trigrams on
phrases (0.6-5 ms against 4-42 ms). But segments find whole tokens only: not
part of a longer word, and not a query that khmercut cuts differently alone
than in context ("ដងទន្លេ" became "ដង ទន្លេ" and found 66 of its 2,093
records). They would also need Python on every write (bulk inserts, imports
and the admin alike), where trigram indexes need nothing. So: trigrams.
At 100,000 records across the five tables, `python -m bench.search` measured
a median of 27 ms (p95 57 ms) for a page of results.

Runs shorter than three characters give pg_trgm no trigram to look up and
would scan every row, so they are left out (and the page says so).

Every page takes a fixed number of queries whatever the data: a capped count,
one UNION ALL query for the ranked page of (kind, key, rank, date), then one
query per kind present on the page for what its results show, highlights
computed there for those rows only.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    DateTimeField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    Greatest,
    NullIf,
    StrIndex,
    Substr,
)
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from casestudies.models import CaseStudy, Recommendation
from core.content import cached
from core.gazetteer import with_usual_spellings
from core.models import Province
from core.richtext import plain_text
from core.twofactor import sees_as_staff
from events.filters import year_choices
from events.models import Activity, NewsPost
from members.models import Organization

MAX_QUERY_LENGTH = 200
# Past this many matches the count says "more than"; deeper pages are not
# offered: a narrower search serves people better than page 60.
MAX_RESULTS = 1000
PAGE_SIZE = 20
SEARCH_CACHE_TIMEOUT = 300
MIN_KHMER_TERM = 3
MAX_KHMER_TERMS = 6
# Khmer letters, signs and digits; Khmer punctuation (khan, bariyoosan...)
# separates terms like spaces do.
KHMER_TERM = re.compile(r"[\u1780-\u17d3\u17d7\u17dc\u17dd\u17e0-\u17e9\u19e0-\u19ff]+")
# ts_headline marks matches with these private-use characters, which the query
# parser strips from queries. The text around them is escaped before they
# become <mark> tags, so neither the query nor the content can inject HTML.
MARK_START, MARK_END = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")
SNIPPET_LENGTH = 220


@dataclass(frozen=True)
class Query:
    """What someone typed, made safe to search with.

    `text` is what the page echoes; `english` the part for full-text search
    (empty unless it has a letter or digit); `khmer` the runs of Khmer letters
    that must each occur in a record.
    """

    text: str = ""
    english: str = ""
    khmer: tuple[str, ...] = ()
    truncated: bool = False
    short_khmer: bool = False

    @classmethod
    def parse(cls, raw):
        text = unicodedata.normalize("NFC", str(raw or ""))
        # A zero-width space separates Khmer words as a space does. Other
        # control, format and private-use characters go: NUL among them, which
        # PostgreSQL refuses in text, and the highlighting marks.
        text = "".join(
            " " if char.isspace() or char == "\u200b" else char
            for char in text
            if char.isspace()
            or not unicodedata.category(char).startswith("C")
            or char == "\u200b"
        )
        text = " ".join(text.split())
        truncated = len(text) > MAX_QUERY_LENGTH
        if truncated:
            text = text[:MAX_QUERY_LENGTH].rstrip()
        runs = KHMER_TERM.findall(text)
        khmer = tuple(dict.fromkeys(run for run in runs if len(run) >= MIN_KHMER_TERM))
        english = " ".join(KHMER_TERM.sub(" ", text).split())
        if not any(char.isalnum() for char in english):
            english = ""
        return cls(
            text=text,
            english=english,
            khmer=khmer[:MAX_KHMER_TERMS],
            truncated=truncated,
            short_khmer=len(khmer) < len(set(runs)),
        )

    @property
    def is_empty(self):
        return not (self.english or self.khmer)

    @cached_property
    def tsquery(self):
        query = SearchQuery(self.english, config="english", search_type="websearch")
        # Places spelt as the coalition's texts spell them ("Komreing") also
        # find what names them as the portal does ("Kamrieng").
        usual = with_usual_spellings(self.english)
        if usual:
            query |= SearchQuery(usual, config="english", search_type="websearch")
        return query


def translated(name, language):
    """A translated field in `language`, falling back to English when empty,
    as modeltranslation does for attributes."""
    if language == "en":
        return F(f"{name}_en")
    return Coalesce(NullIf(F(f"{name}_{language}"), Value("")), F(f"{name}_en"))


def paragraphs(names):
    """The text fields `names` as one Markdown text, a paragraph each."""
    parts = []
    for name in names:
        parts += [Coalesce(F(name), Value(""), output_field=TextField()), Value("\n\n")]
    return Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]


def headline(expression, query, **options):
    """ts_headline of `expression` with MARK_START/MARK_END around matches."""
    return SearchHeadline(
        expression,
        query.tsquery,
        config="english",
        start_sel=MARK_START,
        stop_sel=MARK_END,
        **options,
    )


def any_contains(fields, term):
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__contains": term})
    return condition


@dataclass(frozen=True)
class Source:
    """One kind of result: where it comes from and how it matches and shows."""

    kind: str
    label: str
    model: type
    title: str
    texts: tuple[str, ...]
    khmer_title: str
    khmer_texts: tuple[str, ...]
    date: str | None
    related: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    province_lookups: tuple[str, ...] = ()
    period: tuple[str, str] | None = None

    def visible(self, user):
        raise NotImplementedError

    def in_province(self, province):
        condition = Q()
        for lookup in self.province_lookups:
            condition |= Q(**{lookup: province})
        return condition

    def in_year(self, year):
        """The condition for `year`, or None when this kind has no date."""
        if self.period:
            start, end = self.period
            return Q(**{f"{start}__year__lte": year, f"{end}__year__gte": year})
        if self.date:
            return Q(**{f"{self.date}__year": year})
        return None

    def english_match(self, query):
        return Q(search_vector=query.tsquery)

    def english_rank(self, query):
        return SearchRank(F("search_vector"), query.tsquery)

    def khmer_match(self, term):
        return any_contains((self.khmer_title, *self.khmer_texts), term)

    def matching(self, query):
        condition = Q()
        if query.english:
            condition &= self.english_match(query)
        for term in query.khmer:
            condition &= self.khmer_match(term)
        return condition

    def rank(self, query):
        """A float comparable across kinds: ts_rank for English (about 0.6 for
        a title match, 0.1 for a body match), 1 for Khmer in the title and
        0.2 elsewhere, averaged over the Khmer terms."""
        rank = Value(0.0)
        if query.english:
            rank = self.english_rank(query)
        if query.khmer:
            khmer = sum(
                (
                    Case(
                        When(**{f"{self.khmer_title}__contains": term}, then=1.0),
                        default=0.2,
                    )
                    for term in query.khmer
                ),
                Value(0.0),
            ) / Value(float(len(query.khmer)))
            rank = rank + khmer
        return Cast(rank, FloatField())

    def search(self, user, query, *, province=None, year=None):
        """The visible records matching `query` and the filters, unordered;
        None when a filter rules the whole kind out."""
        queryset = self.visible(user).filter(self.matching(query))
        if province is not None:
            queryset = queryset.filter(self.in_province(province))
        if year is not None:
            in_year = self.in_year(year)
            if in_year is None:
                return None
            queryset = queryset.filter(in_year)
        return queryset.order_by()

    def ranked(self, queryset, query):
        date = Cast(F(self.date), DateTimeField()) if self.date else None
        # Prefixed names: models have fields called "kind".
        return queryset.annotate(
            hit_kind=Value(self.kind),
            hit_key=F("pk"),
            hit_rank=self.rank(query),
            hit_date=date if date is not None else Cast(Value(None), DateTimeField()),
        ).values_list("hit_kind", "hit_key", "hit_rank", "hit_date")

    def fetch(self, keys, query, language):
        """The records with these keys, with what their result shows: the
        title in `language` and a snippet where the query matched."""
        only = ["pk", f"{self.title}_en", f"{self.title}_km", *self.fields]
        queryset = self.model.objects.filter(pk__in=keys).only(*only).order_by()
        if self.related:
            queryset = queryset.select_related(*self.related)
        if query.english:
            queryset = queryset.annotate(
                marked_title=headline(
                    translated(self.title, language), query, highlight_all=True
                )
            )
            if language != "en":
                # The English title, for when that is where the words matched.
                queryset = queryset.annotate(
                    marked_title_en=headline(
                        F(f"{self.title}_en"), query, highlight_all=True
                    )
                )
            # English texts: the words matched are there, whatever the page's
            # language. Not when the title already shows that very text.
            if self.texts and not (language == "en" and self.texts == (self.title,)):
                text = paragraphs(f"{name}_en" for name in self.texts)
                queryset = queryset.annotate(
                    marked_text=headline(
                        text,
                        query,
                        max_words=30,
                        min_words=12,
                        max_fragments=2,
                        fragment_delimiter=" … ",
                    )
                )
        elif self.khmer_texts and not (
            language == "km" and self.khmer_texts == (self.khmer_title,)
        ):
            # Around the first occurrence of the first term, so that twenty
            # snippets do not send twenty whole bodies over the wire.
            text = paragraphs(self.khmer_texts)
            start = Greatest(StrIndex(text, Value(query.khmer[0])) - 80, Value(1))
            queryset = queryset.annotate(
                khmer_start=start,
                khmer_text=Substr(text, start, SNIPPET_LENGTH + 80),
            )
        return {record.pk: self.hit(record, query, language) for record in queryset}

    def hit(self, record, query, language):
        title = getattr(record, self.title)  # in the page's language
        if query.english:
            snippet = getattr(record, "marked_text", "")
            title_en = getattr(record, "marked_title_en", "")
            if MARK_START not in snippet and MARK_START in title_en:
                snippet = title_en
            return Hit(
                source=self,
                record=record,
                title=mark_html(record.marked_title or title),
                snippet=mark_html(plain_text(snippet, SNIPPET_LENGTH)),
                snippet_language="en",
            )
        snippet = ""
        text = getattr(record, "khmer_text", "")
        if any(term in text for term in query.khmer):
            snippet = khmer_snippet(text, query.khmer, cut=record.khmer_start > 1)
        elif language != "km":
            # Matched in the Khmer title, which the page does not show.
            snippet = mark_terms(getattr(record, self.khmer_title), query.khmer)
        return Hit(
            source=self,
            record=record,
            title=mark_terms(title, query.khmer),
            snippet=snippet,
            snippet_language="km",
        )


class NewsSource(Source):
    def visible(self, user):
        return NewsPost.objects.published()

    def in_province(self, province):
        # A post is about the places of the activities and case studies it
        # reports.
        return Exists(
            NewsPost.activities.through.objects.filter(
                newspost_id=OuterRef("pk"), activity__province=province
            )
        ) | Exists(
            CaseStudy.news_posts.through.objects.filter(
                newspost_id=OuterRef("pk"), casestudy__province=province
            )
        )


class EventSource(Source):
    def visible(self, user):
        return Activity.objects.visible_to(user)


class CaseStudySource(Source):
    def visible(self, user):
        return CaseStudy.objects.published()


class RecommendationSource(Source):
    def visible(self, user):
        return Recommendation.objects.public()


class OrganizationSource(Source):
    def visible(self, user):
        return Organization.objects.public()

    def in_province(self, province):
        return Q(head_office_province=province) | Exists(
            Organization.provinces.through.objects.filter(
                organization_id=OuterRef("pk"), province=province
            )
        )

    def english_match(self, query):
        # Misspelt names and acronyms: "Aphivath Stri" finds Aphivat Strey.
        return (
            super().english_match(query)
            | Q(name_en__trigram_word_similar=query.english)
            | Q(acronym__trigram_word_similar=query.english)
        )

    def english_rank(self, query):
        # Halved, so that a name merely resembling the query does not outrank
        # titles that contain its words.
        return Greatest(
            super().english_rank(query),
            TrigramWordSimilarity(query.english, "name_en") * Value(0.5),
            TrigramWordSimilarity(query.english, "acronym") * Value(0.5),
        )

    def khmer_match(self, term):
        return super().khmer_match(term) | Q(name_km__trigram_word_similar=term)


SOURCES = {
    source.kind: source
    for source in (
        NewsSource(
            kind="news",
            label=_("News"),
            model=NewsPost,
            title="title",
            texts=("summary", "body"),
            khmer_title="title_km",
            khmer_texts=("summary_km", "body_km"),
            date="published_at",
            fields=("slug", "published_at", "is_example"),
        ),
        EventSource(
            kind="event",
            label=_("Event"),
            model=Activity,
            title="title",
            texts=("objectives", "outcomes"),
            khmer_title="title_km",
            khmer_texts=("objectives_km", "outcomes_km"),
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
        ),
        CaseStudySource(
            kind="case-study",
            label=_("Case study"),
            model=CaseStudy,
            title="title",
            texts=("summary", "findings"),
            khmer_title="title_km",
            khmer_texts=("summary_km", "findings_km"),
            date="published_on",
            related=("province",),
            fields=(
                "slug",
                "is_example",
                "period_start",
                "period_end",
                "province__name_en",
                "province__name_km",
            ),
            province_lookups=("province",),
            period=("period_start", "period_end"),
        ),
        RecommendationSource(
            kind="recommendation",
            label=_("Recommendation"),
            model=Recommendation,
            title="text",
            texts=("text",),
            khmer_title="text_km",
            khmer_texts=("text_km",),
            date="case_study__published_on",
            related=("case_study__province",),
            fields=(
                "case_study__slug",
                "case_study__is_example",
                "case_study__title_en",
                "case_study__title_km",
                "case_study__province__name_en",
                "case_study__province__name_km",
            ),
            province_lookups=("case_study__province",),
            period=("case_study__period_start", "case_study__period_end"),
        ),
        OrganizationSource(
            kind="organisation",
            label=_("Member or partner"),
            model=Organization,
            title="name",
            texts=("description",),
            khmer_title="name_km",
            khmer_texts=("description_km",),
            date=None,
            related=("head_office_province",),
            fields=(
                "slug",
                "is_example",
                "acronym",
                "membership_status",
                "head_office_province__name_en",
                "head_office_province__name_km",
            ),
        ),
    )
}


@dataclass
class Hit:
    """One result as the page shows it; `title` and `snippet` are safe HTML."""

    source: Source
    record: object
    title: str
    snippet: str = ""
    snippet_language: str = "en"

    @property
    def kind(self):
        return self.source.kind

    @property
    def label(self):
        if self.kind == "organisation":
            return _("Member") if self.record.is_member else _("Partner")
        return self.source.label

    @property
    def url(self):
        return self.record.get_absolute_url()


def mark_html(marked):
    """Text with MARK_START/MARK_END around matches as safe HTML: escaped,
    then <mark>ed; stray or nested marks are dropped."""
    html = MARKED.sub(r"<mark>\1</mark>", escape(marked))
    return mark_safe(html.replace(MARK_START, "").replace(MARK_END, ""))  # noqa: S308


def khmer_snippet(window, terms, *, cut):
    """Safe HTML for a window of Khmer Markdown text around a match; `cut`
    when the window starts inside the text, maybe in the middle of a word."""
    text = plain_text(window, SNIPPET_LENGTH)
    if cut:
        first_match = min(
            (at for at in (text.find(term) for term in terms) if at >= 0), default=0
        )
        space = text.find(" ")
        if 0 <= space < first_match:
            text = text[space + 1 :]
        text = f"… {text}"
    return mark_terms(text, terms)


def mark_terms(text, terms):
    """`text` escaped, with each occurrence of the (Khmer) terms in <mark>."""
    html = escape(text or "")
    if terms:
        pattern = "|".join(
            re.escape(escape(term)) for term in sorted(terms, key=len, reverse=True)
        )
        html = re.sub(pattern, lambda match: f"<mark>{match[0]}</mark>", html)
    return mark_safe(html)  # noqa: S308


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
        for kind in self.kinds or SOURCES:
            source = SOURCES[kind]
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
        ranked = self._union(
            [
                SOURCES[kind].ranked(queryset, self.query)
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
                SOURCES[kind].fetch(kind_keys, self.query, self.language).items()
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
        choices=[
            ("", _("All types")),
            ("news", _("News")),
            ("event", _("Events")),
            ("case-study", _("Case studies")),
            ("recommendation", _("Recommendations")),
            ("organisation", _("Members and partners")),
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
