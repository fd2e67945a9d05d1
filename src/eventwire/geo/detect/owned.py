"""Scanner: X in "<place>'s X district", a part of the place whatever the NER called X."""

from __future__ import annotations

from spacy.tokens import Doc

from ...resources import load_words
from ..gazetteer import Gazetteer
from ..normalize import name_key
from .spans import POSSESSIVES, Found, ScanState

OWNED_PARTS = load_words("geo/place_words.yaml", "owned_parts")


def scan_owned(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """X in "<place>'s X district" ("Marlow's Eastgate district"): a LOC mention; `geoparse` places it in its
    owner when the gazetteer knows no nearby X."""
    found = []
    for tok in doc[1:-2]:
        owner = doc[tok.i - 1]
        if tok.text not in POSSESSIVES or not (state.in_place[owner.i] or name_key(owner.text) in gaz.prominent):
            continue
        start = end = tok.i + 1
        while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper() and not state.in_place[end]:
            end += 1
        if (
            start < end < len(doc)
            and doc[end].lower_ in OWNED_PARTS
            and not any(state.taken[t] for t in range(start, end))
        ):
            found.append(Found(doc[start:end], "LOC", f"part of {owner.text}"))
            state.take(start, end)
    return found
