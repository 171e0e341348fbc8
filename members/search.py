"""What the site search finds among member and partner organisations
(core.search)."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from core.search import Source, register_search_source

from .models import Organization


class OrganizationSource(Source):
    def visible(self, user):
        return Organization.objects.public()

    def label_for(self, record):
        return _("Member") if record.is_member else _("Partner")

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


register_search_source(
    OrganizationSource(
        kind="organisation",
        label=_("Member or partner"),
        plural=_("Members and partners"),
        position=50,
        model=Organization,
        title="name",
        texts=("description",),
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
    )
)
