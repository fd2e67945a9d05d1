"""Near-duplicate document clusters: each new document joins the cluster of its most similar stored document
(MinHash signatures, looked up by LSH band), or starts its own. A cluster counts as one source when merged
events count their sources, so a syndicated story told by many sites is not many witnesses. Apart from the
event merging because it looks at whole texts, never at events."""

from __future__ import annotations

import duckdb
import numpy as np

from ..dedup import NEAR_DUP_THRESHOLD, band_keys, minhash_signature, signature_similarity
from ..model import Document
from .rows import insert_rows


def assign_cluster(con: duckdb.DuckDBPyConnection, doc: Document) -> str:
    """Store the document's signature and bands and return its cluster id (its best near-duplicate's, or its own)."""
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
