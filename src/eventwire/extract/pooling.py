"""The record of one happening from its mentions (`happenings.group_happenings` decides which mentions are one
happening): the best mention's record with its place, date, toll, actors and confidence pooled from all of them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Event, Evidence, Place
from .compat import PLACE_RANK, Compatibility, irrealis, lies_within

# A sentence that sums up a toll ("In all, 12 people died", "the death toll rose to 30") continues the happening.
SUMMARY = re.compile(
    r"\b(?:in all|in total|all told|altogether|death toll|toll (?:rose|climbed|reached)|total of)\b", re.I
)


def _informative(event: Event) -> tuple:
    """How much a mention tells (what makes it the best evidence): a real (not hypothetical) telling, its actors,
    a toll, a specific place and a date, then its confidence."""
    return (
        not irrealis(event),
        (event.source_actor is not None) + (event.target_actor is not None),
        (event.fatalities is not None) + (event.injuries is not None),
        -PLACE_RANK.get(event.location.precision, 9) if event.location else -10,
        event.date is not None,
        event.confidence,
    )


def pooled_event(events: list[Event], rules: Compatibility, retellings: frozenset[int] = frozenset()) -> Event:
    """The happening's record: the best mention's record with its fields pooled from every mention (`retellings`:
    the `id()` of the mentions that retell it by name, see `happening_toll`)."""
    evidence = [Evidence(e.evidence.sentence, e.evidence.char_start, e.evidence.char_end) for e in events]
    mentions = list({(m.char_start, m.char_end): m for m in evidence}.values())
    if len(events) == 1:
        return replace(events[0], mentions=mentions)
    best = max(events, key=_informative)
    ranked = sorted(events, key=_informative, reverse=True)
    place = happening_place(events)
    when, precision = rules.happening_date(ranked)
    fatalities, injuries = happening_toll([e for e in events if not irrealis(e)] or events, retellings)
    weapons = list(dict.fromkeys(w for e in events for w in e.weapons))
    source = _named_over_described(
        best.source_actor or next((e.source_actor for e in ranked if e.source_actor), None),
        [e.source_actor for e in ranked if e.source_actor is not None],
    )
    target = best.target_actor or next((e.target_actor for e in ranked if e.target_actor), None)
    return replace(
        best,
        source_actor=source,
        target_actor=target,
        location=place,
        date=when,
        date_precision=precision,
        fatalities=fatalities,
        injuries=injuries,
        weapons=weapons,
        mentions=mentions,
        confidence=_pooled_confidence(events, best),
        notes=[*best.notes, f"one happening told in {len(mentions)} sentences"],
    )


def _named_over_described(actor: Actor | None, others: list[Actor]) -> Actor | None:
    """The happening's actor: a mention that names it outright ("Kataeb Hezbollah said") beats one that describes
    it by a larger body it belongs to ("a hardline faction in Iraq's Hashed network"): the description resolved to
    the larger body, the name says which part of it acted. Only an actor of the same country may take over."""
    if actor is None or _named_outright(actor):
        return actor
    named = [o for o in others if _named_outright(o) and o.country == actor.country and o.name]
    return named[0] if named else actor


def _named_outright(actor: Actor) -> bool:
    text = actor.text.lower().removeprefix("the ").strip()
    return bool(actor.name) and text == (actor.name or "").lower() and text[:1].isalpha() and actor.text[:1].isupper()


# How a place was found (`Place.basis`), surest first: written after a placing preposition in the mention's own
# sentence, written there otherwise, taken from the sentences before, the document's country.
BASIS_ORDER = {"placed": 0, "named": 1, "nearby": 2, "document": 3}


def _basis(place: Place) -> int:
    return BASIS_ORDER.get(place.basis or "", len(BASIS_ORDER))


def happening_place(events: list[Event]) -> Place | None:
    """The happening's place, from its mentions in text order: the first place a mention writes as where it
    happened ("in X", "near X"; else one its own sentence names), refined by a later, more specific place that
    lies inside it ("in Iraq" ... "in Baghdad's Karrada district"). A place another mention names that does not
    lie inside the lead's (a reaction's capital, a round-up's next town) is never taken over it."""
    ordered = sorted(events, key=lambda e: e.evidence.char_start)
    places = [e.location for e in ordered if e.location is not None]
    if not places:
        return None
    surest = min(_basis(p) for p in places)
    if surest >= BASIS_ORDER["nearby"]:  # no mention writes the place: the most specific of the inferred ones
        return min(places, key=lambda p: (PLACE_RANK.get(p.precision, 9), _basis(p)))
    stated = [p for p in places if _basis(p) <= BASIS_ORDER["named"]]
    place = next(p for p in stated if _basis(p) == surest)
    for other in stated:
        if PLACE_RANK.get(other.precision, 9) < PLACE_RANK.get(place.precision, 9) and lies_within(other, place):
            place = other
    return place


def happening_toll(events: list[Event], retellings: frozenset[int] = frozenset()) -> tuple[int | None, int | None]:
    """(fatalities, injuries) of a happening: the summary figure when a mention sums the toll up ("in all, 12
    died", "the death toll rose to 30"), else the largest of the lead's (the first mention that states one) and
    those of the mentions that retell it by name (`retellings`: their `id()`; "the car bomb ... killed five" after
    "four people were killed": a later, fuller count of the same happening). The largest figure of all mentions
    would take a later, other incident's toll whenever a round-up's mentions were grouped."""
    ordered = sorted(events, key=lambda e: e.evidence.char_start)
    summary = [e for e in ordered if SUMMARY.search(e.evidence.sentence)]
    return _figure(ordered, summary, retellings, "fatalities"), _figure(ordered, summary, retellings, "injuries")


def _figure(ordered: list[Event], summary: list[Event], retellings: frozenset[int], field: str) -> int | None:
    summed = [getattr(e, field) for e in summary if getattr(e, field) is not None]
    if summed:
        return max(summed)
    stated = [e for e in ordered if getattr(e, field) is not None]
    if not stated:
        return None
    figures = [getattr(stated[0], field)] + [getattr(e, field) for e in stated[1:] if id(e) in retellings]
    return max(figures)


def _pooled_confidence(events: list[Event], best: Event) -> float:
    """A happening told several times is surer than any one telling: each further mention removes part of the
    remaining doubt (independent-evidence combination, damped by half because mentions in one report share
    their writer)."""
    doubt = 1.0 - best.confidence
    for e in events:
        if e is not best:
            doubt *= 1.0 - 0.5 * e.confidence
    return max(best.confidence, min(1.0, 1.0 - doubt))
