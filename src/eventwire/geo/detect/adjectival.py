"""Scanner (off unless asked for): adjectival place names ("Ukrainian", "European") as mentions labelled ADJ."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .spans import POSSESSIVES, Found, ScanState

ADJ_LABEL = "ADJ"


def scan_adjectival(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """Capitalised adjectival place names outside place entities, one token each; resolution reads them as the
    place they name. Plurals ("Americans") name people, not places, and are not in the map. Only when the
    document is parsed with `adjectival=True` (GeoWebNews' annotation scheme)."""
    if not state.adjectival:
        return []
    found = []
    for tok in doc:
        if state.in_place[tok.i] or not tok.text[:1].isupper() or gaz.adjectival_place(tok.text) is None:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text in POSSESSIVES:
            continue
        found.append(Found(doc[tok.i : tok.i + 1], ADJ_LABEL, "adjectival place name"))
    return found
