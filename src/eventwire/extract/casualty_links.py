"""Casualty links: tolls told apart from an event's own sentence ("During the attack, a guard was wounded",
"There were no casualties") carried to the attacks already told, and the toll of one named person killed
("the killing of General X")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..model import Actor, Event
from .arguments import NOUN_TARGET_PREPS, agent, prep_object
from .casualties import Casualties
from .triggers import Match

if TYPE_CHECKING:
    from .drafts import Candidate

ANAPHORIC_DETS = {"the", "these", "those", "this", "that", "both"}
HARM_LEMMAS = {"wound", "injure", "hurt", "kill", "die"}
KILL_LEMMAS = {"kill", "killing", "assassinate", "assassination", "murder", "slay", "execute", "behead"}


def pass_casualties_back(
    kept: list[Candidate], casualties: Casualties, recent: list[tuple[int, Event]], s_index: int, para_first: int
) -> list[Candidate]:
    """Give a sentence's casualty figures to attacks already told, where the sentence only refers back to them;
    returns the candidates still to code as events of their own."""
    # definite ASSAULT nouns that point back at recent attacks pass their casualty figures on
    anaphoric = [c for c in kept if c.match.entry.event_type == "ASSAULT" and _is_anaphoric(c.match)]
    fresh_assault = [c for c in kept if c.match.entry.event_type == "ASSAULT" and c not in anaphoric]
    if anaphoric and not fresh_assault:
        _carry_casualties(recent, s_index, casualties, plural=any(c.match.token.tag_ == "NNS" for c in anaphoric))
        return [c for c in kept if c not in anaphoric]
    if not kept and casualties.stated:
        # "There were no casualties": a statement that no one was hurt sums up the paragraph's attacks
        none_hurt = casualties.fatalities in (0, None) and casualties.injuries in (0, None)
        _carry_casualties(recent, s_index, casualties, plural=none_hurt, since=para_first if none_hurt else None)
    elif anaphoric and all(_tells_harm_only(c.match) for c in fresh_assault):
        # "During the attack, a guard was wounded": the toll of the attack already told; the sentence's own
        # event stays (it names the victim), and the earlier one gains the figure it lacked
        _carry_casualties(recent, s_index, casualties, plural=False)
    return kept


def _is_anaphoric(match: Match) -> bool:
    """ "the attacks", "the blast": a definite noun trigger that refers back to an event already told."""
    tok = match.token
    if tok.pos_ not in ("NOUN", "PROPN") or match.entry.pos == "V":
        return False
    if any(c.dep_ in ("poss", "compound", "amod") and c.ent_type_ for c in tok.children):
        return False
    if prep_object(tok, NOUN_TARGET_PREPS | {"in", "near"}) is not None and tok.tag_ != "NNS":
        return False
    return any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in tok.children)


def _tells_harm_only(match: Match) -> bool:
    """A verb that only says someone was hurt or killed ("was wounded"), not how or by whom."""
    return match.token.pos_ == "VERB" and match.token.lemma_.lower() in HARM_LEMMAS and agent(match.token) is None


def _carry_casualties(
    recent: list[tuple[int, Event]], s_index: int, casualties: Casualties, plural: bool, since: int | None = None
) -> None:
    """Apply a casualty statement ("there were no casualties") to the attacks of the last few sentences, or to
    those told since sentence `since`."""
    window = [ev for i, ev in recent if (i >= since if since is not None else s_index - i <= 2)]
    if not window:
        return
    targets = window if plural else window[-1:]
    for event in targets:
        if event.fatalities is None and casualties.fatalities is not None:
            event.fatalities = casualties.fatalities
            event.notes.append("fatalities from a following sentence")
        if event.injuries is None and casualties.injuries is not None:
            event.injuries = casualties.injuries


def single_person_killed(cands: list[Candidate], target: Actor, sent_doc: Doc, all_caps: bool) -> bool:
    """ "the killing of General X", "X was assassinated": one named person killed."""
    if not any(c.match.token.lemma_.lower() in KILL_LEMMAS for c in cands) or target.start is None:
        return False
    span = sent_doc.char_span(target.start, target.end, alignment_mode="expand")  # type: ignore[arg-type]  # end is set wherever start is
    if span is None or any(t.lower_ in ("and", ",") for t in span):
        return False
    if span.root.ent_type_ == "PERSON" and span.root.tag_ == "NNP":
        return True
    # case-restored capitals lose their names' capitals: a bare two-to-four-word phrase ("orlando letelier") with no
    # article, number or plural is a person's name
    return (
        all_caps
        and 2 <= len(span) <= 4
        and all(t.is_alpha and not t.is_stop for t in span)
        and not any(t.tag_ in ("NNS", "NNPS", "CD", "DT", "JJ", "PRP$") for t in span)
    )
