"""Inputs of the Spark engine as one DataFrame, and their conversion to documents on the executors.

JSONL is read by `spark.read.json` (splittable, schema given), Parquet by `spark.read.parquet` (same columns),
and every other kind (WARC, HTML, text, feeds) as `binaryFile`, parsed on the executor by the registered ingest
readers. JSON records are converted by `ingest.readers.jsonl_record_to_document`, the local engine's own code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from ..errors import ConfigError, Errors, InputError
from ..ingest import readers
from ..model import Document, Failure
from .codec import CODED_DDL, STATUS_FAILED, STATUS_OK, document_columns

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
RECORD_FIELDS = ("id", "doc_id", "text", "html", "title", "url", "publication_date", "date")
JSON_SCHEMA = ", ".join(f"{name} string" for name in RECORD_FIELDS) + ", _corrupt_record string"
UNKNOWN_LINE = "?"  # Spark does not know line numbers in a split JSONL file


@dataclass
class InputPlan:
    """The inputs sorted by how Spark reads them; `origin` maps a normalised path to (rank, path as given)."""

    jsonl: list[str] = field(default_factory=list)
    parquet: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    origin: dict[str, tuple[int, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.jsonl or self.parquet or self.files)


def is_uri(path: str) -> bool:
    return "://" in path


def local_path(uri: str) -> str:
    """'file:/a/b c' or 'file:///a/b%20c' -> '/a/b c'; other URIs unchanged."""
    if uri.startswith("file:"):
        return unquote(urlparse(uri).path)
    return uri


def plan_inputs(paths: Iterable[str]) -> InputPlan:
    """Expand local directories like the local engine does (sorted, supported suffixes); URIs (hdfs://, s3a://)
    are taken as given. Missing files and unsupported kinds become failures, as in the local engine."""
    plan = InputPlan()
    for given in paths:
        if given == "-":
            raise ConfigError(Errors.E072.format())
        candidates = [given] if is_uri(given) else expand_local(given)
        for path in candidates:
            if not is_uri(path) and not Path(path).exists():
                plan.failures.append(Failure("", str(InputError(Errors.E001.format(path=path)))))
                continue
            suffix = readers.suffix_of(Path(path))
            if path.lower().endswith(PARQUET_SUFFIXES):
                target = plan.parquet
            elif suffix in JSONL_SUFFIXES:
                target = plan.jsonl
            elif suffix in readers.READERS:
                target = plan.files
            else:
                plan.failures.append(
                    Failure("", str(InputError(Errors.E002.format(ext=suffix or "(none)", path=path))))
                )
                continue
            key = path if is_uri(path) else str(Path(path).resolve())
            plan.origin.setdefault(key, (len(plan.origin), path))
            target.append(path)
    return plan


def expand_local(path: str) -> list[str]:
    """A file as given; a directory as its files that a reader takes or that are Parquet, sorted, recursively."""
    root = Path(path)
    if not root.is_dir():
        return [path]
    return [
        str(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and (readers.suffix_of(p) in readers.READERS or p.name.lower().endswith(PARQUET_SUFFIXES))
    ]


def _spark_path(path: str) -> str:
    return path if is_uri(path) else str(Path(path).resolve())


def input_frame(spark: SparkSession, plan: InputPlan) -> DataFrame:
    """One row per JSON/Parquet record or per other file: kind, path, record (JSON text), corrupt, content."""
    from pyspark.sql import functions as F

    frames = []
    if plan.jsonl:
        df = (
            spark.read.schema(JSON_SCHEMA)
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_corrupt_record")
            .json([_spark_path(p) for p in plan.jsonl])
        )
        frames.append(
            df.select(
                F.lit("record").alias("kind"),
                F.col("_metadata.file_path").alias("path"),
                F.to_json(F.struct(*RECORD_FIELDS)).alias("record"),
                F.col("_corrupt_record").alias("corrupt"),
            )
        )
    if plan.parquet:
        df = spark.read.parquet(*[_spark_path(p) for p in plan.parquet])
        cols = [F.col(c).cast("string").alias(c) for c in RECORD_FIELDS if c in df.columns]
        frames.append(
            df.select(
                F.lit("record").alias("kind"),
                F.col("_metadata.file_path").alias("path"),
                F.to_json(F.struct(*cols)).alias("record"),
                F.lit(None).cast("string").alias("corrupt"),
            )
        )
    if plan.files:
        df = spark.read.format("binaryFile").load([_spark_path(p) for p in plan.files])
        frames.append(df.select(F.lit("file").alias("kind"), "path", "content"))
    out = frames[0]
    for other in frames[1:]:
        out = out.unionByName(other, allowMissingColumns=True)
    if "content" not in out.columns:
        out = out.withColumn("content", F.lit(None).cast("binary"))
    for name in ("record", "corrupt"):
        if name not in out.columns:
            out = out.withColumn(name, F.lit(None).cast("string"))
    return out.withColumn("seq_in", F.monotonically_increasing_id())


# -- executor side ---------------------------------------------------------------------------------------
def documents_of_row(
    kind: str, path: str, record: str | None, corrupt: str | None, content: bytes | None, max_bytes: int
) -> Iterator[Document | InputError]:
    """The documents of one input row, read by the local engine's readers (errors are yielded, not raised)."""
    try:
        if kind == "file":
            yield from readers._read_one(Path(path), bytes(content), max_bytes)  # type: ignore[arg-type]  # a file row has content
            return
        if corrupt is not None or record is None:
            raise InputError(Errors.E005.format(path=path, line=UNKNOWN_LINE, reason="malformed record"))
        fields = json.loads(record)
        document = readers.jsonl_record_to_document(record, Path(path), UNKNOWN_LINE)
        document.source = path
        if not (fields.get("id") or fields.get("doc_id")):
            # the local engine names such a record by its line number, which Spark does not know
            document.doc_id = f"{Path(path).stem}-{document.content_hash[:12]}"
        if len(document.text.encode("utf-8", "surrogatepass")) > max_bytes:
            raise InputError(Errors.E011.format(path=path, size=len(document.text), limit=max_bytes))
        yield document
    except InputError as err:
        yield err


def to_documents(batches: Iterator[Any], origin: dict[str, tuple[int, str]], max_bytes: int) -> Iterator[Any]:
    """mapInPandas function: input rows -> one row per document (or per unreadable input), schema CODED_DDL."""
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for kind, uri, record, corrupt, content, seq_in in zip(
            batch["kind"],
            batch["path"],
            batch["record"],
            batch["corrupt"],
            batch["content"],
            batch["seq_in"],
            strict=True,
        ):
            normal = local_path(uri)
            rank, given = origin.get(normal, (len(origin), normal))
            for item_no, item in enumerate(
                documents_of_row(
                    kind, given, missing_to_none(record), missing_to_none(corrupt), missing_to_none(content), max_bytes
                )
            ):
                row: dict[str, Any] = {"path_rank": rank, "seq_in": int(seq_in), "seq_item": item_no}
                if isinstance(item, InputError):
                    row.update(status=STATUS_FAILED, failure_source="", reason=str(item))
                else:
                    row.update(status=STATUS_OK, **document_columns(item))
                rows.append(row)
        yield coded_frame_of(rows)


def coded_frame_of(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A pandas frame of CODED_DDL rows. Every column is of object dtype, missing values None: a column of
    NaN would reach Arrow as float and fail to convert to a string column."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series([r.get(c) for r in rows], dtype=object) for c in CODED_COLUMNS})


def missing_to_none(value: Any) -> Any:
    """pandas gives NaN/None for nulls depending on the column type."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return value


def _columns(ddl: str) -> list[str]:
    return [part.strip().split()[0] for part in ddl.split(",")]


CODED_COLUMNS = _columns(CODED_DDL)
