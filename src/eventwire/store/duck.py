"""DuckDB store. Each document is written with its sentences, toponyms and events in one transaction, so an
interrupted run never leaves a partial document; queries are parameterised, never built from user strings."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any, Protocol

import duckdb

from ..errors import Errors, StoreError
from ..model import Actor, Document, Event, Sentence, Toponym
from . import merging


class ProcessedDocument(Protocol):
    """What the store takes from the pipeline (its `Result`; the store may not import the pipeline)."""

    document: Document
    sentences: list[Sentence]
    toponyms: list[Toponym]
    events: list[Event]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The one value of an aggregate query (an aggregate always returns a row)."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def _schema() -> str:
    """schema.sql, then every schema_*.sql (one per feature: dedup, watch, ...), in name order."""
    folder = resources.files("eventwire.store")
    names = ["schema.sql"] + sorted(
        p.name for p in folder.iterdir() if p.name.startswith("schema_") and p.name.endswith(".sql")
    )
    return "\n".join((folder / n).read_text(encoding="utf-8") for n in names)


SCHEMA = _schema()


@dataclass
class EventFilter:
    """Filters of `Store.events` (all optional; combined with AND)."""

    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None  # location country or either actor's country
    sector: str | None = None  # either actor's sector (e.g. "military")
    modality: str | None = None
    doc_id: str | None = None
    min_fatalities: int | None = None
    min_confidence: float | None = None  # at least this confidence (0-1)
    text: str | None = None  # substring of the evidence sentence (case-insensitive)
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    after_id: str | None = None  # cursor: events with event_id greater than this


def _where(f: EventFilter, merged: bool = False) -> tuple[str, list[Any]]:
    """WHERE clause over `events`, or over `merged_events` (same column names) when `merged`: there
    `doc_id` and `text` match any source report of the merged event."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.event_type:
        add("event_type = ?", f.event_type.upper())
    if f.since:
        add("date >= ?", f.since)
    if f.until:
        add("date <= ?", f.until)
    if f.country:
        c = f.country.upper()
        add("(location_country = ? OR source_country = ? OR target_country = ?)", c, c, c)
    if f.sector and merged:
        add(
            "event_id IN (SELECT s.merged_id FROM event_sources s JOIN events e ON e.event_id = s.event_id "
            "WHERE lower(e.source_sector) = ? OR lower(e.target_sector) = ?)",
            f.sector.lower(),
            f.sector.lower(),
        )
    elif f.sector:
        add("(lower(source_sector) = ? OR lower(target_sector) = ?)", f.sector.lower(), f.sector.lower())
    if f.modality:
        add("modality = ?", f.modality.lower())
    if f.doc_id and merged:
        add("event_id IN (SELECT merged_id FROM event_sources WHERE doc_id = ?)", f.doc_id)
    elif f.doc_id:
        add("doc_id = ?", f.doc_id)
    if f.min_fatalities is not None:
        add("fatalities >= ?", f.min_fatalities)
    if f.min_confidence is not None:
        add("confidence >= ?", f.min_confidence)
    if f.text and merged:
        add(
            "event_id IN (SELECT s.merged_id FROM event_sources s JOIN events e ON e.event_id = s.event_id "
            "WHERE e.evidence_sentence ILIKE ? ESCAPE '\\')",
            "%" + _escape_like(f.text) + "%",
        )
    elif f.text:
        add("evidence_sentence ILIKE ? ESCAPE '\\'", "%" + _escape_like(f.text) + "%")
    if f.bbox:
        add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3])
    if f.after_id:
        add("event_id > ?", f.after_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store:
    """A DuckDB file (or ':memory:') holding eventwire's tables. Use as a context manager."""

    def __init__(self, path: str = "eventwire.duckdb", read_only: bool = False):
        self.path = path
        try:
            self.con = duckdb.connect(path, read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
        except duckdb.Error as err:
            raise StoreError(Errors.E010.format(path=path, reason=str(err).splitlines()[0])) from None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing -----------------------------------------------------------------------------------
    def has_content(self, content_hash: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE content_hash = ?", [content_hash]).fetchone() is not None

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(hashes)
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?))", [hashes]
        ).fetchall()
        return {r[0] for r in rows}

    def add_results(self, results: Iterable[ProcessedDocument], within: Callable[[Store], object] | None = None) -> int:
        """Store processed documents (pipeline `Result`s) in one transaction; returns documents added.
        A document whose content is already stored is skipped; a new version of a known doc_id replaces it.
        `within(store)` runs last inside the transaction (ingest queues the batch's watch alerts there), so
        what it writes is committed with the documents or rolled back with them."""
        results = list(results)
        self.con.execute("BEGIN TRANSACTION")
        try:
            fresh = self._fresh(results)
            if self._all_new(fresh):
                self._add_new(fresh)
                added = len(fresh)
            else:  # replacements and repeated ids: document by document, in order
                added = sum(self._add_one(r.document, r.sentences, r.toponyms, r.events) for r in results)
            if within is not None:
                within(self)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return added

    def _fresh(self, results: list) -> list:
        """The results whose content is neither stored nor repeated earlier in the list."""
        seen = self.known_hashes(r.document.content_hash for r in results)
        fresh = []
        for r in results:
            if r.document.content_hash not in seen:
                seen.add(r.document.content_hash)
                fresh.append(r)
        return fresh

    def _all_new(self, results: list[ProcessedDocument]) -> bool:
        """No two of `results` share a doc_id or an event id, and none of those ids is stored: the batch can be
        written set-wise with the rows that adding the documents one by one gives."""
        doc_ids = [r.document.doc_id for r in results]
        event_ids = [e.event_id for r in results for e in r.events]
        if len(set(doc_ids)) != len(doc_ids) or len(set(event_ids)) != len(event_ids):
            return False
        return (
            _scalar(
                self.con,
                "SELECT (SELECT count(*) FROM documents WHERE doc_id IN (SELECT unnest($1))) "
                "+ (SELECT count(*) FROM events WHERE event_id IN (SELECT unnest($2))) "
                "+ (SELECT count(*) FROM event_sources WHERE event_id IN (SELECT unnest($2)))",
                [doc_ids, event_ids],
            )
            == 0
        )

    def _add_new(self, results: list) -> None:
        """Write documents new to the store (see `_all_new`) with one INSERT per table and set-wise merging."""
        insert = merging.insert_rows
        insert(
            self.con,
            "documents (doc_id, content_hash, title, url, source, publication_date, text)",
            [
                [d.doc_id, d.content_hash, d.title, d.url, d.source, d.publication_date, d.text]
                for d in (r.document for r in results)
            ],
        )
        insert(self.con, "sentences", [[s.doc_id, s.index, s.start, s.end] for r in results for s in r.sentences])
        insert(self.con, "toponyms", [_toponym_row(r.document.doc_id, t) for r in results for t in r.toponyms])
        insert(self.con, "events", [_event_row(e) for r in results for e in r.events])
        merging.link_documents(self.con, [(r.document, r.events) for r in results])

    def _add_one(self, doc: Document, sentences: list[Sentence], toponyms: list[Toponym], events: list[Event]) -> int:
        if self.has_content(doc.content_hash):
            return 0
        self._delete_document(doc.doc_id)
        self.con.execute(
            "INSERT INTO documents (doc_id, content_hash, title, url, source, publication_date, text)"
            " VALUES (?,?,?,?,?,?,?)",
            [doc.doc_id, doc.content_hash, doc.title, doc.url, doc.source, doc.publication_date, doc.text],
        )
        if sentences:
            self.con.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?)", [[s.doc_id, s.index, s.start, s.end] for s in sentences]
            )
        if toponyms:
            self.con.executemany(
                "INSERT INTO toponyms VALUES (?,?,?,?,?,?,?,?,?,?,?)", [_toponym_row(doc.doc_id, t) for t in toponyms]
            )
        if events:
            rows = [_event_row(e) for e in events]
            self.con.executemany(f"INSERT OR REPLACE INTO events VALUES ({','.join('?' * len(rows[0]))})", rows)
        merging.link_document(self.con, doc, events)
        return 1

    def _delete_document(self, doc_id: str) -> None:
        merging.unlink_document(self.con, doc_id)
        for table in ("events", "toponyms", "sentences", "documents"):
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])

    def add_copies(self, documents: Iterable[Document]) -> list[Document]:
        """Record documents whose text is stored under another id as copies of it (once each); returns those
        whose text is not stored (yet), for the caller to try again after the next commit."""
        documents = list(documents)
        if not documents:
            return []
        stored = dict(
            self.con.execute(
                "SELECT content_hash, doc_id FROM documents WHERE content_hash IN (SELECT unnest(?))",
                [[d.content_hash for d in documents]],
            ).fetchall()
        )
        waiting = []
        for d in documents:
            holder = stored.get(d.content_hash)
            if holder is None:
                waiting.append(d)
            elif holder != d.doc_id:
                self.con.execute(
                    "INSERT OR IGNORE INTO document_copies VALUES (?, ?, ?, ?, ?)",
                    [d.doc_id, holder, d.url, d.source, d.publication_date],
                )
        return waiting

    def add_skipped(self, source: str, reason: str) -> None:
        """Record a skipped document once (a rerun that meets it again adds no second row)."""
        self.con.execute(
            "INSERT INTO skipped (source, reason) SELECT ?, ? WHERE NOT EXISTS "
            "(SELECT 1 FROM skipped WHERE source IS NOT DISTINCT FROM ? AND reason = ?)",
            [source, reason, source, reason],
        )

    # -- reading -----------------------------------------------------------------------------------
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
        where, params = _where(f, merged=merged)
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
            t: _scalar(self.con, f"SELECT count(*) FROM {t}")
            for t in ("merged_events", "event_sources", "document_clusters")
        }
        counts["clusters"] = _scalar(self.con, "SELECT count(DISTINCT cluster_id) FROM document_clusters")
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
            t: _scalar(self.con, f"SELECT count(*) FROM {t}")
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


def _actor_cols(a: Actor | None) -> list[Any]:
    return [a.text, a.name, a.country, a.sector] if a else [None] * 4


def _event_row(e: Event) -> list[Any]:
    loc = e.location
    loc_cols = (
        [loc.name, loc.lat, loc.lon, loc.country, loc.admin1, loc.geonameid, loc.precision] if loc else [None] * 7
    )
    return [
        e.event_id,
        e.doc_id,
        e.date,
        e.date_precision if e.date else None,
        e.event_type,
        e.mode,
        e.cameo_code,
        e.modality,
        *_actor_cols(e.source_actor),
        *_actor_cols(e.target_actor),
        *loc_cols,
        e.fatalities,
        e.injuries,
        list(e.weapons),
        e.confidence,
        e.evidence.sentence,
        e.evidence.char_start,
        e.evidence.char_end,
        json.dumps(e.to_contract(), ensure_ascii=False),
        # last: the column is added by schema_mentions.sql's ALTER, so it ends every store's events table
        json.dumps(e.to_contract()["mentions"], ensure_ascii=False),
    ]


def _toponym_row(doc_id: str, t: Toponym) -> list[Any]:
    p = t.place
    return [
        doc_id,
        t.start,
        t.end,
        t.text,
        *([p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.feature_code] if p else [None] * 7),
    ]
