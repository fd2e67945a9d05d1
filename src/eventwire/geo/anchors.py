"""Placing what the gazetteer alone cannot: names placed by their anchor, generic division words, saint names.

A name the gazetteer cannot place (a township, a road, a building, a district) is given the place of the town the
text puts it with; a town read outside its written container or far from its written owner is re-placed there;
a generic word naming a first-order division of the story's country is that division; a saint's name read as a
small country's parish is dropped. Run by `geoparse` after resolution, on toponyms in text order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace

from ..geodesy import haversine_km
from ..model import Place, Toponym
from . import sources
from .detect import FACILITY_LABEL, ROAD_LABEL, Mention
from .gazetteer import Gazetteer
from .resolve import BROAD_CODES, Resolution

# Roads and buildings are placed only by the town named with them (`place_by_anchor`); without one they are dropped.
ANCHORED_LABELS = frozenset({ROAD_LABEL, FACILITY_LABEL})

_SAINT = re.compile(r"(?:St\.?|Saint|Sainte)\s", re.IGNORECASE)
SAINT_PARISH_POPULATION = 100_000  # a parish this small (Antigua's, Dominica's); a canton or province is bigger


def drop_saints(toponyms: list[Toponym]) -> list[Toponym]:
    """Drop saints read as the saint-named parishes of small countries ("the church of St. Peter and St. Paul" is
    no pair of parishes of Antigua): a saint's name read as a first-order division of a country the document
    names nowhere else is a saint, a church or a person."""
    saints = [
        t
        for t in toponyms
        if t.place is not None
        and t.place.feature_code == sources.ADM1
        and _SAINT.match(t.text)
        and (t.place.population or 0) < SAINT_PARISH_POPULATION
    ]
    if not saints:
        return toponyms
    named = {t.place.country for t in toponyms if t.place is not None and not _SAINT.match(t.text)}
    drop = {t.start for t in saints if t.place is not None and t.place.country not in named}
    return [t for t in toponyms if t.start not in drop]


def place_generic_divisions(gaz: Gazetteer, toponyms: list[Toponym]) -> None:
    """Unresolved names that are generic words ("Central", "Eastern") but also the name of a first-order division
    of the country the document is mostly about ("the Central and Eastern provinces" of a country so divided): that
    division. The generic words are kept out of the name index, so the ranker never sees them."""
    if not any(t.place is None for t in toponyms):
        return
    counts = Counter(t.place.country for t in toponyms if t.place is not None and t.place.country)
    if not counts:
        return
    ((country, _),) = counts.most_common(1)
    for n, t in enumerate(toponyms):
        if t.place is None:
            row = gaz.generic_division(t.text, country)
            if row is not None:
                toponyms[n] = replace(t, place=gaz.place(row), score=FALLBACK_SCORE)


# A name the gazetteer cannot place ("Harlow Township", "Tessel River", a church) lies near the places the text
# puts it with: its written container ("Elm Falls, Mo."), its owner ("Velmora's Old Quay district"), the town it is
# written relative to ("north of Brackton"), else the nearest town named before it (local news names its towns
# around its townships, rivers and roads). Such a toponym gets the anchor's coordinates with precision "relative"
# (a container gives its own precision) and no geonameid: somewhere near the anchor, not at it.
ANCHOR_PRECISIONS = frozenset({"city", "point"})
ANCHOR_MAX_CHARS = 600  # the nearest town must be named within this many characters (a paragraph or two)
RELATIVE_MAX_CHARS = 40
OWNER_RADIUS_KM = 100.0  # a town's part read farther than this from the town is a namesake elsewhere
FALLBACK_SCORE = 0.3
# Kinds of place written in lists ("Lurovia, Ardenne, Tessland"; "Upper Dar, Lower Dar"): there a comma is no container.
LIST_CODES = BROAD_CODES | {sources.ADM1}
_PART_AFTER = re.compile(r"\s+(?:suburb|suburbs|neighbou?rhood|district)\s+of\s+", re.IGNORECASE)
_PART_BEFORE = re.compile(
    r",?\s+(?:an?|the)\s+(?:[\w-]+\s+)?(?:suburb|neighbou?rhood|district)\s+of\s+(?:the\s+city\s+of\s+)?", re.IGNORECASE
)
_RELATIVE_TO = re.compile(
    r"\s*,?\s*(?:(?:just|about|some|\d+\s+(?:miles|mi\.|km|kilometres|kilometers))\s+)?(?:(?:(?:north|south|east|west)"
    r"(?:-?(?:east|west))?(?:ern)?\s+of)|near|outside(?:\s+of)?|in)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)


def place_by_anchor(
    gaz: Gazetteer, text: str, mentions: list[Mention], resolutions: list[Resolution], toponyms: list[Toponym]
) -> None:
    """Give unresolved toponyms an anchor's place, and re-place a town read outside its written container or far
    from its written owner. `toponyms` is in text order."""
    by_start = {m.start: m for m in mentions}
    pending = []
    for n, t in enumerate(toponyms):
        m = by_start.get(t.start)
        if m is None:
            continue
        owner = _owner(text, toponyms, n)
        if owner is not None and (t.place is None or _km(t.place, _place(owner)) > OWNER_RADIUS_KM):
            # "Velmora's Old Quay neighbourhood": in Velmora, whatever namesake the name has elsewhere.
            toponyms[n] = _near(t, _place(owner))
            continue
        container = _container(gaz, mentions, resolutions, m)
        if t.place is not None:
            # "Elm Falls, Mo." read as an Elm Falls elsewhere: the written container is the better reading (for a town
            # or county only: "Lurovia, Ardenne, Tessland" is a list, not a container).
            if (
                container is not None
                and t.place.feature_code not in LIST_CODES
                and not _inside(gaz, t.place, container)
            ):
                toponyms[n] = _near(t, gaz.place(container), precision=None)
            continue
        if container is not None:
            toponyms[n] = _near(t, gaz.place(container), precision=None)
            continue
        if " " not in t.text.strip() and m.label not in ANCHORED_LABELS:
            continue  # a lone unknown word ("Earth", "West") is no local place to put near a town
        pending.append(n)
    # Anchors are the towns as finally read ("Velmora's Haldor district" is no longer a Haldor abroad). A county is
    # a fine anchor too ("Old Mill Road" in a story about Brackton County): counties are small.
    anchors = [
        t
        for t in toponyms
        if t.place is not None and (t.place.precision in ANCHOR_PRECISIONS or t.place.feature_code == sources.ADM2)
    ]
    starts = [a.start for a in anchors]
    for n in pending:
        best = _nearest_anchor(text, anchors, starts, toponyms[n])
        if best is not None:
            toponyms[n] = _near(toponyms[n], _place(best))


def _place(t: Toponym) -> Place:
    """The place of an owner or anchor toponym: only resolved toponyms are either."""
    assert t.place is not None, t
    return t.place


def _near(t: Toponym, anchor: Place, precision: str | None = "relative") -> Toponym:
    """`t` placed at `anchor`'s coordinates, named as written; `precision` None keeps the anchor's own."""
    place = replace(
        anchor,
        name=t.text,
        geonameid=None,
        feature_code=None,
        population=None,
        precision=precision or anchor.precision,
        direction=None,
    )
    return replace(t, place=place, score=FALLBACK_SCORE)


def _nearest_anchor(text: str, anchors: list[Toponym], starts: list[int], t: Toponym) -> Toponym | None:
    """The town `t` is written relative to ("Harlow Township north of Brackton"), else the nearest town named
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
    if after is not None and after.start - t.end <= ANCHOR_MAX_CHARS and "\n" not in text[t.end : after.start]:
        return after
    return None


def _owner(text: str, toponyms: list[Toponym], n: int) -> Toponym | None:
    """The town written as the owner of toponym `n` ("Velmora's Haldor district", "the Brackton suburb of West
    Linden", "Linden Park, a suburb of Brackton"), if any."""
    t = toponyms[n]
    prev = toponyms[n - 1] if n else Toponym("", -10, -10)
    if _can_own(prev, t) and (
        text[prev.end : t.start] in ("'s ", "’s ") or (_part_of(text, prev, t) and _bigger(prev, t))
    ):
        return prev
    nxt = toponyms[n + 1] if n + 1 < len(toponyms) else None
    if nxt is not None and _can_own(nxt, t) and _part_of(text, t, nxt) and _bigger(nxt, t):
        return nxt
    if _THE_CITYS.search(text, max(0, t.start - 20), t.start):
        # "the city's Abbassiya district": the city the story last named
        return next((p for p in reversed(toponyms[:n]) if _can_own(p, t)), None)
    return None


_THE_CITYS = re.compile(r"\bthe (?:city|capital|town)['’]s\s+$", re.IGNORECASE)


def _part_of(text: str, first: Toponym, second: Toponym) -> bool:
    """True when the text between two toponyms says one is part of the other ("X suburb of Y", "X, a suburb of Y")."""
    return bool(
        _PART_AFTER.fullmatch(text, first.end, second.start) or _PART_BEFORE.fullmatch(text, first.end, second.start)
    )


def _can_own(owner: Toponym, t: Toponym) -> bool:
    return owner.place is not None and owner.place.precision in ANCHOR_PRECISIONS


def _bigger(owner: Toponym, part: Toponym) -> bool:
    """True when `owner` is the bigger town: "X suburb of Y" reads both ways ("the Brackton suburb of West
    Linden", "the Harlow Heights neighborhood of Brackton"); the part is the smaller."""
    return part.place is None or (_place(owner).population or 0) > (part.place.population or 0)


def _km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None:
        return 0.0
    return haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]  # lon is set wherever lat is


def _container(gaz: Gazetteer, mentions: list[Mention], resolutions: list[Resolution], m: Mention) -> int | None:
    """Row of the division or country written after `m` ("Elm Falls, Mo."), when resolved."""
    if m.qualifier is None:
        return None
    r = resolutions[m.qualifier]
    if r.place_id is None or gaz.feature_code[r.place_id] not in (sources.ADM1, sources.COUNTRY):
        return None
    return r.place_id


def _inside(gaz: Gazetteer, place: Place, row: int) -> bool:
    """True when `place` lies in the country or division of gazetteer row `row`."""
    cc = gaz.country[row]
    if place.country != cc:
        return False
    name = gaz.admin1_names.get((cc, gaz.admin1[row]))
    if gaz.feature_code[row] == sources.COUNTRY or not name:
        return True
    return place.admin1 == name
