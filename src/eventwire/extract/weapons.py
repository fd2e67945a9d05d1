"""Weapons named in a sentence, from the weapons lexicon (data/events/weapons.csv)."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from . import lexicon
from .lexicon import Weapon


@cache
def _index() -> dict[str, list[Weapon]]:
    index: dict[str, list[Weapon]] = {}
    for weapon in lexicon.weapons():
        index.setdefault(weapon.words[0], []).append(weapon)
    for items in index.values():
        items.sort(key=lambda w: -len(w.words))
    return index


def find_weapons(sent: Span) -> list[Weapon]:
    """Weapons named in `sent` (nouns; multi-word names win), in order of mention, without repeats."""
    index = _index()
    found: list[Weapon] = []
    doc = sent.doc
    i = sent.start
    while i < sent.end:
        tok = doc[i]
        step = 1
        for key in {tok.lower_, tok.lemma_.lower()}:
            for weapon in index.get(key, ()):
                n = len(weapon.words)
                if i + n > sent.end:
                    continue
                toks = doc[i : i + n]
                if all(t.lower_ == w or t.lemma_.lower() == w for t, w in zip(toks, weapon.words, strict=True)):
                    if n == 1 and tok.pos_ not in ("NOUN", "PROPN"):
                        continue
                    if weapon not in found:
                        found.append(weapon)
                    step = max(step, n)
                    break
        i += step
    return found
