from modeltranslation.translator import TranslationOptions, register

from .models import Commune, District, Province, Theme


@register(Province)
class ProvinceTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "km")


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "km")


@register(Commune)
class CommuneTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "km")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en", "km")
