"""Does an event satisfy a rule? Pure functions over output-contract records (`Event.to_contract()`), so
fresh events from ingest and stored events from the database are judged by the same code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .geofence import precise_enough
from .rules import ActorFilter, Rule


@dataclass(frozen=True)
class Match:
    """A rule matched an event; `distance_m` is the distance from a circle's centre (None for polygons and
    rules without a geofence)."""

    rule: Rule
    record: dict[str, Any]
    distance_m: float | None = None


def match_rule(rule: Rule, record: dict[str, Any], sentences: Iterable[str] | None = None) -> Match | None:
    """The match of `rule` on the event `record`, or None. Keywords are looked for in `sentences` (default:
    the record's evidence sentence; a merged event passes those of all its reports). Cheap tests run first,
    the geofence last."""
    if rule.event_types and record.get("event_type") not in rule.event_types:
        return None
    if rule.modalities and record.get("modality") not in rule.modalities:
        return None
    if rule.min_fatalities is not None and (record.get("fatalities") or 0) < rule.min_fatalities:
        return None
    if rule.actors and not actors_match(rule.actors, record.get("source_actor"), record.get("target_actor")):
        return None
    if rule.keywords:
        if sentences is None:
            sentences = [(record.get("evidence") or {}).get("sentence") or ""]
        pattern = _keyword_pattern(rule.keywords)
        if not any(pattern.search(s) for s in sentences):
            return None
    if rule.geofence is None:
        return Match(rule, record)
    location = record.get("location") or {}
    lat, lon, precision = location.get("lat"), location.get("lon"), location.get("precision")
    if lat is None or lon is None:
        return None
    if rule.precisions:
        if precision not in rule.precisions:
            return None
    elif not precise_enough(precision, rule.geofence.size_m):
        return None
    inside, distance = rule.geofence.locate(lat, lon)
    return Match(rule, record, distance) if inside else None


def actors_match(wanted: ActorFilter, *actors: dict[str, Any] | None) -> bool:
    """Each non-empty list of `wanted` is met by at least one of the actors (source or target)."""
    present = [a for a in actors if a]
    if wanted.names:
        names = {n.casefold() for n in wanted.names}
        if not any(
            (a.get("name") or "").casefold() in names or (a.get("text") or "").casefold() in names for a in present
        ):
            return False
    if wanted.countries and not any(a.get("country") in wanted.countries for a in present):
        return False
    return not wanted.sectors or any(a.get("sector") in wanted.sectors for a in present)


@lru_cache(maxsize=256)
def _keyword_pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words (plural -s/-es included), so that "IED" fires on "IEDs" but not on "died", and "rocket"
    # on "rockets" but "arm" not on "army".
    alternatives = "|".join(re.escape(k) for k in sorted(keywords, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:e?s)?(?!\w)", re.IGNORECASE)
