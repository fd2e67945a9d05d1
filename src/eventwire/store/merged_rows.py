"""Writing merged rows: a merged event's `merged_events` row computed from all its reports (representative,
date, place, actors, reconciled fatalities), its stable id, and `refresh_merged`, which rewrites the stored row
from the stored reports. What a merged event *is* lives here; which reports belong together is decided in
`candidates` (with `eventwire.dedup`'s rules), and when to write in `merging` and `batch_merge`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

from ..dedup import FatalityReport, reconcile_fatalities
from ..dedup.rules import date_rank, place_rank
from .candidates import MERGED_KEY_COLS

MERGED_PREFIX = "me_"


def merged_id_for(event_id: str) -> str:
    """The merged id derived from the first report's id (stable: it never changes as sources are added)."""
    return MERGED_PREFIX + event_id.removeprefix("ev_")


def refresh_merged(con: duckdb.DuckDBPyConnection, merged_id: str) -> None:
    """Recompute a merged event from all its sources (or delete it when none is left)."""
    rows = con.execute(
        "SELECT s.cluster_id, e.record, d.publication_date FROM event_sources s "
        "JOIN events e ON e.event_id = s.event_id JOIN documents d ON d.doc_id = s.doc_id "
        "WHERE s.merged_id = ? ORDER BY e.event_id",
        [merged_id],
    ).fetchall()
    con.execute("DELETE FROM merged_events WHERE event_id = ?", [merged_id])
    if not rows:
        return
    sources = [(cluster, json.loads(record), pub) for cluster, record, pub in rows]
    con.execute(f"INSERT INTO merged_events VALUES ({', '.join('?' * 27)})", merged_row(merged_id, sources))


def merged_row(merged_id: str, sources: list[tuple[str, dict[str, Any], date | None]]) -> list[Any]:
    """The merged event's values: representative = highest-confidence report; date and location from the
    most precise report; each actor from the most confident report that names one; fatalities reconciled."""
    records = [r for _, r, _ in sources]
    by_conf = sorted(records, key=lambda r: -(r.get("confidence") or 0))
    rep = by_conf[0]
    # a date the text states before a report's publication day (see `dedup.rules`), then the most precise
    from_report = {id(r) for _, r, pub in sources if pub is not None and r.get("date") == pub.isoformat()}
    dated = [r for r in by_conf if r.get("date")]
    when = (
        min(dated, key=lambda r: (id(r) in from_report, date_rank(r.get("date_precision")), r["date"]))
        if dated
        else None
    )
    located = [r for r in by_conf if r.get("location")]
    where = min(located, key=lambda r: place_rank(r["location"].get("precision"))) if located else None
    source_actor = next((r["source_actor"] for r in by_conf if r.get("source_actor")), None)
    target_actor = next((r["target_actor"] for r in by_conf if r.get("target_actor")), None)
    told = [date.fromisoformat(r["date"]) if r.get("date") else pub for _, r, pub in sources]
    effective = [d for d in told if d is not None]
    tolls = reconcile_fatalities(
        FatalityReport(r.get("fatalities"), r.get("confidence") or 0.0, cluster) for cluster, r, _ in sources
    )
    n_sources = len({cluster for cluster, _, _ in sources})
    record = {
        **rep,
        "event_id": merged_id,
        "date": when["date"] if when else None,
        "date_precision": when["date_precision"] if when else None,
        "source_actor": source_actor,
        "target_actor": target_actor,
        "location": where["location"] if where else None,
        "fatalities": tolls.fatalities,
        "fatalities_range": [tolls.low, tolls.high] if tolls.low is not None else None,
        "n_sources": n_sources,
        "n_reports": len(records),
        "source_event_ids": [r["event_id"] for r in records],
        "date_from_report": when is None or id(when) in from_report,
    }
    loc = record["location"] or {}
    src, tgt = source_actor or {}, target_actor or {}
    return [
        merged_id,
        rep["doc_id"],
        record["date"],
        record["date_precision"],
        min(effective) if effective else None,
        max(effective) if effective else None,
        rep["event_type"],
        rep.get("mode"),
        rep.get("modality") or "asserted",
        src.get("name"),
        src.get("country"),
        tgt.get("name"),
        tgt.get("country"),
        loc.get("name"),
        loc.get("lat"),
        loc.get("lon"),
        loc.get("country"),
        loc.get("admin1"),
        loc.get("precision"),
        tolls.fatalities,
        tolls.low,
        tolls.high,
        rep.get("confidence"),
        (rep.get("evidence") or {}).get("sentence"),
        n_sources,
        len(records),
        json.dumps(record, ensure_ascii=False),
    ]


# Positions in `merged_row`'s values of the `MERGED_KEY_COLS`, and of date_max.
MERGED_ROW_INDEX = {
    "event_id": 0,
    "date": 2,
    "date_precision": 3,
    "date_min": 4,
    "date_max": 5,
    "event_type": 6,
    "modality": 8,
    "source_name": 9,
    "source_country": 10,
    "target_name": 11,
    "target_country": 12,
    "location_name": 13,
    "lat": 14,
    "lon": 15,
    "location_country": 16,
    "admin1": 17,
    "location_precision": 18,
    "fatalities_min": 20,
    "fatalities_max": 21,
}


def stored_key(row: list[Any]) -> tuple:
    """A merged row's MERGED_KEY_COLS and date_max as the store would return them."""
    values = {c: row[i] for c, i in MERGED_ROW_INDEX.items()}
    if isinstance(values["date"], str):
        values["date"] = date.fromisoformat(values["date"])
    for c in ("lat", "lon"):
        if values[c] is not None:
            values[c] = float(values[c])
    from_report = bool(json.loads(row[-1]).get("date_from_report"))
    return tuple(values[c] for c in MERGED_KEY_COLS) + (from_report, values["date_max"])
