"""Is an ASSAULT mention a specific happening, or war talk, statistics, habit, law or accident?

News about conflict names attacks that are not events to code: totals ("violence that has killed 70,000",
"700 assassinations so far this year"), habits ("a regime which murders priests"), criminal records ("doing
time for kidnapping"), questions, fighting to be ended ("efforts to end the fighting") and accidents ("killed in
the crash"). `generic_reason` names the first such cue found for a trigger, or returns None for a mention that
tells of one happening.
Plans, threats and denials stay events: their modality says so, and `core` does not count them as salient.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .casualties import Casualties

# Aggregate time frames: counts over a period are statistics, not one happening.
AGGREGATE = re.compile(
    r"\b(?:since\b[^.;]{0,40}?\b(?:(?:19|20)\d\d|founded|began|begun|beginning|start(?:ed)?|creation)"
    r"|so far (?:this|in) (?:year|month|decade)"
    r"|(?:in|over|during) the (?:past|last) (?:\w+ )?(?:years|months|decades?)"
    r"|(?:has|have) lasted|per (?:year|month|day)|(?:every|each) (?:day|week|month|year))\b"
    r"|\bin (?:19|20)\d\d\b(?![-/])"
)
ACCIDENT = re.compile(
    r"\b(?:accident|accidental(?:ly)?|crash(?:ed|es)?|collision|collided|earthquake|flood(?:s|ing)?|"
    r"landslide|derail(?:ed|ment)|overturned)\b"
)
LARGE_TOLL = 1000  # deaths beyond this in one sentence are a war's or a year's toll
KILL_ONLY = {"kill", "killing", "die", "dead", "death"}
# "a kidnapping ring", "murder charges": the trigger names a kind of crime that qualifies something else
CRIME_HOLDERS = {
    "ring",
    "gang",
    "band",
    "squad",
    "cell",
    "network",
    "charge",
    "record",
    "conviction",
    "industry",
    "rate",
    "wave",
    "statistic",
    "figure",
    "law",
    "policy",
}
# "serving time for kidnapping", "sentenced for double murder": a criminal record, not an incident
LEGAL_HEADS = {
    "sentence",
    "time",
    "charge",
    "convict",
    "jail",
    "imprison",
    "prison",
    "try",
    "indict",
    "accuse",
    "wanted",
    "want",
}
# "efforts to end the fighting", "to prevent attacks": the object of these verbs is what should not happen
PREVENTIVE = {"end", "stop", "halt", "prevent", "avert", "avoid", "ban", "outlaw", "curb", "deter"}


def _has_specifier(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)


def _definite_target(tok: Token) -> bool:
    """ "attacks on the pipeline", "bombings against Medellin": a plural aimed at one named or definite target."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "in", "at"):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or _has_specifier(obj)):
                return True
    return False


def _is_count(tok: Token) -> bool:
    """A cardinal of 20 or more that is not a year ("nearly 1,000 of its members")."""
    n = _number(tok) if tok.tag_ == "CD" else None
    return n is not None and n >= 20 and not (len(tok.text) == 4 and 1900 <= n < 2100)


def _number(tok: Token) -> int | None:
    raw = tok.text.replace(",", "")
    return int(raw) if raw.isdigit() else None


def generic_reason(trigger: Token, casualties: Casualties) -> str | None:
    """Why the ASSAULT mention headed by `trigger` is not one specific happening, or None when it is."""
    sent = trigger.sent
    text = sent.text.strip()
    low = text.lower()
    lem = trigger.lemma_.lower()
    if text.endswith("?"):
        return "question"
    if trigger.dep_ in ("dobj", "xcomp", "pcomp") and trigger.head.lemma_.lower() in PREVENTIVE:
        return "prevented"
    if lem in KILL_ONLY and ACCIDENT.search(low):
        return "accident"
    if casualties.fatalities is not None and casualties.fatalities >= LARGE_TOLL:
        return "statistics"
    if AGGREGATE.search(low) and (
        trigger.tag_ == "NNS" or casualties.fatalities is not None or any(_is_count(t) for t in sent)
    ):
        return "statistics"
    if (
        trigger.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)
        and (not casualties.stated)
    ):  # "Israel bombs Gaza, killing 10" is a headline, not a habit
        return "habitual"
    if (
        trigger.pos_ == "VERB"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in trigger.children)
        and (trigger.dep_ in ("advcl", "acl", "relcl") or trigger.head.pos_ in ("NOUN", "PROPN"))
    ):
        return "purpose"
    if trigger.tag_ == "NNS":
        nummod = next((c for c in trigger.children if c.dep_ == "nummod"), None)
        if nummod is not None and (_number(nummod) or 0) >= 20:
            return "statistics"
        if not _has_specifier(trigger) and not _definite_target(trigger):
            return "generic plural"
    if trigger.dep_ in ("compound", "amod", "nmod") and trigger.head.lemma_.lower() in CRIME_HOLDERS:
        return "kind of crime"
    head = trigger.head
    if (
        trigger.dep_ in ("pobj", "pcomp")
        and head.lower_ == "for"
        and not _has_specifier(trigger)
        and (head.head.lemma_.lower() in LEGAL_HEADS)
    ):
        return "criminal record"
    return None
