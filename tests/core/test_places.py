import pytest
from django.db import connection
from django.utils import translation

from core.models import Commune, District, Province, Theme

pytestmark = pytest.mark.django_db


def test_database_ctype_is_utf8_so_trigrams_see_khmer():
    with connection.cursor() as cursor:
        cursor.execute("SHOW lc_ctype")
        (lc_ctype,) = cursor.fetchone()
        cursor.execute("SELECT show_trgm('ការអភិវឌ្ឍ')")
        (trigrams,) = cursor.fetchone()
    assert lc_ctype.replace("-", "").lower().endswith("utf8")
    assert len(trigrams) > 5


def test_all_provinces_and_the_capital_are_loaded():
    assert Province.objects.count() == 25
    capital = Province.objects.get(kind=Province.Kind.CAPITAL)
    assert capital.name_en == "Phnom Penh"
    assert capital.name_km == "ភ្នំពេញ"
    assert {"KH-24", "KH-25"} <= set(
        Province.objects.values_list("iso_code", flat=True)
    )


def test_districts_and_communes_of_the_gazetteer_are_loaded():
    assert District.objects.count() == 210
    assert District.objects.filter(kind=District.Kind.KHAN).count() == 14
    assert Commune.objects.count() == 1652
    assert Commune.objects.filter(kind=Commune.Kind.SANGKAT).count() == 274


def test_battambang_districts_use_the_spellings_people_use():
    names = set(
        District.objects.filter(province__code="02").values_list("name_en", flat=True)
    )
    assert {
        "Battambang",
        "Banan",
        "Thma Koul",
        "Bavel",
        "Moung Ruessei",
        "Kamrieng",
        "Ratanak Mondol",
    } <= names
    municipality = District.objects.get(code="0203")
    assert municipality.kind == District.Kind.MUNICIPALITY


@pytest.mark.parametrize("query", ["Ratanak Mondol", "rotonak", "RATANAK", "រតនមណ្ឌល"])
def test_ratanak_mondol_is_found_by_either_spelling_or_in_khmer(query):
    assert list(District.objects.search(query).values_list("code", flat=True)) == [
        "0207"
    ]


def test_accents_are_ignored_in_place_search():
    assert District.objects.search("Mòung Ruessei").get().code == "0206"


def test_place_names_follow_the_active_language():
    battambang = Province.objects.get(code="02")
    with translation.override("km"):
        assert str(battambang) == "បាត់ដំបង"
    with translation.override("en"):
        assert str(battambang) == "Battambang"


def test_starting_themes_are_bilingual():
    themes = Theme.objects.all()
    assert themes.count() >= 10
    assert all(theme.name_en and theme.name_km for theme in themes)
    with translation.override("km"):
        assert str(Theme.objects.get(slug="gender")) == "សមភាពយេនឌ័រ"
