"""Modality of an event mention, read from the words that govern its trigger.

Decisions: "claimed" when a claim verb governs the trigger ("X claimed responsibility for the attack", "the
Hashed had claimed a strike hit"); "denied" for denial verbs or negation of the trigger ("no strike", "did not
attack"); "threatened" under threat verbs ("vowed to attack"); "hypothetical" under modal auxiliaries
(could/would/may/might/will), conditionals ("if") and plans; otherwise "asserted". Attribution is not modality:
"..., officials said", "according to witnesses" and "reportedly" say who tells the happening, not whether it
happened, so a tagged report is asserted (the climb stops at the speech verb). "reported" is given by the coder to
a happening told only inside another event (references.py), never here. The first governing cue, nearest the
trigger, wins.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..resources import load_words

CLAIM = {"claim"}
DENY = {"deny", "dismiss", "refute"}
THREAT = {"threaten", "vow", "warn", "pledge", "promise"}
# Plans and proposals, and the decisions still to be taken on them ("voted on the troops leaving")
PLAN = {"plan", "intend", "want", "propose", "consider", "seek", "hope", "prepare", "aim", "vote", "debate"}
MODAL = {"could", "would", "may", "might", "will", "shall", "should", "can"}
# "..., officials said", "according to witnesses": the verbs that attribute what they govern to a teller
ATTRIBUTION_VERBS = load_words("words/speech_verbs.yaml", "attribution_verbs")


def modality_of(trigger: Token, event_type: str, source_head: Token | None) -> str:
    tok = trigger
    if any(c.dep_ == "neg" for c in tok.children) or any(c.lower_ in ("no",) and c.dep_ == "det" for c in tok.children):
        return "denied"
    hops = 0
    while hops < 5:
        if any(c.dep_ == "aux" and c.lower_ in MODAL for c in tok.children) and event_type != "THREATEN":
            return "hypothetical"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            return "hypothetical"
        if tok.head.i == tok.i:  # the root (spaCy hands out a new Token object on each access: compare positions)
            break
        tok = tok.head
        hops += 1
        lem = tok.lemma_.lower()
        if lem in CLAIM:
            return "claimed"
        if lem in DENY:
            return "denied"
        if lem in THREAT and event_type != "THREATEN":
            return "threatened"
        if lem in PLAN and tok.pos_ == "VERB":
            return "hypothetical"
        if lem in ATTRIBUTION_VERBS and tok.pos_ == "VERB":
            return "asserted"  # what a speaker tells is no longer governed by the cues above the speech verb
    return "asserted"
