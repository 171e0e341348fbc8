import simple_history
from modeltranslation.translator import TranslationOptions, register

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
simple_history.register(
    Organization, excluded_fields=["created_at", "updated_at", "search_vector"]
)
simple_history.register(Contact)
