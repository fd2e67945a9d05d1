"""Writing documents: the write half of `Store` (a mixin on its connection). Each batch of documents is written
with its sentences, toponyms and events in one transaction, so an interrupted run never leaves a partial
document; a batch new to the store goes in set-wise, anything else document by document. The cross-report
merging itself lives in `merging`, called from here inside the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Self

import duckdb

from ..model import Document, Event, Sentence, Toponym
from . import merging
from .connection import scalar
from .rows import ProcessedDocument, event_row, insert_rows, toponym_row


class StoreWrites:
    """`Store`'s writing methods, on its connection `con`."""

    con: duckdb.DuckDBPyConnection

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

    def add_results(self, results: Iterable[ProcessedDocument], within: Callable[[Self], object] | None = None) -> int:
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
            scalar(
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
        insert_rows(
            self.con,
            "documents (doc_id, content_hash, title, url, source, publication_date, text)",
            [
                [d.doc_id, d.content_hash, d.title, d.url, d.source, d.publication_date, d.text]
                for d in (r.document for r in results)
            ],
        )
        insert_rows(self.con, "sentences", [[s.doc_id, s.index, s.start, s.end] for r in results for s in r.sentences])
        insert_rows(self.con, "toponyms", [toponym_row(r.document.doc_id, t) for r in results for t in r.toponyms])
        insert_rows(self.con, "events", [event_row(e) for r in results for e in r.events])
        # through the module, not a name bound here: tests replace `merging.link_documents`
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
                "INSERT INTO toponyms VALUES (?,?,?,?,?,?,?,?,?,?,?)", [toponym_row(doc.doc_id, t) for t in toponyms]
            )
        if events:
            rows = [event_row(e) for e in events]
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
