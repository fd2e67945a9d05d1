"""Referenced happenings: an attack, arrest or protest named inside another event's argument.

Follow-up reports often tell a happening only as what others react to: "the minister condemned Sunday's
shelling of two schools in X", "the opposition accused the army of last week's arrest of 30 students". The
reaction (ACCUSE ...) is coded as before, with the noun as its content; this module decides when the noun is
also a happening of its own, to be coded with modality "reported" and a lower confidence.

Choice (ACLED rather than POLECAT): POLECAT codes one event per reaction sentence and leaves the named attack as
its context; ACLED codes every specific political-violence, protest or arrest event a source tells, also
second-hand, and removes the duplicates afterwards. eventwire does the same: the referenced happening is coded
so that the deduplication stage can merge the follow-up report into the happening's other reports.

A noun of a `referable` type (ontology.yaml) is coded when it is
* the content of another event (`Candidate.content_of`) and an argument of that event's trigger itself, reached
  through nouns and prepositions only ("condemned the arrest", "accused X of the attack", "protested over the
  raid"), not through another verb ("agreed to postpone the rally") or a time setting ("after the attack");
* neither negated ("no attack") nor generic (the checks of `specificity.generic_reason`), and not under a
  threat, plan, modal or denial ("warned of attacks", "would condemn any attack", "denied the attack"); and
* anchored as one real, past happening by its own phrase: a date of its own that is not after the publication
  date ("Monday's", "the May 3 bombing", "the raid on Friday"), a stated toll or count of victims ("killing
  of 11 farmers", "in which five people died", "arrest of 40 traders"), or, for a singular noun, a named doer
  or a named target or place of its own ("the army's raid", "by the militia", "the attack on Kandahar"). A
  plural with neither date nor toll may name a pattern ("complained of the army's bombings").
Its date comes from its anchor only (a date elsewhere in the sentence is usually the reaction's); its toll from
its own phrase; its place is the sentence's place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..time import resolve_date_text
from .casualties import Casualties, find_casualties, parse_number
from .modality import modality_of
from .specificity import generic_reason

if TYPE_CHECKING:
    from .drafts import Candidate
    from .triggers import Match

# Governing contexts in which the named happening is not (yet) real.
UNREAL_MODALITIES = {"threatened", "hypothetical", "denied"}
# "talks resumed after last week's attack", "offered talks following the invasion": a happening told as the time
# setting of the sentence's news is not what the news reacts to; it was (or will be) told as news elsewhere.
# ("protested over the arrest" stays: "over" names the cause of a reaction, i.e. its object.)
TIME_SETTING = {"after", "following", "since", "before", "amid", "despite", "during", "until", "ahead"}
# Modifiers of an event noun that can carry its own date ("Monday's", "the March 3 bombing", "on Friday").
DATE_MODIFIER_DEPS = {"poss", "compound", "nmod", "npadvmod", "amod", "prep"}
DATE_PREPS = {"on", "in", "during", "last", "of"}
# Where the doer or the target/place of an event noun is written.
DOER_DEPS = {"poss", "compound", "amod", "nmod"}
PLACE_PREPS = {"on", "against", "at", "in", "near", "of", "targeting", "outside"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# "..., in which five people died", "..., during which": a relative clause that a following event noun owns,
# even where the parser hangs it on a nearer noun
SETTING_RELATIVES = {"which", "where", "when"}


@dataclass
class Reference:
    """A referenced happening: its trigger candidate, the date of its anchor and its own toll."""

    cand: Candidate
    date: date | None
    precision: str | None
    casualties: Casualties


def find_references(
    cands: list[Candidate],
    referable: frozenset[str],
    publication_date: date | None,
    named: Callable[[Token], bool],
    dated_only: frozenset[str] = frozenset(),
) -> list[Reference]:
    """The candidates of one sentence that are referenced happenings (see the module docstring). `named(tok)`
    says whether a token names an actor (a name, a dictionary actor or a sector word)."""
    found = []
    for cand in cands:
        match = cand.match
        if cand.content_of is None or match.entry.event_type not in referable or not _is_noun(match):
            continue
        ref = _reference(cand, publication_date, named)
        if ref is not None and (ref.date is not None or match.entry.event_type not in dated_only):
            found.append(ref)
    return found


def _is_noun(match: Match) -> bool:
    return match.token.pos_ in ("NOUN", "PROPN") and match.entry.pos != "V"


def _reference(cand: Candidate, publication_date: date | None, named: Callable[[Token], bool]) -> Reference | None:
    tok = cand.match.token
    phrase = _phrase_text(tok)
    casualties = find_casualties(phrase)
    if not _real(cand, casualties):
        return None
    when, precision = _anchor_date(tok, publication_date)
    if when is not None and publication_date is not None and when > publication_date:
        return None  # "condemned plans for the May 30 march": still to come
    toll = casualties.stated or _victim_count(tok)
    if when is None and not toll and not (tok.tag_ in ("NN", "NNP") and _named_argument(tok, named)):
        return None
    return Reference(cand, when, precision, casualties)


def _real(cand: Candidate, casualties: Casualties) -> bool:
    """Told as a specific happening that took place: not negated, generic, threatened, planned or denied."""
    tok, parent = cand.match.token, cand.content_of
    assert parent is not None  # `find_references` passes only candidates inside another's content
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "any", "every")) for c in tok.children):
        return False
    if cand.match.entry.event_type == "ASSAULT" and generic_reason(tok, casualties) is not None:
        return False
    if parent.entry.event_type == "THREATEN":
        return False  # a threat's content is an act still to come
    if not _argument_of(tok, parent.token):
        return False
    if modality_of(tok, cand.match.entry.event_type, None) in UNREAL_MODALITIES:
        return False
    return modality_of(parent.token, parent.entry.event_type, None) not in ("hypothetical", "threatened")


def _argument_of(tok: Token, governor: Token) -> bool:
    """The noun is an argument of the governing trigger itself, reached through nouns and prepositions only, and
    not through a time setting. A verb on the way owns the noun instead ("agreed to postpone the rally", "agreed
    on carrying out a protest"): what that verb does to the happening (postpone, plan, carry out) is unknown here."""
    node = tok
    for _ in range(6):
        if node.i == governor.i:
            return True
        if node.head.i == node.i:
            return False
        if node.dep_ == "prep" and node.lower_ in TIME_SETTING:
            return False
        node = node.head
        if node.i != governor.i and node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _phrase_text(tok: Token) -> str:
    """The noun's own phrase, with a setting relative clause that follows it ("..., in which five died")."""
    sent = tok.sent
    end = tok.right_edge.i + 1
    nxt = end
    while nxt < sent.end and sent.doc[nxt].ent_type_ in ("DATE", "TIME"):
        nxt += 1  # "the raid near Gao last week, in which ...": the parser hangs the date on the verb
    nxt = nxt + 1 if nxt < sent.end and sent.doc[nxt].is_punct else nxt
    if nxt < sent.end:
        clause = _setting_relative(sent.doc[nxt])
        if clause is not None:
            end = _clause_end(clause)
    return sent.doc[tok.left_edge.i : end].text


def _setting_relative(first: Token) -> Token | None:
    """The relative clause verb when `first` opens "in which ...", "during which ...", "where ..."."""
    clause = first
    for _ in range(3):  # "in" -> "died", "where" -> "died": the clause verb is a step or two up
        if clause.dep_ in ("relcl", "acl") or clause.head.i == clause.i:
            break
        clause = clause.head
    if clause.dep_ != "relcl" or clause.left_edge.i != first.i:
        return None
    opener = [t for t in clause.doc[first.i : clause.i] if t.lower_ in SETTING_RELATIVES]
    return clause if opener else None


def _clause_end(clause: Token) -> int:
    """End of the relative clause, without a coordinated verb the parser hung on it ("..., and called for")."""
    end = clause.i + 1
    for child in clause.rights:
        if child.dep_ in ("cc", "conj", "punct"):
            break
        end = child.right_edge.i + 1
    return end


def _anchor_date(tok: Token, publication_date: date | None) -> tuple[date | None, str | None]:
    """The date written in the noun's own modifiers ("Monday's", "the March 3 bombing", "the raid on Friday")."""
    for child in tok.children:
        if child.dep_ not in DATE_MODIFIER_DEPS or child.dep_ == "prep" and child.lower_ not in DATE_PREPS:
            continue
        span = tok.doc[child.left_edge.i : child.right_edge.i + 1]
        if not any(t.ent_type_ in ("DATE", "TIME") for t in span):
            continue  # "the March 3 bombing" yes, "the attack on a Sunday market" (no date entity) no
        found, precision = resolve_date_text(span.text, publication_date)
        if found is not None:
            return found, precision
    return None, None


def _victim_count(tok: Token) -> bool:
    """ "arrest of 40 traders", "the abduction of three aid workers": a number of people acted on."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            num = next((c for c in obj.children if c.dep_ == "nummod"), None) if obj is not None else None
            if num is not None and parse_number(num.text) is not None:
                return True
    return False


def _named_argument(tok: Token, named: Callable[[Token], bool]) -> bool:
    """A named doer ("the army's raid", "by the militia") or a target or place with a proper name ("the attack on
    Kandahar"); a target by sector word alone ("the killing of civilians") may name a pattern, not one event."""
    for child in tok.children:
        if child.dep_ in DOER_DEPS and child.ent_type_ not in ("DATE", "TIME") and named(child):
            return True
        if child.dep_ not in ("prep", "agent"):
            continue
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        if obj is None:
            continue
        if (
            child.lower_ == "by"
            and named(obj)
            or child.lower_ in PLACE_PREPS
            and (_proper(obj) or _near_named_place(obj))
        ):
            return True
    return False


def _near_named_place(obj: Token) -> bool:
    """The preposition's object is placed by a proper name of its own ("the raid on a village near Gao")."""
    for prep in obj.children:
        if (
            prep.dep_ == "prep"
            and prep.lower_ in PLACE_PREPS
            and any(g.dep_ == "pobj" and _proper(g) for g in prep.children)
        ):
            return True
    return False


def _proper(tok: Token) -> bool:
    return tok.ent_type_ in NAME_ENTS or tok.pos_ == "PROPN"
