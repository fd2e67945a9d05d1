"""The dateline prefix of a report ("BENI, Democratic Republic of Congo (Wire) - ", "KABUL (AP) --"): where the
report was filed, never a party to its events. Its tokens are kept out of actor lookup and subject finding, so that
"BENI, Congo (Wire) - Fighters from X killed 14" codes the fighters, not the town.

The shape follows geo/dateline.py (a place opening one of the first lines, an optional ", Region", an optional
agency tag, then a dash or colon), read here from the text alone: the extraction stage does not depend on the
geo stage's place mentions.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

# An upper-case place ("BENI", "NEW YORK", "PORT-AU-PRINCE") opening a line, optionally ", Region words" and
# "(Agency)", then a dash or colon; or a Title-case place followed by an agency tag and a dash ("Manhattan, Kan.
# (AP) --"): the agency tag is what tells a dateline from a sentence opening with a name.
_UPPER = r"[A-Z][A-Z.'\-]+(?:\s+[A-Z][A-Z.'\-]+){0,3}"
_TITLE = r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}"
_REGION = r",\s*[A-Z0-9][\w.'\-]*(?:\s+(?:of|the|and|[A-Z0-9][\w.'\-]*)){0,5}"
_AGENCY = r"\([^()\n]{1,40}\)"
_DASH = r"(?:-{1,2}|–|—|:)"
DATELINE = re.compile(
    rf"(?:{_UPPER}(?:{_REGION})?\s*{_AGENCY}\s*{_DASH}|{_UPPER}{_REGION}\s*{_DASH}"
    rf"|{_TITLE}(?:{_REGION})?\s*{_AGENCY}\s*{_DASH})\s*"
)
# A bare upper-case place and a dash ("KABUL -- "), in a report not written all in capitals: in all-caps copy the
# same shape is any sentence's opening words ("THE ARMY SAID - ").
BARE_DATELINE = re.compile(rf"{_UPPER}\s*(?:-{{1,2}}|–|—)\s*")
MAX_LINE = 3  # as geo/dateline.py: after at most a headline and a byline
_KEY = "eventwire_dateline_end"


def dateline_end(doc: Doc) -> int:
    """Character offset where the report's dateline prefix ends (0 when it has none); cached on the doc."""
    if _KEY in doc.user_data:
        return doc.user_data[_KEY]
    end = 0
    pos = 0
    text = doc.text
    for line_no, line in enumerate(text.split("\n")):
        if line_no >= MAX_LINE + 2:
            break
        stripped = line.lstrip(" \t\"'")
        match = DATELINE.match(stripped)
        if match is None:
            match = BARE_DATELINE.match(stripped)
            match = match if match and re.search(r"[a-z]", stripped[match.end() :]) else None
        if match and match.end() < len(stripped):  # something follows on the line: the dateline opens the story
            end = pos + (len(line) - len(stripped)) + match.end()
            break
        pos += len(line) + 1
    doc.user_data[_KEY] = end
    return end


def in_dateline(tok: Token) -> bool:
    """The token is part of the report's dateline prefix."""
    return tok.idx < dateline_end(tok.doc)
