"""From found spans to `Mention`s: place uses only, the longest of overlapping spans, the way each is written
(as a division, a town, after "the", before a government title), and containers after a comma."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...resources import load_words
from ..gazetteer import Gazetteer
from .kind_of import DIVISION_WORDS, SETTLEMENT_WORDS, kind_before
from .place_use import is_place_use, person_words, titled_words
from .spans import Found, Mention, is_container

# Offices of a division's or country's government, not a town's ("Ardenne Health Minister", "Ohio Governor X").
GOVERNMENT_WORDS = load_words("geo/institutions.yaml", "government_offices")
QUALIFIER_WIDTHS = (3, 2, 1)  # tokens of a container after a comma, longest first


def to_mentions(doc: Doc, gaz: Gazetteer, spans: list[Found]) -> list[Mention]:
    """Mentions in text order from the scanners' spans: place uses only; where spans overlap, the longest wins
    ("Norbury airbase" over "Norbury"), the first found among equals."""
    titled = frozenset(titled_words(doc))
    people = person_words(doc) | titled
    spans = [f for f in spans if is_place_use(doc, gaz, f.span, f.label, people, titled)]
    spans.sort(key=lambda f: (-(f.span.end - f.span.start), f.span.start))
    chosen: list[Found] = []
    used = bytearray(len(doc))
    for f in spans:
        if any(used[t] for t in range(f.span.start, f.span.end)):
            continue
        for t in range(f.span.start, f.span.end):
            used[t] = 1
        chosen.append(f)
    chosen.sort(key=lambda f: f.span.start)
    mentions: list[Mention] = []
    for span, label, reason in chosen:
        kind = kind_before(span.start, doc)
        mentions.append(
            Mention(
                span.start_char,
                span.end_char,
                span.text,
                label,
                token_start=span.start,
                token_end=span.end,
                division=_written_as_division(span) or kind in DIVISION_WORDS,
                settlement=kind in SETTLEMENT_WORDS and kind not in DIVISION_WORDS,
                article=span.start > 0 and doc[span.start - 1].lower_ == "the",
                governed=_governed(span),
                reason=reason,
            )
        )
    _link_qualifiers(doc, gaz, mentions)
    return mentions


def _governed(span: Span) -> bool:
    """True when a government title follows `span`, directly or after one capitalised word ("Health")."""
    doc = span.doc
    for k in (span.end, span.end + 1):
        if k >= len(doc):
            return False
        if doc[k].lower_ in GOVERNMENT_WORDS:
            return True
        if not (doc[k].text[:1].isupper() and doc[k].is_alpha):
            return False
    return False


def _written_as_division(span: Span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[max(0, span.start - 2) : span.start].text.lower()
    return after in ("state", "province") or before in ("state of", "province of")


def _link_qualifiers(doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Mark "Elm Falls, Ardenne" / "Wexcombe, Kan.": the second mention qualifies the first. A qualifier the NER
    did not tag (state abbreviations) is added as a mention of its own."""
    added: list[Mention] = []
    starts = {m.token_start: k for k, m in enumerate(mentions)}
    for m in mentions:
        j = m.token_end
        if j + 1 >= len(doc) or doc[j].text != ",":
            continue
        if j + 1 in starts:
            q = mentions[starts[j + 1]]
            if is_container(gaz, q.text):
                m.qualifier = starts[j + 1]
                q.is_qualifier = True
            continue
        span = _untagged_container(doc, gaz, j + 1, mentions)
        if span is not None:
            added.append(
                Mention(
                    span.start_char,
                    span.end_char,
                    span.text,
                    "GPE",
                    is_qualifier=True,
                    token_start=span.start,
                    token_end=span.end,
                    reason="container after a comma",
                )
            )
            m.qualifier = -len(added)  # resolved to an index below
    if not added:
        return
    base = len(mentions)
    for m in mentions:
        if m.qualifier is not None and m.qualifier < 0:
            m.qualifier = base + (-m.qualifier - 1)
    mentions.extend(added)


def _untagged_container(doc: Doc, gaz: Gazetteer, start: int, mentions: list[Mention]) -> Span | None:
    """A container the NER did not tag as a place, starting at token `start` (after a comma), overlapping no
    mention; the longest of up to three tokens."""
    for width in QUALIFIER_WIDTHS:
        if start + width > len(doc):
            continue
        span = doc[start : start + width]
        if any(t.is_punct and t.text != "." for t in span):
            continue  # "NH (WXYZ)": the container is "NH"
        # A state code the NER called an organisation ("ELM COUNTY, NH (WXYZ)") is still the container.
        untagged = any(t.ent_iob_ == "O" for t in span) or (width == 1 and span.text.isupper() and len(span.text) <= 3)
        if span.text[:1].isupper() and untagged and is_container(gaz, span.text):
            if any(o.token_start < span.end and span.start < o.token_end for o in mentions):
                return None
            return span
    return None
