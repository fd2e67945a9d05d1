"""Countries and capitals named as parties: "US officials", "Death to America", "Moscow said", "sanctions on
Tehran". News names a state by its country or capital when it means the government, and such a name says who
acted or was pressed, not where the event happened; these tests tell that use from a place."""

from __future__ import annotations

from spacy.tokens import Span

from ...model import Toponym
from .tokens import place_of
from .words import ACTOR_HEADS, COUNTRY_PLACING, METONYM_CODES, PRESSURE_NOUNS, SPEECH_VERBS


def names_actor(span: Span | None) -> bool:
    """True for a toponym right before an actor word ("U.S. officials", "Colombian army"): it says who, not where."""
    return span is not None and span.end < len(span.doc) and span.doc[span.end].lower_ in ACTOR_HEADS


def speaks_or_targeted(top: Toponym, span: Span | None) -> bool:
    """True for a capital or country used for its government: the active subject of any verb ("Moscow said",
    "America attacked", "Washington has blamed"), the passive subject of a speech verb ("Tehran was urged"), or
    the object of a pressure noun ("sanctions on Tehran", "talks with Kyiv"). A passive subject of another verb
    is where it happened ("Baghdad was hit by rockets"), and so is an object ("rockets hit Baghdad")."""
    if place_of(top).feature_code not in METONYM_CODES or span is None:
        return False
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return True
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in SPEECH_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        noun = root.head.head
        return noun.pos_ == "NOUN" and noun.lower_ in PRESSURE_NOUNS
    return False


def placed(span: Span | None) -> bool:
    """A country is written as a place: after a placing preposition ("across Iraq", "in the US"), or as what the
    act hit ("rockets hit Iraq", "Iraq was hit"). Otherwise it names a party ("America attacking", "US bases",
    "Death to America"), and the event's place is looked for elsewhere."""
    if span is None:
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Iraq and Syria"
        root = root.head
    if root.dep_ in ("dobj", "nsubjpass"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in COUNTRY_PLACING
