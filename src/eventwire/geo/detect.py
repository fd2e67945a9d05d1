"""Toponym detection: spaCy place entities, cleaned up, plus gazetteer names the statistical NER missed.

Returns `Mention`s (character spans into `doc.text`); resolution happens in `resolve.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ..resources import load_yaml
from . import sources
from .gazetteer import Gazetteer
from .normalize import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Other entity labels the small NER model often gives to well-known places ("Georgia" as PERSON).
RELABEL_LABELS = frozenset({"ORG", "PERSON"})
RELABEL_CODES = frozenset({sources.COUNTRY, sources.ADM1, sources.CONTINENT})
ACRONYM_CODES = frozenset({sources.COUNTRY, sources.CONTINENT, "RGN"})
# A FAC entity not in the gazetteer is still kept as a toponym when it ends in one of these words.
FACILITY_WORDS = frozenset(
    {
        "airport",
        "airbase",
        "base",
        "airfield",
        "camp",
        "bridge",
        "crossing",
        "checkpoint",
        "embassy",
        "consulate",
        "hospital",
        "church",
        "cathedral",
        "mosque",
        "temple",
        "synagogue",
        "shrine",
        "palace",
        "castle",
        "stadium",
        "prison",
        "jail",
        "university",
        "harbor",
        "harbour",
        "museum",
        "zone",
        "dam",
        "refinery",
        "compound",
        "barracks",
        "chapel",
    }
)
LEADING_DROP = frozenset({"the", "The", "THE"})
MAX_SCAN_TOKENS = 4


@dataclass
class Mention:
    start: int  # char offsets into doc.text
    end: int
    text: str
    label: str
    qualifier: int | None = None  # index of the mention that qualifies this one ("Balad, Salahuddin")
    is_qualifier: bool = False
    token_start: int = 0
    token_end: int = 0
    division: bool = False  # written as a division ("Washington state", "the state of New York")
    settlement: bool = False  # written as a town or city ("the town of Jinja")
    article: bool = False  # right after "the" ("the Gulf"): the gazetteer may know the name with it
    governed: bool = False  # before a government title ("Quebec Health Minister"): a division or country


class Acceptor(Protocol):
    """Says whether the document's context supports reading `text` as a place (`resolve.make_acceptor`)."""

    def __call__(self, text: str, strict: bool = False, relaxed: bool = False) -> bool: ...


def _trim(span: Span) -> Span | None:
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


def _has_letters_upper(span: Span) -> bool:
    return any(ch.isupper() for ch in span.text[:1]) or span.text[:1].isdigit()


def _split_commas(span: Span) -> list[Span]:
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


def _best_code(gaz: Gazetteer, ids: tuple[int, ...]) -> str | None:
    if not ids:
        return None
    best = max(ids, key=lambda i: gaz.population[i])
    return gaz.feature_code[best]


def detect(doc: Doc, gaz: Gazetteer, adjectival: bool = False) -> list[Mention]:
    """Strong toponym mentions of `doc` (place entities and prominent names), without overlaps."""
    spans: list[tuple[Span, str]] = []
    taken = bytearray(len(doc))
    in_place = bytearray(len(doc))  # tokens of place entities: an adjective inside one is part of a name
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            for t in range(ent.start, ent.end):
                in_place[t] = 1
        label = ent.label_
        if label in PLACE_LABELS:
            for part in _split_commas(ent):
                span = _trim(part)
                span = _shrink_to_known(gaz, span) if span is not None else None
                if span is None or not _has_letters_upper(span) or gaz.is_demonym(span.text):
                    continue
                if label == "FAC" and not gaz.lookup(span.text) and span[-1].lower_ not in FACILITY_WORDS:
                    continue
                longer = _extend_to_known(gaz, span)
                if longer is not span:
                    for t in range(span.end, longer.end):
                        taken[t] = 1
                    span = longer
                spans.append((span, label))
        elif label in RELABEL_LABELS:
            span = _trim(ent)
            if span is None or gaz.is_demonym(span.text):
                continue
            key = name_key(span.text)
            ids = gaz.index.get(key, ())
            # An all-caps ORG that is a country or region's short name ("EU", "UAE"), not a division's initials.
            if (
                key in gaz.prominent
                and _best_code(gaz, ids) in RELABEL_CODES
                or span.text.isupper()
                and any(gaz.feature_code[i] in ACRONYM_CODES for i in ids)
            ):
                spans.append((span, "GPE"))
        else:
            continue
        # A leading article is not part of the name: a longer gazetteer name may start right after it
        # ("the Al-Balad" tagged ORG, then "Al-Balad airbase" found by the scan).
        core = _trim(ent) or ent
        for t in range(core.start, ent.end):
            taken[t] = 1
    spans += _scan_kind_of(doc, gaz, taken, in_place)
    spans += _scan_owned(doc, gaz, taken, in_place)
    spans += _scan_gazetteer(doc, gaz, taken)
    spans += _scan_datelines(doc, gaz, taken)
    roads = _scan_roads(doc, gaz)
    # A road feature's name the NER called a place ("the Quillbury roundabout") is the road feature.
    extents = {(sp.start, sp.end) for sp, _ in roads}
    spans = [(sp, lab) for sp, lab in spans if (sp.start, sp.end) not in extents] + roads
    spans += _scan_facility_orgs(doc, gaz, in_place)
    spans += _scan_adjectival(doc, gaz, in_place) if adjectival else []
    return _to_mentions(doc, gaz, spans)


_KIND_OF = load_yaml("geo/event_place.yaml")["kind_of"]
SETTLEMENT_WORDS = frozenset(str(w) for w in _KIND_OF["settlement"])
DIVISION_WORDS = frozenset(str(w) for w in _KIND_OF["division"])


def _scan_kind_of(doc: Doc, gaz: Gazetteer, taken: bytearray, in_place: bytearray) -> list[tuple[Span, str]]:
    """X in "the [eastern] town of X", "the district of X" that no place entity covers: the small NER model
    often calls a small town an ORG, NORP or PERSON, and the kind word is stronger evidence than its label (so
    tokens of other entities, `taken` or not, are no obstacle; those of place entities are).
    Only names the gazetteer knows are taken (the longest from the start of the capitalised run)."""
    found = []
    for tok in doc[:-2]:
        if (
            tok.lower_ not in SETTLEMENT_WORDS | DIVISION_WORDS
            or not tok.text.islower()
            or doc[tok.i + 1].lower_ != "of"
        ):
            continue
        start = end = tok.i + 2
        while (
            end < len(doc)
            and end - start < MAX_SCAN_TOKENS
            and (
                doc[end].text[:1].isupper()
                or doc[end].text == "-"
                and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper()
            )
        ):
            end += 1
        for stop in range(end, start, -1):
            span = doc[start:stop]
            if span[-1].text == "-" or any(in_place[t] for t in range(start, stop)):
                continue
            if gaz.lookup(span.text) and not gaz.is_demonym(span.text):
                found.append((span, "GPE"))
                for t in range(start, stop):
                    taken[t] = 1
                break
    return found


# Parts of a town named after its possessive ("Giza's Haram district", "Kabul's Shar-e Naw neighbourhood").
OWNED_KINDS = frozenset({"district", "neighbourhood", "neighborhood", "suburb", "quarter", "area"})


def _scan_owned(doc: Doc, gaz: Gazetteer, taken: bytearray, in_place: bytearray) -> list[tuple[Span, str]]:
    """X in "<place>'s X district": a part of the place whatever the NER called X (a LOC mention; `geoparse`
    places it in its owner when the gazetteer knows no nearby X)."""
    found = []
    for tok in doc[1:-2]:
        owner = doc[tok.i - 1]
        if tok.text not in ("'s", "’s") or not (in_place[owner.i] or name_key(owner.text) in gaz.prominent):
            continue
        start = end = tok.i + 1
        while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper() and not in_place[end]:
            end += 1
        if start < end < len(doc) and doc[end].lower_ in OWNED_KINDS and not any(taken[t] for t in range(start, end)):
            found.append((doc[start:end], "LOC"))
            for t in range(start, end):
                taken[t] = 1
    return found


# Last words that make an unknown name a place of its own kind ("Red River Valley", "Jerome Township"): such a name
# is kept whole, not cut down to a known name inside it.
KIND_WORDS = FACILITY_WORDS | frozenset(
    {
        "county",
        "township",
        "river",
        "lake",
        "mountains",
        "mountain",
        "island",
        "islands",
        "bay",
        "valley",
        "province",
        "district",
        "village",
        "peninsula",
        "creek",
        "canyon",
        "park",
        "street",
        "road",
        "avenue",
        "square",
        "hills",
        "hill",
        "falls",
        "beach",
        "forest",
        "desert",
        "sea",
        "ocean",
        "gulf",
        "strait",
        "coast",
        "region",
    }
)


MAX_EXTEND_TOKENS = 2


def _extend_to_known(gaz: Gazetteer, span: Span) -> Span:
    """A place entity cut short by the NER ("Fort St." before a PERSON "John"), extended over the next one or two
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


def _shrink_to_known(gaz: Gazetteer, span: Span) -> Span:
    """A place entity the gazetteer does not know, cut to the longest prominent name inside it: "Politics
    Ukraine" (a page header run into the text) -> "Ukraine". Names ending in a kind word are kept whole."""
    if len(span) < 2 or gaz.lookup(span.text) or span[-1].lower_ in KIND_WORDS:
        return span
    # Endings first: the head of an English name is its last word ("Far North Queensland" -> "Queensland").
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


def _scan_adjectival(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[tuple[Span, str]]:
    """Adjectival place names ("Ukrainian", "European") as one-token mentions labelled ADJ; resolution reads
    them as the place they name. Plurals ("Americans") name people, not places, and are not in the map."""
    found = []
    for tok in doc:
        if taken[tok.i] or not tok.text[:1].isupper() or gaz.adjectival_place(tok.text) is None:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("'s", "’s"):
            continue
        found.append((doc[tok.i : tok.i + 1], "ADJ"))
    return found


# British road numbers ("the A417", "M4", "A1(M)"): toponyms when the sentence talks about roads (a bare "A320" or
# "M16" is an aircraft or a rifle). `geoparse` places them by the town they are named with.
_ROAD_NUMBER = re.compile(r"[AM][1-9]\d{0,3}(?:\(M\))?")
ROAD_CONTEXT = frozenset(
    {
        "road",
        "roads",
        "carriageway",
        "motorway",
        "junction",
        "roundabout",
        "southbound",
        "northbound",
        "eastbound",
        "westbound",
        "traffic",
        "diversion",
        "closure",
        "closed",
        "lane",
        "lanes",
        "slip",
        "bypass",
        "dual",
        "crash",
        "collision",
        "accident",
        "drivers",
        "motorists",
        "congestion",
        "queues",
        "tailbacks",
        "route",
        "via",
    }
)
# Named road features ("the Air Balloon roundabout"): the capitalised name before one of these is a place.
ROAD_FEATURE_WORDS = frozenset({"roundabout", "interchange", "flyover", "crossroads"})
ROAD_LABEL = "ROAD"


def _scan_roads(doc: Doc, gaz: Gazetteer) -> list[tuple[Span, str]]:
    """Road numbers in sentences about roads, names of road features ("the Air Balloon roundabout"), and the other
    mentions of those names in the document ("from the Air Balloon to Cirencester": one name, one place). A name
    the gazetteer knows ("the Swindon roundabout") stays a town."""
    found, names = [], set()
    for tok in doc:
        if _ROAD_NUMBER.fullmatch(tok.text) and any(t.lower_ in ROAD_CONTEXT for t in tok.sent):
            found.append(doc[tok.i : tok.i + 1])
            names.add(tok.text)
        elif tok.lower_ in ROAD_FEATURE_WORDS and tok.text.islower() and tok.i:
            start = tok.i
            while (
                start > 0
                and tok.i - start < 3
                and doc[start - 1].text[:1].isupper()
                and doc[start - 1].is_alpha
                and not doc[start - 1].is_sent_start
                and doc[start - 1].text not in LEADING_DROP
            ):
                start -= 1
            if start < tok.i and not gaz.lookup(doc[start : tok.i].text):
                found.append(doc[start : tok.i])
                names.add(doc[start : tok.i].text)
    seen = {(s.start, s.end) for s in found}
    for tok in doc:
        for name in names:
            n = len(name.split())
            span = doc[tok.i : tok.i + n]
            if span.text == name and (span.start, span.end) not in seen:
                found.append(span)
                seen.add((span.start, span.end))
    return [(s, ROAD_LABEL) for s in found]


# Buildings the NER calls organisations ("the Bob Wills Museum", "Northwest Cancer Centre", "St. Takla Church"):
# places too. `geoparse` puts them at the town the text names them with, and drops them where it names none.
FACILITY_ORG_WORDS = frozenset(
    {
        "hospital",
        "university",
        "museum",
        "church",
        "cathedral",
        "centre",
        "center",
        "mosque",
        "temple",
        "synagogue",
        "chapel",
        "stadium",
        "campus",
        "house",
    }
)
FACILITY_LABEL = "FACILITY"
_NAME_JOINERS = frozenset({"of", "de", "the", "and", "'s", "’s"})
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")


def _scan_facility_orgs(doc: Doc, gaz: Gazetteer, in_place: bytearray) -> list[tuple[Span, str]]:
    """Organisation entities of two or more words ending in a building word, with no place entity inside and not
    opening with a town's name ("Princeton Community Hospital" is found as "Princeton", the place it names)."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        span = _trim(ent)
        if span is None or len(span) < 2 or span[-1].lower_ not in FACILITY_ORG_WORDS or not span[0].text[:1].isupper():
            continue
        if any(in_place[t] for t in range(span.start, span.end)) or _opens_with_place(gaz, span):
            continue
        if any(t.text[:1].islower() and t.lower_ not in _NAME_JOINERS or _INITIALS.fullmatch(t.text) for t in span):
            continue  # "Financial Services for Family Service Center", "S.C. House": a programme, a legislature
        found.append((span, FACILITY_LABEL))
    return found + _saints_buildings(doc)


SAINT_WORDS = frozenset({"st.", "st", "saint"})
SAINT_BUILDING_WORDS = FACILITY_ORG_WORDS | {"basilica", "abbey", "school", "college"}


def _saints_buildings(doc: Doc) -> list[tuple[Span, str]]:
    """Buildings named after a saint ("St. Mark's Coptic Orthodox Cathedral", "St Mary's Hospital"), which the NER
    cuts at the possessive, leaving "St. Mark" to be read as a parish of Grenada."""
    found = []
    for tok in doc[:-3]:
        if tok.lower_ not in SAINT_WORDS or not tok.text[:1].isupper():
            continue
        i = tok.i
        if not doc[i + 1].text[:1].isupper() or doc[i + 2].text not in ("'s", "’s"):
            continue
        end = i + 3
        while end < len(doc) and end - i < 8 and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
            if doc[end - 1].lower_ in SAINT_BUILDING_WORDS:
                found.append((doc[i:end], FACILITY_LABEL))
                break
    return found


def _opens_with_place(gaz: Gazetteer, span: Span) -> bool:
    """True when the first words of `span` are a place's own name (not only an alternate name)."""
    for width in range(1, min(MAX_SCAN_TOKENS, len(span))):
        key = name_key(span[:width].text)
        if any(name_key(gaz.name[i]) == key for i in gaz.index.get(key, ())):
            return True
    return False


_DATELINE_DASHES = frozenset({"-", "--", "–", "—", ","})


def _scan_datelines(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[tuple[Span, str]]:
    """Capitalised place names opening a line before a dash or comma ("TORRINGTON —", "ROCKY HILL -"): the
    NER rarely tags all-caps words, and a dateline is a place by position alone."""
    found = []
    for tok in doc:
        if tok.i and "\n" not in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text and not _after_title(doc, tok.i):
            continue
        if not tok.text.isupper() or len(tok.text) < 3:
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 3 and doc[end].text.isupper() and doc[end].is_alpha:
            end += 1
        if end >= len(doc) or doc[end].text not in _DATELINE_DASHES or any(taken[j] for j in range(tok.i, end)):
            continue
        span = doc[tok.i : end]
        if gaz.lookup(span.text):
            found.append((span, "GPE"))
    return found


def _after_title(doc: Doc, i: int) -> bool:
    """True when token i follows a title sentence ending in '.' within the first line ("Headline. TOWN -")."""
    return doc[i - 1].text == "." and doc[i - 1].idx < 200 and "\n" not in doc.text[: doc[i - 1].idx]


# Seats of government that news uses for the government itself ("the White House said"): a place only after a
# locative preposition ("outside the Kremlin").
METONYMS = frozenset(
    {
        "white house",
        "kremlin",
        "pentagon",
        "downing street",
        "elysee",
        "elysee palace",
        "west wing",
        "zhongnanhai",
        "quai d orsay",
        "foggy bottom",
    }
)
LITERAL_PREPS = frozenset({"in", "at", "outside", "near", "inside", "into", "on", "around", "from", "to"})


def _is_place_use(
    doc: Doc, gaz: Gazetteer, span: Span, label: str, person_words: set[str], titled: frozenset[str] = frozenset()
) -> bool:
    """False for a metonymic seat of government, for a lone word of a person named in the document
    ("Brunson" after "Andrew Brunson"), unless it is a prominent place name, for a word used after a title
    ("Mr Marra") even when prominent, and for a street's name part ("Marshall Street")."""
    if _caps_pronoun(span):
        return False
    key = name_key(span.text)
    if key in METONYMS:
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in ("the", "a"):
            i -= 1
        return i >= 0 and doc[i].lower_ in LITERAL_PREPS
    if (
        label != "ADJ"
        and len(span) == 1
        and span[0].lower_ in person_words
        and (key not in gaz.prominent or span[0].lower_ in titled)
    ):
        return False
    return not _names_a_street(span)


# Titles before a name ("Mr Marra", "Sen. Rubio", "COLONEL RENE EMILIO PONCE"): the words after one are a person
# throughout the document.
TITLES = frozenset(str(t) for t in load_yaml("geo/person_titles.yaml")["titles"])
MAX_NAME_WORDS = 3  # given names and surnames after a title ("Attorney General Mauricio Colorado")
_NOT_NAME_POS = frozenset({"VERB", "AUX", "ADP", "DET", "CCONJ", "SCONJ", "PRON", "NUM", "PART"})
# Words after a name that make it a street ("Marshall Street", "1300 Commerce Dr."): the name is then no toponym.
STREET_WORDS = frozenset(
    {
        "street",
        "st.",
        "road",
        "rd.",
        "rd",
        "avenue",
        "ave.",
        "ave",
        "drive",
        "dr.",
        "boulevard",
        "blvd.",
        "blvd",
        "lane",
        "ln.",
        "parkway",
        "pkwy.",
        "pike",
        "terrace",
        "ct.",
        "turnpike",
    }
)


def _person_words(doc: Doc) -> set[str]:
    """Surnames of people named in full ("Andrew Brunson"): the last word only, since person entities often
    start with a place ("Litchfield Fire Chief Jim Koser")."""
    return {e[-1].lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].text[:1].isupper()}


def _titled_words(doc: Doc) -> set[str]:
    """Capitalised words of the name right after a title ("Mr Marra", "ATTORNEY GENERAL MAURICIO COLORADO"):
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


def _names_a_street(span: Span) -> bool:
    """True for the name part of a street ("Marshall" in "Marshall Street")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text[:1].isupper() and doc[span.end].lower_ in STREET_WORDS


def _to_mentions(doc: Doc, gaz: Gazetteer, spans: list[tuple[Span, str]]) -> list[Mention]:
    titled = frozenset(_titled_words(doc))
    person_words = _person_words(doc) | titled
    spans = [(sp, lab) for sp, lab in spans if _is_place_use(doc, gaz, sp, lab, person_words, titled)]
    # Where spans overlap, the longest wins ("Al-Balad airbase" over "Al-Balad").
    spans.sort(key=lambda s: (-(s[0].end - s[0].start), s[0].start))
    chosen: list[tuple[Span, str]] = []
    used = bytearray(len(doc))
    for span, label in spans:
        if any(used[t] for t in range(span.start, span.end)):
            continue
        for t in range(span.start, span.end):
            used[t] = 1
        chosen.append((span, label))
    chosen.sort(key=lambda s: s[0].start)
    mentions: list[Mention] = []
    for span, label in chosen:
        kind = _kind_before(span)
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
            )
        )
    _link_qualifiers(doc, gaz, mentions)
    return mentions


def _kind_before(span: Span) -> str:
    """The kind word of "the town of X" / "the district of X" right before `span`, or ""."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].text.islower():
        return doc[span.start - 2].lower_
    return ""


# Offices of a division's or country's government, not a town's ("Quebec Health Minister", "Ohio Governor X").
GOVERNMENT_WORDS = frozenset(
    {"governor", "premier", "legislature", "legislator", "legislators", "minister", "ministry", "lieutenant"}
)


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


def _scan_gazetteer(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[tuple[Span, str]]:
    """Prominent gazetteer names in capitalised token runs the NER missed, and longer gazetteer names that
    contain an entity ("Al-Balad airbase" around the entity "Al-Balad")."""
    found = []
    n = len(doc)
    i = 0
    prominent, index = gaz.prominent, gaz.index
    while i < n:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.is_stop and tok.text not in ("US", "U.S."):
            i += 1
            continue
        hit = None
        for width in range(min(MAX_SCAN_TOKENS, n - i), 0, -1):
            covered = sum(taken[j] for j in range(i, i + width))
            if covered and (
                width == 1
                or covered == width
                or taken[i]
                and i > 0
                and taken[i - 1]
                or i + width < n
                and taken[i + width - 1]
                and taken[i + width]
            ):
                continue  # a longer name may swallow whole entities, never cut one
            span = doc[i : i + width]
            if not span[-1].text[:1].isupper() and span[-1].lower_ not in FACILITY_WORDS:
                continue
            key = name_key(span.text)
            if key in prominent and key in index:
                if width == 1 and tok.pos_ not in ("PROPN",) and not tok.text.isupper():
                    continue
                if gaz.is_demonym(span.text):
                    continue
                hit = span
                break
        if hit is not None:
            found.append((hit, "FAC" if any(taken[j] for j in range(hit.start, hit.end)) else "GPE"))
            i = hit.end
        else:
            i += 1
    return found


def _link_qualifiers(doc: Doc, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Mark 'Balad, Salahuddin' / 'Manhattan, Kan.': the second mention qualifies the first. A qualifier the NER
    did not tag (state abbreviations) is added as a mention of its own."""
    added: list[Mention] = []
    starts = {m.token_start: k for k, m in enumerate(mentions)}
    for m in mentions:
        j = m.token_end
        if j + 1 >= len(doc) or doc[j].text != ",":
            continue
        if j + 1 in starts:
            q = mentions[starts[j + 1]]
            if _is_container(gaz, q.text):
                m.qualifier = starts[j + 1]
                q.is_qualifier = True
            continue
        for width in (3, 2, 1):
            if j + 1 + width > len(doc):
                continue
            span = doc[j + 1 : j + 1 + width]
            if any(t.is_punct and t.text != "." for t in span):
                continue  # "SC (WMBF)": the container is "SC"
            # A state code the NER called an organisation ("HORRY COUNTY, SC (WMBF)") is still the container.
            untagged = any(t.ent_iob_ == "O" for t in span) or (
                width == 1 and span.text.isupper() and len(span.text) <= 3
            )
            if span.text[:1].isupper() and untagged and _is_container(gaz, span.text):
                if any(o.token_start < span.end and span.start < o.token_end for o in mentions):
                    break
                added.append(
                    Mention(
                        span.start_char,
                        span.end_char,
                        span.text,
                        "GPE",
                        is_qualifier=True,
                        token_start=span.start,
                        token_end=span.end,
                    )
                )
                m.qualifier = -len(added)  # resolved to an index below
                break
    if not added:
        return
    base = len(mentions)
    for m in mentions:
        if m.qualifier is not None and m.qualifier < 0:
            m.qualifier = base + (-m.qualifier - 1)
    mentions.extend(added)


def _is_container(gaz: Gazetteer, text: str) -> bool:
    ids = gaz.lookup_qualifier(text)
    return any(gaz.feature_code[i] in (sources.ADM1, sources.COUNTRY, sources.ADM2) for i in ids)


WEAK_LABELS = frozenset({"ORG", "PERSON", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", ""})


def detect_weak(doc: Doc, gaz: Gazetteer, strong: list[Mention], accept: Acceptor) -> list[Mention]:
    """Place names inside other entities or untagged proper nouns ("Fargo Police Department", a town the NER
    called a PERSON), kept only when `accept(text)` says the document's context supports a reading."""
    taken = bytearray(len(doc))
    for m in strong:
        for t in range(m.token_start, m.token_end):
            taken[t] = 1
    spans: list[tuple[Span, str]] = []
    regions = [
        (e.start, e.end, e.label_)
        for e in doc.ents
        if e.label_ in WEAK_LABELS and e.label_ != "FAC" or e.label_ == "FAC"
    ]
    in_ent = bytearray(len(doc))
    for e in doc.ents:
        for t in range(e.start, e.end):
            in_ent[t] = 1
    # Untagged runs of capitalised proper nouns count as regions too, and so do single capitalised words the tagger
    # read otherwise when they are list items among places or a name the document uses as a place elsewhere
    # ("Cork mother says..." opening a story that later names Cork).
    named = {m.text for m in strong if " " not in m.text} | {
        e.text for e in doc.ents if len(e) == 1 and (e.label_ in PLACE_LABELS or e.label_ in WEAK_LABELS)
    }
    i, n = 0, len(doc)
    while i < n:
        if (
            not in_ent[i]
            and doc[i].pos_ != "PROPN"
            and doc[i].text[:1].isupper()
            and (doc[i].text in named or _listed_with_places(doc, i))
        ):
            regions.append((i, i + 1, ""))
            i += 1
        elif not in_ent[i] and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            j = i
            while j < n and not in_ent[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            regions.append((i, j, ""))
            i = j
        else:
            i += 1
    # Words of person names in this document ("Holroyd" after "John Holroyd") are not places.
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    for start, end, label in regions:
        if label in PLACE_LABELS and label != "FAC" or any(taken[t] for t in range(start, end)):
            continue
        if label not in WEAK_LABELS:
            continue
        institution = any(t.lower_ in INSTITUTION_WORDS for t in doc[start:end])
        tail = _of_tail(doc, start, end)
        if tail is not None and accept(tail.text, strict=False, relaxed=True):
            spans.append((tail, "GPE"))  # "University of Virginia", "Development Bank of Mauritius"
            end = tail.start
        head = _weak_head(doc, gaz, start, end, label, institution, person_words, accept)
        if head is not None:
            spans.append((head, "GPE"))
        if label != "PERSON":
            spans += _inner_names(
                doc, gaz, head.end if head is not None else start + 1, end, accept, after_place=head is not None
            )
    return _to_mentions(doc, gaz, spans)


def _weak_head(
    doc: Doc,
    gaz: Gazetteer,
    start: int,
    end: int,
    label: str,
    institution: bool,
    person_words: set[str],
    accept: Acceptor,
) -> Span | None:
    """The longest accepted place name opening the region doc[start:end] ("Fargo" in "Fargo Police
    Department"); a person entity counts only as a whole, unless it names an institution."""
    whole_only = label == "PERSON" and not institution
    for width in range(min(MAX_SCAN_TOKENS, end - start), 0, -1):
        if whole_only and width != end - start:
            break
        span = _trim(doc[start : start + width])
        if span is None or not span.text[:1].isupper() or gaz.is_demonym(span.text):
            continue
        if span[-1].is_stop or len(span.text) < 3:
            continue
        if start > 0 and doc[start - 1].lower_.rstrip(".") in WEAK_TITLES:
            break  # "Mr Marra": a person
        # A run of a person's name words is that person, unless the document already uses the name as a place;
        # a shorter run may still be one ("Flemington" in "Flemington Elks Lodge" after a "Flemington Elks" PERSON).
        if label == "" and all(t.lower_ in person_words for t in span) and not accept(span.text, strict=True):
            continue
        relaxed = (
            institution
            and span.end < end
            and doc[span.end].lower_ in INSTITUTION_WORDS | {"'s", "’s"}
            or (len(span) > 1 and span[-1].lower_ in DIVISION_HEADS)
            or (  # "Clarke County Superior Court"
                span.end < len(doc) and doc[span.end].lower_ in RESIDENT_NOUNS
            )
        )  # "a Columbia woman"
        # The owner in an organisation's name ("Hope's Wings") is a person or a brand unless already a place.
        owner = not institution and _owner_in_name(doc, span.end)
        if accept(span.text, strict=owner, relaxed=relaxed):
            return span
    return None


def _owner_in_name(doc: Doc, i: int) -> bool:
    """True when token i is a possessive followed by a capitalised word ("Hope's Wings", "Macy's Parade")."""
    return i + 1 < len(doc) and doc[i].lower_ in ("'s", "’s") and doc[i + 1].text[:1].isupper()


def _inner_names(
    doc: Doc, gaz: Gazetteer, start: int, end: int, accept: Acceptor, after_place: bool = False
) -> list[tuple[Span, str]]:
    """Place names further inside an organisation's name ("Environment Canada", "Middlesex-London EMS",
    "Hospital of Manitoba in Winnipeg"). Only names that are prominent or already places in this document
    count (a word deep inside a name needs that much support), except a name joined by a hyphen or slash to a
    place just before it ("Fargo-Moorhead"), which needs only the support a weak mention needs."""
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
            found.append((hit, "GPE"))
            i = last_end = hit.end
        else:
            i += 1
    return found


_LIST_JOINERS = frozenset({",", "and", "or"})


def _listed_with_places(doc: Doc, i: int) -> bool:
    """True when token i is one item of a list of place entities ("Bantam, Litchfield, Winsted and Torrington"):
    a town the tagger read as a verb or an adjective is still a list item."""
    tok = doc[i]
    if not tok.is_alpha or tok.is_sent_start:
        return False
    for side in (-1, 1):
        j, k = i + side, i + 2 * side
        if 0 <= k < len(doc) and doc[j].lower_ in _LIST_JOINERS and doc[k].ent_type_ in ("GPE", "LOC"):
            return True
    return False


# People named by where they live ("a Columbia woman", "two Fargo residents"): the name before is a place.
RESIDENT_NOUNS = frozenset(
    {
        "man",
        "woman",
        "men",
        "women",
        "resident",
        "residents",
        "couple",
        "family",
        "teen",
        "teenager",
        "boy",
        "girl",
        "native",
        "homeowner",
        "homeowners",
        "motorist",
    }
)
# Last words that make a name a division by its form ("Clarke County"): inside an organisation's name it needs only
# the support a name before an institution word needs.
DIVISION_HEADS = frozenset({"county", "parish", "township", "borough", "province", "governorate", "oblast"})
WEAK_TITLES = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt"})


# Heads of organisations named after their place ("Venice Commission", "Grand Ledge Police", "Bank of X"): a
# place name right before one of them, or after "of" in such a name, needs less support from the document.
INSTITUTION_WORDS = frozenset(
    {
        "commission",
        "council",
        "board",
        "committee",
        "tribunal",
        "chamber",
        "police",
        "fire",
        "sheriff",
        "university",
        "college",
        "school",
        "schools",
        "bank",
        "department",
        "ministry",
        "government",
        "parliament",
        "assembly",
        "museum",
        "hospital",
        "club",
        "elks",
        "lodge",
        "labour",
        "labor",
        "limited",
        "city",
        "county",
        "township",
        "authority",
        "agency",
        "court",
        "office",
        "library",
        "zoo",
        "airport",
        "port",
        "harbour",
        "harbor",
        "times",
        "post",
        "herald",
        "tribune",
        "chronicle",
        "news",
        "mayor",
        "emergency",
        "ems",
        "area",
        "metro",
        "district",
    }
)


def _of_tail(doc: Doc, start: int, end: int) -> Span | None:
    """The proper-noun run after the last "of" inside an entity ("University of Virginia" -> "Virginia")."""
    for k in range(end - 2, start, -1):
        if doc[k].lower_ == "of":
            tail = _trim(doc[k + 1 : min(end, k + 1 + MAX_SCAN_TOKENS)])
            if tail is not None and all(t.text[:1].isupper() or t.text in (".", "-") for t in tail):
                return tail
            return None
    return None
