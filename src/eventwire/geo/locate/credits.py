"""Credit lines: a toponym inside a news outlet's name ("the Kabul Times reported") or an agency named by its
place-like name. Such a name says who reported the event, not where it happened, so it never locates one."""

from __future__ import annotations

from spacy.tokens import Span

from .tokens import previous_word
from .words import LOCATIVE, MEDIA_WORDS, NEWS_AGENCIES

# how far after a toponym a media word may close the outlet's name: set by reading outlet names ("the Kabul Evening
# Times" needs two words between; a third would reach the verb of the sentence)
MEDIA_NAME_REACH = 3


def names_outlet(span: Span | None) -> bool:
    """A credit line, not a place: a toponym inside a news outlet's name ("the Kabul Times reported", "Anadolu
    Agency said") or an agency's own name written without a placing preposition ("Fars reported", "(Petra)")."""
    if span is None:
        return False
    doc = span.doc
    for k in range(span.end, min(len(doc), span.end + MEDIA_NAME_REACH)):
        if doc[k].lower_ in MEDIA_WORDS and (doc[k].is_title or doc[k].is_upper):
            return True
        if not (doc[k].pos_ == "PROPN" or doc[k].is_title):
            break
    if span.text.lower().strip(".'’") not in NEWS_AGENCIES:
        return False
    prev = previous_word(span)
    return prev is None or prev.lower_ not in LOCATIVE
