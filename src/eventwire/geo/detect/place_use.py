"""Whether a found span is used as a place: not a seat of government standing for its government, not a word of a
person's name, not a street's name part."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...resources import load_words
from ..gazetteer import Gazetteer
from ..normalize import name_key
from .addresses import names_a_street
from .adjectival import ADJ_LABEL

# Seats of government that news uses for the government itself ("the White House said"): a place only after a
# locative preposition ("outside the Kremlin").
METONYMS = load_words("geo/metonyms.yaml", "seats")
LITERAL_PREPS = load_words("geo/metonyms.yaml", "literal_preps")
# Titles before a name ("Mr Hollins", "Sen. Pell", "COLONEL ARTURO VENTANA"): the words after one are a person
# throughout the document.
TITLES = load_words("words/person_titles.yaml", "name_titles")
MAX_NAME_WORDS = 3  # given names and surnames after a title ("Attorney General Lena Carvajal")
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "NUM", "PART"})
# Outlet nouns before a name ("the tabloid Elmbridge") and broadcast words after "name number" ("Ardley 5 TV").
OUTLET_NOUNS = load_words("words/media_words.yaml", "outlet_nouns")
BROADCAST_WORDS = load_words("words/media_words.yaml", "broadcast_words")
NUMBERED_NAME_LABELS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "LAW"})


def person_words(doc: Doc) -> set[str]:
    """Surnames of people named in full ("Andrew Pellow"): the last word only, since person entities often
    start with a place ("Ardley Police Chief Tom Vance")."""
    return {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].text[:1].isupper()}


def titled_words(doc: Doc) -> set[str]:
    """Capitalised words of the name right after a title ("Mr Hollins", "ATTORNEY GENERAL LENA CARVAJAL"):
    people wherever else they occur. All-caps text hides which words are names, so the title is the cue."""
    words = set()
    for tok in doc[:-1]:
        if not (tok.text[:1].isupper() and tok.lower_.rstrip(".") in TITLES):
            continue
        for nxt in doc[tok.i + 1 : tok.i + 1 + MAX_NAME_WORDS]:
            if not _name_word(nxt) or nxt.lower_ in TITLES:
                break
            words.add(nxt.lower_)
    return words


def is_place_use(
    doc: Doc, gaz: Gazetteer, span: Span, label: str, people: set[str], titled: frozenset[str] = frozenset()
) -> bool:
    """False for a metonymic seat of government, for a lone word of a person named in the document
    ("Pellow" after "Andrew Pellow"), unless it is a prominent place name, for a word used after a title
    ("Mr Hollins") even when prominent, and for a street's name part ("Holloway Street")."""
    if _caps_pronoun(span):
        return False
    key = name_key(span.text)
    if key in METONYMS:
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in ("the", "a"):
            i -= 1
        return i >= 0 and doc[i].lower_ in LITERAL_PREPS
    if (
        label != ADJ_LABEL
        and len(span) == 1
        and span[0].lower_ in people
        and (key not in gaz.prominent or span[0].lower_ in titled)
    ):
        return False
    return not names_a_street(span) and not _names_an_outlet(span)


def _name_word(tok: Token) -> bool:
    """True for a token that can be part of a person's name written after a title."""
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_stop and tok.pos_ not in _NOT_NAME_POS


def _caps_pronoun(span: Span) -> bool:
    """True for "US" the pronoun in all-caps text ("DENIED TO US", "LET US"): there the country is written "U.S.",
    "THE US" or as a modifier ("US TROOPS"), never as a bare object or subject."""
    if span.text != "US" or any(ch.islower() for ch in span.sent.text):
        return False
    tok = span[0]
    prev = tok.doc[tok.i - 1].lower_ if tok.i else ""
    modifier = tok.dep_ in ("compound", "amod", "nmod") and tok.head.i == tok.i + 1
    return prev != "the" and not modifier


def _names_an_outlet(span: Span) -> bool:
    """True for a news outlet's name: right after an outlet noun ("the tabloid Elmbridge"), or before a number and
    a broadcast word ("Ardley 5 TV")."""
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in OUTLET_NOUNS:
        return True
    i = span.end
    if i >= len(doc) or not doc[i].like_num:
        return False
    # "Kanal 13", "Ardley 5": a name and a number in one organisation or product entity name that thing.
    in_name = doc[i].ent_iob_ == "I" and doc[i].ent_type_ in NUMBERED_NAME_LABELS
    return in_name or (i + 1 < len(doc) and doc[i + 1].lower_ in BROADCAST_WORDS)
