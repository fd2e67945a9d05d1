"""Where someone comes from: "a Texas native", "a soldier from Ohio", "troops from Chad". A person or force
described by their origin is an actor's description, and the event happened where the sentence puts it, not
there; these tests keep origins from locating events."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .words import ORIGIN_AFTER, ORIGIN_BEFORE, ORIGIN_PEOPLE


def names_origin_of(span: Span | None) -> bool:
    """Someone's home town or origin, not where the event happened: "a Texas native", "the Ohio-born soldier", "a
    native of Ohio", "his hometown of Dayton", "a soldier from Ohio" (a person described by where they come from)."""
    if span is None:
        return False
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : span.end + 2] if t.text not in ("-", "–")]
    if after and after[0] in ORIGIN_AFTER:
        return True
    before = doc[max(0, span.start - 3) : span.start].text.lower()
    if any(before.endswith(f"{w} of") for w in ORIGIN_BEFORE):
        return True
    root = span.root
    while root.dep_ in ("appos", "conj") and root.head.i < root.i:  # "from Dayton, Ohio": Ohio is Dayton's
        root = root.head
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "from" or prep.head.i > prep.i:
        return False
    person = prep.head
    # "a 24-year-old from Dayton": the parser makes "old" the head
    aged = person.lower_ == "old" and person.i >= 1 and person.doc[person.i - 1].text in ("-", "year", "years")
    return (
        person.pos_ in ("PRON", "PROPN")
        and person.ent_type_ in ("PERSON", "NORP", "")
        and person.dep_ != "ROOT"
        or person.lower_ in ORIGIN_PEOPLE
        or aged
    )


def names_origin(prep: Token) -> bool:
    """True for "from" attached to a noun ("a trader from Velmora", "troops from Chad"): where someone comes
    from describes an actor, not where the event happened ("fled from Mosul" is attached to the verb)."""
    return prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN", "PRON")
