"""Datelines: "BAGHDAD (AFP) -", "KABUL, Afghanistan —", "Manhattan, Kan. (AP) --" at the start of a report."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .detect import Mention

_DATELINE_END = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*)?(?:\([^)]{1,40}\)\s*)?(?:-{1,2}|–|—|:|\(|,)")
MAX_DATELINE_OFFSET = 40


def find_dateline(doc: Doc, mentions: list[Mention]) -> int | None:
    """Index of the mention that is the dateline, or None. A dateline is a place name within the first
    characters of a paragraph's first line, followed by an agency tag or a dash."""
    text = doc.text
    for k, m in enumerate(mentions):
        if m.start > MAX_DATELINE_OFFSET and text.rfind("\n", 0, m.start) < 0:
            break
        line_start = text.rfind("\n", 0, m.start) + 1
        if m.start - line_start > 3 or m.is_qualifier:
            continue
        if _DATELINE_END.match(text[m.end:m.end + 60]):
            return k
    return None
