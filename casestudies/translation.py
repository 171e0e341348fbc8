from modeltranslation.translator import TranslationOptions, register

from core import history

from .models import (
    ActionItem,
    CaseStudy,
    CaseStudyPhoto,
    ProgressUpdate,
    Recommendation,
    RespondentGroup,
)


@register(CaseStudy)
class CaseStudyTranslation(TranslationOptions):
    fields = ("title", "summary", "methodology_note", "findings")
    required_languages = {"en": ("title", "summary")}


@register(RespondentGroup)
class RespondentGroupTranslation(TranslationOptions):
    fields = ("description",)


@register(CaseStudyPhoto)
class CaseStudyPhotoTranslation(TranslationOptions):
    fields = ("caption",)


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text", "endorsed_by")
    required_languages = {"en": ("text",)}


@register(ProgressUpdate)
class ProgressUpdateTranslation(TranslationOptions):
    fields = ("note",)


@register(ActionItem)
class ActionItemTranslation(TranslationOptions):
    fields = ("action", "responsible_party")
    required_languages = {"en": ("action",)}


# History is registered after translation so that it records the per-language
# columns (title_en, title_km) that modeltranslation adds. Progress updates are
# a dated log already, kept append-only by the admin.
for model in (CaseStudy, Recommendation, ActionItem):
    history.register(model)
history.register(RespondentGroup)
