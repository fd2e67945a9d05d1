"""Scanner: prominent gazetteer names the NER missed, and longer gazetteer names around an entity."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from ..normalize import name_key
from .spans import FACILITY_WORDS, MAX_SCAN_TOKENS, Found, ScanState


def _cuts_an_entity(taken: bytearray, i: int, width: int, n: int) -> bool:
    """True when doc[i:i+width] would cover part of a taken name: a longer name may swallow whole entities, never
    cut one (nor cover only taken tokens, nor one taken token alone)."""
    covered = sum(taken[j] for j in range(i, i + width))
    return bool(covered) and (
        width == 1
        or covered == width
        or bool(taken[i] and i > 0 and taken[i - 1])
        or bool(i + width < n and taken[i + width - 1] and taken[i + width])
    )


def scan_gazetteer(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """Prominent gazetteer names in capitalised token runs the NER missed, and longer gazetteer names that
    contain an entity ("Norbury airbase" around the entity "Norbury"), labelled FAC."""
    found = []
    n = len(doc)
    i = 0
    prominent, index, taken = gaz.prominent, gaz.index, state.taken
    while i < n:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.is_stop and tok.text not in ("US", "U.S."):
            i += 1
            continue
        hit = None
        for width in range(min(MAX_SCAN_TOKENS, n - i), 0, -1):
            if _cuts_an_entity(taken, i, width, n):
                continue
            span = doc[i : i + width]
            if not span[-1].text[:1].isupper() and span[-1].lower_ not in FACILITY_WORDS:
                continue
            key = name_key(span.text)
            if key in prominent and key in index:
                if width == 1 and tok.pos_ not in ("PROPN",) and not tok.text.isupper():
                    continue
                if gaz.is_demonym(span.text):
                    continue
                hit = span
                break
        if hit is not None:
            around = any(taken[j] for j in range(hit.start, hit.end))
            found.append(
                Found(
                    hit,
                    "FAC" if around else "GPE",
                    "gazetteer name around an entity" if around else "prominent gazetteer name",
                )
            )
            i = hit.end
        else:
            i += 1
    return found
