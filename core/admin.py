from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Commune, District, Province, Theme
from .protection import ProtectedDeleteAdmin


@admin.register(Province)
class ProvinceAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "iso_code", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "iso_code"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(District)
class DistrictAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "province"]
    list_filter = ["kind", "province"]
    list_select_related = ["province"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "province"]


@admin.register(Commune)
class CommuneAdmin(TranslationAdmin):
    list_display = ["name", "name_km", "code", "kind", "district"]
    list_filter = ["kind", "district__province"]
    list_select_related = ["district"]
    search_fields = ["name_en", "name_km", "gazetteer_name", "code"]
    readonly_fields = ["code", "district"]


@admin.register(Theme)
class ThemeAdmin(ProtectedDeleteAdmin, TranslationAdmin):
    list_display = ["name", "name_km", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_km"]
    prepopulated_fields = {"slug": ["name_en"]}
