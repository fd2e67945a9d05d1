"""Reading a toponym's tokens: its span, its place, the word that governs it from before. Every rule of event
location asks these same questions of the parse, so they are answered once, here."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...model import Place, Toponym
from .words import KIND_OF_WORDS


def place_of(top: Toponym) -> Place:
    """The place of a resolved toponym: `DocContext.resolved`, and so every toponym located here, has one."""
    assert top.place is not None, top
    return top.place


def span_of(doc: Doc, top: Toponym) -> Span | None:
    """The tokens of a toponym (None where its offsets fit no tokens)."""
    return doc.char_span(top.start, top.end, alignment_mode="expand")


def previous_word(span: Span) -> Token | None:
    """The word governing `span` from before it, past articles, compounds and a "the eastern town of" kind phrase
    ("in the eastern Lurovian town of Tessby" -> "in")."""
    i = span.start - 1
    doc = span.doc
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in KIND_OF_WORDS:
        i -= 2
        while (
            i >= 0 and span.start - i <= 6 and (doc[i].pos_ in ("ADJ", "PROPN") or doc[i].lower_ in ("the", "a", "an"))
        ):
            i -= 1
        return doc[i] if i >= 0 else None
    while i >= 0 and (
        doc[i].lower_ in ("the", "a", "an") or doc[i].dep_ == "compound" or doc[i].is_punct and doc[i].text != ","
    ):
        i -= 1
        if span.start - i > 4:
            return None
    return doc[i] if i >= 0 else None


def modifies_noun(span: Span) -> bool:
    """The toponym is a modifier of a noun after it ("US bases", "Iraq's oil")."""
    root = span.root
    return (
        root.dep_ in ("compound", "amod", "nmod", "poss")
        and root.head.i >= span.end
        and root.head.pos_ in ("NOUN", "PROPN")
    )
