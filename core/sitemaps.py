from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max


class RecordSitemap(Sitemap):
    """The public pages of one kind of record, in English and Khmer, dated by
    their `updated_at`. `items()` returns a queryset."""

    i18n = True
    alternates = True
    # Records per sitemap file; each is two addresses, one per language.
    limit = 2000

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        # For the sitemap index. Django's own reads every record's lastmod
        # in Python: seconds at 100,000 activities.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]

    @property
    def paginator(self):
        # Django pairs every record with every language in a list before it
        # pages them (Sitemap._items): all 100,000 activities loaded for the
        # index's page count, or for one page of 2,000. Here a COUNT and a
        # slice of the queryset.
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return Paginator(_InLanguages(self.items(), languages), self.limit)


class _InLanguages:
    """(record, language) for every record of a queryset and every language,
    record by record, as Django's sitemaps list them; sliced lazily."""

    def __init__(self, records, languages):
        self.records = records
        self.languages = languages

    def count(self):
        return self.records.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        start, stop = index.start or 0, index.stop
        per_record = len(self.languages)
        first = start // per_record
        records = self.records[first : -(-stop // per_record)]
        pairs = [(record, code) for record in records for code in self.languages]
        offset = start - first * per_record
        return pairs[offset : offset + stop - start]
