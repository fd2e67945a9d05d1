"""A mention's name as the gazetteer knows it, and its candidate readings."""

from __future__ import annotations

import re

from .. import sources
from ..detect import Mention
from ..gazetteer import Gazetteer
from ..normalize import name_key
from .settings import WEIGHTS, ResolveWeights

SETTLEMENT_SUFFIXES = (" city", " town", " village")
_SUFFIXES = (" province", " governorate", " city", " region", " district", " state", " town", " village")
_DIRECTION_PREFIX = re.compile(
    r"^(?:(?:far|upper|lower|central|greater|north|south|east|west|northern|southern|eastern|western|"
    r"north-?east(?:ern)?|north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)\s+)+",
    re.IGNORECASE,
)
# GeoNames alternate names of towns are noisy (old names, misspellings, neighbouring villages): a town matched only
# through one ranks below towns of that very name.
ALT_NAME_CODES = frozenset({sources.CITY, sources.CAPITAL})
QUALIFIER_CODES = (sources.ADM1, sources.COUNTRY, sources.ADM2)


def base_name(gaz: Gazetteer, text: str) -> str:
    """`text` without a place-kind suffix the gazetteer does not know it with ("Elm Falls Village" -> "Elm Falls")."""
    low = text.lower()
    ids = gaz.lookup(text)
    if ids:
        # "Brackton City" known only as an alternate name of one Brackton: read it as "Brackton", a city, so that
        # the document decides between the Bracktons (a place whose own name it is, "Harbor City", stays whole).
        suf = next((s for s in SETTLEMENT_SUFFIXES if low.endswith(s) and len(text) > len(s)), None)
        key = name_key(text)
        if suf is None or any(name_key(gaz.name[i]) == key for i in ids) or not gaz.lookup(text[: -len(suf)]):
            return text
        return text[: -len(suf)]
    for suf in _SUFFIXES:
        if low.endswith(suf) and len(text) > len(suf):
            return text[: -len(suf)]
    m = _DIRECTION_PREFIX.match(text)  # "Outer West Ardenne", "Northern Lurovia": the part of the place
    if m and gaz.lookup(text[m.end() :]):
        return text[m.end() :]
    return text


def settlement_suffix(gaz: Gazetteer, text: str) -> bool:
    """True when `text` is a name plus a town suffix the gazetteer does not know it with ("Quebec City")."""
    return text.lower().endswith(SETTLEMENT_SUFFIXES) and base_name(gaz, text) != text


def candidates(gaz: Gazetteer, text: str, weights: ResolveWeights = WEIGHTS) -> tuple[int, ...]:
    """Gazetteer rows `text` can name, the most populous `max_candidates` of them."""
    ids = gaz.lookup(base_name(gaz, text))
    if len(ids) > weights.max_candidates:
        ids = tuple(sorted(ids, key=lambda i: -int(gaz.population[i]))[: weights.max_candidates])
    return ids


def mention_candidates(gaz: Gazetteer, group: list[Mention], weights: ResolveWeights = WEIGHTS) -> tuple[int, ...]:
    """Candidates of a group of same-name mentions; an adjectival form ("Ukrainian") has exactly one."""
    if all(m.label == "ADJ" for m in group):
        row = gaz.adjectival_place(group[0].text)
        return (row,) if row is not None else ()
    if all(m.is_qualifier for m in group):
        # A container after a comma may be a code valid only there ("Greenville, SC").
        ids = tuple(i for i in gaz.lookup_qualifier(group[0].text) if gaz.feature_code[i] in QUALIFIER_CODES)
        if ids:
            return ids
    if any(m.article for m in group):
        # A name the gazetteer knows with its article ("the Gulf" is the Persian Gulf) means that place.
        ids = gaz.lookup("the " + group[0].text)
        if ids:
            return ids
    return candidates(gaz, group[0].text, weights)


def alternate_only(gaz: Gazetteer, i: int, key: str) -> bool:
    """True when town `i` matches the folded name `key` only through one of its GeoNames alternate names."""
    if gaz.feature_code[i] not in ALT_NAME_CODES:
        return False
    own = name_key(gaz.name[i])
    # "New York" names New York City, "Enfield" Enfield Town
    return own != key and own != key + " city" and own != key + " town" and own != "city of " + key
