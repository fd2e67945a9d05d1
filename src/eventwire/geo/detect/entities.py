"""Scanner: the NER's place entities, cleaned up, and the well-known places it labelled otherwise."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import sources
from ..gazetteer import Gazetteer
from ..normalize import name_key
from .spans import (
    FACILITY_WORDS,
    PLACE_LABELS,
    Found,
    ScanState,
    best_code,
    extend_to_known,
    opens_upper,
    shrink_to_known,
    split_commas,
    trim,
)

# Other entity labels the small NER model often gives to well-known places ("Georgia" as PERSON).
RELABEL_LABELS = frozenset({"ORG", "PERSON"})
RELABEL_CODES = frozenset({sources.COUNTRY, sources.ADM1, sources.CONTINENT})
ACRONYM_CODES = frozenset({sources.COUNTRY, sources.CONTINENT, "RGN"})


def scan_entities(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """GPE, LOC and FAC entities (split at commas, trimmed, fitted to a gazetteer name; a FAC only when the gazetteer
    knows it or it ends in a facility word), and ORG or PERSON entities that are a prominent country, first-order
    division or continent, or a country's or region's initials. Marks place entities' tokens `in_place` and every
    entity's tokens `taken`."""
    found = []
    for ent in doc.ents:
        label = ent.label_
        if label in PLACE_LABELS:
            for t in range(ent.start, ent.end):
                state.in_place[t] = 1
            for part in split_commas(ent):
                span = trim(part)
                span = shrink_to_known(gaz, span) if span is not None else None
                if span is None or not opens_upper(span) or gaz.is_demonym(span.text):
                    continue
                if label == "FAC" and not gaz.lookup(span.text) and span[-1].lower_ not in FACILITY_WORDS:
                    continue
                longer = extend_to_known(gaz, span)
                if longer is not span:
                    state.take(span.end, longer.end)
                    span = longer
                found.append(Found(span, label, f"{label} entity"))
        elif label in RELABEL_LABELS:
            span = trim(ent)
            if span is None or gaz.is_demonym(span.text):
                continue
            key = name_key(span.text)
            ids = gaz.index.get(key, ())
            # An all-caps ORG that is a country or region's short name ("EU", "UAE"), not a division's initials.
            if (
                key in gaz.prominent
                and best_code(gaz, ids) in RELABEL_CODES
                or span.text.isupper()
                and any(gaz.feature_code[i] in ACRONYM_CODES for i in ids)
            ):
                found.append(Found(span, "GPE", f"{label} entity naming a country or division"))
        else:
            continue
        # A leading article is not part of the name: a longer gazetteer name may start right after it
        # ("the Al-Balad" tagged ORG, then "Al-Balad airbase" found by the scan).
        core = trim(ent) or ent
        state.take(core.start, ent.end)
    return found
