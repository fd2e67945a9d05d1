"""Scanner: buildings the NER calls organisations, and buildings named after a saint."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...resources import load_words
from ..gazetteer import Gazetteer
from .spans import POSSESSIVES, Found, ScanState, opens_with_place, trim

FACILITY_LABEL = "FACILITY"
BUILDING_WORDS = load_words("geo/institutions.yaml", "buildings")
SAINT_WORDS = load_words("geo/institutions.yaml", "saints")
SAINT_BUILDING_WORDS = BUILDING_WORDS | load_words("geo/institutions.yaml", "saint_buildings")
_NAME_JOINERS = frozenset({"of", "de", "the", "and", *POSSESSIVES})
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
MAX_SAINT_NAME_TOKENS = 8


def scan_facilities(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """Organisation entities of two or more words ending in a building word ("the Hollis Farm Museum", "Eastvale
    Cancer Centre"), with no place entity inside and not opening with a town's name ("Farleigh Community Hospital"
    is found as "Farleigh", the place it names), then buildings named after a saint. `geoparse` puts them at the
    town the text names them with, and drops them where it names none."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = trim(ent)
        if span is None or len(span) < 2 or span[-1].lower_ not in BUILDING_WORDS or not span[0].text[:1].isupper():
            continue
        if any(state.in_place[t] for t in range(span.start, span.end)) or opens_with_place(gaz, span):
            continue
        if any(t.text[:1].islower() and t.lower_ not in _NAME_JOINERS or _INITIALS.fullmatch(t.text) for t in span):
            continue  # "Home Care for Family Support Center", "N.H. House": a programme, a legislature
        found.append(Found(span, FACILITY_LABEL, "organisation named as a building"))
    return found + _saints_buildings(doc)


def _saints_buildings(doc: Doc) -> list[Found]:
    """Buildings named after a saint ("St. Oswin's Abbey", "St Bride's Hospital"), which the NER cuts at the
    possessive, leaving "St. Oswin" to be read as a parish somewhere."""
    found = []
    for tok in doc[:-3]:
        if tok.lower_ not in SAINT_WORDS or not tok.text[:1].isupper():
            continue
        i = tok.i
        if not doc[i + 1].text[:1].isupper() or doc[i + 2].text not in POSSESSIVES:
            continue
        end = i + 3
        while end < len(doc) and end - i < MAX_SAINT_NAME_TOKENS and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
            if doc[end - 1].lower_ in SAINT_BUILDING_WORDS:
                found.append(Found(doc[i:end], FACILITY_LABEL, "building named after a saint"))
                break
    return found
