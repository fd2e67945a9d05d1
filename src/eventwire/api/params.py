"""Typed query parameters of `GET /events` and the opaque pagination cursor."""

from __future__ import annotations

import base64
import binascii
import math
import re
from datetime import date
from typing import Literal

from fastapi import Query

from ..model import MODALITIES, PLOVER_TYPES
from ..store import EventFilter
from .errors import ApiError, ApiErrors

MAX_LIMIT = 1000
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]  # a Literal built from the ontology's tuple
Modality = Literal[MODALITIES]  # type: ignore[valid-type]  # a Literal built from model's tuple at import
Format = Literal["json", "csv", "geojson"]
_NUMBER = r"-?\d+(?:\.\d+)?"
BBOX = re.compile(rf"^\s*{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*{_NUMBER}\s*$")
_CURSOR_PREFIX = "ev1:"
_EVENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def event_filter(
    since: date | None = Query(None, description="Events on or after this day (YYYY-MM-DD)."),
    until: date | None = Query(None, description="Events on or before this day (YYYY-MM-DD)."),
    type: EventType | None = Query(None, description="PLOVER event type, e.g. ASSAULT."),
    modality: Modality | None = Query(None, description="How the event is reported."),
    country: str | None = Query(
        None, pattern=r"^[A-Za-z]{3}$", description="ISO-3 country of the location or of either actor, e.g. IRQ."
    ),
    sector: str | None = Query(
        None, pattern=r"^[A-Za-z][A-Za-z _-]{0,39}$", description="Sector of either actor, e.g. military, government."
    ),
    q: str | None = Query(
        None, min_length=1, max_length=200, description="Text the evidence sentence contains (case-insensitive)."
    ),
    bbox: str | None = Query(None, max_length=200, description="min_lon,min_lat,max_lon,max_lat"),
    min_fatalities: int | None = Query(None, ge=0, le=10_000_000, description="At least this many dead."),
    min_confidence: float | None = Query(None, ge=0.0, le=1.0, description="At least this confidence (0-1)."),
) -> EventFilter:
    """The filters of `GET /events` and `GET /stats` as an `EventFilter` (422 for inconsistent values)."""
    if since and until and since > until:
        raise ApiError(ApiErrors.INVALID_PARAMETER, detail="query.since: must not be after query.until")
    return EventFilter(
        event_type=type,
        since=since,
        until=until,
        country=country,
        sector=sector,
        modality=modality,
        text=q,
        bbox=parse_bbox(bbox) if bbox else None,
        min_fatalities=min_fatalities,
        min_confidence=min_confidence,
    )


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    """'min_lon,min_lat,max_lon,max_lat' with each inside the globe and min <= max."""
    if not BBOX.match(value):
        raise ApiError(
            ApiErrors.INVALID_PARAMETER,
            detail="query.bbox: expected four comma-separated numbers min_lon,min_lat,max_lon,max_lat",
        )
    west, south, east, north = (float(v) for v in value.split(","))
    problem = None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        problem = "coordinates must be finite numbers"
    elif not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        problem = "longitudes must be within [-180, 180] and latitudes within [-90, 90]"
    elif west > east or south > north:
        problem = "min_lon must not exceed max_lon, nor min_lat max_lat"
    if problem:
        raise ApiError(ApiErrors.INVALID_PARAMETER, detail=f"query.bbox: {problem}")
    return west, south, east, north


def encode_cursor(event_id: str) -> str:
    return base64.urlsafe_b64encode((_CURSOR_PREFIX + event_id).encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> str:
    """The event id a cursor points after; 400 for anything that is not a cursor this API gave out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(ApiErrors.INVALID_CURSOR) from None
    event_id = raw.removeprefix(_CURSOR_PREFIX)
    if not raw.startswith(_CURSOR_PREFIX) or not _EVENT_ID.match(event_id):
        raise ApiError(ApiErrors.INVALID_CURSOR)
    return event_id
