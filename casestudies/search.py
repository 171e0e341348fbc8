"""What the site search finds among case studies and their recommendations
(core.search)."""

from django.utils.translation import gettext_lazy as _

from core.search import Source, register_search_source

from .models import CaseStudy, Recommendation


class CaseStudySource(Source):
    def visible(self, user):
        return CaseStudy.objects.published()


class RecommendationSource(Source):
    def visible(self, user):
        return Recommendation.objects.public()


register_search_source(
    CaseStudySource(
        kind="case-study",
        label=_("Case study"),
        plural=_("Case studies"),
        position=30,
        model=CaseStudy,
        title="title",
        texts=("summary", "findings"),
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
    )
)
register_search_source(
    RecommendationSource(
        kind="recommendation",
        label=_("Recommendation"),
        plural=_("Recommendations"),
        position=40,
        model=Recommendation,
        title="text",
        texts=("text",),
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
    )
)
