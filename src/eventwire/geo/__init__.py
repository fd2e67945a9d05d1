"""Geo stage: toponym detection, resolution against a local offline gazetteer, and event location.

Public surface (used by the pipeline, the CLI and the API):
    get_gazetteer() -> Gazetteer
    geoparse(doc) -> list[Toponym]
    locate_event(sent, toponyms) -> Place | None
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Toponym
from ..resources import load_words
from .anchors import ANCHORED_LABELS, drop_saints, place_by_anchor, place_generic_divisions
from .dateline import find_dateline
from .detect import FACILITY_LABEL, FACILITY_WORDS, ROAD_LABEL, Mention, ScannerSettings, detect, detect_weak
from .gazetteer import Gazetteer, get_gazetteer
from .locate import locate_event
from .resolve import ResolveWeights, demonym_countries, locale_bonus, make_acceptor, resolve
from .settings import GEO_SETTINGS, GeoSettings

# Unresolved names are kept as toponyms (place None) only when their last word says they are places.
UNRESOLVED_KEEP = FACILITY_WORDS | load_words("geo/place_words.yaml", "unresolved_kinds")

# LOC entities (rivers, regions, ranges) the gazetteer cannot place are kept, with no coordinates: the name is still
# a toponym for the reader, and a river or district the packaged gazetteers lack is no reason to drop it.
KEEP_UNRESOLVED_LABELS = frozenset({"LOC", ROAD_LABEL, FACILITY_LABEL})


def _keep_unresolved(m: Mention) -> bool:
    return m.label in KEEP_UNRESOLVED_LABELS or m.text.rsplit(None, 1)[-1].lower() in UNRESOLVED_KEEP


__all__ = [
    "GEO_SETTINGS",
    "Gazetteer",
    "GeoSettings",
    "ResolveWeights",
    "ScannerSettings",
    "geoparse",
    "get_gazetteer",
    "locate_event",
]


def geoparse(doc: Doc, adjectival: bool = False, settings: GeoSettings = GEO_SETTINGS) -> list[Toponym]:
    """Toponyms of a parsed document in text order, offsets into `doc.text`; `place` is None when unresolved.

    Demonyms and adjectival place names ("Iraqi troops") are not toponyms by default. With `adjectival=True`
    (GeoWebNews' annotation scheme, where a literal modifier such as "Ukrainian" counts) they are returned,
    resolved to the place they name; `locate_event` never uses them either way. Plural demonyms and adjectives
    of no one place ("Kurdish", "Muslim") are never toponyms. A leading "the" is not part of the span.
    `place.country` is ISO 3166 alpha-3.
    A township, river or district no gazetteer knows is placed near the town the text puts it with (precision
    "relative", no geonameid; see `anchors.place_by_anchor`), and at its written state when it names one. So are British
    road numbers in sentences about roads ("the B4512"), named road features ("the Kestrel Mill roundabout") and
    buildings the NER calls organisations ("Eastvale Cancer Centre", "St. Oswin's Abbey"); those
    are dropped where the text names no town near them. A generic word that names a first-order division of the
    story's main country ("the Central province" of a country that has one) is that division.
    `settings`: the resolver's weights and which scanners run (`GeoSettings`; the defaults were measured)."""
    if not doc.text.strip():
        return []
    gaz = get_gazetteer()
    w = settings.weights
    mentions = detect(doc, gaz, adjectival, settings.scanners)
    dateline = find_dateline(doc, mentions)
    locale = locale_bonus(doc.text, w)
    # Adjectival mentions are in the context already when requested; otherwise they still count as context.
    countries = {} if adjectival else demonym_countries(gaz, doc, w)
    resolutions = resolve(gaz, mentions, dateline, locale, countries, w)
    weak = detect_weak(doc, gaz, mentions, make_acceptor(gaz, mentions, resolutions, w), settings.scanners)
    if weak:
        offset = len(mentions)
        for m in weak:
            if m.qualifier is not None:
                m.qualifier += offset
        mentions = mentions + weak
        dateline = find_dateline(doc, mentions)
        resolutions = resolve(gaz, mentions, dateline, locale, countries, w)
    if not mentions:
        return []
    toponyms = []
    for k, (m, r) in enumerate(zip(mentions, resolutions, strict=True)):
        if r.place_id is None and not _keep_unresolved(m):
            continue  # an entity no gazetteer knows and no place word marks is more often not a place
        place = gaz.place(r.place_id) if r.place_id is not None else None
        toponyms.append(
            Toponym(text=m.text, start=m.start, end=m.end, place=place, score=r.score, is_dateline=(k == dateline))
        )
    toponyms.sort(key=lambda t: t.start)
    place_generic_divisions(gaz, toponyms)
    place_by_anchor(gaz, doc.text, mentions, resolutions, toponyms)
    # A road or building with no town named near it is too vague a place to report.
    anchored = {m.start for m in mentions if m.label in ANCHORED_LABELS}
    toponyms = [t for t in toponyms if t.place is not None or t.start not in anchored]
    return drop_saints(toponyms)
