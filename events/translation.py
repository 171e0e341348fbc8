from modeltranslation.translator import TranslationOptions, register

from core import history

from .models import (
    Activity,
    ActivityDocument,
    ActivityPhoto,
    Agreement,
    NewsPost,
    Project,
)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"en": ("title",)}


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "objectives", "outcomes", "venue")
    required_languages = {"en": ("title",)}


@register(ActivityDocument)
class ActivityDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"en": ("title",)}


@register(ActivityPhoto)
class ActivityPhotoTranslation(TranslationOptions):
    fields = ("caption",)


@register(Agreement)
class AgreementTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"en": ("title",)}


@register(NewsPost)
class NewsPostTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "cover_image_alt")
    required_languages = {"en": ("title",)}


# History is registered after translation so that it records the per-language
# columns (title_en, title_km) that modeltranslation adds.
for model in (Project, Activity, Agreement, NewsPost):
    history.register(model)
