"""What the document around an actor phrase says about it: which reading of a shared name the document
supports, which country hosts its events ("police in the country"), whom a pronoun refers to, and the phrases
that are never a party (a weapon, a quoted slogan, the event's own noun)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .actor_data import Entity
from .lexicon import ActorEntry

# Prepositions that name where something is: a country after them hosts the document's events.
LOCATIVE = {"in", "across", "inside", "into", "throughout", "near", "within"}
# "security forces in the country", "police in the province": a place word that refers back to the host country.
HOST_WORDS = {"country", "nation", "province", "region", "capital", "city", "state", "territory"}
QUOTES = {'"', "“", "”", "‘", "’", "'", "``", "''", "«", "»"}
# A quoted phrase this short is a slogan or a label ("Death to X"), not speech that names its own parties.
SLOGAN_MAX = 6
# Place nouns that only host an event ("an area near the embassy"): the named thing near them is the target.
HOST_PLACES = {"area", "vicinity", "neighbourhood", "neighborhood", "district", "zone", "outskirts", "site", "spot"}
NEAR_PREPS = {"near", "outside", "beside", "around", "by"}
# Which dictionary kinds a pronoun can refer to.
PRONOUN_KINDS = {"it": ("group",), "its": ("group",), "he": ("leader",), "his": ("leader",),
                 "she": ("leader",), "her": ("leader",), "their": ("group", "country", "name")}  # fmt: skip


def pick_entry(alternatives: Sequence[ActorEntry], support: Counter[str], day: date | None) -> ActorEntry:
    """The reading of a shared name that holds on `day` and whose country the document names most
    (`support`: country -> unambiguous mentions); ties keep the dictionary's order (groups first)."""
    valid = [e for e in alternatives if not isinstance(e, Entity) or e.valid_on(day)] or list(alternatives)
    return max(valid, key=lambda e: (support.get(e.country or "", 0), -valid.index(e)))


def host_country(doc: Doc, spans: Iterable[tuple[int, ActorEntry]], dateline: Iterable[ActorEntry]) -> str | None:
    """The country where the document's events happen: the one its dateline names, else the one it most
    often names as a place ("in Iraq", "across Iraq"). `spans`: (first token, entry) of each mention."""
    counts: Counter[str] = Counter()
    for entry in dateline:
        if entry.country:
            counts[entry.country] += 2
    for start, entry in spans:  # a mention at token 0 reads doc[-1]: a last token is never "in"
        if entry.kind in ("country", "name", "capital") and entry.country and doc[start - 1].lower_ in LOCATIVE:
            counts[entry.country] += 1
    return counts.most_common(1)[0][0] if counts else None


def names_host(span: Span, head: Token) -> bool:
    """ "security forces in the country": the phrase places its head in a place word that refers back."""
    for tok in span:
        if tok.i > head.i and tok.lower_ in LOCATIVE and tok.i + 2 < span.end:
            nxt = span.doc[tok.i + 1]
            if nxt.lower_ in ("the", "this", "that") and span.doc[tok.i + 2].lemma_.lower() in HOST_WORDS:
                return True
    return False


def in_slogan(head: Token) -> bool:
    """`head` stands inside a short quotation ("Death to X", "Down with Y") within its sentence."""
    sent = head.sent
    before = [t for t in sent if t.i < head.i and t.text in QUOTES]
    after = [t for t in sent if t.i > head.i and t.text in QUOTES]
    if len(before) % 2 == 0 or not after:
        return False
    return after[0].i - before[-1].i - 1 <= SLOGAN_MAX


@cache
def event_nouns() -> frozenset[str]:
    """Nouns that name a happening ("strike", "attack", "talks"): the event itself, never its party."""
    return frozenset(t.words[0] for t in lexicon.triggers() if t.pos == "N" and len(t.words) == 1)


def is_thing(head: Token) -> bool:
    """A weapon or an event noun ("two mortar rounds", "the strike"): no party."""
    lemma = head.lemma_.lower()
    if (lemma,) in lexicon.sector_terms() or lemma.endswith(("man", "men")) or lemma == "bomber":
        return False  # "gunmen", "a suicide bomber": people who wield a weapon are a party
    return lemma in lexicon.weapon_heads() or head.lower_ in lexicon.weapon_heads() or lemma in event_nouns()


def near_object(head: Token) -> Token | None:
    """ "an area near the embassy": the thing a host-place noun is placed by."""
    if head.lemma_.lower() not in HOST_PLACES:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in NEAR_PREPS:
            return next((g for g in child.children if g.dep_ == "pobj"), None)
        if child.dep_ == "advmod" and child.lower_ == "close":
            prep = next((g for g in child.children if g.dep_ == "prep"), None)
            return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    return None


@dataclass(frozen=True)
class Mention:
    start: int  # token indices in the doc
    end: int
    entry: ActorEntry
    # every entity the phrase can name (a name shared by two actors), the dictionary's first reading first
    alternatives: tuple[ActorEntry, ...] = ()


def antecedent(doc: Doc, mentions: Sequence[Mention], tok: Token, kinds: tuple[str, ...]) -> Mention | None:
    """The nearest named actor of a compatible kind before `tok` in its sentence or the two before it
    ("it" and "its": a group; "he", "his": a person; "their": a group or a state)."""
    sent = tok.sent
    first = sent.start
    for _ in range(2):
        first = doc[first - 1].sent.start if first > 0 else first
    for m in reversed(mentions):
        if m.end > tok.i:
            continue
        if m.start < first:
            return None
        if m.entry.kind in kinds:
            return m
    return None


def coreferent_group(doc: Doc, mentions: Sequence[Mention], head: Token) -> Mention | None:
    """The last group named before `head` in its paragraph or the three sentences before ("the group", "the
    militia"): an armed group or party, or for "the organisation", "the alliance" any group."""
    para_start = doc.text.rfind("\n\n", 0, head.idx)
    first = head.sent.start
    for _ in range(3):
        first = doc[first - 1].sent.start if first > 0 else first
    armed = head.lemma_.lower() not in ("organization", "organisation", "alliance", "coalition", "bloc")
    for m in reversed(mentions):
        if m.start >= head.i:
            continue
        if doc[m.start].idx < para_start and m.start < first:
            return None
        if m.entry.kind == "group" and (not armed or m.entry.sector in ("rebels", "militia", "party")):
            return m
    return None
