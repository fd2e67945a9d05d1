"""The Spark engine: inputs -> documents -> `pipeline.process_batch` in `mapInPandas` -> Parquet tables.

Each Python worker loads the spaCy model once (`nlp.get_nlp()` is cached per process and Spark reuses its
Python workers), then codes its documents in batches with the same `process_batch` as the local engine.
Output, under `out_dir`:
  documents/pub_date=YYYY-MM-DD|unknown/   sentences/   toponyms/   events/event_date=YYYY-MM-DD|unknown/
  failures/   (inputs that could not be read or processed, with the reason)
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..model import Failure
from .codec import (
    CODED_DDL,
    EVENT_DDL,
    SENTENCE_DDL,
    STATUS_FAILED,
    STATUS_OK,
    STATUS_STORED,
    TOPONYM_DDL,
    UNKNOWN_DATE,
    document_from_row,
    result_columns,
)
from .sources import InputPlan, coded_frame_of, input_frame, missing_to_none, to_documents

if TYPE_CHECKING:  # pragma: no cover
    from pyspark.sql import DataFrame, SparkSession

TABLES = ("documents", "sentences", "toponyms", "events", "failures")
KEY = ("path_rank", "seq_in", "seq_item")  # input order: sorting by it gives the local engine's order


@dataclass
class SparkRun:
    """What a run wrote: `out_dir` holds the tables. `documents` counts readable documents; `failed` counts
    unreadable inputs and documents the pipeline could not code."""

    out_dir: str
    documents: int
    coded: int
    already_stored: int
    failed: int
    events: int


def code_documents(
    batches: Iterator[Any], known_hashes: Any, publication_date: str | None, batch_size: int
) -> Iterator[Any]:
    """mapInPandas function: document rows -> coded rows (CODED_DDL). Runs on the executors."""
    from ..pipeline import process_batch, with_publication_date

    known = known_hashes.value if known_hashes is not None else frozenset()
    default = date.fromisoformat(publication_date) if publication_date else None
    for batch in batches:
        rows = batch.to_dict("records")
        todo: list[tuple[dict[str, Any], Any]] = []
        for row in rows:
            if row["status"] != STATUS_OK:
                continue
            if row["content_hash"] in known:
                row["status"] = STATUS_STORED
                continue
            todo.append((row, with_publication_date(document_from_row(row), default)))
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            for (row, _), result in zip(chunk, process_batch([d for _, d in chunk], batch_size), strict=True):
                if isinstance(result, Failure):
                    row.update(status=STATUS_FAILED, failure_source=result.source, reason=result.reason)
                else:
                    row.update(result_columns(result))
        yield coded_frame_of([{k: missing_to_none(v) for k, v in row.items()} for row in rows])


def coded_frame(
    spark: SparkSession,
    plan: InputPlan,
    *,
    publication_date: date | None = None,
    batch_size: int = 32,
    max_bytes: int = 20_000_000,
    known_hashes: frozenset[str] = frozenset(),
    partitions: int | None = None,
) -> DataFrame:
    """The coded DataFrame (one row per document, CODED_DDL), not yet computed."""
    sc = spark.sparkContext
    partitions = partitions or max(2, sc.defaultParallelism * 4)
    read = functools.partial(to_documents, origin=plan.origin, max_bytes=max_bytes)
    code = functools.partial(
        code_documents,
        known_hashes=sc.broadcast(known_hashes) if known_hashes else None,
        publication_date=publication_date.isoformat() if publication_date else None,
        batch_size=batch_size,
    )
    documents = first_of_each_content(input_frame(spark, plan).mapInPandas(read, CODED_DDL))
    # JSONL.gz and small files arrive in few partitions: spread the documents before the costly stage
    return documents.repartition(partitions).mapInPandas(code, CODED_DDL)


def first_of_each_content(documents: DataFrame) -> DataFrame:
    """Mark repeats of a content already met earlier in the input (syndicated copies) as already stored, as
    the local engine does, so that they are not parsed."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    first = F.row_number().over(Window.partitionBy("content_hash").orderBy(*KEY)) == 1
    repeat = (F.col("status") == STATUS_OK) & ~first
    return documents.withColumn("status", F.when(repeat, F.lit(STATUS_STORED)).otherwise(F.col("status")))


def write_tables(coded: DataFrame, out_dir: str) -> DataFrame:
    """Write the Parquet tables of a coded DataFrame (computed once: it is persisted while the tables are written)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    coded = coded.persist(StorageLevel.MEMORY_AND_DISK)
    key = [F.col(k) for k in KEY]
    ok = coded.where(F.col("status") == STATUS_OK)
    (
        ok.select(
            *key,
            "doc_id",
            "content_hash",
            "title",
            "url",
            "source",
            F.to_date("publication_date").alias("publication_date"),
            "text",
            "segments",
            F.coalesce(F.col("publication_date"), F.lit(UNKNOWN_DATE)).alias("pub_date"),
        )
        .write.mode("overwrite")
        .partitionBy("pub_date")
        .parquet(f"{out_dir}/documents")
    )
    (
        ok.select(*key, "doc_id", F.explode(F.from_json("sentences", SENTENCE_DDL)).alias("s"))
        .select(*KEY, "doc_id", "s.*")
        .write.mode("overwrite")
        .parquet(f"{out_dir}/sentences")
    )
    (
        ok.select(*key, "doc_id", F.posexplode(F.from_json("toponyms", TOPONYM_DDL)).alias("pos", "t"))
        .select(*KEY, "doc_id", "pos", "t.*")
        .write.mode("overwrite")
        .parquet(f"{out_dir}/toponyms")
    )
    events = ok.select(*key, "doc_id", F.posexplode(F.from_json("events", EVENT_DDL)).alias("pos", "e")).select(
        *KEY, "doc_id", "pos", "e.*"
    )
    (
        events.withColumn("event_date", F.coalesce(F.col("date"), F.lit(UNKNOWN_DATE)))
        .withColumn("date", F.to_date("date"))
        .write.mode("overwrite")
        .partitionBy("event_date")
        .parquet(f"{out_dir}/events")
    )
    (
        coded.where(F.col("status") != STATUS_OK)
        .select(*key, "status", F.col("failure_source").alias("source"), "reason")
        .write.mode("overwrite")
        .parquet(f"{out_dir}/failures")
    )
    return coded


def run_spark(spark: SparkSession, plan: InputPlan, out_dir: str, **options: Any) -> SparkRun:
    """Code every input of `plan` on `spark` and write the tables under `out_dir` (see module docstring)."""
    from pyspark.sql import functions as F

    coded = write_tables(coded_frame(spark, plan, **options), out_dir)
    try:
        rows = (
            coded.groupBy("status")
            .agg(
                F.count("*").alias("n"),
                F.count("doc_id").alias("read"),
                F.sum(F.json_array_length("events")).alias("events"),
            )
            .collect()
        )
    finally:
        coded.unpersist()
    counts = {r["status"]: r for r in rows}
    get = lambda status, field: (counts[status][field] or 0) if status in counts else 0  # noqa: E731
    return SparkRun(
        out_dir=out_dir,
        documents=sum(get(s, "read") for s in counts),
        coded=get(STATUS_OK, "n"),
        already_stored=get(STATUS_STORED, "n"),
        failed=get(STATUS_FAILED, "n"),
        events=get(STATUS_OK, "events"),
    )
