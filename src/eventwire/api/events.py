"""`GET /events` (filtered, cursor-paginated, JSON/CSV/GeoJSON) and `GET /events/{id}` (with its sources)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse, Response

from ..store import EventFilter, Store
from .db import Database
from .deps import get_db, require_read
from .errors import ApiError, ApiErrors
from .formats import csv_text, geojson
from .params import MAX_LIMIT, Format, decode_cursor, encode_cursor, event_filter

router = APIRouter(tags=["events"], dependencies=[Depends(require_read)])
EVENT_ID = r"^[A-Za-z0-9_.:-]{1,128}$"


@router.get("/events", summary="Events matching the filters, one page at a time")
def list_events(
    flt: EventFilter = Depends(event_filter),
    limit: int = Query(100, ge=1, le=MAX_LIMIT, description="Events per page (at most 1000)."),
    cursor: str | None = Query(None, max_length=200, description="`next_cursor` of the previous page."),
    format: Format = Query("json", description="json, csv or geojson."),
    merged: bool = Query(
        True,
        description="One record per happening (reports of it merged, with "
        "`n_sources`), or false: one record per report.",
    ),
    db: Database = Depends(get_db),
) -> Response:
    """Pages are ordered by event id, so a cursor stays valid while new events arrive. The next page's
    cursor is `next_cursor` in JSON and GeoJSON, and the `X-Next-Cursor` header in every format (absent on
    the last page)."""
    # after_id "" (not None) asks the store for event-id order from the first page on.
    flt = replace(flt, after_id=decode_cursor(cursor) if cursor else "", limit=limit + 1)
    with db.reader() as store:
        records = store.merged_events(flt) if merged and hasattr(store, "merged_events") else store.events(flt)
    next_cursor = encode_cursor(records[limit - 1]["event_id"]) if len(records) > limit else None
    records = records[:limit]
    headers = {"X-Next-Cursor": next_cursor} if next_cursor else {}
    if format == "csv":
        return Response(csv_text(records), media_type="text/csv; charset=utf-8", headers=headers)
    if format == "geojson":
        return JSONResponse(geojson(records, next_cursor), media_type="application/geo+json", headers=headers)
    return JSONResponse({"events": records, "count": len(records), "next_cursor": next_cursor}, headers=headers)


@router.get("/events/{event_id}", summary="One event with all its sources and their evidence")
def get_event(event_id: str = Path(pattern=EVENT_ID), db: Database = Depends(get_db)) -> dict[str, Any]:
    """The output-contract record plus `sources`: every report of the event (several when duplicates were
    merged), each with its document's title, url and date, and the evidence sentence with its offsets in
    that document's cleaned text (`GET /documents/{doc_id}`)."""
    with db.reader() as store:
        record = event_record(store, event_id)
        if record is None:
            raise ApiError(ApiErrors.NOT_FOUND, what="event", id=event_id)
        record["sources"] = [_with_document(store, s) for s in _sources(record)]
    return record


def event_record(store: Store, event_id: str) -> dict[str, Any] | None:
    """A merged event when the store knows merging (dedup), else the event row itself."""
    merged = getattr(store, "merged_event", None)
    if merged is not None:
        record = merged(event_id)
        if record is not None:
            return dict(record)
    rows = list(store.iter_query("SELECT record FROM events WHERE event_id = ?", [event_id]))
    return json.loads(rows[0][0]) if rows else None


def _sources(record: dict[str, Any]) -> list[dict[str, Any]]:
    sources = record.get("sources")
    if sources:
        return [dict(s) for s in sources]
    return [{"doc_id": record["doc_id"], "event_id": record["event_id"], "evidence": record.get("evidence")}]


def _with_document(store: Store, source: dict[str, Any]) -> dict[str, Any]:
    document = store.document(source["doc_id"]) if source.get("doc_id") else None
    for key in ("title", "url", "publication_date"):
        if source.get(key) is None:
            source[key] = document.get(key) if document else None
    source["document"] = f"/documents/{source['doc_id']}"
    return source
