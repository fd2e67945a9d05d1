"""Case restoration for all-caps reports (1989-90 wire copy): spaCy tags upper-case text badly, so such text is
re-parsed from a copy with sentence-case and dictionary names capitalised. The copy has the same length, so
character offsets carry over to the original text."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

SENTENCE_START = re.compile(r"(^|[.!?]\s+|\n\s*|\]\s+|--\s*|\"\s*)([a-z])")
WORD = re.compile(r"[a-z][a-z.'-]*[a-z]|[a-z]")


def is_all_caps(text: str, threshold: float = 0.8) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    return len(letters) >= 20 and sum(c.isupper() for c in letters) / len(letters) >= threshold


@lru_cache(maxsize=1)
def _proper_words() -> dict[str, str]:
    """lower-cased word -> its written form, for words of dictionary names (countries, demonyms, groups)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out: dict[str, str] = {}
    for surface, _entry in lexicon.actor_surface_forms():
        for word in re.findall(r"[\w.'-]+", surface):
            low = word.lower()
            if low in STOP_WORDS or len(low) < 2:
                continue
            out.setdefault(low, word)
            # WORD ends on a letter, so "U.S." is looked up as "u.s"
            out.setdefault(low.rstrip("."), word.rstrip("."))
    return out


def restore_case(text: str) -> str:
    """Lower-case `text`, then capitalise sentence starts and dictionary names; same length as `text`."""
    low = text.lower()
    if len(low) != len(text):
        return text
    proper = _proper_words()

    def fix_word(match: re.Match) -> str:
        word = match.group(0)
        form = proper.get(word)
        if form and len(form) == len(word):
            return form
        return word

    out = WORD.sub(fix_word, low)
    out = SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), out)
    return out if len(out) == len(text) else text
