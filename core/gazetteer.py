"""Read the NCDD gazetteer (via Pumi, MIT) that ships in core/data/pumi/."""

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
