"""Dictionary mentions: every phrase of the actor dictionaries (lexicon.py, actor_data.py) found on a
document's spaCy tokens. Short upper-case acronyms ("US", "UN") must keep their case, capitals must be
capitalised, and in all-caps text acronyms that are English stop words ("US", "WHO") are skipped."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from . import actor_data
from .actor_context import Mention
from .actor_words import after_new
from .lexicon import ActorEntry


@lru_cache(maxsize=1)
def _tokenizer() -> Callable[[str], Doc]:
    return spacy.blank("en").tokenizer


@cache
def phrase_index() -> dict[str, list[tuple[tuple[str, ...], tuple[ActorEntry, ...], str]]]:
    """first lower-cased token -> [(tokens, entries, surface form)], longest first; `entries` are the readings
    of one kind that share the phrase, the dictionary's first one first."""
    tokenizer = _tokenizer()
    readings: dict[tuple[tuple[str, ...], str], list[ActorEntry]] = {}
    surfaces: dict[tuple[tuple[str, ...], str], str] = {}
    for surface, entry in actor_data.surface_forms():
        toks = tuple(t.lower_ for t in tokenizer(surface))
        if not toks:
            continue
        known = readings.setdefault((toks, entry.kind), [])
        surfaces.setdefault((toks, entry.kind), surface)
        if all((e.name, e.country) != (entry.name, entry.country) for e in known):
            known.append(entry)
    index: dict[str, list[tuple[tuple[str, ...], tuple[ActorEntry, ...], str]]] = {}
    for (toks, kind), entries in readings.items():
        index.setdefault(toks[0], []).append((toks, tuple(entries), surfaces[(toks, kind)]))
    for items in index.values():
        items.sort(key=lambda item: -len(item[0]))
    return index


def _is_acronym(surface: str) -> bool:
    letters = surface.replace(".", "").replace("-", "")
    return surface.isupper() and len(letters) <= 4


def find_mentions(doc: Doc, all_caps: bool) -> list[Mention]:
    """Every dictionary phrase in `doc`, longest match first, left to right."""
    index = phrase_index()
    out = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        cands = index.get(tok.lower_)
        matched = None
        if cands:
            for toks, entries, surface in cands:
                entry = entries[0]
                end = i + len(toks)
                if end > n or any(doc[i + k].lower_ != toks[k] for k in range(1, len(toks))):
                    continue
                text = doc[i:end].text
                if _is_acronym(surface):
                    if all_caps and "." not in text and surface.lower().replace(".", "") in STOP_WORDS:
                        continue
                    if not all_caps and text != surface:
                        continue
                if entry.kind in ("capital", "leader") and not (all_caps or text[:1].isupper()):
                    continue
                if entry.kind in ("country", "name", "demonym") and after_new(doc, i):
                    break  # "New Jersey", "New Mexican", "New South Wales": another place's name
                if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro", "non"):
                    break  # "anti-American", "pro-Iran": an attitude, not the actor's country
                if tok.lower_.startswith(("anti-", "pro-")):
                    break
                matched = Mention(i, end, entry, entries if len(entries) > 1 else ())
                break
        if matched:
            out.append(matched)
            i = matched.end
        else:
            i += 1
    return out
