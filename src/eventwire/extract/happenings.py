"""Happenings, not mentions: the events coded sentence by sentence in one document, grouped so that each
happening the document tells is one record.

A news report tells its main happening several times: the lead ("Gunmen killed five villagers on Friday"), the
detail ("The attackers opened fire on a market"), the toll update ("In all, seven people died") and the retelling
in a reaction ("the governor condemned the attack"). Coded per sentence these are four records, three of them
copies that an analyst has to delete by hand. Here mentions of one event type whose fields do not contradict each
other (`compat`) and that are linked in the text (close together, or the later one retells the earlier one with a
definite noun or sums it up) become one `Event`: the most informative mention is its `evidence`, every mention is
listed in `mentions`, and its fields are pooled from all of them (`_merge`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Token

from ..errors import DataFileError, Errors
from ..model import Actor, Event, Evidence, Place
from ..resources import data_path, load_yaml
from .compat import PLACE_RANK, Compatibility, compatible, irrealis, lies_within


@dataclass(frozen=True)
class HappeningSettings:
    """When two mentions of one type count as linked (thresholds of the grouping; see `compat` for when their
    fields may belong to one happening).

    How these were set: by reading how news reports retell their main happening (a lead, then its detail in the
    next one or two sentences) and checked on half A of the event dev set; `window_sentences` 1, 2 and 3 were
    tried (2 is the usual reach of a lead's detail; 3 starts to join separate incidents listed in a round-up).
    """

    # a mention this many sentences (or fewer) after the group's last mention continues it
    window_sentences: int = 2
    # definite retellings ("the attack", "Friday's bombing", "this killing") reach back over the whole document
    retold_reach_sentences: int = 1000


RETELLING_FILE = "events/retelling.yaml"
# A sentence that sums up a toll ("In all, 12 people died", "the death toll rose to 30") continues the happening.
SUMMARY = re.compile(
    r"\b(?:in all|in total|all told|altogether|death toll|toll (?:rose|climbed|reached)|total of)\b", re.I
)


@dataclass
class _Mention:
    event: Event
    sentence: int
    token: Token | None


@dataclass
class _Group:
    mentions: list[_Mention]

    @property
    def last_sentence(self) -> int:
        return self.mentions[-1].sentence


def group_happenings(
    events: list[Event],
    doc: Doc,
    publication_date: date | None,
    settings: HappeningSettings | None = None,
) -> list[Event]:
    """One event per happening told in the document (`events` are its per-sentence events, `doc` its parse with
    the same offsets). Mentions merge only within one event type and only when no field contradicts
    (`compat.compatible`); the result is in text order of each happening's first mention, and a happening told
    once comes back unchanged except for its `mentions`."""
    settings = settings or HappeningSettings()
    starts = [s.start_char for s in doc.sents]
    groups: list[_Group] = []
    rules = Compatibility(publication_date)
    events = [_not_after_report(e, publication_date) for e in events]
    for event in sorted(events, key=lambda e: (e.evidence.char_start, e.trigger_start or 0)):
        mention = _Mention(event, max(0, bisect_right(starts, event.evidence.char_start) - 1), _token(doc, event))
        home = _home(mention, groups, doc, rules, settings)
        if home is None:
            groups.append(_Group([mention]))
        else:
            home.mentions.append(mention)
    return [_dated_by_report(_merge(g, rules), publication_date) for g in groups]


# Told as having happened: such a happening cannot be later than the report that tells it.
FACTUAL = frozenset({"asserted", "claimed", "reported"})


def _not_after_report(event: Event, publication_date: date | None) -> Event:
    """A happening told as done, dated after its report, took a date that is not its own: the deadline of a
    warning ("leave by Sunday"), the day of a planned vote. It loses that date (and is then dated by its report
    or by another of its mentions)."""
    if publication_date is None or event.date is None or event.modality not in FACTUAL:
        return event
    if event.date <= publication_date:
        return event
    return replace(event, date=None, date_precision=None)


def _dated_by_report(event: Event, publication_date: date | None) -> Event:
    """A happening none of whose mentions states a date is dated by its report ("the minister condemned the
    attack", told in Saturday's report, was said by Saturday). A happening named inside another event (modality
    "reported") keeps no date: it happened some time before, and its report's day would be a guess."""
    if event.date is not None or publication_date is None or event.modality == "reported":
        return event
    return replace(event, date=publication_date, date_precision="day")


def _home(
    mention: _Mention, groups: list[_Group], doc: Doc, rules: Compatibility, settings: HappeningSettings
) -> _Group | None:
    """The group this mention continues: the most recent one of its type that it is linked to and that no field
    contradicts; None when it starts a happening of its own."""
    if _marked_other(mention.token):
        return None
    retold = _retold(mention.token)
    response = _against_perpetrator(mention.event)
    summary = SUMMARY.search(mention.event.evidence.sentence) is not None
    for group in reversed(groups):
        first = group.mentions[0].event
        if first.event_type != mention.event.event_type:
            continue
        gap = mention.sentence - group.last_sentence
        linked = gap <= settings.window_sentences or (retold or summary) and gap <= settings.retold_reach_sentences
        if not linked:
            continue
        # a hypothetical or threatened mention joins a real happening only when it names it ("the attack")
        if irrealis(mention.event) != irrealis(first) and not retold:
            continue
        if all(compatible(mention.event, m.event, rules, response=response) for m in group.mentions):
            return group
        if retold and all(compatible(mention.event, m.event, rules, True, response) for m in group.mentions):
            # joined on the definite reference despite its place: that place is not the happening's
            mention.event = replace(mention.event, location=None)
            return group
    return None


def _token(doc: Doc, event: Event) -> Token | None:
    """The trigger's token in `doc` (None when the offset falls inside no token)."""
    if event.trigger_start is None:
        return None
    span = doc.char_span(event.trigger_start, event.trigger_start + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@cache
def vocabulary() -> dict[str, frozenset[str]]:
    """The word lists of `data/events/retelling.yaml` (happening_nouns, perpetrator_nouns, definite, another),
    validated."""
    raw = load_yaml(RETELLING_FILE)
    out: dict[str, frozenset[str]] = {}
    for key in ("happening_nouns", "perpetrator_nouns", "definite", "another"):
        words = raw.get(key) if isinstance(raw, dict) else None
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            path = data_path(RETELLING_FILE)
            raise DataFileError(Errors.E009.format(path=path, where="", reason=f"'{key}' must be a list of words"))
        out[key] = frozenset(w.strip().lower() for w in words)
    return out


def _definite(tok: Token) -> bool:
    """A noun with a definite determiner or a possessor ("the blast", "Friday's attack", "its raid")."""
    words = vocabulary()["definite"]
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in words for c in tok.children)


def _retold(tok: Token | None) -> bool:
    """The writer refers to a happening the reader already knows: a definite trigger noun ("the attack"), or a
    trigger verb whose subject is a definite happening noun ("the blast killed five", "the bomb exploded") or a
    definite perpetrator ("the attackers fled with two hostages")."""
    if tok is None:
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        return _definite(tok)
    nouns = vocabulary()["happening_nouns"] | vocabulary()["perpetrator_nouns"]
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in nouns and _definite(c) and not _marked_other(c)
        for c in tok.children
    )


def _against_perpetrator(event: Event) -> bool:
    """The mention is done to a happening's perpetrator named as such ("the gunman", "the attackers")."""
    target = event.target_actor
    words = target.text.lower().split() if target is not None else []
    if len(words) < 2 or not set(words[:-1]) & vocabulary()["definite"]:
        return False
    head = words[-1]
    nouns = vocabulary()["perpetrator_nouns"]
    return (
        head in nouns
        or head.endswith("s")
        and head[:-1] in nouns
        or head.endswith("men")
        and head[:-3] + "man" in nouns
    )


def _marked_other(tok: Token | None) -> bool:
    """ "another attack", "a second blast", "in a separate incident": told as a different happening."""
    if tok is None:
        return False
    near = [c for c in tok.children if c.dep_ in ("det", "amod", "nummod")]
    if tok.dep_ == "pobj" and tok.head.head is not tok.head:  # "in a separate incident, gunmen killed ..."
        near.extend(c for c in tok.head.head.children if c.dep_ == "amod")
    if tok.pos_ == "VERB":  # "another bomb exploded", "gunmen also attacked"
        near.extend(c for c in tok.children if c.dep_ == "advmod")
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "in a separate incident, rebels attacked": the setting phrase says it is another happening
        settings = [o for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        near.extend(c for s in subjects + settings for c in s.children if c.dep_ in ("det", "amod"))
    return any(c.lower_ in vocabulary()["another"] for c in near)


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


def _merge(group: _Group, rules: Compatibility) -> Event:
    """The happening's record: the best mention's record with its fields pooled from every mention."""
    events = [m.event for m in group.mentions]
    evidence = [Evidence(e.evidence.sentence, e.evidence.char_start, e.evidence.char_end) for e in events]
    mentions = list({(m.char_start, m.char_end): m for m in evidence}.values())
    if len(events) == 1:
        return replace(events[0], mentions=mentions)
    best = max(events, key=_informative)
    ranked = sorted(events, key=_informative, reverse=True)
    place = happening_place(events)
    when, precision = rules.happening_date(ranked)
    fatalities, injuries = happening_toll([e for e in events if not irrealis(e)] or events)
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


def happening_toll(events: list[Event]) -> tuple[int | None, int | None]:
    """(fatalities, injuries) of a happening: the summary figure when a mention sums the toll up ("in all, 12
    died", "the death toll rose to 30"), else the lead's (the first mention that states one). The largest figure
    of all mentions would take a later, other incident's toll whenever a round-up's mentions were grouped."""
    ordered = sorted(events, key=lambda e: e.evidence.char_start)
    summary = [e for e in ordered if SUMMARY.search(e.evidence.sentence)]
    fatalities = [e.fatalities for e in summary if e.fatalities is not None] or [
        e.fatalities for e in ordered if e.fatalities is not None
    ][:1]
    injuries = [e.injuries for e in summary if e.injuries is not None] or [
        e.injuries for e in ordered if e.injuries is not None
    ][:1]
    return max(fatalities, default=None), max(injuries, default=None)


def _pooled_confidence(events: list[Event], best: Event) -> float:
    """A happening told several times is surer than any one telling: each further mention removes part of the
    remaining doubt (independent-evidence combination, damped by half because mentions in one report share
    their writer)."""
    doubt = 1.0 - best.confidence
    for e in events:
        if e is not best:
            doubt *= 1.0 - 0.5 * e.confidence
    return max(best.confidence, min(1.0, 1.0 - doubt))
