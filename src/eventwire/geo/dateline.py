"""Datelines: "BAGHDAD (AFP) -", "KABUL, Afghanistan —", "Elm Falls, Kan. (AP) --" at the start of a report."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .detect import Mention

_DATELINE_END = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*)?(?:\([^)]{1,40}\)\s*)?(?:-{1,2}|–|—|:|\(|,)")
MAX_DATELINE_OFFSET = 40
# A dateline opens the report, after at most a headline and a byline: a place opening a later paragraph ("IN ELM
# FALLS, the talks...", a sign-off "LUROVIA, 2 NOVEMBER 1989") is no dateline.
MAX_DATELINE_LINE = 3
_LETTER = re.compile(r"[^\W\d_]")


def find_dateline(doc: Doc, mentions: list[Mention]) -> int | None:
    """Index of the mention that is the dateline, or None. A dateline is a place name opening one of the first
    `MAX_DATELINE_LINE` lines (nothing but punctuation before it), followed by an agency tag or a dash."""
    text = doc.text
    # in text order: weak mentions found later by the gazetteer scan ("ADDIS ABABA (Wire) -", which NER calls an
    # ORG) are appended after the NER ones
    for k in sorted(range(len(mentions)), key=lambda k: mentions[k].start):
        m = mentions[k]
        if m.start > MAX_DATELINE_OFFSET and text.rfind("\n", 0, m.start) < 0:
            break
        line_start = text.rfind("\n", 0, m.start) + 1
        if _line_number(text, line_start) >= MAX_DATELINE_LINE:
            break
        if m.start - line_start > 3 or _LETTER.search(text, line_start, m.start) or m.is_qualifier:
            continue
        if _DATELINE_END.match(text[m.end : m.end + 60]):
            return k
    return None


def _line_number(text: str, pos: int) -> int:
    """How many non-blank lines of `text` come before `pos`."""
    return sum(1 for line in text[:pos].split("\n") if line.strip())
