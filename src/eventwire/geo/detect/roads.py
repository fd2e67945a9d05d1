"""Scanner: British road numbers in sentences about roads, named road features, and their other mentions."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ...resources import load_words
from ..gazetteer import Gazetteer
from .spans import LEADING_DROP, Found, ScanState

ROAD_LABEL = "ROAD"
# British road numbers ("the B4512", "M4", "A1(M)"): toponyms when the sentence talks about roads (a bare "A320" or
# "M16" is an aircraft or a rifle). `geoparse` places them by the town they are named with.
_ROAD_NUMBER = re.compile(r"[AM][1-9]\d{0,3}(?:\(M\))?")
ROAD_CONTEXT = load_words("geo/roads.yaml", "road_context")
ROAD_FEATURE_WORDS = load_words("geo/roads.yaml", "road_features")
MAX_FEATURE_NAME_TOKENS = 3


def scan_roads(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """Road numbers in sentences about roads, names of road features ("the Kestrel Mill roundabout"), and the other
    mentions of those names in the document ("from the Kestrel Mill to Farleigh": one name, one place). A name
    the gazetteer knows ("the Farleigh roundabout") stays a town. These spans replace earlier ones of the same
    extent: a road feature's name the NER called a place is the road feature."""
    found: list[Span] = []
    names = set()
    for tok in doc:
        if _ROAD_NUMBER.fullmatch(tok.text) and any(t.lower_ in ROAD_CONTEXT for t in tok.sent):
            found.append(doc[tok.i : tok.i + 1])
            names.add(tok.text)
        elif tok.lower_ in ROAD_FEATURE_WORDS and tok.text.islower() and tok.i:
            start = _feature_name_start(doc, tok.i)
            if start < tok.i and not gaz.lookup(doc[start : tok.i].text):
                found.append(doc[start : tok.i])
                names.add(doc[start : tok.i].text)
    seen = {(s.start, s.end) for s in found}
    for tok in doc:
        for name in names:
            n = len(name.split())
            span = doc[tok.i : tok.i + n]
            if span.text == name and (span.start, span.end) not in seen:
                found.append(span)
                seen.add((span.start, span.end))
    return [Found(s, ROAD_LABEL, "road") for s in found]


def _feature_name_start(doc: Doc, i: int) -> int:
    """The first token of the capitalised name before the road-feature word at token i (i itself when none)."""
    start = i
    while (
        start > 0
        and i - start < MAX_FEATURE_NAME_TOKENS
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].is_alpha
        and not doc[start - 1].is_sent_start
        and doc[start - 1].text not in LEADING_DROP
    ):
        start -= 1
    return start
