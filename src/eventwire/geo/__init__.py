"""Geo stage: toponym detection, resolution against a local offline gazetteer, and event location.

Public surface (used by the pipeline, the CLI and the API):
    get_gazetteer() -> Gazetteer
    geoparse(doc) -> list[Toponym]
    locate_event(sent, toponyms) -> Place | None
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from spacy.tokens import Doc

from ..model import Toponym
from . import sources
from .dateline import find_dateline
from .detect import FACILITY_WORDS, detect, detect_weak
from .gazetteer import Gazetteer, get_gazetteer
from .locate import locate_event
from .resolve import BROAD_CODES, _haversine, demonym_countries, locale_bonus, make_acceptor, resolve

# Unresolved names are kept as toponyms (place None) only when their last word says they are places.
UNRESOLVED_KEEP = FACILITY_WORDS | {"county", "township", "river", "lake", "mountains", "mountain", "island",
                                    "bay", "valley", "province", "district", "village", "peninsula", "creek", "canyon"}

# LOC entities (rivers, regions, ranges) the gazetteer cannot place are kept, with no coordinates: the name is still
# a toponym for the reader, and a river or district the packaged gazetteers lack is no reason to drop it.
KEEP_UNRESOLVED_LABELS = frozenset({"LOC"})


def _keep_unresolved(m) -> bool:
    return m.label in KEEP_UNRESOLVED_LABELS or m.text.rsplit(None, 1)[-1].lower() in UNRESOLVED_KEEP


__all__ = ["get_gazetteer", "geoparse", "locate_event", "Gazetteer"]


def geoparse(doc: Doc, adjectival: bool = False) -> list[Toponym]:
    """Toponyms of a parsed document in text order, offsets into `doc.text`; `place` is None when unresolved.

    Demonyms and adjectival place names ("Iraqi troops") are not toponyms by default. With `adjectival=True`
    (GeoWebNews' annotation scheme, where a literal modifier such as "Ukrainian" counts) they are returned,
    resolved to the place they name; `locate_event` never uses them either way. Plural demonyms and adjectives
    of no one place ("Kurdish", "Muslim") are never toponyms. A leading "the" is not part of the span. `place.country` is ISO 3166 alpha-3.
    A township, river or district no gazetteer knows is placed near the town the text puts it with (precision
    "relative", no geonameid; see `_place_by_anchor`), and at its written state when it names one."""
    if not doc.text.strip():
        return []
    gaz = get_gazetteer()
    mentions = detect(doc, gaz, adjectival)
    dateline = find_dateline(doc, mentions)
    locale = locale_bonus(doc.text)
    # Adjectival mentions are in the context already when requested; otherwise they still count as context.
    countries = {} if adjectival else demonym_countries(gaz, doc)
    resolutions = resolve(gaz, mentions, dateline, locale, countries)
    weak = detect_weak(doc, gaz, mentions, make_acceptor(gaz, mentions, resolutions))
    if weak:
        offset = len(mentions)
        for m in weak:
            if m.qualifier is not None:
                m.qualifier += offset
        mentions = mentions + weak
        dateline = find_dateline(doc, mentions)
        resolutions = resolve(gaz, mentions, dateline, locale, countries)
    if not mentions:
        return []
    toponyms = []
    for k, (m, r) in enumerate(zip(mentions, resolutions)):
        if r.place_id is None and not _keep_unresolved(m):
            continue  # an entity no gazetteer knows and no place word marks is more often not a place
        place = gaz.place(r.place_id) if r.place_id is not None else None
        toponyms.append(Toponym(text=m.text, start=m.start, end=m.end, place=place, score=r.score,
                                is_dateline=(k == dateline)))
    toponyms.sort(key=lambda t: t.start)
    _place_by_anchor(gaz, doc.text, mentions, resolutions, toponyms)
    return toponyms


# A name the gazetteer cannot place ("Oakport Township", "Naugatuck River", a church) lies near the places the text
# puts it with: its written container ("Holliday, Mo."), its owner ("Cairo's Abbasiya district"), the town it is
# written relative to ("north of Moorhead"), else the nearest town named before it (local news names its towns
# around its townships, rivers and roads). Such a toponym gets the anchor's coordinates with precision "relative"
# (a container gives its own precision) and no geonameid: somewhere near the anchor, not at it.
ANCHOR_PRECISIONS = frozenset({"city", "point"})
ANCHOR_MAX_CHARS = 600   # the nearest town must be named within this many characters (a paragraph or two)
RELATIVE_MAX_CHARS = 40
OWNER_RADIUS_KM = 100.0   # a town's part read farther than this from the town is a namesake elsewhere
FALLBACK_SCORE = 0.3
# Kinds of place written in lists ("Austria, Slovakia, Cyprus"; "Tamil Nadu, Karnataka"): there a comma is no container.
LIST_CODES = BROAD_CODES | {sources.ADM1}
_PART_AFTER = re.compile(r"\s+(?:suburb|suburbs|neighbou?rhood|district)\s+of\s+", re.IGNORECASE)
_PART_BEFORE = re.compile(
    r",?\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:suburb|neighbou?rhood|district)\s+of\s+(?:the\s+city\s+of\s+)?",
    re.IGNORECASE)
_RELATIVE_TO = re.compile(
    r"\s*,?\s*(?:(?:just|about|some|\d+\s+(?:miles|mi\.|km|kilometres|kilometers))\s+)?(?:(?:(?:north|south|east|west)"
    r"(?:-?(?:east|west))?(?:ern)?\s+of)|near|outside(?:\s+of)?|in)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE)


def _place_by_anchor(gaz, text: str, mentions, resolutions, toponyms: list[Toponym]) -> None:
    """Give unresolved toponyms an anchor's place, and re-place a town read outside its written container or far
    from its written owner. `toponyms` is in text order."""
    by_start = {m.start: m for m in mentions}
    anchors = [t for t in toponyms if t.place is not None and t.place.precision in ANCHOR_PRECISIONS]
    starts = [a.start for a in anchors]
    for n, t in enumerate(toponyms):
        m = by_start.get(t.start)
        if m is None:
            continue
        owner = _owner(text, toponyms, n)
        if owner is not None and (t.place is None or _km(t.place, owner.place) > OWNER_RADIUS_KM):
            # "Cairo's Abbasiya neighbourhood": in Cairo, whatever namesake the name has elsewhere.
            toponyms[n] = _near(t, owner.place)
            continue
        container = _container(gaz, mentions, resolutions, m)
        if t.place is not None:
            # "Holliday, Mo." read as a Holiday elsewhere: the written container is the better reading (for a town
            # or county only: "Austria, Slovakia, Cyprus" is a list, not a container).
            if container is not None and t.place.feature_code not in LIST_CODES and not _inside(gaz, t.place,
                                                                                                 container):
                toponyms[n] = _near(t, gaz.place(container), precision=None)
            continue
        if container is not None:
            toponyms[n] = _near(t, gaz.place(container), precision=None)
            continue
        if " " not in t.text.strip():
            continue   # a lone unknown word ("Earth", "West") is no local place to put near a town
        best = _nearest_anchor(text, anchors, starts, t)
        if best is not None:
            toponyms[n] = _near(t, best.place)


def _near(t: Toponym, anchor, precision: str | None = "relative") -> Toponym:
    """`t` placed at `anchor`'s coordinates, named as written; `precision` None keeps the anchor's own."""
    place = replace(anchor, name=t.text, geonameid=None, feature_code=None, population=None,
                    precision=precision or anchor.precision, direction=None)
    return replace(t, place=place, score=FALLBACK_SCORE)


def _nearest_anchor(text: str, anchors: list[Toponym], starts: list[int], t: Toponym) -> Toponym | None:
    """The town `t` is written relative to ("Oakport Township north of Moorhead"), else the nearest town named
    before it (within `ANCHOR_MAX_CHARS`), else the nearest named after it in its paragraph."""
    k = bisect_left(starts, t.end)
    after = anchors[k] if k < len(anchors) else None
    if after is not None and after.start - t.end <= RELATIVE_MAX_CHARS and _RELATIVE_TO.match(text, t.end, after.start):
        return after
    j = bisect_right(starts, t.start) - 1
    while j >= 0 and anchors[j].end > t.start:
        j -= 1
    if j >= 0 and t.start - anchors[j].start <= ANCHOR_MAX_CHARS:
        return anchors[j]
    if after is not None and after.start - t.end <= ANCHOR_MAX_CHARS and "\n" not in text[t.end:after.start]:
        return after
    return None


def _owner(text: str, toponyms: list[Toponym], n: int) -> Toponym | None:
    """The town written as the owner of toponym `n` ("Giza's Haram district", "the Cincinnati suburb of West
    Chester", "Sharonville, a suburb of Cincinnati"), if any."""
    t = toponyms[n]
    prev = toponyms[n - 1] if n else Toponym("", -10, -10)
    if _can_own(prev, t) and (text[prev.end:t.start] in ("'s ", "’s ") or (
            _part_of(text, prev, t) and _bigger(prev, t))):
        return prev
    nxt = toponyms[n + 1] if n + 1 < len(toponyms) else None
    if nxt is not None and _can_own(nxt, t) and _part_of(text, t, nxt) and _bigger(nxt, t):
        return nxt
    return None


def _part_of(text: str, first: Toponym, second: Toponym) -> bool:
    """True when the text between two toponyms says one is part of the other ("X suburb of Y", "X, a suburb of Y")."""
    return bool(_PART_AFTER.fullmatch(text, first.end, second.start) or _PART_BEFORE.fullmatch(text, first.end,
                                                                                                  second.start))


def _can_own(owner: Toponym, t: Toponym) -> bool:
    return owner.place is not None and owner.place.precision in ANCHOR_PRECISIONS


def _bigger(owner: Toponym, part: Toponym) -> bool:
    """True when `owner` is the bigger town: "X suburb of Y" reads both ways ("the Cincinnati suburb of West
    Chester", "the Crown Heights neighborhood of Brooklyn"); the part is the smaller."""
    return part.place is None or (owner.place.population or 0) > (part.place.population or 0)


def _km(a, b) -> float:
    if a.lat is None or b.lat is None:
        return 0.0
    return float(_haversine(a.lat, a.lon, b.lat, b.lon))


def _container(gaz, mentions, resolutions, m) -> int | None:
    """Row of the division or country written after `m` ("Holliday, Mo."), when resolved."""
    if m.qualifier is None:
        return None
    r = resolutions[m.qualifier]
    if r.place_id is None or gaz.feature_code[r.place_id] not in (sources.ADM1, sources.COUNTRY):
        return None
    return r.place_id


def _inside(gaz, place, row: int) -> bool:
    """True when `place` lies in the country or division of gazetteer row `row`."""
    cc = gaz.country[row]
    if place.country != cc:
        return False
    name = gaz.admin1_names.get((cc, gaz.admin1[row]))
    if gaz.feature_code[row] == sources.COUNTRY or not name:
        return True
    return place.admin1 == name
