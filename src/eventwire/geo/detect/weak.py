"""Scanner of the weak pass: place names inside other entities or in untagged proper nouns ("Ardley Police
Department", a town the NER called a PERSON), kept only when the document's context supports a reading."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...resources import load_words
from ..gazetteer import Gazetteer
from .spans import MAX_SCAN_TOKENS, PLACE_LABELS, POSSESSIVES, Acceptor, Found, ScanState, trim

WEAK_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", ""})
# Heads of organisations named after their place: a place name right before one, or after "of", needs less support.
INSTITUTION_WORDS = load_words("geo/institutions.yaml", "institutions")
# People named by where they live ("a Wexcombe woman"): the name before is a place.
RESIDENT_NOUNS = load_words("words/people_nouns.yaml", "residents")
DIVISION_HEADS = load_words("geo/place_words.yaml", "division_heads")
SHORT_TITLES = load_words("words/person_titles.yaml", "short_titles")
_LIST_JOINERS = frozenset({",", "and", "or"})
MIN_NAME_CHARS = 3


def scan_weak(doc: Doc, gaz: Gazetteer, state: ScanState) -> list[Found]:
    """In each region (an entity that is not a place, or an untagged run of proper nouns): the name after its last
    "of" ("University of Ardenne"), the longest accepted name opening it, and, outside person names, accepted names
    further inside. `state.taken` holds the strong mentions' tokens; `state.accept` is the context test."""
    accept = state.accept
    if accept is None:
        return []
    people = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    found: list[Found] = []
    for start, end, label in _regions(doc, state):
        if any(state.taken[t] for t in range(start, end)):
            continue
        institution = any(t.lower_ in INSTITUTION_WORDS for t in doc[start:end])
        tail = _of_tail(doc, start, end)
        if tail is not None and accept(tail.text, strict=False, relaxed=True):
            found.append(Found(tail, "GPE", "after 'of' in a name"))  # "University of Ardenne"
            end = tail.start
        head = _weak_head(doc, gaz, (start, end), label, institution, people, accept)
        if head is not None:
            found.append(Found(head, "GPE", f"opening a {label or 'proper-noun'} name"))
        if label != "PERSON":
            found += _inner_names(
                doc, gaz, head.end if head is not None else start + 1, end, accept, after_place=head is not None
            )
    return found


def _regions(doc: Doc, state: ScanState) -> list[tuple[int, int, str]]:
    """(start, end, label) of every entity, then of untagged runs of capitalised proper nouns, and of single
    capitalised words the tagger read otherwise when they are list items among places or a name the document uses
    as a place elsewhere ("Wexcombe mother says..." opening a story that later names Wexcombe)."""
    regions = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in WEAK_LABELS]
    in_ent = bytearray(len(doc))
    for e in doc.ents:
        for t in range(e.start, e.end):
            in_ent[t] = 1
    named = {m.text for m in state.strong if " " not in m.text} | {
        e.text for e in doc.ents if len(e) == 1 and (e.label_ in PLACE_LABELS or e.label_ in WEAK_LABELS)
    }
    i, n = 0, len(doc)
    while i < n:
        upper = not in_ent[i] and doc[i].text[:1].isupper()
        if upper and doc[i].pos_ != "PROPN" and (doc[i].text in named or listed_with_places(doc, i)):
            regions.append((i, i + 1, ""))
            i += 1
        elif upper and doc[i].pos_ == "PROPN":
            j = i
            while j < n and not in_ent[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            regions.append((i, j, ""))
            i = j
        else:
            i += 1
    return regions


def _weak_head(
    doc: Doc,
    gaz: Gazetteer,
    region: tuple[int, int],
    label: str,
    institution: bool,
    people: set[str],
    accept: Acceptor,
) -> Span | None:
    """The longest accepted place name opening the region doc[start:end] ("Ardley" in "Ardley Police
    Department"); a person entity counts only as a whole, unless it names an institution."""
    start, end = region
    whole_only = label == "PERSON" and not institution
    for width in range(min(MAX_SCAN_TOKENS, end - start), 0, -1):
        if whole_only and width != end - start:
            break
        span = trim(doc[start : start + width])
        if span is None or not span.text[:1].isupper() or gaz.is_demonym(span.text):
            continue
        if span[-1].is_stop or len(span.text) < MIN_NAME_CHARS:
            continue
        if start > 0 and doc[start - 1].lower_.rstrip(".") in SHORT_TITLES:
            break  # "Mr Hollins": a person
        # A run of a person's name words is that person, unless the document already uses the name as a place;
        # a shorter run may still be one ("Wexcombe" in "Wexcombe Rotary Hall" after a "Wexcombe Rotary" PERSON).
        if label == "" and all(t.lower_ in people for t in span) and not accept(span.text, strict=True):
            continue
        relaxed = (
            institution
            and span.end < end
            and doc[span.end].lower_ in INSTITUTION_WORDS | set(POSSESSIVES)
            or (len(span) > 1 and span[-1].lower_ in DIVISION_HEADS)  # "Ardley County Superior Court"
            or (span.end < len(doc) and doc[span.end].lower_ in RESIDENT_NOUNS)  # "a Wexcombe woman"
        )
        # The owner in an organisation's name ("Hope's Wings") is a person or a brand unless already a place.
        owner = not institution and _owner_in_name(doc, span.end)
        if accept(span.text, strict=owner, relaxed=relaxed):
            return span
    return None


def _owner_in_name(doc: Doc, i: int) -> bool:
    """True when token i is a possessive followed by a capitalised word ("Hope's Wings", "Macy's Parade")."""
    return i + 1 < len(doc) and doc[i].lower_ in POSSESSIVES and doc[i + 1].text[:1].isupper()


def _inner_names(
    doc: Doc, gaz: Gazetteer, start: int, end: int, accept: Acceptor, after_place: bool = False
) -> list[Found]:
    """Place names further inside an organisation's name ("Environment Ardenne", "Ardley-Wexcombe EMS",
    "Hospital of Ardenne in Farleigh"). Only names that are prominent or already places in this document
    count (a word deep inside a name needs that much support), except a name joined by a hyphen or slash to a
    place just before it ("Ardley-Wexcombe"), which needs only the support a weak mention needs."""
    found = []
    i, last_end = start, start if after_place else -1
    while i < end:
        hit = None
        joined = i >= 2 and i - 1 == last_end and doc[i - 1].text in ("-", "/")
        if doc[i].text[:1].isupper() and not doc[i].is_stop:
            for width in range(min(MAX_SCAN_TOKENS, end - i), 0, -1):
                span = doc[i : i + width]
                if (
                    span[-1].text[:1].isupper()
                    and not gaz.is_demonym(span.text)
                    and accept(span.text, strict=not joined)
                ):
                    hit = span
                    break
        if hit is not None:
            found.append(Found(hit, "GPE", "inside a name"))
            i = last_end = hit.end
        else:
            i += 1
    return found


def listed_with_places(doc: Doc, i: int) -> bool:
    """True when token i is one item of a list of place entities ("Ardley, Wexcombe, Farleigh and Elm Falls"):
    a town the tagger read as a verb or an adjective is still a list item."""
    tok = doc[i]
    if not tok.is_alpha or tok.is_sent_start:
        return False
    for side in (-1, 1):
        j, k = i + side, i + 2 * side
        if 0 <= k < len(doc) and doc[j].lower_ in _LIST_JOINERS and doc[k].ent_type_ in ("GPE", "LOC"):
            return True
    return False


def _of_tail(doc: Doc, start: int, end: int) -> Span | None:
    """The proper-noun run after the last "of" inside an entity ("University of Ardenne" -> "Ardenne")."""
    for k in range(end - 2, start, -1):
        if doc[k].lower_ == "of":
            tail = trim(doc[k + 1 : min(end, k + 1 + MAX_SCAN_TOKENS)])
            if tail is not None and all(t.text[:1].isupper() or t.text in (".", "-") for t in tail):
                return tail
            return None
    return None
