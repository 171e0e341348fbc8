from modeltranslation.translator import TranslationOptions, register

from core import history

from .models import Contact, Organization, WorkingGroup


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"en": ("name",)}


@register(WorkingGroup)
class WorkingGroupTranslation(TranslationOptions):
    fields = ("name", "purpose", "cadence")
    required_languages = {"en": ("name",)}


# History is registered after translation so that it records the per-language
# columns (name_en, name_km) that modeltranslation adds.
history.register(Organization)
history.register(Contact)
history.register(WorkingGroup)
