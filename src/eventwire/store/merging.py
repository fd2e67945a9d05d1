"""Incremental cross-report merging in the store: each new document is placed in a near-duplicate cluster
and each of its events is matched against the stored merged events (lookup by type and date window,
then `eventwire.dedup.match_score`). Runs inside the caller's transaction, so a document, its events and
their merges are committed together or not at all.

This module is the entry point the writes call (`link_document(s)`, `unlink_document`) and the one-report
merge; the parts are one module per job: `clusters` (near-duplicate documents), `candidates` (which merged
events a report may join, and the winner), `merged_rows` (a merged event's row, written) and `batch_merge`
(a batch of new reports set-wise). Their public names are re-exported here, where they always were."""

from __future__ import annotations

from datetime import date

import duckdb

from ..dedup import key_from_event
from ..model import Document, Event
from .batch_merge import BatchMerger
from .candidates import best_candidate
from .clusters import assign_cluster, assign_clusters
from .merged_rows import MERGED_PREFIX, merged_id_for, merged_row, refresh_merged
from .rows import insert_rows

__all__ = [
    "MERGED_PREFIX",
    "assign_cluster",
    "assign_clusters",
    "best_candidate",
    "insert_rows",
    "link_document",
    "link_documents",
    "merge_event",
    "merged_id_for",
    "merged_row",
    "refresh_merged",
    "unlink_document",
]


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
    merger = BatchMerger(con, [(e, doc.publication_date) for doc, events in docs for e in events])
    for (doc, events), cluster_id in zip(docs, clusters, strict=True):
        for event in events:
            merger.merge(event, doc.publication_date, cluster_id)
    merger.write()


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
