"""The sentence's own place: of the toponyms a sentence names, which one is where its event happened. A place
attached by a locative preposition wins, then the most exact kind; a lake, sea or river loses to a named town,
and a place written "north of" or "on the outskirts of" another is reported relative to it. The weights below
order these cues by how reliably each marks the event's place in news sentences."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Span

from ...model import Place, Toponym
from .context import DocContext
from .filters import may_locate
from .origins import names_origin
from .tokens import modifies_noun, place_of, previous_word, span_of
from .words import ACTOR_HEADS, LOCATIVE, PRECISION_RANK, STRONG_LOCATIVE, WATER_CODES, WATER_WORDS

_DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
)
_RELATIVE = re.compile(
    r"\b("
    + "|".join(_DIRECTIONS)
    + r")(?:ern)?\s+(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_OUTSKIRTS = re.compile(r"\b(?:outskirts|suburbs?|outside)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
WATER_PENALTY = 4.0  # a water body loses to any named town or division of the sentence, even one without a preposition


def sentence_place(ctx: DocContext, sent: Span) -> Place | None:
    """The best-scored locating toponym of `sent` as an event place, or None where `sent` names none."""
    # A country before an actor word ("U.S. officials") says who acts; a city there ("Baghdad police") still says
    # where, so only countries are dropped.
    inside = [t for t in ctx.inside(sent.start_char, sent.end_char) if may_locate(sent.doc, t)]
    if not inside:
        return None
    best = max(inside, key=lambda t: _score(ctx, sent, t))
    return _as_event_place(ctx, sent, best)


def _score(ctx: DocContext, sent: Span, top: Toponym) -> float:
    doc = sent.doc
    text = ctx.text
    place = place_of(top)
    score = float(PRECISION_RANK.get(place.precision, 1))
    if _is_water(top):
        score -= WATER_PENALTY
    span = doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is not None:
        prev = previous_word(span)
        if place.precision == "country" and modifies_noun(span):
            # "pressure on US installations", "at US bases": the preposition's object is the facility and the
            # country before it its owner, not where the event happened
            score -= 1.5
        elif prev is not None and names_origin(prev):
            score -= 1.5
        elif prev is not None and prev.lower_ in STRONG_LOCATIVE:
            score += 3.0
        elif prev is not None and prev.lower_ in LOCATIVE:
            score += 1.5
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in ACTOR_HEADS:
            score -= 3.0
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "amod") and (
            prev is None or prev.lower_ not in LOCATIVE
        ):
            score -= 1.5
    if _RELATIVE.search(text[max(sent.start_char, top.start - 60) : top.start]):
        score += 2.5
    # Earlier mentions win ties: the event clause usually comes first in news sentences.
    return score - 0.001 * (top.start - sent.start_char)


def _is_water(top: Toponym) -> bool:
    """True for a lake, sea or river, by its feature code or a water word in its name ("Lake George")."""
    words = top.text.lower().split()
    return (
        place_of(top).feature_code in WATER_CODES
        or bool(words)
        and (words[0] in WATER_WORDS or words[-1] in WATER_WORDS)
    )


def _as_event_place(ctx: DocContext, sent: Span, top: Toponym) -> Place:
    before = ctx.text[max(sent.start_char, top.start - 60) : top.start]
    place = place_of(top)
    m = _RELATIVE.search(before)
    if m:
        return replace(place, precision="relative", direction=m.group(1).lower().replace("-", ""), basis="placed")
    if _OUTSKIRTS.search(before):
        return replace(place, precision="relative", direction="outskirts", basis="placed")
    span = span_of(sent.doc, top)
    prev = previous_word(span) if span is not None else None
    placed = prev is not None and prev.lower_ in LOCATIVE and not names_origin(prev)
    return replace(place, basis="placed" if placed else "named")
