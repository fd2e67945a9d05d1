"""Happenings, not mentions: the events coded sentence by sentence in one document, grouped so that each
happening the document tells is one record.

A news report tells its main happening several times: the lead ("Gunmen killed five villagers on Friday"), the
detail ("The attackers opened fire on a market"), the toll update ("In all, seven people died") and the retelling
in a reaction ("the governor condemned the attack"). Coded per sentence these are four records, three of them
copies that an analyst has to delete by hand. Here mentions of one event type whose fields do not contradict each
other (`compat`) and that are linked in the text (close together, or the later one retells the earlier one with a
definite noun or sums it up) become one `Event`: the most informative mention is its `evidence`, every mention is
listed in `mentions`, and its fields are pooled from all of them (`pooling`).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from spacy.tokens import Doc, Token

from ..errors import DataFileError, Errors
from ..model import Actor, Event
from ..resources import data_path, load_yaml
from .compat import Compatibility, compatible, irrealis
from .pooling import SUMMARY, pooled_event


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


@dataclass
class _Mention:
    event: Event
    sentence: int
    token: Token | None
    retells: bool = False  # names a happening already told ("the bomb", "the attackers"): its toll may update it


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
    pooled = [
        _dated_by_report(pooled_event([m.event for m in g.mentions], rules, _retellings(g)), publication_date)
        for g in groups
    ]
    return _blamed_doers(groups, _stance_targets(groups, pooled))


# Stances taken on a happening ("condemned the attack", "denounced the raid"): their target is its doer.
STANCE_TYPES = frozenset({"ACCUSE", "REJECT"})
STANCE_PREPS = frozenset({"over", "against", "about", "for"})


def _stance_targets(groups: list[_Group], events: list[Event]) -> list[Event]:
    """A stance with no target of its own whose object is a happening told earlier in the document by its noun
    ("Tehran condemned the strike" after "a US strike killed ...") is taken against that happening's doer."""
    out = list(events)
    for k, (group, event) in enumerate(zip(groups, events, strict=True)):
        if event.event_type not in STANCE_TYPES or event.target_actor is not None:
            continue
        for mention in group.mentions:
            doer = _doer_of_object(mention, groups[:k] + groups[k + 1 :], events[:k] + events[k + 1 :])
            if doer is not None and doer.country != (event.source_actor.country if event.source_actor else None):
                out[k] = replace(event, target_actor=doer)
                break
    return out


# Happenings whose doer may be named by someone who blames it on them.
BLAMED_TYPES = frozenset({"ASSAULT", "COERCE"})


def _blamed_doers(groups: list[_Group], events: list[Event]) -> list[Event]:
    """A happening told with no doer, in a sentence that also tells someone blaming it on a party ("a strike hit
    the convoy, with state media blaming the army"), is told as that party's: the blamed party is its alleged
    doer (the record's modality still says whether it is asserted or only claimed)."""
    blamed_by_sentence = {
        m.event.evidence.char_start: event.target_actor
        for group, event in zip(groups, events, strict=True)
        if event.event_type == "ACCUSE" and event.target_actor is not None
        for m in group.mentions
    }
    out = list(events)
    for k, (group, event) in enumerate(zip(groups, events, strict=True)):
        if event.event_type not in BLAMED_TYPES or event.source_actor is not None:
            continue
        blamed = next(
            (
                blamed_by_sentence[m.event.evidence.char_start]
                for m in group.mentions
                if m.event.evidence.char_start in blamed_by_sentence
            ),
            None,
        )
        if blamed is not None:
            out[k] = replace(event, source_actor=replace(blamed, start=None, end=None))
    return out


def _names_it(mention: _Mention, noun: str) -> bool:
    """The mention's trigger or a word of its clause is the noun ("a US strike killed ...": "strike")."""
    tok = mention.token
    return tok is not None and any(t.lemma_.lower() == noun for t in tok.sent)


def _doer_of_object(mention: _Mention, groups: list[_Group], events: list[Event]) -> Actor | None:
    tok = mention.token
    if tok is None:
        return None
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [g for p in tok.children if p.dep_ == "prep" and p.lower_ in STANCE_PREPS for g in p.children]
    nouns = vocabulary()["happening_nouns"]
    for obj in objects:
        if obj.lemma_.lower() not in nouns or not _definite(obj):
            continue
        told = [
            (group, event)
            for group, event in zip(groups, events, strict=True)
            if group.mentions[0].event.evidence.char_start < mention.event.evidence.char_start
            and event.source_actor is not None
            and any(_names_it(m, obj.lemma_.lower()) for m in group.mentions)
        ]
        if told:
            return replace(told[-1][1].source_actor, start=None, end=None) if told[-1][1].source_actor else None
    return None


def _retellings(group: _Group) -> frozenset[int]:
    return frozenset(id(m.event) for m in group.mentions[1:] if m.retells)


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
    retold = mention.retells = _retold(mention.token)
    response = _against_perpetrator(mention.event)
    summary = SUMMARY.search(mention.event.evidence.sentence) is not None
    for group in reversed(groups):
        first = group.mentions[0].event
        if first.event_type != mention.event.event_type:
            continue
        gap = mention.sentence - group.last_sentence
        linked = (
            gap <= settings.window_sentences
            or (retold or summary or _same_victims_same_day(mention.event, group, rules))
            and gap <= settings.retold_reach_sentences
        )
        if not linked:
            continue
        # a hypothetical or threatened mention joins a real happening only when it names it ("the attack")
        if irrealis(mention.event) != irrealis(first) and not retold:
            continue
        if all(compatible(mention.event, m.event, rules, response=response) for m in group.mentions):
            return group
        if (retold or _inferred_place(mention.event)) and all(
            compatible(mention.event, m.event, rules, True, response) for m in group.mentions
        ):
            # joined on the definite reference (or despite a place only guessed from the sentences around it):
            # that place is not the happening's
            mention.event = replace(mention.event, location=None)
            return group
    return None


def _inferred_place(event: Event) -> bool:
    """The mention's place was not written with it but taken from the sentences around it or the dateline."""
    return event.location is not None and event.location.basis in ("nearby", "document")


def _same_victims_same_day(event: Event, group: _Group, rules: Compatibility) -> bool:
    """The mention and one of the group's name the same victims on the same stated day, other than the report's
    ("the six monks killed on 3 May" ... "the murder of the monks on 3 May"): one happening however far apart."""
    if event.date is None or event.date_precision != "day" or event.date == rules.publication_date:
        return False
    words = _target_words(event)
    return bool(words) and any(m.event.date == event.date and words & _target_words(m.event) for m in group.mentions)


def _target_words(event: Event) -> set[str]:
    """The content words of the target's written phrase ("the six jesuit priests" -> {"jesuit", "priests"})."""
    if event.target_actor is None:
        return set()
    words = {w.strip(".,'’\"").lower() for w in event.target_actor.text.split()}
    return {w for w in words if len(w) > 3 and w.isalpha() and w not in vocabulary()["definite"]}


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
    trigger verb whose subject is a definite happening noun ("the blast killed five", "the bomb exploded", "the
    raid that killed five") or a definite perpetrator ("the attackers fled with two hostages")."""
    if tok is None:
        return False
    if tok.pos_ in ("NOUN", "PROPN"):
        return _definite(tok)
    nouns = vocabulary()["happening_nouns"] | vocabulary()["perpetrator_nouns"]
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP") for c in subjects):
        subjects.append(tok.head)  # "the strike that killed the general": the antecedent is the subject
    return any(c.lemma_.lower() in nouns and _definite(c) and not _marked_other(c) for c in subjects)


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
    if tok.dep_ == "pobj" and tok.head.head.i != tok.head.i:  # "in a separate incident, gunmen killed ..."
        near.extend(c for c in tok.head.head.children if c.dep_ == "amod")
    if tok.pos_ == "VERB":  # "another bomb exploded", "gunmen also attacked"
        near.extend(c for c in tok.children if c.dep_ == "advmod")
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "in a separate incident, rebels attacked": the setting phrase says it is another happening
        settings = [o for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        near.extend(c for s in subjects + settings for c in s.children if c.dep_ in ("det", "amod"))
    return any(c.lower_ in vocabulary()["another"] for c in near)
