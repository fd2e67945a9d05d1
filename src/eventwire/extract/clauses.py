"""Syntactic places where an event's target is written when it is not the trigger's own object: an "against"
phrase elsewhere in the clause, the subject of a demanded clause, the recipient of aid, the opponent of a
mobilisation. Pure dependency-tree helpers; the actor resolver decides whether the phrase names an actor."""

from __future__ import annotations

from spacy.tokens import Token

# "Egypt is opposed to Turkish involvement", "committed to the ceasefire": a passive form that states the
# subject's stance, with the thing it is about after "to" (no agent, nothing done to the subject).
STATIVE_PASSIVES = {"oppose", "commit", "dedicate", "devote"}
# Interaction nouns whose counterpart follows "with" ("talks with Iran", "a meeting with President X"); for
# attack nouns "with" names the weapon instead ("an attack with rockets"), so they keep the default list.
WITH_COUNTERPART_TYPES = {"CONSULT", "AGREE", "COOPERATE"}
# The armed forces a mobilisation puts to use belong to its source, not its target.
FORCE_SECTORS = {"military", "police", "militia"}
# "staged rallies in the capital against X": the parser often hangs "against" on the place or time before it
PLACE_TIME_PREPS = {"in", "at", "on", "near", "outside", "for"}
# Clauses of their own inside a phrase: their "to" objects belong to another verb
NESTED_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "agent", "csubj"}
# Links climbed from a trigger to the verb of its clause (objects, prepositions, result participles)
CLAUSE_CLIMB = {"advcl", "conj", "xcomp", "dobj", "pobj", "prep", "acl"}


def prep_objects(tok: Token, preps: set[str]) -> list[Token]:
    """Objects of `tok`'s prepositions in `preps`, in text order."""
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def clause_verb(trigger: Token) -> Token:
    """The verb of the clause a trigger sits in: itself for a verb; the verb that governs a noun trigger
    ("staged rallies against X"); the main verb for a participle of result ("shelled the town, killing 12")."""
    tok = trigger
    for _ in range(4):
        is_verb = tok.pos_ in ("VERB", "AUX")
        result_participle = is_verb and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "conj")
        if (is_verb and not result_participle) or tok.head.i == tok.i or tok.dep_ not in CLAUSE_CLIMB:
            break
        tok = tok.head
    return tok


def against_object(trigger: Token, skip: frozenset[int] = frozenset()) -> Token | None:
    """The "against X" (or "targeting X") object on the trigger, on its clause's verb or on that verb's objects
    or on the place, time or purpose phrase before it ("launched mortar and rocket fire against X", "staged
    rallies in the capital against X", "called up reservists for a war against X"): what a mobilisation,
    protest or attack is aimed at, wherever the parser attached the phrase. Deeper clauses are not searched."""
    verb = clause_verb(trigger)
    objects = [o for o in verb.children if o.dep_ == "dobj"] + prep_objects(verb, PLACE_TIME_PREPS)
    heads = [trigger, verb] + [c for o in objects for c in (o, *o.conjuncts)]
    objs = [o for h in heads for o in prep_objects(h, {"against", "targeting"}) if o.i not in skip]
    return min(objs, key=lambda o: o.i) if objs else None


def complement_subject(verb: Token) -> Token | None:
    """ "renewed its demand that Russia withdraw ...": the subject of the clause the verb's noun object
    introduces, the party asked (or warned, or accused)."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
            subj = next((s for s in child.children if s.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
    return None


def recipient(trigger: Token) -> Token | None:
    """The "to" object in an aid trigger's phrase ("shipped two tonnes of medicine to X"): who receives.
    Clauses inside the phrase ("women who responded to an advertisement") are not searched."""
    todo = list(trigger.children)
    while todo:
        tok = todo.pop(0)
        if tok.dep_ in NESTED_CLAUSES:
            continue
        if tok.dep_ == "prep" and tok.lower_ == "to":
            obj = next((g for g in tok.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                return obj
        todo.extend(tok.children)
    return None


# Verbs whose subject undergoes the act ("seven officers died"): the subject is the victim, never the doer.
PATIENT_SUBJECT_VERBS = {"die", "perish", "drown", "starve", "succumb"}


def patient_subject(trigger: Token) -> Token | None:
    """The victim written as the subject of "died", "perished"; None for other verbs."""
    if trigger.lemma_.lower() not in PATIENT_SUBJECT_VERBS:
        return None
    return next((c for c in trigger.children if c.dep_ == "nsubj"), None)


def stative_passive(trigger: Token) -> tuple[Token, Token | None] | None:
    """(subject, "to" object) of "X is opposed to Y"; None for other verb forms."""
    if trigger.lemma_.lower() not in STATIVE_PASSIVES or any(c.dep_ == "agent" for c in trigger.children):
        return None
    subject = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    objs = prep_objects(trigger, {"to"})
    return subject, objs[0] if objs else None


def is_purpose_of(clause: Token, noun: Token) -> bool:
    """ "began a hunger strike to demand ...": `clause` is an infinitive of purpose on the verb whose
    object is `noun`."""
    if clause.dep_ not in ("advcl", "xcomp") or noun.dep_ != "dobj" or clause.head.i != noun.head.i:
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
