"""`GET /stats` (event counts by type, country and day) and `GET /health`."""

from __future__ import annotations

from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter, Depends, Query

from .db import Database
from .deps import get_db, require_read

router = APIRouter(tags=["stats"])

# Fixed SQL, one set per table; the optional date range is bound as parameters (NULL = no bound).
_RANGE = "(?::DATE IS NULL OR date >= ?::DATE) AND (?::DATE IS NULL OR date <= ?::DATE)"
_QUERIES = {
    table: {
        "by_type": f"SELECT event_type, count(*) FROM {table} WHERE {_RANGE} GROUP BY 1 ORDER BY 2 DESC, 1",
        "by_country": f"SELECT location_country, count(*) FROM {table} WHERE {_RANGE} AND location_country IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC, 1",
        "by_day": f"SELECT date, count(*) FROM {table} WHERE {_RANGE} AND date IS NOT NULL GROUP BY 1 ORDER BY 1",
    }
    for table in ("events", "merged_events")
}


@router.get("/stats", dependencies=[Depends(require_read)], summary="Event counts by type, country and day")
def stats(
    since: date | None = Query(None, description="Count events on or after this day."),
    until: date | None = Query(None, description="Count events on or before this day."),
    merged: bool = Query(True, description="Count merged events (false: every report)."),
    db: Database = Depends(get_db),
) -> dict[str, Any]:
    params = [since, since, until, until]
    with db.reader() as store:
        sql = _QUERIES["merged_events" if merged and hasattr(store, "merged_events") else "events"]
        by_type = dict(store.iter_query(sql["by_type"], params))
        by_country = dict(store.iter_query(sql["by_country"], params))
        by_day = [{"date": d.isoformat(), "count": n} for d, n in store.iter_query(sql["by_day"], params)]
        documents = store.counts()["documents"]
    return {
        "events": sum(by_type.values()),
        "documents": documents,
        "by_type": by_type,
        "by_country": by_country,
        "by_day": by_day,
    }


@router.get("/health", summary="Liveness and database check (always open)")
def health(db: Database = Depends(get_db)) -> dict[str, Any]:
    with db.reader() as store:
        counts = store.counts()
    return {"status": "ok", "version": _version(), "events": counts["events"], "documents": counts["documents"]}


def _version() -> str:
    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "unknown"
