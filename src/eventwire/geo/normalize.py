"""Name normalisation for gazetteer keys.

Every name, in the index and in text, goes through `name_key`: case, diacritics, punctuation, Arabic
article prefixes (Al-/Ad-/As-/Ash-...), doubled letters and a final "h" after a vowel are folded away, so
"Al-Nasiriyah", "Nassiriya" and "an-Nasiriya" share one key. The folding is deliberately lossy; the ranker
gives a bonus when the plain form (`plain_key`) matches too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath|adh|ul)[\s\-‐'’]+(?=\w)")
_INNER_ARTICLE = re.compile(r"(?<=\s)(?:al|el|ad|ar|as|ash|at|az|an|ath|adh)[\-‐'’](?=\w)")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_DOUBLE = re.compile(r"(\w)\1+")
_ABBREV = (
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bste\b\.?"), "sainte"),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bft\b\.?"), "fort"),
    (re.compile(r"\bpt\b\.?"), "port"),
)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Keys are cached: the same few thousand names (gazetteer aliases, recurring toponyms) are keyed again and again.
@lru_cache(maxsize=16384)
def plain_key(name: str) -> str:
    """Lower case, no diacritics, punctuation as space, single spaces ("São Paulo" -> "sao paulo")."""
    text = strip_accents(name).lower().replace("&", " and ")
    text = text.replace("'", "").replace("’", "").replace("`", "")
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """The folded lookup key: `plain_key` plus article, abbreviation and spelling-variant folding."""
    text = strip_accents(name).lower().replace("&", " and ")
    text = _ARTICLE.sub("", text.strip())
    text = _INNER_ARTICLE.sub("", text)
    text = text.replace("'", "").replace("’", "").replace("`", "")
    text = _NON_WORD.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    for pattern, repl in _ABBREV:
        text = pattern.sub(repl, text)
    text = _DOUBLE.sub(r"\1", text)
    # Transliteration noise: final -ah/-eh vs -a/-e, "ou"/"u", "ei"/"i"... only the safest few.
    text = re.sub(r"(?<=[aeiou])h\b", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


def is_latin(name: str) -> bool:
    """True when every letter of `name` is Latin script (alternate names in other scripts are skipped)."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)
