"""Event location: which toponym of a sentence is where its event happened.

Preference, in order: a place attached to the sentence by a locative preposition ("in", "at", "near", "on"),
the most exact kind (facility > city > admin1 > country), never the dateline while anything else is there,
and not a country used as an actor ("Iraqi forces", "Iran said") nor a capital or country speaking or pressed for
its government ("Washington said", "sanctions on Moscow"); a lake, sea or river loses to a named town. "the
[Ugandan] capital" counts as the capital city (`capital.py`). "north of Baghdad" gives Baghdad's
coordinates with precision "relative" and `direction="north"`. With no toponym in the sentence, the latest
place of the two preceding sentences (same paragraph) at one step lower precision, else the dateline's
country: a dateline says where the report was filed, and only its country is likely to be the event's; with no
dateline, the country most of the document's places lie in.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ..model import Place, Toponym
from ..resources import load_yaml
from . import sources
from .capital import capital_toponyms
from .gazetteer import Gazetteer, get_gazetteer
from .resolve import demonym_countries

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "outside",
        "inside",
        "into",
        "across",
        "around",
        "throughout",
        "within",
        "toward",
        "towards",
        "along",
        "over",
        "off",
        "between",
        "to",
        "from",
    }
)
STRONG_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "on", "around", "throughout", "within"})
ACTOR_HEADS = frozenset(
    {
        "forces",
        "force",
        "troops",
        "army",
        "government",
        "officials",
        "official",
        "police",
        "military",
        "soldiers",
        "militants",
        "authorities",
        "ministry",
        "minister",
        "president",
        "leaders",
        "leader",
        "embassy",
        "navy",
        "regime",
        "spokesman",
        "media",
        "state",
    }
)
PRECISION_RANK = {"point": 4, "city": 3, "relative": 3, "admin1": 2, "country": 1}
COARSER = {"point": "city", "city": "admin1", "relative": "relative", "admin1": "country", "country": "country"}
_DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
)
_RELATIVE = re.compile(
    r"\b("
    + "|".join(_DIRECTIONS)
    + r")(?:ern)?\s+(?:of|from)\s+(?:the\s+)?(?:(?:city|town|village|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_OUTSKIRTS = re.compile(r"\b(?:outskirts|suburbs?|outside)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)
FALLBACK_SENTENCES = 2
_LEXICON = load_yaml("geo/event_place.yaml")
SPEECH_VERBS = frozenset(str(w) for w in _LEXICON["speech_verbs"])
PRESSURE_NOUNS = frozenset(str(w) for w in _LEXICON["pressure_nouns"])
WATER_WORDS = frozenset(str(w) for w in _LEXICON["water_words"])
MEDIA_WORDS = frozenset(str(w) for w in _LEXICON["media_words"])
NEWS_AGENCIES = frozenset(str(w) for w in _LEXICON["news_agencies"])
ORIGIN_AFTER = frozenset(str(w) for w in _LEXICON["origin_after"])
ORIGIN_BEFORE = frozenset(str(w) for w in _LEXICON["origin_before"])
ORIGIN_PEOPLE = frozenset(str(w) for w in _LEXICON["origin_people"])
# how far after a toponym a media word may close the outlet's name: set by reading outlet names ("the Kabul Evening
# Times" needs two words between; a third would reach the verb of the sentence)
MEDIA_NAME_REACH = 3
KIND_OF_WORDS = frozenset(str(w) for kind in _LEXICON["kind_of"].values() for w in kind)
WATER_CODES = frozenset({"LK", "SEA", "OCN", "GULF", "STRT", "STM", "BAY", "CNL", "RSV", "LGN"})
# Governments speak through their capitals and countries ("Washington said", "sanctions on Tehran").
METONYM_CODES = frozenset({sources.CAPITAL, sources.COUNTRY})
WATER_PENALTY = 4.0  # a water body loses to any named town or division of the sentence, even one without a preposition


def locate_event(sent: Span, toponyms: list[Toponym]) -> Place | None:
    """The place where the event of `sent` happened, or None when nothing fits.

    `toponyms` are `geoparse` results for the whole document (offsets into `sent.doc.text`)."""
    ctx = _context(sent.doc, toponyms)
    # A country before an actor word ("U.S. officials") says who acts; a city there ("Baghdad police") still says
    # where, so only countries are dropped.
    inside = [t for t in ctx.inside(sent.start_char, sent.end_char) if _may_locate(sent.doc, t)]
    if inside:
        best = max(inside, key=lambda t: _score(ctx, sent, t, len(inside)))
        return _as_event_place(ctx, sent, best)
    return _speaking_government(ctx, sent) or _fallback(ctx, sent)


def _speaking_government(ctx: _DocContext, sent: Span) -> Place | None:
    """The country of a government speaking through its capital or its name ("Tehran has condemned the strike",
    "Moscow said"), for a sentence that places nothing: the statement was made there, not at the place of the
    sentences before it (a reaction in a report about an attack elsewhere)."""
    for top in ctx.inside(sent.start_char, sent.end_char):
        if top.is_dateline or _place(top).feature_code not in METONYM_CODES:
            continue
        span = _span_of(sent.doc, top)
        if span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in SPEECH_VERBS:
            country = _country_of(_place(top))
            return replace(country, basis="named") if country is not None else None
    return None


def _may_locate(doc: Doc, top: Toponym) -> bool:
    """The toponym may be where an event happened: not the dateline, not a country named as a party ("US
    officials", "Death to America") and not a government speaking or pressed ("Moscow said", "sanctions on Tehran")."""
    if top.is_dateline:
        return False
    span = _span_of(doc, top)  # once: the checks below read the same span
    if _names_outlet(span) or _names_origin_of(span):
        return False
    return not (
        _place(top).precision == "country" and (_names_actor(span) or not _placed(span))
    ) and not _speaks_or_targeted(top, span)


class _DocContext:
    """What `locate_event` needs of one document and its toponyms, computed once per document: every event of a
    document is located against the same text, sentences and toponyms (`Doc.text` is rebuilt from the tokens at
    each access, and scanning all sentences or toponyms per event is quadratic in the document's length)."""

    def __init__(self, doc: Doc, toponyms: list[Toponym]):
        self.text = doc.text
        # An adjectival toponym ("Iraqi forces") names who acts, never where: it does not locate an event.
        gaz = get_gazetteer()
        self.resolved = [
            t
            for t in toponyms
            if t.place is not None and t.place.lat is not None and gaz.adjectival_place(t.text) is None
        ]
        self.starts = [t.start for t in self.resolved]
        # geoparse returns toponyms in text order; any other order is searched linearly (same results)
        self.in_text_order = all(a <= b for a, b in pairwise(self.starts))
        self.datelines = [t for t in self.resolved if t.is_dateline]
        self.main_place = _main_place(
            [t for t in self.resolved if not _names_actor(s := _span_of(doc, t)) and not _names_outlet(s)]
        )
        self._add_capitals(doc, gaz)
        sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in sents]
        self.sent_ends = [s.end_char for s in sents]

    def _add_capitals(self, doc: Doc, gaz: Gazetteer) -> None:
        """Add "the [Ugandan] capital" phrases that overlap no toponym, as toponyms of the capital city."""
        if "capital" not in self.text:
            return
        home = self.datelines[0].place if self.datelines else self.main_place
        phrases = capital_toponyms(doc, gaz, home.country if home is not None else _demonym_home(gaz, doc))
        # "Peru's capital" holds the toponym "Peru": the phrase is the more exact place and replaces it.
        inner = {
            id(t)
            for c in phrases
            for t in self.resolved
            if c.start <= t.start
            and t.end <= c.end
            and _place(t).precision == "country"
            and _place(t).country == _place(c).country
        }
        kept = [t for t in self.resolved if id(t) not in inner]
        phrases = [c for c in phrases if not any(t.start < c.end and c.start < t.end for t in kept)]
        if not phrases:
            return
        replaced = {
            i
            for i in inner
            if any(c.start <= t.start and t.end <= c.end for c in phrases for t in self.resolved if id(t) == i)
        }
        self.resolved = sorted([t for t in self.resolved if id(t) not in replaced] + phrases, key=lambda t: t.start)
        self.starts = [t.start for t in self.resolved]
        self.in_text_order = True

    def inside(self, lo: int, hi: int) -> list[Toponym]:
        """Resolved toponyms within [lo, hi], in input order."""
        if not self.in_text_order:
            return [t for t in self.resolved if lo <= t.start and t.end <= hi]
        return [t for t in self.resolved[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)] if t.end <= hi]

    def starting_in(self, lo: int, hi: int) -> list[Toponym]:
        """Resolved toponyms starting in [lo, hi), in input order."""
        if not self.in_text_order:
            return [t for t in self.resolved if lo <= t.start < hi]
        return self.resolved[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def earlier_sentences_start(self, start_char: int) -> int | None:
        """Start of the first of the (up to) FALLBACK_SENTENCES last sentences ending by `start_char`."""
        k = bisect_right(self.sent_ends, start_char)  # sentence ends grow with the index: those are a prefix
        return self.sent_starts[max(0, k - FALLBACK_SENTENCES)] if k else None


MAIN_COUNTRY_SHARE = 0.5


def _demonym_home(gaz: Gazetteer, doc: Doc) -> str | None:
    """The country a report with no place name is about, from its country adjectives ("Chilean police said ...
    in the capital"): the one most written, when no other is written as often."""
    weights = sorted(demonym_countries(gaz, doc).items(), key=lambda kv: -kv[1])
    if not weights or len(weights) > 1 and weights[1][1] == weights[0][1]:
        return None
    return weights[0][0]


def _place(top: Toponym) -> Place:
    """The place of a resolved toponym: `_DocContext.resolved`, and so every toponym located here, has one."""
    assert top.place is not None, top
    return top.place


def _span_of(doc: Doc, top: Toponym) -> Span | None:
    """The tokens of a toponym (None where its offsets fit no tokens)."""
    return doc.char_span(top.start, top.end, alignment_mode="expand")


def _names_actor(span: Span | None) -> bool:
    """True for a toponym right before an actor word ("U.S. officials", "Colombian army"): it says who, not where."""
    return span is not None and span.end < len(span.doc) and span.doc[span.end].lower_ in ACTOR_HEADS


def _speaks_or_targeted(top: Toponym, span: Span | None) -> bool:
    """True for a capital or country used for its government: the active subject of any verb ("Moscow said",
    "America attacked", "Washington has blamed"), the passive subject of a speech verb ("Tehran was urged"), or
    the object of a pressure noun ("sanctions on Tehran", "talks with Kyiv"). A passive subject of another verb
    is where it happened ("Baghdad was hit by rockets"), and so is an object ("rockets hit Baghdad")."""
    if _place(top).feature_code not in METONYM_CODES or span is None:
        return False
    root = span.root
    if root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return True
    if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in SPEECH_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        noun = root.head.head
        return noun.pos_ == "NOUN" and noun.lower_ in PRESSURE_NOUNS
    return False


# Prepositions that put something inside a country ("in Iraq", "across Iraq"); "Death to America", "talks between the
# US and Iran", "a strike by America" name it as a party.
COUNTRY_PLACING = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "into",
        "over",
        "on",
        "off",
        "along",
    }
)


def _placed(span: Span | None) -> bool:
    """A country is written as a place: after a placing preposition ("across Iraq", "in the US"), or as what the
    act hit ("rockets hit Iraq", "Iraq was hit"). Otherwise it names a party ("America attacking", "US bases",
    "Death to America"), and the event's place is looked for elsewhere."""
    if span is None:
        return True
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "in Iraq and Syria"
        root = root.head
    if root.dep_ in ("dobj", "nsubjpass"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in COUNTRY_PLACING


def _is_water(top: Toponym) -> bool:
    """True for a lake, sea or river, by its feature code or a water word in its name ("Lake George")."""
    words = top.text.lower().split()
    return (
        _place(top).feature_code in WATER_CODES or bool(words) and (words[0] in WATER_WORDS or words[-1] in WATER_WORDS)
    )


def _main_place(toponyms: list[Toponym]) -> Place | None:
    """A place in the country most of the document's toponyms lie in, when at least `MAIN_COUNTRY_SHARE` of them
    do: a report with no dateline is still about somewhere, and an event it tells far from any place name most
    likely happened there."""
    by_country: dict[str, list[Toponym]] = {}
    for t in toponyms:
        country = _place(t).country
        if country:
            by_country.setdefault(country, []).append(t)
    if not by_country:
        return None
    best = max(by_country.values(), key=len)
    return best[0].place if len(best) >= MAIN_COUNTRY_SHARE * len(toponyms) else None


# The context of the document being coded (its events are located one after the other). Kept here rather than in
# `Doc.user_data`, which `Doc.to_bytes` would have to serialise; one tuple, read and replaced whole (thread-safe).
_last: tuple[Doc, list[Toponym], int, _DocContext] | None = None


def _context(doc: Doc, toponyms: list[Toponym]) -> _DocContext:
    """The `_DocContext` of `doc` with this very toponym list (same object, same length), built once."""
    global _last
    last = _last
    if last is not None and last[0] is doc and last[1] is toponyms and last[2] == len(toponyms):
        return last[3]
    ctx = _DocContext(doc, toponyms)
    _last = (doc, toponyms, len(toponyms), ctx)
    return ctx


def _score(ctx: _DocContext, sent: Span, top: Toponym, n: int) -> float:
    doc = sent.doc
    text = ctx.text
    place = _place(top)
    score = float(PRECISION_RANK.get(place.precision, 1))
    if _is_water(top):
        score -= WATER_PENALTY
    span = doc.char_span(top.start, top.end, alignment_mode="expand")
    if span is not None:
        prev = _previous_word(span)
        if place.precision == "country" and _modifies_noun(span):
            # "pressure on US installations", "at US bases": the preposition's object is the facility and the
            # country before it its owner, not where the event happened
            score -= 1.5
        elif prev is not None and _names_origin(prev):
            score -= 1.5
        elif prev is not None and prev.lower_ in STRONG_LOCATIVE:
            score += 3.0
        elif prev is not None and prev.lower_ in LOCATIVE:
            score += 1.5
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.lower_ in ACTOR_HEADS:
            score -= 3.0
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "amod") and (
            prev is None or prev.lower_ not in LOCATIVE
        ):
            score -= 1.5
    if _RELATIVE.search(text[max(sent.start_char, top.start - 60) : top.start]):
        score += 2.5
    # Earlier mentions win ties: the event clause usually comes first in news sentences.
    return score - 0.001 * (top.start - sent.start_char)


def _modifies_noun(span: Span) -> bool:
    """The toponym is a modifier of a noun after it ("US bases", "Iraq's oil")."""
    root = span.root
    return (
        root.dep_ in ("compound", "amod", "nmod", "poss")
        and root.head.i >= span.end
        and root.head.pos_ in ("NOUN", "PROPN")
    )


def _names_outlet(span: Span | None) -> bool:
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
    prev = _previous_word(span)
    return prev is None or prev.lower_ not in LOCATIVE


def _names_origin_of(span: Span | None) -> bool:
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


def _names_origin(prep: Token) -> bool:
    """True for "from" attached to a noun ("a missionary from Calgary", "troops from Chad"): where someone comes
    from describes an actor, not where the event happened ("fled from Mosul" is attached to the verb)."""
    return prep.lower_ == "from" and prep.head.pos_ in ("NOUN", "PROPN", "PRON")


def _previous_word(span: Span) -> Token | None:
    """The word governing `span` from before it, past articles, compounds and a "the eastern town of" kind phrase
    ("in the eastern Ugandan town of Jinja" -> "in")."""
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


def _as_event_place(ctx: _DocContext, sent: Span, top: Toponym) -> Place:
    before = ctx.text[max(sent.start_char, top.start - 60) : top.start]
    place = _place(top)
    m = _RELATIVE.search(before)
    if m:
        return replace(place, precision="relative", direction=m.group(1).lower().replace("-", ""), basis="placed")
    if _OUTSKIRTS.search(before):
        return replace(place, precision="relative", direction="outskirts", basis="placed")
    span = _span_of(sent.doc, top)
    prev = _previous_word(span) if span is not None else None
    placed = prev is not None and prev.lower_ in LOCATIVE and not _names_origin(prev)
    return replace(place, basis="placed" if placed else "named")


def _fallback(ctx: _DocContext, sent: Span) -> Place | None:
    para_start = ctx.text.rfind("\n\n", 0, sent.start_char)
    earlier_start = ctx.earlier_sentences_start(sent.start_char)
    window_start = max(earlier_start if earlier_start is not None else sent.start_char, para_start)
    before = [t for t in ctx.starting_in(window_start, sent.start_char) if _may_locate(sent.doc, t)]
    if before:
        best = max(before, key=lambda t: (PRECISION_RANK.get(_place(t).precision, 1) > 1, t.start))
        best_place = _place(best)
        return replace(best_place, precision=COARSER.get(best_place.precision, best_place.precision), basis="nearby")
    country = _country_of(_place(ctx.datelines[0])) if ctx.datelines else None
    if country is None and not ctx.datelines and ctx.main_place is not None:
        country = _country_of(ctx.main_place)
    return replace(country, basis="document") if country is not None else None


def _country_of(place: Place) -> Place | None:
    """The country `place` lies in, as a place of precision "country" (None outside any country)."""
    gaz = get_gazetteer()
    row = gaz.country_row(place.country) if place.country else None
    return gaz.place(row, precision="country") if row is not None else None
