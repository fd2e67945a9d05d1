"""Reading the store: the query half of `Store` (a mixin on its connection). Events and merged events as
output-contract records (filtered by `filters.EventFilter`), a merged event with its sources, documents and
table counts. Nothing here writes, so a read-only connection or an API cursor serves every method."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import duckdb

from .connection import scalar
from .filters import EventFilter, where_clause


class StoreQueries:
    """`Store`'s reading methods, on its connection `con`."""

    con: duckdb.DuckDBPyConnection

    def events(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Output-contract records matching the filter, ordered by date then event_id."""
        return self._records("events", f or EventFilter(), merged=False)

    def merged_events(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """One record per merged event (several reports of one happening), ordered like `events`: the output
        contract of its representative report, with the merged id as event_id, the reconciled fatalities and
        `fatalities_range`, `n_sources` (documents, syndicated copies once), `n_reports` and
        `source_event_ids`. Filters as in `events`; `doc_id` and `text` match any of the sources."""
        return self._records("merged_events", f or EventFilter(), merged=True)

    def _records(self, table: str, f: EventFilter, merged: bool) -> list[dict[str, Any]]:
        """Stored contract records of `table` (a fixed name, never user input) matching `f`."""
        where, params = where_clause(f, merged=merged)
        order = " ORDER BY event_id" if f.after_id is not None else " ORDER BY date NULLS LAST, event_id"
        limit = " LIMIT ?" if f.limit else ""
        if f.limit:
            params.append(int(f.limit))
        rows = self.con.execute(f"SELECT record FROM {table}{where}{order}{limit}", params).fetchall()
        return [_with_mentions(json.loads(r[0])) for r in rows]

    def merged_event(self, event_id: str) -> dict[str, Any] | None:
        """A merged event with its `sources`: for each report, doc_id, event_id, title, url, publication_date,
        cluster_id (near-duplicate documents share one), fatalities, confidence, the evidence sentence with
        its offsets in the document's text, and `copies`: the other ids under which the same text was published
        (doc_id, url, publication_date; `document_copies`). `event_id` may be the merged id or any of its
        reports' ids; None when unknown."""
        row = self.con.execute(
            "SELECT m.record FROM merged_events m WHERE m.event_id = ? UNION ALL "
            "SELECT m.record FROM event_sources s JOIN merged_events m ON m.event_id = s.merged_id "
            "WHERE s.event_id = ? LIMIT 1",
            [event_id, event_id],
        ).fetchone()
        if row is None:
            return None
        record = json.loads(row[0])
        sources = self.con.execute(
            "SELECT s.doc_id, s.event_id, d.title, d.url, d.publication_date, s.cluster_id, e.fatalities, "
            "e.confidence, e.evidence_sentence, e.evidence_start, e.evidence_end FROM event_sources s "
            "JOIN events e ON e.event_id = s.event_id JOIN documents d ON d.doc_id = s.doc_id "
            "WHERE s.merged_id = ? ORDER BY d.publication_date NULLS LAST, d.ingested_at, s.event_id",
            [record["event_id"]],
        ).fetchall()
        record["sources"] = [
            {
                "doc_id": doc_id,
                "event_id": ev_id,
                "title": title,
                "url": url,
                "publication_date": pub.isoformat() if pub else None,
                "cluster_id": cluster,
                "fatalities": fatalities,
                "confidence": confidence,
                "evidence": {"sentence": sentence, "char_start": start, "char_end": end},
            }
            for doc_id, ev_id, title, url, pub, cluster, fatalities, confidence, sentence, start, end in sources
        ]
        copies = self._copies_of([s["doc_id"] for s in record["sources"]])
        for source in record["sources"]:
            source["copies"] = copies.get(source["doc_id"], [])
        return record

    def _copies_of(self, doc_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Stored document id -> its recorded copies (doc_id, url, publication_date), in id order."""
        out: dict[str, list[dict[str, Any]]] = {}
        if not doc_ids:
            return out
        rows = self.con.execute(
            "SELECT stored_as, doc_id, url, publication_date FROM document_copies "
            "WHERE stored_as IN (SELECT unnest(?)) ORDER BY doc_id",
            [doc_ids],
        ).fetchall()
        for stored_as, doc_id, url, pub in rows:
            out.setdefault(stored_as, []).append(
                {"doc_id": doc_id, "url": url, "publication_date": pub.isoformat() if pub else None}
            )
        return out

    def dedup_counts(self) -> dict[str, int]:
        """Rows in the dedup tables (merged events, report links, document clusters)."""
        counts = {
            t: scalar(self.con, f"SELECT count(*) FROM {t}")
            for t in ("merged_events", "event_sources", "document_clusters")
        }
        counts["clusters"] = scalar(self.con, "SELECT count(DISTINCT cluster_id) FROM document_clusters")
        return counts

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.con.execute(
            "SELECT doc_id, title, url, source, publication_date, text FROM documents WHERE doc_id = ?", [doc_id]
        ).fetchone()
        if row is None:
            return None
        keys = ("doc_id", "title", "url", "source", "publication_date", "text")
        out = dict(zip(keys, row, strict=True))
        out["publication_date"] = out["publication_date"].isoformat() if out["publication_date"] else None
        return out

    def counts(self) -> dict[str, int]:
        return {
            t: scalar(self.con, f"SELECT count(*) FROM {t}")
            for t in ("documents", "sentences", "events", "toponyms", "skipped")
        }

    def iter_query(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple]:
        cur = self.con.execute(sql, params or [])
        while batch := cur.fetchmany(1000):
            yield from batch


def _with_mentions(record: dict[str, Any]) -> dict[str, Any]:
    """A record stored before events listed their mentions has one: its evidence (the contract always has them)."""
    if "mentions" not in record and isinstance(record.get("evidence"), dict):
        record["mentions"] = [record["evidence"]]
    return record
