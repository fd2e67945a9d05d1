"""Event coding: triggers -> one event per distinct happening, with actors, modality, casualties, weapons,
date and place.

This module assembles each sentence's events: trigger candidates, what is content or background of what,
drafts (one per event type), their dates, references and the finished `Event`s. The parts have modules of
their own: `arguments` (a trigger's source and target in the parse), `roles` (an event's actors),
`casualty_links` (tolls carried across sentences), `references` (happenings named inside other events)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ..model import Document, Event, Evidence, Place, Toponym
from ..resources import load_words
from ..time import date_owners, find_publication_date, resolve_event_date, setting_noun, trigger_date
from . import clauses, lexicon
from .actors import ActorResolver
from .arguments import MUST_REQUEST, names_actor
from .casing import is_all_caps, restore_case
from .casualties import Casualties, find_casualties
from .casualty_links import pass_casualties_back, single_person_killed
from .classifier import SentenceReading, read_sentence
from .confidence import ConfidenceEvidence, confidence
from .drafts import Candidate, Draft
from .happenings import group_happenings
from .lexicon import Ontology, Weapon
from .modality import modality_of
from .references import Reference, find_references
from .roles import event_actors
from .settings import TYPE_DECISION
from .specificity import generic_reason
from .triggers import Match, find_triggers
from .type_decision import decide
from .weapons import find_weapons

# (owner token, date, precision) of each date expression of a sentence (time.date_owners)
DateOwners = list[tuple[Token, date, str]]

# Types whose arguments are themselves events ("threatened to shell", "demanded the release", "agreed to a
# ceasefire", "banned the rally"): a trigger inside their arguments is the content, not a second happening.
CONTENT_DEPS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "attr",
    "oprd",
    "acomp",
    "dative",
    "nsubjpass",
    "relcl",
    "acl",
}
# "X said Sudan must return ...": speech verbs whose obligation complement is a demand
DEMAND_VERBS = load_words("words/speech_verbs.yaml", "demand_verbs")
OFFICIAL_SECTORS = {"government", "IGO", "NGO", "media", "party", "religious"}
BACKGROUND = {"after", "following", "since", "before", "despite", "amid", "over"}
# "in retaliation for an air raid", "suspected of blowing up a plane": the earlier happening is the setting
BACKGROUND_HEADS = {
    "for": {"retaliation", "revenge", "response", "reprisal", "punishment"},
    "of": {"suspect", "accuse", "charge", "convict", "guilty", "responsible", "acquit"},
}
# (governing type, content type) -> the governing event's real type
RETYPE = {("REQUEST", "THREATEN"): "THREATEN", ("AGREE", "THREATEN"): "THREATEN", ("AGREE", "ASSAULT"): "THREATEN"}


def _content_parent(match: Match, by_token: dict[int, Match]) -> Match | None:
    """The trigger of another type whose argument this trigger is, if any (climbing argument relations only;
    a same-type trigger on the way is part of the same happening and the climb goes on through it)."""
    tok = match.token
    for _ in range(5):
        if tok.dep_ not in CONTENT_DEPS and not (tok.dep_ in ("compound", "amod") and tok.head.i in by_token):
            return None
        if tok.head.i == tok.i:
            return None
        if tok.dep_ == "ccomp":  # "reiterated its demand that Israel ease ...": the clause belongs to the noun
            noun = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i in by_token), None)
            if noun is not None and by_token[noun.i].entry.event_type != match.entry.event_type:
                return by_token[noun.i]
        tok = tok.head
        parent = by_token.get(tok.i)
        if parent is not None and parent is not match and parent.entry.event_type != match.entry.event_type:
            return parent
    return None


PROTEST_CONTENT = {"REQUEST", "CONCEDE", "ACCUSE", "REJECT"}


def _attach_protest_demands(cands: list[Candidate]) -> None:
    """ "demonstrated ..., calling for independence", "hunger strike to demand the resignation": what protesters
    ask for is the protest's content, not a second event."""
    protests = [c.match for c in cands if c.match.entry.event_type == "PROTEST"]
    for cand in cands:
        if cand.content_of is None and cand.match.entry.event_type in PROTEST_CONTENT:
            cand.content_of = next(
                (
                    p
                    for p in protests
                    if p.token.is_ancestor(cand.match.token) or clauses.is_purpose_of(cand.match.token, p.token)
                ),
                None,
            )


def _in_background(tok: Token) -> bool:
    """Under "after"/"following"/"since": an earlier happening told as the setting of the main one."""
    for _ in range(5):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("prep", "mark") and tok.lower_ in BACKGROUND:
            return True
        if tok.dep_ == "prep" and tok.head.lemma_.lower() in BACKGROUND_HEADS.get(tok.lower_, ()):
            return True
        if any(c.dep_ == "mark" and c.lower_ in BACKGROUND for c in tok.children) and tok.dep_ == "advcl":
            return True
        tok = tok.head
    return False


def _locate(sent: Span, toponyms: list[Toponym]) -> Place | None:
    from .. import geo  # imported here: geo is a sibling stage and need not load for text-only coding

    return geo.locate_event(sent, toponyms)


def _work_doc(doc: Doc) -> tuple[Doc, bool]:
    """The doc to code: a case-restored re-parse of all-caps text (same offsets), else `doc` itself."""
    if not is_all_caps(doc.text):
        return doc, False
    restored = restore_case(doc.text)
    if restored == doc.text or len(restored) != len(doc.text):
        return doc, True
    from ..nlp import parse_one

    return parse_one(restored), True


def extract_events(document: Document, doc: Doc, toponyms: list[Toponym]) -> list[Event]:
    """Coded events of `document` (parsed as `doc` from `document.text`), one per distinct happening per
    sentence, in text order. Offsets (evidence, trigger_start) refer to `document.text`."""
    if not document.text.strip() or len(doc) == 0:
        return []
    lexicon.load_all()
    work, all_caps = _work_doc(doc)
    publication_date = document.publication_date or find_publication_date(document.text)
    resolver = ActorResolver(work, all_caps, publication_date)
    onto = lexicon.ontology()
    events: list[Event] = []
    recent_assaults: list[tuple[int, Event]] = []  # (sentence index, event) for casualty statements that follow
    last_date: tuple[date | None, str | None, int] = (None, None, -1)
    sentences = list(work.sents)
    # no resolved toponym and no "the [Ugandan] capital" (geo/capital.py): no event place to look for
    has_places = any(t.place is not None for t in toponyms) or "capital" in document.text
    salient_assault = False
    referenced: set[str] = set()  # ids of referenced happenings (see references.py)
    para_first = 0  # index of the first sentence of the current paragraph
    for s_index, sent in enumerate(sentences):
        weapons = find_weapons(sent)
        casualties = find_casualties(sent.text)
        matches = find_triggers(sent, bool(weapons), casualties.stated)
        reading = read_sentence(sent, matches)
        event_date, precision = resolve_event_date(sent, publication_date)
        para_break = "\n\n" in document.text[sentences[s_index - 1].end_char : sent.start_char] if s_index else True
        para_first = s_index if para_break else para_first
        if event_date is None and not para_break and last_date[2] == s_index - 1:
            event_date, precision = last_date[0], last_date[1]
        # a day still to come ("a vote on Sunday" in Saturday's report) is no happening's: the next sentence, which
        # tells what happened, does not inherit it
        if event_date is not None and not (publication_date and event_date > publication_date):
            last_date = (event_date, precision, s_index)
        elif para_break:
            last_date = (None, None, -1)

        matches = _add_must_requests(sent, matches)
        by_token = {m.token.i: m for m in matches}
        cands = []
        for match in matches:
            cand = Candidate(match)
            parent = _content_parent(match, by_token)
            if parent is not None and parent.entry.event_type != match.entry.event_type:
                cand.content_of = parent
            cand.background = _in_background(match.token)
            cands.append(cand)
        _attach_protest_demands(cands)
        for cand in cands:
            parent = cand.content_of
            if parent is None:
                continue
            direct = not cand.background and cand.match.token.dep_ not in ("relcl", "acl")
            new_type = RETYPE.get((parent.entry.event_type, cand.match.entry.event_type)) if direct else None
            if new_type:  # "pledged to avenge him", "urged Iraqis to stay away from US forces": threats
                parent_cand = next(c for c in cands if c.match is parent)
                parent_cand.match = Match(
                    parent.token,
                    replace(parent.entry, event_type=new_type, mode=None, cameo=onto.cameo_for(new_type, None)),
                    parent.tokens,
                )
        # "will not attack", "did not arrest": a negated trigger tells of no happening
        cands = [c for c in cands if not any(k.dep_ == "neg" for k in c.match.token.children)]
        refs = find_references(
            cands, onto.referable, publication_date, lambda t: names_actor(t, resolver), onto.referable_dated
        )
        trigger_ids = {m.token.i for m in matches}
        owners = date_owners(sent, trigger_ids, publication_date)
        refs = [_date_reference(ref, owners, trigger_ids, publication_date) for ref in refs]
        ref_tokens = {ref.cand.match.token.i for ref in refs}
        # "the raid last week, in which 17 civilians were killed": the relative clause tells the referenced
        # happening's toll (its phrase includes it), not a happening of its own
        cands = [c for c in cands if getattr(setting_noun(c.match.token, trigger_ids), "i", None) not in ref_tokens]
        foreground = [c for c in cands if c.content_of is None and not c.background]
        kept = [c for c in cands if c.content_of is None and (not c.background or not foreground)]

        # war talk, totals, habits and accidents are not happenings to code (nor to pass casualties on)
        generic = [
            c for c in kept if c.match.entry.event_type == "ASSAULT" and generic_reason(c.match.token, casualties)
        ]
        if generic:
            kept = [c for c in kept if c not in generic]
            if not any(c.match.entry.event_type == "ASSAULT" for c in kept):
                casualties = Casualties()

        if recent_assaults:
            kept = pass_casualties_back(kept, casualties, recent_assaults, s_index, para_first)

        drafts: dict[str, Draft] = {}
        for cand in kept:
            draft = drafts.setdefault(cand.match.entry.event_type, Draft(sent, cand.match.entry.event_type))
            draft.cands.append(cand)
            draft.content.extend(c for c in cands if c.content_of is cand.match)
        drafts = decide(sent, drafts, reading, onto, can_add=not matches)
        location = (
            _iso3_place(_locate(doc[sent.start : sent.end] if work is not doc else sent, toponyms))
            if ((drafts or refs) and has_places)
            else None
        )
        for draft in drafts.values():
            own_date, own_precision = _draft_date(draft, owners, trigger_ids)
            event = _build_event(
                document,
                draft,
                resolver,
                weapons,
                casualties,
                onto,
                location,
                own_date or event_date,
                own_precision if own_date else precision,
                model_modality=_model_modality(reading, draft.event_type),
                model_probability=reading.types.get(draft.event_type),
            )
            events.append(event)
            if event.event_type == "ASSAULT":
                recent_assaults.append((s_index, event))
                if _salient(event, max(c.match.entry.weight for c in draft.cands)):
                    salient_assault = True
        for ref in refs:  # after the sentence's own events: the referenced noun follows its governor
            events.append(_referenced_event(document, ref, sent, resolver, onto, location))
            referenced.add(events[-1].event_id)
    if len(sentences) >= TYPE_DECISION.report_sentences and not salient_assault:
        # a long report whose attack mentions are all weak (war talk, passing references) is not about an attack;
        # an anchored referenced happening is not weak (references.py checked its date, toll or names)
        events = [e for e in events if e.event_type != "ASSAULT" or e.event_id in referenced]
    return group_happenings(_drop_retold(events, referenced), work, publication_date)


def _model_modality(reading: SentenceReading, event_type: str) -> str | None:
    """The model's modality for the sentence's main happening when it is sure of it, else None (the clause rules
    of `modality.py` decide). "reported" is kept for happenings named inside another event (references.py)."""
    if event_type != reading.best_type()[0]:
        return None
    label, probability = reading.best_modality()
    if label == "reported" or probability < TYPE_DECISION.modality_min:
        return None
    return label


def _draft_date(draft: Draft, owners: DateOwners, trigger_ids: set[int]) -> tuple[date | None, str | None]:
    """The date written on the draft's own triggers (strongest trigger first), or (None, None)."""
    for cand in sorted(draft.cands, key=lambda c: -c.match.entry.weight):
        found = trigger_date(cand.match.token, owners, trigger_ids)
        if found[0] is not None:
            return found
    return None, None


def _date_reference(
    ref: Reference, owners: DateOwners, trigger_ids: set[int], publication_date: date | None
) -> Reference:
    """A referenced happening with no date among its own modifiers takes the one written on its phrase ("the raid
    near X last week", where the parser hung "last week" on the verb); a date still to come is not its."""
    if ref.date is not None:
        return ref
    found, precision = trigger_date(ref.cand.match.token, owners, trigger_ids)
    if found is None or publication_date is not None and found > publication_date:
        return ref
    return replace(ref, date=found, precision=precision)


def _drop_retold(events: list[Event], referenced: set[str]) -> list[Event]:
    """Referenced happenings of a type the document also tells directly are that telling seen again ("Gunmen
    killed five ... The governor condemned Friday's killing of five"), or a side mention in a report about
    another happening of that type: either way the direct events are the document's record of that type. A
    referenced happening named again (same type, date and place) is kept once. Where every direct event of the
    type is dated and the referenced one is dated otherwise, it is another happening ("launched an offensive on
    Sunday against the rebels blamed for last week's raid") and is kept."""
    told: dict[str, list[date | None]] = {}
    for e in events:
        if e.event_id not in referenced:
            told.setdefault(e.event_type, []).append(e.date)
    kept, seen = [], set()
    for event in events:
        if event.event_id in referenced:
            # the same happening named again by a later reaction ("Friday's attack" in two statements)
            key = (event.event_type, event.date, event.location.name if event.location else None)
            dates = told.get(event.event_type)
            distinct = dates is not None and event.date is not None and None not in dates and event.date not in dates
            if (dates is not None and not distinct) or key in seen:
                continue
            seen.add(key)
        kept.append(event)
    return kept


def _referenced_event(
    document: Document, ref: Reference, sent: Span, resolver: ActorResolver, onto: Ontology, location: Place | None
) -> Event:
    """The event of a referenced happening: its own phrase's weapons and toll, its anchor's date."""
    tok = ref.cand.match.token
    phrase = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    draft = Draft(sent, ref.cand.match.entry.event_type, [Candidate(ref.cand.match)])
    return _build_event(
        document,
        draft,
        resolver,
        find_weapons(phrase),
        ref.casualties,
        onto,
        location,
        ref.date,
        ref.precision,
        referenced=True,
    )


def _salient(event: Event, weight: float) -> bool:
    """An attack told as fact with a clear trigger and something concrete: an actor, a toll or a weapon."""
    if weight < TYPE_DECISION.salient_weight or event.modality not in ("asserted", "reported", "claimed"):
        return False
    return bool(
        event.source_actor
        or event.target_actor
        or event.fatalities is not None
        or event.injuries is not None
        or event.weapons
    )


def _add_must_requests(sent: Span, matches: list[Match]) -> list[Match]:
    """ "X said Sudan must return the helicopter": a demand voiced as an obligation is a REQUEST."""
    taken = {m.token.i for m in matches}
    extra = []
    for tok in sent:
        if tok.pos_ != "VERB" or tok.i in taken or tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in DEMAND_VERBS:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in tok.children):
            extra.append(Match(tok, MUST_REQUEST, (tok.i,)))
    return sorted(matches + extra, key=lambda m: m.token.i) if extra else matches


def _evidence(text: str, start: int, end: int) -> Evidence:
    """The sentence as evidence, without the spaces and newlines spaCy leaves at its edges."""
    chunk = text[start:end]
    if chunk.strip():
        start, end = start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))
    return Evidence(text[start:end], start, end)


def _iso3_place(place: Place | None) -> Place | None:
    """The event place with its country as ISO 3166 alpha-3, whichever code the geo stage gave."""
    if place is None or not place.country or len(place.country) == 3:
        return place
    code = lexicon.iso2_to_iso3().get(place.country.upper())
    return replace(place, country=code) if code else replace(place, country=None)


def _build_event(
    document: Document,
    draft: Draft,
    resolver: ActorResolver,
    weapons: list[Weapon],
    casualties: Casualties,
    onto: Ontology,
    location: Place | None,
    event_date: date | None,
    precision: str | None,
    referenced: bool = False,
    model_modality: str | None = None,
    model_probability: float | None = None,
) -> Event:
    cands = sorted(draft.cands, key=lambda c: -c.match.entry.weight)
    source, source_head, target = event_actors(draft, cands, resolver, location)
    main = cands[0].match
    event_type = draft.event_type
    if (
        event_type == "PROTEST"
        and main.token.lemma_.lower() == "protest"
        and main.token.pos_ == "VERB"
        and (source is not None and source.sector in OFFICIAL_SECTORS)
    ):
        event_type = "ACCUSE"  # a government's or NGO's "protest" is verbal disapproval, not a demonstration
        main = Match(main.token, replace(main.entry, event_type="ACCUSE", mode="disapprove", cameo="111"), main.tokens)
    draft.event_type = event_type
    mode = (
        main.entry.mode
        if event_type == "ACCUSE" and main.entry.mode
        else next((c.match.entry.mode for c in cands if c.match.entry.mode), None)
    )
    weapon_names: list[str] = []
    notes: list[str] = []
    fatalities = injuries = None
    if draft.event_type == "ASSAULT":
        weapon_names = [w.name for w in weapons]
        if weapons and mode not in ("abduct", "sexual", "assassination", "suicide-attack", "arson"):
            mode = max(weapons, key=lambda w: w.priority).mode
        fatalities, injuries = casualties.fatalities, casualties.injuries
        if (
            fatalities is None
            and target is not None
            and single_person_killed(cands, target, draft.sent.doc, resolver.all_caps)
        ):
            fatalities = 1
        notes.extend(casualties.notes)
    # a referenced happening is told second-hand (references.py): "reported", less sure than a direct telling
    modality = "reported" if referenced else model_modality or modality_of(main.token, draft.event_type, source_head)
    if referenced:
        notes.append("referenced inside another event")
    # the trigger's own code when it names this very type and mode (the lexicon's specific sub-code); else the
    # ontology's code for the mode (a weapon's mode), else the type's default
    if main.entry.event_type == draft.event_type and main.entry.mode == mode:
        cameo = main.entry.cameo
    else:
        cameo = onto.cameo_for(draft.event_type, mode)
    acled = onto.acled_for(draft.event_type, mode)
    sent = draft.sent
    trigger_text = " ".join(sent.doc[i].text for i in main.tokens)
    event = Event(
        doc_id=document.doc_id,
        event_type=draft.event_type,
        evidence=_evidence(document.text, sent.start_char, sent.end_char),
        mode=mode,
        cameo_code=cameo,
        modality=modality,
        source_actor=source,
        target_actor=target,
        location=location,
        date=event_date,
        date_precision=precision if event_date else None,
        fatalities=fatalities,
        injuries=injuries,
        weapons=weapon_names,
        confidence=confidence(
            ConfidenceEvidence(
                main.entry.weight,
                model_probability,
                bool(source and (source.country or source.sector)),
                target is not None,
                modality,
                referenced,
            )
        ),
        trigger=trigger_text,
        trigger_start=main.token.idx,
        notes=notes,
    )
    if acled:
        event.acled_event_type, event.acled_sub_event_type = acled
    return event
