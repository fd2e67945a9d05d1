"""Scanner: capitalised place names opening a line before a dash or comma (a dateline)."""

from __future__ import annotations

from spacy.tokens import Doc

from ..gazetteer import Gazetteer
from .spans import Found, ScanState

_DATELINE_DASHES = frozenset({"-", "--", "–", "—", ","})
MAX_DATELINE_TOKENS = 3
TITLE_CHARS = 200  # a title sentence before the dateline ends this early in the text


def scan_datelines(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """All-caps gazetteer names opening a line before a dash or comma ("WESTBRIDGE —", "ELM FALLS -"): the NER
    rarely tags all-caps words, and a dateline is a place by position alone."""
    found = []
    for tok in doc:
        if tok.i and "\n" not in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text and not _after_title(doc, tok.i):
            continue
        if not tok.text.isupper() or len(tok.text) < 3:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < MAX_DATELINE_TOKENS and doc[end].text.isupper() and doc[end].is_alpha:
            end += 1
        if end >= len(doc) or doc[end].text not in _DATELINE_DASHES or any(state.taken[j] for j in range(tok.i, end)):
            continue
        span = doc[tok.i : end]
        if gaz.lookup(span.text):
            found.append(Found(span, "GPE", "dateline"))
    return found


def _after_title(doc: Doc, i: int) -> bool:
    """True when token i follows a title sentence ending in '.' within the first line ("Headline. TOWN -")."""
    return doc[i - 1].text == "." and doc[i - 1].idx < TITLE_CHARS and "\n" not in doc.text[: doc[i - 1].idx]
