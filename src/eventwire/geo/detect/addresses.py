"""Streets and street addresses: a name that is part of one is no toponym ("Holloway Street", "410 Ferndale Dr.",
"the 300 block of Elm Avenue")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...resources import load_words

# Words after a name that make it a street ("Holloway Street", "410 Ferndale Dr."): the name is then no toponym.
STREET_WORDS = load_words("geo/roads.yaml", "street_words")
# Words between a house number and "of" before the street's name ("the 300 block of Elm Avenue").
BLOCK_WORDS = load_words("geo/roads.yaml", "address_blocks")
MAX_STREET_NAME_TOKENS = 4  # capitalised words of a street's name before its street word ("North Old Mill Road")


def names_a_street(span: Span) -> bool:
    """True for the name part of a street ("Holloway" in "Holloway Street") and for any part of a street address:
    a house number, or "<number> block of", before a street's name ("Ardley" in "6500 Ardley Park Drive", "Elm
    Avenue" in "the 300 block of Elm Avenue")."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].lower_ in STREET_WORDS:
        return True
    return _street_end(span) is not None and _after_house_number(span.doc, _name_start(span))


def _street_end(span: Span) -> int | None:
    """The index after the street word that ends the capitalised run `span` opens or closes, if any."""
    doc = span.doc
    if span[-1].lower_ in STREET_WORDS:
        return span.end
    for k in range(span.end, min(len(doc), span.end + MAX_STREET_NAME_TOKENS)):
        if not _name_word(doc[k]):
            return None
        if doc[k].lower_ in STREET_WORDS:
            return k + 1
    return None


def _name_start(span: Span) -> int:
    """The first token of the capitalised run that `span` is the end of ("W. California" before "Street")."""
    doc = span.doc
    start = span.start
    while start > 0 and span.start - start < MAX_STREET_NAME_TOKENS and _name_word(doc[start - 1]):
        start -= 1
    return start


def _after_house_number(doc: Doc, start: int) -> bool:
    """True when a house number ("410") or "<number> block of" comes right before token `start`."""
    if start > 0 and doc[start - 1].text.isdigit():
        return True
    return (
        start > 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lower_ in BLOCK_WORDS
        and doc[start - 3].text.replace(",", "").isdigit()
    )


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith(".") or "-" in tok.text)
