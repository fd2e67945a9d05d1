"""Incremental cross-report merging in the store: each new document is placed in a near-duplicate cluster
and each of its events is matched against the stored merged events (lookup by type and date window,
then `eventwire.dedup.match_score`). Runs inside the caller's transaction, so a document, its events and
their merges are committed together or not at all."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np

from ..dedup import (
    NEAR_DUP_THRESHOLD,
    FatalityReport,
    MergeKey,
    band_keys,
    key_from_event,
    match_score,
    minhash_signature,
    reconcile_fatalities,
    signature_similarity,
)
from ..dedup.rules import DEFAULT_RULES, date_rank, place_rank
from ..model import Document, Event

MERGED_PREFIX = "me_"

_MERGED_KEY_COLS = (
    "event_id",
    "event_type",
    "modality",
    "date",
    "date_precision",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "lat",
    "lon",
    "location_country",
    "admin1",
    "location_name",
    "location_precision",
    "date_min",
    "fatalities_min",
    "fatalities_max",
)
# whether the merged event's date is only its reports' publication day (a key in the merged record)
_FROM_REPORT_SQL = "coalesce(CAST(json_extract({p}record, '$.date_from_report') AS BOOLEAN), false)"


def _key_select(prefix: str = "") -> str:
    return ", ".join([prefix + c for c in _MERGED_KEY_COLS] + [_FROM_REPORT_SQL.format(p=prefix)])


def merged_id_for(event_id: str) -> str:
    """The merged id derived from the first report's id (stable: it never changes as sources are added)."""
    return MERGED_PREFIX + event_id.removeprefix("ev_")


def link_document(con: duckdb.DuckDBPyConnection, doc: Document, events: list[Event]) -> None:
    """Cluster the document with its near-duplicates, then merge each of its events."""
    cluster_id = assign_cluster(con, doc)
    for event in events:
        merge_event(con, event, doc.publication_date, cluster_id)


def link_documents(con: duckdb.DuckDBPyConnection, docs: list[tuple[Document, list[Event]]]) -> None:
    """`link_document` for each document in order, for documents new to the store (no stored row has their doc_id
    or their events' ids) whose rows are already inserted: the same clusters and merges, from a few set-wise
    queries per batch instead of several statements per event."""
    if not docs:
        return
    clusters = assign_clusters(con, [doc for doc, _ in docs])
    merger = _BatchMerger(con, [(e, doc.publication_date) for doc, events in docs for e in events])
    for (doc, events), cluster_id in zip(docs, clusters, strict=True):
        for event in events:
            merger.merge(event, doc.publication_date, cluster_id)
    merger.write()


def assign_clusters(con: duckdb.DuckDBPyConnection, docs: list[Document]) -> list[str]:
    """`assign_cluster` for each document in order (each may join the cluster of an earlier one of the list)."""
    signatures = [minhash_signature(doc.text) for doc in docs]
    bands = [band_keys(signature) for signature in signatures]
    # band -> doc_ids of stored documents sharing a band with one of `docs`; then each of those documents'
    # cluster and signature once. (Joining the bands to the clusters returned a document's 128-value signature
    # once per shared band, as Python ints: tens of MB per batch once a story had a dozen stored copies.)
    by_band: dict[int, set[str]] = {}
    for band, doc_id in con.execute(
        "SELECT band, doc_id FROM document_bands WHERE band IN (SELECT unnest(?))",
        [sorted({b for keys in bands for b in keys})],
    ).fetchall():
        by_band.setdefault(band, set()).add(doc_id)
    known: dict[str, tuple[str, np.ndarray]] = {}  # doc_id -> (cluster_id, signature)
    if by_band:
        cursor = con.execute(
            "SELECT doc_id, cluster_id, signature FROM document_clusters WHERE doc_id IN (SELECT unnest(?))",
            [sorted(set().union(*by_band.values()))],
        )
        while rows := cursor.fetchmany(256):
            for doc_id, cluster_id, signature in rows:
                known[doc_id] = (cluster_id, np.asarray(signature, dtype=np.uint64))
    cluster_rows, band_rows, out = [], [], []
    for doc, signature, keys in zip(docs, signatures, bands, strict=True):
        candidates: set[str] = set()
        for band in keys:
            candidates.update(by_band.get(band, ()))
        candidates.discard(doc.doc_id)
        mine = np.asarray(signature, dtype=np.uint64)
        best: tuple[float, str] | None = None
        for other_id in sorted(candidates):  # doc_id order, as `assign_cluster` reads them
            if other_id not in known:  # a band row without its cluster row (the join dropped it too)
                continue
            cluster_id, other = known[other_id]
            sim = signature_similarity(mine, other)
            if sim >= NEAR_DUP_THRESHOLD and (best is None or sim > best[0]):
                best = (sim, cluster_id)
        cluster_id = best[1] if best else doc.doc_id
        cluster_rows.append([doc.doc_id, cluster_id, best[0] if best else None, signature])
        known[doc.doc_id] = (cluster_id, mine)
        for band in keys:
            by_band.setdefault(band, set()).add(doc.doc_id)
            band_rows.append([band, doc.doc_id])
        out.append(cluster_id)
    insert_rows(con, "document_clusters", cluster_rows)
    insert_rows(con, "document_bands", band_rows)
    return out


# Positions in `merged_row`'s values of the `_MERGED_KEY_COLS`, and of date_max.
_MERGED_ROW_INDEX = {
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


class _BatchMerger:
    """`merge_event` over a batch of new reports, with the merged events they can touch held in memory: the
    stored candidates of all the reports are read in one query, each merge updates the copy, and `write` stores
    the final state of every touched merged event (the state `merge_event` one by one leaves)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, reports: list[tuple[Event, date | None]]):
        self.con = con
        self.keys: dict[str, tuple] = {}  # merged_id -> (_MERGED_KEY_COLS..., date_max) as stored
        self.sources: dict[str, list[tuple[str, str, dict[str, Any], date | None]]] = {}  # touched merged events
        self.rows: dict[str, list[Any]] = {}  # merged_id -> merged_events row to write
        self.links: list[list[Any]] = []  # new event_sources rows
        windows = [
            (k.event_type, k.date - w, k.date + w)
            for k in (key_from_event(e, pub) for e, pub in reports)
            if k.date is not None
            for w in [timedelta(days=_window(k))]
        ]
        if windows:
            types, lows, highs = (list(c) for c in zip(*windows, strict=True))
            for row in con.execute(
                f"SELECT DISTINCT {_key_select('m.')}, m.date_max FROM merged_events m "
                "JOIN (SELECT unnest(?) AS event_type, unnest(?) AS low, unnest(?) AS high) w "
                "ON m.event_type = w.event_type AND m.date_min <= w.high AND m.date_max >= w.low",
                [types, lows, highs],
            ).fetchall():
                self.keys[row[0]] = row
        # stored reports of every merged event a report may join: a candidate, or the id it would create
        wanted = sorted(set(self.keys) | {merged_id_for(e.event_id) for e, _ in reports})
        # records stay JSON text until their merged event is touched: most candidates are not, and parsed
        # records of every candidate's reports grew with the store (issue 5)
        self.stored_sources: dict[str, list] = {}
        for merged_id, event_id, cluster_id, record, pub in con.execute(
            "SELECT s.merged_id, s.event_id, s.cluster_id, e.record, d.publication_date FROM event_sources s "
            "JOIN events e ON e.event_id = s.event_id JOIN documents d ON d.doc_id = s.doc_id "
            "WHERE s.merged_id IN (SELECT unnest(?))",
            [wanted],
        ).fetchall():
            self.stored_sources.setdefault(merged_id, []).append((event_id, cluster_id, record, pub))

    def merge(self, event: Event, publication_date: date | None, cluster_id: str) -> str:
        key = key_from_event(event, publication_date)
        merged_id = self._best_candidate(key) if key.date is not None else None
        if merged_id is None:
            merged_id = merged_id_for(event.event_id)
        self.links.append([event.event_id, merged_id, event.doc_id, cluster_id])
        sources = self.sources.get(merged_id)
        if sources is None:
            sources = self.sources[merged_id] = [
                (event_id, cluster, json.loads(record), pub)
                for event_id, cluster, record, pub in self.stored_sources.pop(merged_id, [])
            ]
        # the record as the store returns it (JSON round trip), like `refresh_merged` reads it
        record = json.loads(json.dumps(event.to_contract(), ensure_ascii=False))
        sources.append((event.event_id, cluster_id, record, publication_date))
        sources.sort(key=lambda s: s[0])
        row = merged_row(merged_id, [(cluster, rec, pub) for _, cluster, rec, pub in sources])
        self.rows[merged_id] = row
        self.keys[merged_id] = _stored_key(row)
        return merged_id

    def _best_candidate(self, key: MergeKey) -> str | None:
        assert key.date is not None  # the caller looks up dated events only
        window = timedelta(days=_window(key))
        low, high = key.date - window, key.date + window
        scored = []
        for row in sorted(
            (
                r
                for r in self.keys.values()
                if r[1] == key.event_type and r[15] is not None and r[-1] is not None and r[15] <= high and r[-1] >= low
            ),
            key=lambda r: r[0],
        ):
            score = match_score(key, _merged_key(row[:-1]))
            if score is not None:
                scored.append((score, row[0]))
        return min(scored)[1] if scored else None

    def write(self) -> None:
        if not self.rows:
            return
        self.con.execute("DELETE FROM merged_events WHERE event_id IN (SELECT unnest(?))", [sorted(self.rows)])
        insert_rows(self.con, "merged_events", list(self.rows.values()))
        insert_rows(self.con, "event_sources", self.links)


def _window(key: MergeKey) -> int:
    """Days either side of a report's date within which `best_candidate` looks for merged events (a stated date
    may match a report's date up to `named_report_window_days` later)."""
    return max(
        DEFAULT_RULES.window(key.date_precision),
        DEFAULT_RULES.date_window_days["month"],
        DEFAULT_RULES.named_report_window_days,
    )


def _stored_key(row: list[Any]) -> tuple:
    """A merged row's _MERGED_KEY_COLS and date_max as the store would return them."""
    values = {c: row[i] for c, i in _MERGED_ROW_INDEX.items()}
    if isinstance(values["date"], str):
        values["date"] = date.fromisoformat(values["date"])
    for c in ("lat", "lon"):
        if values[c] is not None:
            values[c] = float(values[c])
    from_report = bool(json.loads(row[-1]).get("date_from_report"))
    return tuple(values[c] for c in _MERGED_KEY_COLS) + (from_report, values["date_max"])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """Insert rows with one parameterised statement that binds one list per column (DuckDB runs `executemany`
    one row at a time, and binding every value of a multi-row VALUES is slow too)."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO {table} SELECT {', '.join(['unnest(?)'] * len(columns))}", columns)


def assign_cluster(con: duckdb.DuckDBPyConnection, doc: Document) -> str:
    signature = minhash_signature(doc.text)
    bands = band_keys(signature)
    rows = con.execute(
        "SELECT c.doc_id, c.cluster_id, c.signature FROM document_clusters c WHERE c.doc_id IN "
        "(SELECT DISTINCT doc_id FROM document_bands WHERE band IN (SELECT unnest(?))) AND c.doc_id <> ? "
        "ORDER BY c.doc_id",
        [bands, doc.doc_id],
    ).fetchall()
    best: tuple[float, str] | None = None
    for _, cluster_id, other in rows:
        sim = signature_similarity(signature, other)
        if sim >= NEAR_DUP_THRESHOLD and (best is None or sim > best[0]):
            best = (sim, cluster_id)
    cluster_id = best[1] if best else doc.doc_id
    con.execute(
        "INSERT INTO document_clusters VALUES (?, ?, ?, ?)",
        [doc.doc_id, cluster_id, best[0] if best else None, signature],
    )
    con.executemany("INSERT INTO document_bands VALUES (?, ?)", [[b, doc.doc_id] for b in bands])
    return cluster_id


def merge_event(con: duckdb.DuckDBPyConnection, event: Event, publication_date: date | None, cluster_id: str) -> str:
    """Attach the event to the best-matching merged event (or a new one); returns the merged id."""
    key = key_from_event(event, publication_date)
    merged_id = best_candidate(con, key) if key.date is not None else None
    if merged_id is None:
        merged_id = merged_id_for(event.event_id)
    con.execute(
        "INSERT OR REPLACE INTO event_sources VALUES (?, ?, ?, ?)",
        [event.event_id, merged_id, event.doc_id, cluster_id],
    )
    refresh_merged(con, merged_id)
    return merged_id


def best_candidate(con: duckdb.DuckDBPyConnection, key: MergeKey) -> str | None:
    assert key.date is not None  # the caller looks up dated events only
    # The lookup: same type, date range overlapping the widest window around the new date.
    window = timedelta(days=_window(key))
    rows = con.execute(
        f"SELECT {_key_select()} FROM merged_events WHERE event_type = ? "
        "AND date_min <= ? AND date_max >= ? ORDER BY event_id",
        [key.event_type, key.date + window, key.date - window],
    ).fetchall()
    scored = []
    for row in rows:
        score = match_score(key, _merged_key(row))
        if score is not None:
            scored.append((score, row[0]))
    return min(scored)[1] if scored else None


def _merged_key(row: tuple) -> MergeKey:
    (
        _,
        event_type,
        modality,
        when,
        date_precision,
        sn,
        sc,
        tn,
        tc,
        lat,
        lon,
        country,
        admin1,
        place,
        precision,
        date_min,
        low,
        high,
        from_report,
    ) = row
    if when is None:  # only undated reports: their publication dates stand in
        when, date_precision, from_report = date_min, None, True
    return MergeKey(
        event_type,
        modality,
        when,
        date_precision,
        sn,
        sc,
        tn,
        tc,
        lat,
        lon,
        country,
        admin1,
        place,
        precision,
        low,
        high,
        bool(from_report),
    )


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


def unlink_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Remove a document's reports from their merged events (before a new version replaces it)."""
    merged = [
        r[0] for r in con.execute("SELECT DISTINCT merged_id FROM event_sources WHERE doc_id = ?", [doc_id]).fetchall()
    ]
    con.execute("DELETE FROM event_sources WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM document_bands WHERE doc_id = ?", [doc_id])
    con.execute("DELETE FROM document_clusters WHERE doc_id = ?", [doc_id])
    for merged_id in merged:
        refresh_merged(con, merged_id)
