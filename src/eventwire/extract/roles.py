"""Event roles: the source and target actors of an event, chosen from the arguments of its draft's triggers, with
the fallbacks where none is written there (the speaker of a stance, "against X" in the clause, a protest
demand's addressee) and the countries a target takes from its setting (police at home, people hit where they
are, a country named in the trigger's arguments)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..model import Actor, Place
from . import clauses, lexicon
from .actors import ActorResolver
from .arguments import MUST_REQUEST, NAMED_ENTS, VERBAL_TYPES, obligation_arguments, speaker, trigger_arguments
from .triggers import Match

if TYPE_CHECKING:
    from .drafts import Candidate, Draft

# Unarmed people hit by an attack, with no nationality of their own written: of the country where they are hit.
VICTIM_SECTORS = {None, "civilians", "media", "religious", "protesters", "business"}


def event_actors(
    draft: Draft, cands: list[Candidate], resolver: ActorResolver, location: Place | None
) -> tuple[Actor | None, Token | None, Actor | None]:
    """(source, source head, target) of the event of `draft`, whose triggers `cands` are sorted strongest
    first; `location` is the event's place."""
    acts = {c.match.token.i for c in cands} | {c.match.token.i for c in draft.content}
    source, source_head, target = _draft_actors(cands, resolver, acts)
    main = cands[0].match
    if draft.event_type == "MOBILIZE" and _own_force(target, source):
        target = None  # "Turkey called up reservists for an offensive against Syria": the reservists are Turkey's
    if target is None:
        target = _fallback_target(draft, main, source_head, resolver)
    if source is None and draft.event_type in VERBAL_TYPES:
        # "US authorities said that removing the sanctions is out of the question": the speaker takes the stance
        s_head = speaker(main.token)
        source = _resolve_actor(resolver, s_head) if s_head is not None else None
        source_head = s_head if source is not None else None
    if source is not None and _is_the_act(source_head, draft) and _bare(source, source_head):
        source = source_head = None  # "a roadside bombing killed ...", "wounded by a gunshot": no doer named
    target = _police_target(target, source)
    target = _fill_target_country(target, main, source, resolver, location, draft.event_type)
    return source, source_head, target


def _draft_actors(
    cands: list[Candidate], resolver: ActorResolver, acts: set[int]
) -> tuple[Actor | None, Token | None, Actor | None]:
    """(source, source head, target) from the draft's triggers, strongest first. A pronoun subject is resolved
    only when no trigger names the doer ("gunmen shot five people when they stormed a bank, police said": the
    gunmen), to the people named before it or else the speaker; a bare common noun target ("a dinner") gives way
    to a later one that names an actor."""
    source = target = source_head = target_head = None
    pronoun_trigger = None
    for cand in cands:
        if cand.match.entry is MUST_REQUEST:
            s_head, t_head = obligation_arguments(cand.match)
        else:
            s_head, t_head = trigger_arguments(cand.match, resolver)
        if s_head is not None and s_head.pos_ == "PRON":
            pronoun_trigger = pronoun_trigger or (cand.match.token, s_head)
            s_head = None
        if source is None and s_head is not None:
            source = _resolve_actor(resolver, s_head)
            source_head = s_head if source is not None else None
        if t_head is not None and t_head.i in acts:
            # "signed an agreement": the object is the act itself (a trigger of this event or its content), no one;
            # "demanded a meeting of the Security Council" names someone through it and keeps it
            own = any(t_head.i == c.match.token.i for c in cands)
            named = None if own else _resolve_actor(resolver, t_head)
            if named is None or _bare(named, t_head):
                t_head = None
        if (
            t_head is not None
            and (s_head is None or t_head.i != s_head.i)
            and (target is None or _bare(target, target_head) or _only_the_place(target_head, cand))
        ):
            actor = _resolve_actor(resolver, t_head)
            target, target_head = (actor, t_head) if actor is not None else (target, target_head)
    if source is None and pronoun_trigger is not None:
        trigger, pronoun = pronoun_trigger
        source = resolver.resolve(pronoun)  # "they": the people named just before, if any
        source_head = pronoun if source is not None else speaker(trigger)
        source = source or _resolve_actor(resolver, source_head)
        source_head = source_head if source is not None else None
    return source, source_head, target


def _resolve_actor(resolver: ActorResolver, head: Token | None) -> Actor | None:
    return resolver.resolve(head) if head is not None else None


def _bare(actor: Actor, head: Token | None) -> bool:
    """A common-noun phrase that the dictionaries and sectors say nothing about ("a dinner", "missile attack"),
    not a name."""
    if head is None:
        return False
    if actor.country or actor.sector or actor.name != actor.text:
        return False
    return head.pos_ != "PROPN" and head.ent_type_ not in NAMED_ENTS


def _only_the_place(head: Token | None, cand: Candidate) -> bool:
    """An attack's target written as the place it hit ("a drone strike on the capital", "shelling in X"): it
    gives way to the people or body another trigger of the event names ("the killing of the general")."""
    return (
        head is not None
        and cand.match.entry.event_type == "ASSAULT"
        and head.ent_type_ in ("GPE", "LOC", "FAC")
        and head.dep_ == "pobj"
    )


def _is_the_act(head: Token | None, draft: Draft) -> bool:
    """The phrase is the event's own trigger or a weapon word."""
    if head is None:
        return False
    if any(head.i in c.match.tokens for c in draft.cands):
        return True
    return head.lemma_.lower() in lexicon.weapon_heads() or head.lower_ in lexicon.weapon_heads()


def _own_force(target: Actor | None, source: Actor | None) -> bool:
    """The target of a mobilisation is the source's own armed force (its sector, and no other country)."""
    if target is None or target.sector not in clauses.FORCE_SECTORS:
        return False
    return not target.country or source is None or target.country == source.country


def _fallback_target(draft: Draft, main: Match, source_head: Token | None, resolver: ActorResolver) -> Actor | None:
    """A target written outside the trigger's own arguments: "against X" in its clause ("staged rallies in the
    capital against the prime minister"), or, for a protest, the party its demand is addressed to ("began a
    hunger strike to demand the release of X")."""
    skip = frozenset(t.i for t in source_head.subtree) if source_head is not None else frozenset()
    heads = [clauses.against_object(main.token, skip)]
    if draft.event_type == "PROTEST":
        heads += [trigger_arguments(cand.match, resolver)[1] for cand in draft.content]
    for head in heads:
        actor = _resolve_actor(resolver, head)
        if actor is not None and not _bare(actor, head):
            return actor
    return None


def _police_target(target: Actor | None, source: Actor | None) -> Actor | None:
    """Police act at home: the people they disperse, arrest or shoot are of the police's own country."""
    if target is None or target.country or source is None or source.sector != "police" or not source.country:
        return target
    if target.sector in (None, "civilians", "protesters", "media", "religious", "party"):
        target.country = source.country
    return target


def _fill_target_country(
    target: Actor | None,
    main: Match,
    source: Actor | None,
    resolver: ActorResolver,
    location: Place | None,
    event_type: str,
) -> Actor | None:
    """A target without a country takes the first country or group named in the trigger's arguments
    ("threatened to ban voting in East Jerusalem"); failing that, people hit where they are take the country
    of the event's place."""
    if target is not None and (target.country or target.sector == "IGO" and not _addressee(main.token, target)):
        return target  # an international organisation is nobody's country ("a summit of the Arab League")
    if (
        event_type == "ASSAULT"
        and target is not None
        and target.sector in VICTIM_SECTORS
        and (location is not None and location.country)
    ):
        target.country = location.country  # people hit where they are (the place's country is ISO-3 already)
        return target
    tok = main.token
    src = (
        (source.start, source.end)
        if source is not None and source.start is not None and source.end is not None
        else (-1, -1)
    )
    elsewhere = _other_clauses(tok, event_type)
    for t in tok.subtree:
        if t.i <= tok.i or src[0] <= t.idx < src[1] or t.i in elsewhere:
            continue
        mention = resolver.by_token.get(t.i)
        if mention and mention.entry.country:
            if target is None:
                span = resolver.doc[mention.start : mention.end]
                return Actor(
                    text=span.text,
                    name=mention.entry.name,
                    country=mention.entry.country,
                    sector=mention.entry.sector
                    or ("government" if mention.entry.kind in ("country", "name", "capital") else None),
                    start=span.start_char,
                    end=span.end_char,
                )
            target.country = mention.entry.country
            return target
    if target is not None and location is not None and location.country and target.sector in (None, "civilians"):
        target.country = lexicon.iso2_to_iso3().get(location.country) or (
            location.country if len(location.country) == 3 else None
        )
    return target


# Types whose "for X" names the one who receives (aid for X, support for X); for the others it gives a reason
# ("revenge for X's death", "condemned Y for X's arrest") and names no one acted on.
FOR_RECIPIENT_TYPES = {"AID", "SUPPORT", "COOPERATE"}


def _other_clauses(trigger: Token, event_type: str) -> set[int]:
    """Tokens under the trigger that belong to another statement: a clause joined to it ("Tehran condemned the
    strike, and the prime minister said it could bring violence to Iraq") or a reason given with "for"."""
    reasons = event_type not in FOR_RECIPIENT_TYPES
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "attr")]  # "promised revenge for X"
    out: set[int] = set()
    for child in trigger.children:
        joined = child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX")
        if joined or reasons and _is_for(child):
            out.update(t.i for t in child.subtree)
    for child in (c for noun in objects for c in noun.children if reasons and _is_for(c)):
        out.update(t.i for t in child.subtree)
    return out


def _is_for(tok: Token) -> bool:
    return tok.dep_ == "prep" and tok.lower_ == "for"


def _addressee(trigger: Token, target: Actor) -> bool:
    """ "complained to the United Nations over ...": the target phrase is the object of "to" under the trigger,
    the audience of a stance rather than what it is about."""
    for prep in trigger.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and target.start is not None and target.start <= obj.idx < (target.end or 0):
                return True
    return False
