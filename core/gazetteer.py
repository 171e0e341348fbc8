"""Read the NCDD gazetteer (via Pumi, MIT) that ships in core/data/pumi/."""

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data" / "pumi"

# The gazetteer's Latin spelling -> the spelling people in the coalition use.
# The gazetteer spelling stays in `gazetteer_name`, so both are searchable.
COMMON_SPELLINGS = {
    "Rotonak Mondol": "Ratanak Mondol",
    "Kratié": "Kratie",
    "Takéo": "Takeo",
    "Tboung Khmum": "Tbong Khmum",
}

# Other spellings in use, by NCDD code: those of the coalition's own texts
# ("Banna, Thma Kuol, ... Moung Russei", "Komreing District"), so that search
# and the place filters find the places they name.
OTHER_SPELLINGS = {
    "0201": ("Banna",),
    "0202": ("Thma Kuol",),
    "0203": ("Battambang krong",),
    "0206": ("Moung Russei",),
    "0212": ("Komreing", "Kamreang"),
}

PROVINCE_KINDS = {"Capital": "capital", "Province": "province"}
DISTRICT_KINDS = {
    "District": "district",
    "Municipality": "municipality",
    "Section": "khan",
}
COMMUNE_KINDS = {"Commune": "commune", "Quarter": "sangkat"}


def _load(name):
    with open(DATA_DIR / f"{name}.yml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)[name]


def _names(entry):
    latin = entry["name"]["latin"]
    common = COMMON_SPELLINGS.get(latin, latin)
    return {
        "name": common,
        "name_en": common,
        "name_km": entry["name"]["km"],
        "gazetteer_name": latin if common != latin else "",
    }


def provinces():
    for code, entry in _load("provinces").items():
        yield {
            "code": code,
            "iso_code": entry["iso3166_2"],
            "kind": PROVINCE_KINDS[entry["administrative_unit"]["en"]],
            **_names(entry),
        }


def districts():
    for code, entry in _load("districts").items():
        yield {
            "code": code,
            "province_code": code[:2],
            "kind": DISTRICT_KINDS[entry["administrative_unit"]["en"]],
            **_names(entry),
        }


def communes():
    for code, entry in _load("communes").items():
        yield {
            "code": code,
            "district_code": code[:4],
            "kind": COMMUNE_KINDS[entry["administrative_unit"]["en"]],
            **_names(entry),
        }


def _folded(text):
    """`text` without case or accents, for comparing spellings."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def codes_spelt(text):
    """The codes of places with another spelling that contains `text`."""
    text = _folded(text.strip())
    if not text:
        return []
    return [
        code
        for code, spellings in OTHER_SPELLINGS.items()
        if any(text in _folded(spelling) for spelling in spellings)
    ]


@cache
def _district_names():
    return {entry["code"]: entry["name"] for entry in districts()}


def with_usual_spellings(text):
    """`text` with the other spellings of places it holds replaced by the
    names the portal uses ("Komreing district" -> "Kamrieng district"), or
    None when it holds none."""
    names = _district_names()
    replaced = text
    for code, spellings in OTHER_SPELLINGS.items():
        for spelling in spellings:
            pattern = re.compile(rf"\b{re.escape(spelling)}\b", re.IGNORECASE)
            replaced = pattern.sub(names[code], replaced)
    return replaced if replaced != text else None
