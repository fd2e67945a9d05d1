"""Incremental cross-report merging in the store: each new document is placed in a near-duplicate cluster
and each of its events is matched against the stored merged events (indexed lookup by type and date window,
then `eventwire.dedup.match_score`). Runs inside the caller's transaction, so a document, its events and
their merges are committed together or not at all."""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import duckdb

from ..dedup import (NEAR_DUP_THRESHOLD, FatalityReport, MergeKey, band_keys, key_from_event, match_score,
                     minhash_signature, reconcile_fatalities, signature_similarity)
from ..dedup.rules import DEFAULT_RULES, date_rank, place_rank
from ..model import Document, Event

MERGED_PREFIX = "me_"

_MERGED_KEY_COLS = ("event_id", "event_type", "modality", "date", "date_precision", "source_name", "source_country",
                    "target_name", "target_country", "lat", "lon", "location_country", "admin1", "location_name",
                    "location_precision", "date_min", "fatalities_min", "fatalities_max")


def merged_id_for(event_id: str) -> str:
    """The merged id derived from the first report's id (stable: it never changes as sources are added)."""
    return MERGED_PREFIX + event_id.removeprefix("ev_")


def link_document(con: duckdb.DuckDBPyConnection, doc: Document, events: list[Event]) -> None:
    """Cluster the document with its near-duplicates, then merge each of its events."""
    cluster_id = assign_cluster(con, doc)
    for event in events:
        merge_event(con, event, doc.publication_date, cluster_id)


def assign_cluster(con: duckdb.DuckDBPyConnection, doc: Document) -> str:
    signature = minhash_signature(doc.text)
    bands = band_keys(signature)
    rows = con.execute(
        "SELECT c.doc_id, c.cluster_id, c.signature FROM document_clusters c WHERE c.doc_id IN "
        "(SELECT DISTINCT doc_id FROM document_bands WHERE band IN (SELECT unnest(?))) AND c.doc_id <> ? "
        "ORDER BY c.doc_id", [bands, doc.doc_id]).fetchall()
    best: tuple[float, str] | None = None
    for _, cluster_id, other in rows:
        sim = signature_similarity(signature, other)
        if sim >= NEAR_DUP_THRESHOLD and (best is None or sim > best[0]):
            best = (sim, cluster_id)
    cluster_id = best[1] if best else doc.doc_id
    con.execute("INSERT INTO document_clusters VALUES (?, ?, ?, ?)",
                [doc.doc_id, cluster_id, best[0] if best else None, signature])
    con.executemany("INSERT INTO document_bands VALUES (?, ?)", [[b, doc.doc_id] for b in bands])
    return cluster_id


def merge_event(con: duckdb.DuckDBPyConnection, event: Event, publication_date: date | None,
                cluster_id: str) -> str:
    """Attach the event to the best-matching merged event (or a new one); returns the merged id."""
    key = key_from_event(event, publication_date)
    merged_id = best_candidate(con, key) if key.date is not None else None
    if merged_id is None:
        merged_id = merged_id_for(event.event_id)
    con.execute("INSERT OR REPLACE INTO event_sources VALUES (?, ?, ?, ?)",
                [event.event_id, merged_id, event.doc_id, cluster_id])
    refresh_merged(con, merged_id)
    return merged_id


def best_candidate(con: duckdb.DuckDBPyConnection, key: MergeKey) -> str | None:
    # The indexed lookup: same type, date range overlapping the widest window around the new date.
    window = timedelta(days=max(DEFAULT_RULES.window(key.date_precision), DEFAULT_RULES.date_window_days["month"]))
    rows = con.execute(
        f"SELECT {', '.join(_MERGED_KEY_COLS)} FROM merged_events WHERE event_type = ? "
        "AND date_min <= ? AND date_max >= ? ORDER BY event_id",
        [key.event_type, key.date + window, key.date - window]).fetchall()
    scored = []
    for row in rows:
        score = match_score(key, _merged_key(row))
        if score is not None:
            scored.append((score, row[0]))
    return min(scored)[1] if scored else None


def _merged_key(row: tuple) -> MergeKey:
    (_, event_type, modality, when, date_precision, sn, sc, tn, tc, lat, lon, country, admin1, place,
     precision, date_min, low, high) = row
    if when is None:  # only undated reports: their publication dates stand in
        when, date_precision = date_min, None
    return MergeKey(event_type, modality, when, date_precision, sn, sc, tn, tc, lat, lon, country, admin1, place,
                    precision, low, high)


def refresh_merged(con: duckdb.DuckDBPyConnection, merged_id: str) -> None:
    """Recompute a merged event from all its sources (or delete it when none is left)."""
    rows = con.execute(
        "SELECT s.cluster_id, e.record, d.publication_date FROM event_sources s "
        "JOIN events e ON e.event_id = s.event_id JOIN documents d ON d.doc_id = s.doc_id "
        "WHERE s.merged_id = ? ORDER BY e.event_id", [merged_id]).fetchall()
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
    dated = [r for r in by_conf if r.get("date")]
    when = min(dated, key=lambda r: (date_rank(r.get("date_precision")), r["date"])) if dated else None
    located = [r for r in by_conf if r.get("location")]
    where = min(located, key=lambda r: place_rank(r["location"].get("precision"))) if located else None
    source_actor = next((r["source_actor"] for r in by_conf if r.get("source_actor")), None)
    target_actor = next((r["target_actor"] for r in by_conf if r.get("target_actor")), None)
    effective = [date.fromisoformat(r["date"]) if r.get("date") else pub for _, r, pub in sources]
    effective = [d for d in effective if d is not None]
    tolls = reconcile_fatalities(FatalityReport(r.get("fatalities"), r.get("confidence") or 0.0, cluster)
                                 for cluster, r, _ in sources)
    n_sources = len({cluster for cluster, _, _ in sources})
    record = {**rep, "event_id": merged_id, "date": when["date"] if when else None,
              "date_precision": when["date_precision"] if when else None,
              "source_actor": source_actor, "target_actor": target_actor,
              "location": where["location"] if where else None, "fatalities": tolls.fatalities,
              "fatalities_range": [tolls.low, tolls.high] if tolls.low is not None else None,
              "n_sources": n_sources, "n_reports": len(records),
              "source_event_ids": [r["event_id"] for r in records]}
    loc = record["location"] or {}
    src, tgt = source_actor or {}, target_actor or {}
    return [merged_id, rep["doc_id"], record["date"], record["date_precision"],
            min(effective) if effective else None, max(effective) if effective else None,
            rep["event_type"], rep.get("mode"), rep.get("modality") or "asserted",
            src.get("name"), src.get("country"), tgt.get("name"), tgt.get("country"),
            loc.get("name"), loc.get("lat"), loc.get("lon"), loc.get("country"), loc.get("admin1"),
            loc.get("precision"), tolls.fatalities, tolls.low, tolls.high, rep.get("confidence"),
            (rep.get("evidence") or {}).get("sentence"), n_sources, len(records),
            json.dumps(record, ensure_ascii=False)]


def unlink_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Remove a document's reports from their merged events (before a new version replaces it)."""
    merged = [r[0] for r in con.execute("SELECT DISTINCT merged_id FROM event_sources WHERE doc_id = ?",
                                        [doc_id]).fetchall()]
    con.execute("DELETE FROM event_sources WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM document_bands WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM document_clusters WHERE doc_id = ?", [doc_id])
    for merged_id in merged:
        refresh_merged(con, merged_id)
