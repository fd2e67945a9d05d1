"""Event location: which toponym of a sentence is where its event happened.

Preference, in order: a place attached to the sentence by a locative preposition ("in", "at", "near", "on"),
the most exact kind (facility > city > admin1 > country), never the dateline while anything else is there,
and not a country used as an actor ("Iraqi forces", "Iran said"). "north of Baghdad" gives Baghdad's
coordinates with precision "relative" and `direction="north"`. With no toponym in the sentence, the latest
place of the two preceding sentences (same paragraph), else the dateline, at one step lower precision.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from ..model import Place, Toponym
from .gazetteer import get_gazetteer

LOCATIVE = frozenset({"in", "at", "near", "on", "outside", "inside", "into", "across", "around", "throughout",
                      "within", "toward", "towards", "along", "over", "off", "between", "to", "from"})
STRONG_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "on", "around", "throughout", "within"})
ACTOR_HEADS = frozenset({"forces", "force", "troops", "army", "government", "officials", "official", "police",
                         "military", "soldiers", "militants", "authorities", "ministry", "minister", "president",
                         "leaders", "leader", "embassy", "navy", "regime", "spokesman", "media", "state"})
PRECISION_RANK = {"point": 4, "city": 3, "relative": 3, "admin1": 2, "country": 1}
COARSER = {"point": "city", "city": "admin1", "relative": "relative", "admin1": "country", "country": "country"}
_DIRECTIONS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
               "north-east", "north-west", "south-east", "south-west")
_RELATIVE = re.compile(
    r"\b(" + "|".join(_DIRECTIONS) + r")(?:ern)?\s+(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE)
_OUTSKIRTS = re.compile(r"\b(?:outskirts|suburbs?|outside)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
FALLBACK_SENTENCES = 2


def locate_event(sent: Span, toponyms: list[Toponym]) -> Place | None:
    """The place where the event of `sent` happened, or None when nothing fits.

    `toponyms` are `geoparse` results for the whole document (offsets into `sent.doc.text`)."""
    # An adjectival toponym ("Iraqi forces") names who acts, never where: it does not locate an event.
    gaz = get_gazetteer()
    resolved = [t for t in toponyms if t.place is not None and t.place.lat is not None
                and gaz.adjectival_place(t.text) is None]
    inside = [t for t in resolved if sent.start_char <= t.start and t.end <= sent.end_char]
    if inside:
        best = max(inside, key=lambda t: _score(sent, t, len(inside)))
        return _as_event_place(sent, best)
    return _fallback(sent, resolved)


def _score(sent: Span, top: Toponym, n: int) -> float:
    doc = sent.doc
    text = doc.text
    score = float(PRECISION_RANK.get(top.place.precision, 1))
    span = doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is not None:
        prev = _previous_word(span)
        if prev is not None and prev.lower_ in STRONG_LOCATIVE:
            score += 3.0
        elif prev is not None and prev.lower_ in LOCATIVE:
            score += 1.5
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in ACTOR_HEADS:
            score -= 3.0
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "amod") and (
                prev is None or prev.lower_ not in LOCATIVE):
            score -= 1.5
    if _RELATIVE.search(text[max(sent.start_char, top.start - 60):top.start]):
        score += 2.5
    if top.is_dateline:
        score -= 6.0
    # Earlier mentions win ties: the event clause usually comes first in news sentences.
    return score - 0.001 * (top.start - sent.start_char)


def _previous_word(span: Span):
    i = span.start - 1
    doc = span.doc
    while i >= 0 and (doc[i].lower_ in ("the", "a", "an") or doc[i].dep_ == "compound" or doc[i].is_punct
                      and doc[i].text != ","):
        i -= 1
        if span.start - i > 4:
            return None
    return doc[i] if i >= 0 else None


def _as_event_place(sent: Span, top: Toponym) -> Place:
    text = sent.doc.text
    before = text[max(sent.start_char, top.start - 60):top.start]
    m = _RELATIVE.search(before)
    if m:
        return replace(top.place, precision="relative", direction=m.group(1).lower().replace("-", ""))
    if _OUTSKIRTS.search(before):
        return replace(top.place, precision="relative", direction="outskirts")
    return replace(top.place)


def _fallback(sent: Span, resolved: list[Toponym]) -> Place | None:
    doc = sent.doc
    para_start = doc.text.rfind("\n\n", 0, sent.start_char)
    earlier_sents = [s for s in doc.sents if s.end_char <= sent.start_char][-FALLBACK_SENTENCES:]
    window_start = max(earlier_sents[0].start_char if earlier_sents else sent.start_char, para_start)
    before = [t for t in resolved if window_start <= t.start < sent.start_char and not t.is_dateline]
    if before:
        best = max(before, key=lambda t: (PRECISION_RANK.get(t.place.precision, 1) > 1, t.start))
        return replace(best.place, precision=COARSER.get(best.place.precision, best.place.precision))
    datelines = [t for t in resolved if t.is_dateline]
    if datelines:
        p = datelines[0].place
        return replace(p, precision=COARSER.get(p.precision, p.precision))
    return None
