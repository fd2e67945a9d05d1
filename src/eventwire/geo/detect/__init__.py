"""Toponym detection: registered scanners (`registry.SCANNERS`) propose spans, each with a reason, and the
mentions are the place uses among them, without overlaps.

Returns `Mention`s (character spans into `doc.text`); resolution happens in `resolve.py`. `detect` runs the strong
pass (place entities and prominent names); `detect_weak` runs, after a first resolution, the weak pass (place
names inside other entities, kept only where the document's context supports them).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .facilities import FACILITY_LABEL
from .mentions import to_mentions
from .registry import DEFAULT_SCANNERS, SCANNERS, Scanner, ScannerSettings, active_scanners, run_scanners
from .roads import ROAD_LABEL
from .spans import FACILITY_WORDS, Acceptor, Found, Mention, ScanState

__all__ = [
    "DEFAULT_SCANNERS",
    "FACILITY_LABEL",
    "FACILITY_WORDS",
    "ROAD_LABEL",
    "SCANNERS",
    "Acceptor",
    "Found",
    "Mention",
    "ScanState",
    "Scanner",
    "ScannerSettings",
    "detect",
    "detect_weak",
]


def detect(
    doc: Doc, gaz: Gazetteer, adjectival: bool = False, settings: ScannerSettings = DEFAULT_SCANNERS
) -> list[Mention]:
    """Strong toponym mentions of `doc` (place entities and prominent names), without overlaps, in text order;
    qualifiers the NER did not tag ("Elm Falls, NH") follow them. Adjectival place names only with `adjectival`."""
    state = ScanState.for_doc(doc, adjectival)
    return to_mentions(doc, gaz, run_scanners(doc, gaz, state, active_scanners(settings, "strong")))


def detect_weak(
    doc: Doc, gaz: Gazetteer, strong: list[Mention], accept: Acceptor, settings: ScannerSettings = DEFAULT_SCANNERS
) -> list[Mention]:
    """Place names inside other entities or untagged proper nouns ("Ardley Police Department", a town the NER
    called a PERSON), outside the `strong` mentions, kept only when `accept(text)` says the document's context
    supports a reading."""
    state = ScanState.after(doc, strong, accept)
    return to_mentions(doc, gaz, run_scanners(doc, gaz, state, active_scanners(settings, "weak")))
