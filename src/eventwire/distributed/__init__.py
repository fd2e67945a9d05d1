"""Spark engine: the same coding as the local engine (`pipeline.process_batch`), spread over a Spark cluster.

    from eventwire.distributed import ingest_spark
    report = ingest_spark(["news.jsonl"], db_path="events.duckdb", master="local[2]")

pyspark is optional (`pip install eventwire[spark]`); nothing here imports it until a job starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..config import Config, load_config
from ..model import Failure

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import SparkSession

    from ..jobs import JobReport
    from .engine import SparkRun

__all__ = ["ingest_spark", "code_to_parquet"]


def code_to_parquet(
    paths: Iterable[str],
    out_dir: str,
    publication_date: date | None = None,
    config: Config | None = None,
    master: str | None = None,
    spark: SparkSession | None = None,
    known_hashes: frozenset[str] = frozenset(),
    partitions: int | None = None,
) -> tuple[SparkRun | None, list[Failure]]:
    """Code every document under `paths` on Spark and write Parquet tables under `out_dir` (documents,
    sentences, toponyms, events partitioned by date, failures). Returns (`SparkRun`, read failures found on
    the driver). Documents whose content hash is in `known_hashes` are not parsed."""
    from .engine import run_spark
    from .session import spark_session
    from .sources import plan_inputs

    config = config or load_config()
    plan = plan_inputs(paths)
    if plan.empty:
        return None, plan.failures
    own = spark is None
    spark = spark or spark_session(master)
    try:
        run = run_spark(
            spark,
            plan,
            out_dir,
            publication_date=publication_date,
            batch_size=config.batch_size,
            max_bytes=config.max_document_bytes,
            known_hashes=known_hashes,
            partitions=partitions,
        )
    finally:
        if own:
            spark.stop()
    return run, plan.failures


def ingest_spark(
    paths: Iterable[str],
    db_path: str | None = None,
    publication_date: date | None = None,
    config: Config | None = None,
    master: str | None = None,
    out_dir: str | None = None,
    spark: SparkSession | None = None,
    partitions: int | None = None,
) -> JobReport:
    """Code every document under `paths` on Spark and store it in the DuckDB file `db_path`, like
    `jobs.ingest_files` does locally: same tables, ids and merging (documents are written by `Store`).
    Documents already stored are not parsed. The Parquet tables go to `out_dir` and are kept there when it
    is given; otherwise to a temporary folder, removed after loading. Returns a `jobs.JobReport`."""
    from ..jobs import JobReport
    from ..store import Store
    from .load import load_into_store

    config = config or load_config()
    db_path = db_path or config.db_path
    report = JobReport()
    keep = out_dir is not None
    out_dir = out_dir or tempfile.mkdtemp(
        prefix="eventwire-spark-", dir=os.path.dirname(os.path.abspath(db_path)) if db_path != ":memory:" else None
    )
    try:
        with Store(db_path) as store:
            known = frozenset(row[0] for row in store.iter_query("SELECT content_hash FROM documents"))
        run, read_failures = code_to_parquet(paths, out_dir, publication_date, config, master, spark, known, partitions)
        with Store(db_path) as store:
            for failure in read_failures:
                store.add_skipped(failure.source, failure.reason)
            report.failures.extend(read_failures)
            if run is None:
                return report
            loaded = load_into_store(out_dir, store, config.batch_size)
            report.failures.extend(_stored_failures(out_dir))
        report.documents = run.documents
        report.added = loaded.added
        report.already_stored = run.already_stored + loaded.already_stored
        report.events = run.events
        return report
    finally:
        if not keep:
            shutil.rmtree(out_dir, ignore_errors=True)


def _stored_failures(out_dir: str) -> list[Failure]:
    from .load import iter_failures

    return [Failure(row["source"] or "", row["reason"]) for row in iter_failures(out_dir)]
