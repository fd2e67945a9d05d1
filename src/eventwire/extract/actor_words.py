"""Word lists and small parse helpers of actor resolution (actors.py): the head nouns that name a group, a
person's title, an act of someone, a quantity of people."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..resources import load_words

MAX_PHRASE = 8
COREF_HEADS = {
    "group",
    "militia",
    "faction",
    "organization",
    "organisation",
    "movement",
    "guerrilla",
    "rebel",
    "insurgent",
    "militant",
    "network",
    "front",
    "cartel",
    "alliance",
    "coalition",
    "bloc",
}
# Offices held by a named person ("President Ortega"): a PERSON span with one is an official (actors.py).
OFFICE_TITLES = load_words("words/person_titles.yaml", "office_titles")


# Nouns that name an act or state of someone rather than a party ("the resignation of President X", "French
# mediation", "a U.N. military presence", "crimes committed by Croat forces"): the party is their complement.
ACT_NOUNS = {
    "resignation",
    "removal",
    "ouster",
    "overthrow",
    "release",
    "return",
    "extradition",
    "withdrawal",
    "departure",
    "arrest",
    "trial",
    "execution",
    "dismissal",
    "mediation",
    "presence",
    "involvement",
    "intervention",
    "participation",
    "meeting",
    "visit",
    "demand",
    "request",
    "call",
    "appeal",
    "proposal",
    "offer",
    "plan",
    "policy",
    "decision",
    "statement",
    "crime",
    "abuse",
    "violation",
    "atrocity",
    "activity",
    "action",
    "role",
    "support",
    "recognition",
    "replacement",
    "rule",
    "regime",
    "leadership",
}
MINORITY_HEADS = {"minority", "diaspora"}
RESIDENT_HEADS = {"community", "population"}
PLURAL_PRONOUNS = {"they", "them"}
ANTECEDENT_DEPS = {"nsubj", "nsubjpass", "dobj", "appos", "conj"}
NATIONALITY_NOUNS = {
    "citizen",
    "national",
    "subject",
    "resident",
    "tourist",
    "businessman",
    "journalist",
    "missionary",
    "priest",
    "nun",
    "engineer",
    "diplomat",
    "worker",
    "student",
    "volunteer",
}
QUANTITY_HEADS = {
    "thousand",
    "hundred",
    "dozen",
    "score",
    "million",
    "number",
    "group",
    "crowd",
    "band",
    "some",
    "many",
    "most",
    "all",
    "several",
    "handful",
    "couple",
}


def of_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def after_new(doc: Doc, i: int) -> bool:
    """Token i continues a name that "New" begins, one or two capitalised words back."""
    for j in (i - 1, i - 2):
        if j < 0 or not doc[j].text[:1].isupper():
            return False
        if doc[j].text in ("New", "NEW"):
            return True
    return False


def in_name(tok: Token) -> bool:
    """Part of a person's name, also where the tagger missed it (a lower-cased middle name in restored capitals)."""
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ == "PERSON"
        or (tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.is_alpha and not tok.is_stop)
    )


def clause_verb(tok: Token) -> Token:
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


def top_of_list(tok: Token) -> Token:
    """The first item of a coordination or apposition ("A, B and other leaders" -> A)."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok


# Dependents of a noun that name whose it is ("Iran's withdrawal", "a Hamas rocket", "French mediation").
MODIFIER_DEPS = {"poss", "amod", "compound", "nmod"}
