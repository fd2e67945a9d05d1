"""Load the Spark engine's Parquet tables into the DuckDB store.

DuckDB reads the Parquet (`read_parquet`) in input order, the rows are rebuilt into the pipeline's `Result`s,
and `Store.add_results` writes them: the same code as the local engine, so ids, content-hash idempotency and
cross-report merging (`store.merging`, run by the store for each new document) are the local engine's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..model import Result
from .codec import STATUS_FAILED, result_from_rows
from .engine import KEY

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

ORDER = ", ".join(KEY)


@dataclass
class LoadReport:
    added: int = 0  # documents newly stored
    already_stored: int = 0  # coded documents whose content the store already had (or had twice in this run)
    skipped: int = 0  # failures recorded in the `skipped` table


def _scan(out_dir: str, table: str) -> str:
    folder = Path(out_dir) / table
    # hive_partitioning adds pub_date/event_date back as columns; union_by_name tolerates empty partitions
    return f"read_parquet('{_quote(str(folder))}/**/*.parquet', hive_partitioning = true, union_by_name = true)"


def _quote(s: str) -> str:
    return s.replace("'", "''")


def _has_files(out_dir: str, table: str) -> bool:
    return any((Path(out_dir) / table).rglob("*.parquet"))


def _rows(con: duckdb.DuckDBPyConnection, out_dir: str, table: str, order: str) -> Iterator[dict[str, Any]]:
    if not _has_files(out_dir, table):
        return iter(())
    cur = con.cursor()
    cur.execute(f"SELECT * FROM {_scan(out_dir, table)} ORDER BY {order}")
    names = [d[0] for d in cur.description]

    def generate() -> Iterator[dict[str, Any]]:
        while batch := cur.fetchmany(1000):
            for row in batch:
                yield dict(zip(names, row, strict=True))

    return generate()


def _grouped(rows: Iterator[dict[str, Any]]) -> Iterator[tuple[tuple, list[dict[str, Any]]]]:
    return ((key, list(group)) for key, group in itertools.groupby(rows, key=lambda r: tuple(r[k] for k in KEY)))


class _Cursor:
    """A stream of (key, rows) that can be asked for the rows of one key, in increasing key order."""

    def __init__(self, rows: Iterator[dict[str, Any]]):
        self.groups = _grouped(rows)
        self.head = next(self.groups, None)

    def take(self, key: tuple) -> list[dict[str, Any]]:
        while self.head is not None and self.head[0] < key:
            self.head = next(self.groups, None)
        if self.head is not None and self.head[0] == key:
            rows, self.head = self.head[1], next(self.groups, None)
            return rows
        return []


def iter_results(out_dir: str) -> Iterator[Result]:
    """The coded documents under `out_dir`, in input order, as pipeline `Result`s."""
    con = duckdb.connect()
    try:
        sentences = _Cursor(_rows(con, out_dir, "sentences", ORDER))
        toponyms = _Cursor(_rows(con, out_dir, "toponyms", f"{ORDER}, pos"))
        events = _Cursor(_rows(con, out_dir, "events", f"{ORDER}, pos"))
        for document in _rows(con, out_dir, "documents", ORDER):
            key = tuple(document[k] for k in KEY)
            yield result_from_rows(document, sentences.take(key), toponyms.take(key), events.take(key))
    finally:
        con.close()


def iter_failures(out_dir: str) -> Iterator[dict[str, Any]]:
    con = duckdb.connect()
    try:
        for row in _rows(con, out_dir, "failures", ORDER):
            if row["status"] == STATUS_FAILED:
                yield row
    finally:
        con.close()


def load_into_store(out_dir: str, store: Store, batch_size: int = 32) -> LoadReport:
    """Add the Parquet tables under `out_dir` to `store` (an open `eventwire.store.Store`), one transaction
    per batch of documents, and record the failures in its `skipped` table. Loading twice adds nothing."""
    report = LoadReport()
    batch: list[Result] = []
    for result in iter_results(out_dir):
        batch.append(result)
        if len(batch) >= batch_size:
            added = store.add_results(batch)
            report.added += added
            report.already_stored += len(batch) - added
            batch = []
    if batch:
        added = store.add_results(batch)
        report.added += added
        report.already_stored += len(batch) - added
    for failure in iter_failures(out_dir):
        store.add_skipped(failure["source"] or "", failure["reason"])
        report.skipped += 1
    return report
