"""What scanners share: the `Mention` they lead to, the `Found` span each returns with its reason, the document
`ScanState` they read and update, and the span helpers several of them use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from spacy.tokens import Doc, Span

from ...resources import load_words
from .. import sources
from ..gazetteer import Gazetteer
from ..normalize import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LEADING_DROP = frozenset({"the", "The", "THE"})
MAX_SCAN_TOKENS = 4
MAX_EXTEND_TOKENS = 2
POSSESSIVES = ("'s", "’s")

FACILITY_WORDS = load_words("geo/place_words.yaml", "facilities")
# Names ending in one of these are places of their own kind: kept whole, not cut to a known name inside them.
KIND_WORDS = FACILITY_WORDS | load_words("geo/place_words.yaml", "kinds")


@dataclass
class Mention:
    start: int  # char offsets into doc.text
    end: int
    text: str
    label: str
    qualifier: int | None = None  # index of the mention that qualifies this one ("Elm Falls, Ardenne")
    is_qualifier: bool = False
    token_start: int = 0
    token_end: int = 0
    division: bool = False  # written as a division ("Washington state", "the state of New York")
    settlement: bool = False  # written as a town or city ("the town of Wexcombe")
    article: bool = False  # right after "the" ("the Gulf"): the gazetteer may know the name with it
    governed: bool = False  # before a government title ("Ardenne Health Minister"): a division or country
    reason: str = ""  # which scanner found it, and why


class Found(NamedTuple):
    """A span a scanner proposes as a toponym: its label (an entity label, ROAD, FACILITY or ADJ) and why."""

    span: Span
    label: str
    reason: str


class Acceptor(Protocol):
    """Says whether the document's context supports reading `text` as a place (`resolve.make_acceptor`)."""

    def __call__(self, text: str, strict: bool = False, relaxed: bool = False) -> bool: ...


@dataclass
class ScanState:
    """What the scanners of one document know of each other. `taken`: tokens inside a name already found (a later
    scanner must not cut it); `in_place`: tokens of place entities (an adjective inside one is part of a name);
    `accept` and `strong`: the context test of the weak pass and the mentions found before it."""

    taken: bytearray
    in_place: bytearray
    adjectival: bool = False
    accept: Acceptor | None = None
    strong: list[Mention] = field(default_factory=list)

    @classmethod
    def for_doc(cls, doc: Doc, adjectival: bool = False) -> ScanState:
        return cls(bytearray(len(doc)), bytearray(len(doc)), adjectival)

    @classmethod
    def after(cls, doc: Doc, strong: list[Mention], accept: Acceptor) -> ScanState:
        """The state of the weak pass: the strong mentions' tokens are taken."""
        state = cls(bytearray(len(doc)), bytearray(len(doc)), accept=accept, strong=strong)
        for m in strong:
            state.take(m.token_start, m.token_end)
        return state

    def take(self, start: int, end: int) -> None:
        for t in range(start, end):
            self.taken[t] = 1


def trim(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in LEADING_DROP or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct and doc[end - 1].text not in (".",)
    ):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def opens_upper(span: Span) -> bool:
    return any(ch.isupper() for ch in span.text[:1]) or span.text[:1].isdigit()


def split_commas(span: Span) -> list[Span]:
    """'Springfield, Illinois' tagged as one entity -> two spans."""
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            if start < tok.i:
                parts.append(span.doc[start : tok.i])
            start = tok.i + 1
    if start < span.end:
        parts.append(span.doc[start : span.end])
    return parts


def best_code(gaz: Gazetteer, ids: tuple[int, ...]) -> str | None:
    """The feature code of the most populous of `ids`."""
    if not ids:
        return None
    best = max(ids, key=lambda i: gaz.population[i])
    return gaz.feature_code[best]


def extend_to_known(gaz: Gazetteer, span: Span) -> Span:
    """A place entity cut short by the NER ("Port St." before a PERSON "Lucie"), extended over the next one or two
    capitalised words when the longer name is a gazetteer name and the entity alone is not."""
    doc = span.doc
    if span.end >= len(doc) or gaz.lookup(span.text) and not span[-1].text.endswith("."):
        return span
    for width in range(MAX_EXTEND_TOKENS, 0, -1):
        end = span.end + width
        if end > len(doc) or not all(t.text[:1].isupper() and t.is_alpha for t in doc[span.end : end]):
            continue
        if doc[span.end - 1].whitespace_ == "" and doc[span.end - 1].text[-1:].isalpha():
            continue
        longer = doc[span.start : end]
        if gaz.lookup(longer.text):
            return longer
    return span


def shrink_to_known(gaz: Gazetteer, span: Span) -> Span:
    """A place entity the gazetteer does not know, cut to the longest prominent name inside it: "Sport Norway" (a
    page header run into the text) -> "Norway". Names ending in a kind word are kept whole."""
    if len(span) < 2 or gaz.lookup(span.text) or span[-1].lower_ in KIND_WORDS:
        return span
    # Endings first: the head of an English name is its last word ("Outer West Ardenne" -> "Ardenne").
    subs = [span[s:] for s in range(1, len(span))] + [
        span[s : s + width] for width in range(len(span) - 1, 0, -1) for s in range(0, len(span) - width)
    ]
    for sub in subs:
        if not sub.text[:1].isupper() or sub[-1].is_stop:
            continue
        key = name_key(sub.text)
        if key in gaz.prominent and key in gaz.index and not gaz.is_demonym(sub.text):
            return sub
    return span


def opens_with_place(gaz: Gazetteer, span: Span) -> bool:
    """True when the first words of `span` are a place's own name (not only an alternate name)."""
    for width in range(1, min(MAX_SCAN_TOKENS, len(span))):
        key = name_key(span[:width].text)
        if any(name_key(gaz.name[i]) == key for i in gaz.index.get(key, ())):
            return True
    return False


def is_container(gaz: Gazetteer, text: str) -> bool:
    """True when `text` can name a country or a first- or second-order division (the Y of "X, Y")."""
    ids = gaz.lookup_qualifier(text)
    return any(gaz.feature_code[i] in (sources.ADM1, sources.COUNTRY, sources.ADM2) for i in ids)
