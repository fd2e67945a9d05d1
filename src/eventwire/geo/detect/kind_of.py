"""Scanner: X in "the [eastern] town of X", "the district of X", the kind word being the evidence."""

from __future__ import annotations

from spacy.tokens import Doc

from ...resources import load_yaml
from ..gazetteer import Gazetteer
from .spans import MAX_SCAN_TOKENS, Found, ScanState

_KIND_OF = load_yaml("geo/event_place.yaml")["kind_of"]
SETTLEMENT_WORDS = frozenset(str(w) for w in _KIND_OF["settlement"])
DIVISION_WORDS = frozenset(str(w) for w in _KIND_OF["division"])
KIND_OF_WORDS = SETTLEMENT_WORDS | DIVISION_WORDS


def scan_kind_of(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """X in "the [eastern] town of X", "the district of X" that no place entity covers: the small NER model
    often calls a small town an ORG, NORP or PERSON, and the kind word is stronger evidence than its label (so
    tokens of other entities, taken or not, are no obstacle; those of place entities are).
    Only names the gazetteer knows are taken (the longest from the start of the capitalised run)."""
    found = []
    for tok in doc[:-2]:
        if tok.lower_ not in KIND_OF_WORDS or not tok.text.islower() or doc[tok.i + 1].lower_ != "of":
            continue
        start = end = tok.i + 2
        while (
            end < len(doc)
            and end - start < MAX_SCAN_TOKENS
            and (
                doc[end].text[:1].isupper()
                or doc[end].text == "-"
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
            )
        ):
            end += 1
        for stop in range(end, start, -1):
            span = doc[start:stop]
            if span[-1].text == "-" or any(state.in_place[t] for t in range(start, stop)):
                continue
            if gaz.lookup(span.text) and not gaz.is_demonym(span.text):
                found.append(Found(span, "GPE", f"after '{tok.lower_} of'"))
                state.take(start, stop)
                break
    return found


def kind_before(span_start: int, doc: Doc) -> str:
    """The kind word of "the town of X" / "the district of X" right before token `span_start`, or ""."""
    if span_start >= 2 and doc[span_start - 1].lower_ == "of" and doc[span_start - 2].text.islower():
        return doc[span_start - 2].lower_
    return ""
