"""Trigger arguments: the heads of a trigger's source (who acts) and target (who or what is acted on) in the
sentence's dependency parse, for verb and noun triggers ("X shelled Y", "Y was shelled by X", "X's strike on Y",
"X staged rallies"), and the named speaker of a quotation that contains a trigger."""

from __future__ import annotations

from spacy.tokens import Token

from ..resources import load_words
from . import clauses
from .actors import ActorResolver
from .dateline import in_dateline
from .lexicon import Trigger
from .references import TIME_SETTING
from .triggers import Match

# Documents through which their issuer takes a stance ("issued a declaration demanding ...")
STATEMENT_NOUNS = {
    "statement",
    "declaration",
    "communique",
    "communiqué",
    "letter",
    "resolution",
    "message",
    "note",
    "decree",
    "announcement",
    "release",
    "motion",
    "bulletin",
    "appeal",
    "ultimatum",
}
SOURCE_VERBS = {
    "launch",
    "carry",
    "conduct",
    "mount",
    "stage",
    "claim",
    "hold",
    "make",
    "begin",
    "start",
    "order",
    "continue",
    "resume",
    "announce",
    "issue",
    "impose",
    "step",
    "intensify",
    "escalate",
    "engage",
    "commit",
    "reiterate",
    "renew",
    "repeat",
    "voice",
    "express",
    "lodge",
    "file",
    "submit",
    "deliver",
    "send",
}
TARGET_PREPS = {"against", "on", "at", "into", "upon", "of", "to", "with", "toward", "towards", "in"}
NOUN_TARGET_PREPS = {"against", "on", "at", "into", "upon", "of", "targeting"}
# Stances voiced in speech: with no subject of their own, the speaker of the clause is their source.
VERBAL_TYPES = {"AGREE", "REJECT", "ACCUSE", "REQUEST", "THREATEN", "SUPPORT", "CONCEDE"}
NAMED_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# "X said Sudan must return the helicopter": a demand voiced as an obligation (added by core): its source is the
# speaker, its target whoever must act (see obligation_arguments).
# "..., said Kataeb Hezbollah": verbs whose subject is the named speaker of what they govern
SPEAKER_VERBS = load_words("words/speech_verbs.yaml", "speaker_verbs")
PURPOSE_VERBS = load_words("words/presence_verbs.yaml", "purpose_verbs")
MUST_REQUEST = Trigger("REQUEST", "V", ("must",), None, "020", 0.6)


def _subject(verb: Token) -> Token | None:
    # "BENI, Congo (Wire) - Fighters killed": a dateline is no subject
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not in_dateline(c)]
    # "a session which the union insisted should see a vote": the parser may hang the relative pronoun on the
    # verb as a second subject; the written subject is the one who acts
    named = [c for c in subjects if c.tag_ not in ("WDT", "WP")]
    if named:
        return named[0]
    if subjects:
        return _antecedent(verb) if verb.dep_ == "relcl" else subjects[0]
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and verb.head.lemma_.lower() in STATEMENT_NOUNS
        and (verb.head.dep_ == "dobj" and verb.head.head.pos_ in ("VERB", "AUX"))
    ):
        return _subject(verb.head.head)  # "X issued a statement condemning ...": X speaks through it
    return None


def _antecedent(relative_verb: Token) -> Token:
    """What a relative clause's "which"/"who" stands for: the noun the clause hangs on, or, where that noun heads a
    list ("tensions between Washington and Tehran, which had vowed ..."), the listed noun nearest the clause (the
    parser hangs the clause on the list's first member)."""
    head = relative_verb.head
    listed = [c for c in head.subtree if c.dep_ == "conj" and c.head.i == head.i and c.i < relative_verb.i]
    return listed[-1] if listed else head


def agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def prep_object(tok: Token, preps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _actor_modifier(noun: Token, resolver: ActorResolver) -> Token | None:
    """ "US strike", "Israeli air raids", "Iran's attack": the actor written before a noun trigger."""
    for child in noun.children:
        if child.dep_ == "poss" and child.ent_type_ not in ("DATE", "TIME"):  # "Monday's attack" names no doer
            return child
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.i in resolver.by_token:
            return child
    return None


def _is_source_verb(verb: Token) -> bool:
    """A verb whose subject does what its noun object names ("staged rallies"); the inflected form is tried too,
    because the tagger's lemma can miss ("staged" -> "stag")."""
    forms = {verb.lemma_.lower(), verb.lower_[:-1], verb.lower_[:-2]}
    return bool(forms & (SOURCE_VERBS | {"out"}))


def _purpose_of_presence(noun: Token, verb: Token) -> bool:
    """ "was in the capital for talks", "arrived for consultations": the noun is the purpose of being there."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and verb.lemma_.lower() in PURPOSE_VERBS


def names_actor(tok: Token, resolver: ActorResolver) -> bool:
    """A name, a dictionary actor or a sector word ("rebels", "the government")."""
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in NAMED_ENTS
        or tok.i in resolver.by_token
        or (tok.lemma_.lower(),) in resolver.sectors
    )


def _noun_arguments(match: Match, resolver: ActorResolver) -> tuple[Token | None, Token | None]:
    """(source head, target head) of a noun trigger ("a US strike on X", "staged rallies")."""
    tok = match.token
    source = _actor_modifier(tok, resolver) or prep_object(tok, {"by"})
    target = prep_object(tok, NOUN_TARGET_PREPS)
    if target is None and match.entry.event_type in clauses.WITH_COUNTERPART_TYPES:
        partner = prep_object(tok, {"with"})  # "talks with the rebels", not "viewed cooperation with suspicion"
        target = partner if partner is not None and names_actor(partner, resolver) else None
    head = tok.head
    # "ordered an operation after Monday's ambush": who orders did not ambush; a time setting has its own doer
    if tok.dep_ in ("dobj", "pobj") and not (tok.dep_ == "pobj" and head.lower_ in TIME_SETTING):
        verb = head if head.pos_ in ("VERB", "AUX") else head.head
        if head.lower_ == "of" and verb.dep_ == "dobj":
            verb = verb.head  # "launched ten days of war games", "began a series of raids"
        if source is None and (_is_source_verb(verb) or _purpose_of_presence(tok, verb)):
            source = _subject(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if target is None and tok.dep_ == "dobj" and match.entry.event_type in VERBAL_TYPES:
            target = clauses.complement_subject(verb)
    if tok.dep_ == "nsubj" and head.pos_ == "VERB" and target is None:
        target = next((c for c in head.children if c.dep_ == "dobj"), None)
    return source, target


def trigger_arguments(match: Match, resolver: ActorResolver) -> tuple[Token | None, Token | None]:
    """(source head, target head) of a trigger."""
    tok = match.token
    if tok.pos_ in ("NOUN", "PROPN") and match.entry.pos != "V":
        return _noun_arguments(match, resolver)
    stative = clauses.stative_passive(tok)
    if stative is not None:
        return stative
    victim = clauses.patient_subject(tok)
    if victim is not None:
        return None, victim
    if match.entry.event_type == "AID" and clauses.recipient(tok) is not None:
        return _subject(tok) or agent(tok), clauses.recipient(tok)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if passive:
        target = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if target is not None and target.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            target = tok.head  # "U.S. citizens, who were kidnapped in Medellin": the victims are the antecedent
        source = agent(tok)
        return source, target
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "a general killed in a US strike"
        return agent(tok), tok.head
    source = _subject(tok)
    # an object that is part of the trigger phrase ("put their names to", "opened fire") is no target
    target = next((c for c in tok.children if c.dep_ in ("dobj", "dative") and c.i not in match.tokens), None)
    if target is None:
        target = prep_object(tok, TARGET_PREPS)
        if target is not None and target.i in match.tokens:
            target = None
    if target is None and match.entry.event_type == "COERCE":
        target = _made_to_act(tok)
    return source, target


def _made_to_act(tok: Token) -> Token | None:
    """ "ordered the newspaper to suspend publication", "forced the firm to close": a coercive act done by someone
    made to do it; the one made to is its target (the object of the governing verb)."""
    if tok.dep_ != "xcomp" or tok.head.pos_ != "VERB":
        return None
    return next((c for c in tok.head.children if c.dep_ == "dobj"), None)


def obligation_arguments(match: Match) -> tuple[Token | None, Token | None]:
    """(source head, target head) of a MUST_REQUEST trigger: the speaker's subject and the obliged subject."""
    s_head = next((c for c in match.token.head.children if c.dep_ == "nsubj"), None)
    t_head = next((c for c in match.token.children if c.dep_ == "nsubj"), None)
    return s_head, t_head


def speaker(tok: Token) -> Token | None:
    """The named speaker of a quotation or report that contains `tok` ("..., said Kataeb Hezbollah")."""
    for _ in range(4):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.lemma_.lower() in SPEAKER_VERBS:
            return next((c for c in tok.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    return None
