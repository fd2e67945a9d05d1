"""The Spark engine codes exactly what the local engine codes, and stores it the same way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.distributed.session import java_available

pyspark = pytest.importorskip("pyspark", reason="pyspark not installed (pip install 'eventwire[spark]')")
pytest.importorskip("pyarrow", reason="pyarrow not installed (pip install 'eventwire[spark]')")
if not java_available():
    pytest.skip("no Java runtime (java on PATH or JAVA_HOME) for Spark", allow_module_level=True)

DOCUMENTS = [
    {
        "id": "d1",
        "publication_date": "2020-01-04",
        "title": "Baghdad",
        "text": "BAGHDAD — Gunmen attacked a police checkpoint in Baghdad on Friday, killing three officers and "
        "wounding five, police said.",
    },
    {
        "id": "d2",
        "publication_date": "2021-03-02",
        "text": "Thousands of protesters marched in Yangon on Monday to demand the release of detained leaders. "
        "Security forces fired tear gas at the crowd.",
    },
    {
        "id": "d3",
        "publication_date": "2019-07-15",
        "text": "The United States imposed new sanctions on Iran on Monday, the Treasury said. Iran accused "
        "Washington of economic terrorism.",
    },
    {
        "id": "d4",
        "html": "<html><head><title>Talks</title></head><body><p>KABUL, Feb. 10 — Afghan and Taliban negotiators "
        "met in Doha on Sunday to discuss a ceasefire, officials said.</p></body></html>",
    },
    {
        "id": "d5",
        "publication_date": "2022-05-20",
        "text": "Russian forces shelled the city of Kharkiv overnight, killing at least four civilians, the regional "
        "governor said on Friday.",
    },
    {"id": "d6", "publication_date": "2020-11-03", "text": "The weather was mild and the market opened on time."},
    {
        "id": "d7",
        "publication_date": "2018-09-09",
        "text": "Al-Shabaab militants threatened to attack government offices in Mogadishu, a spokesman said on "
        "Sunday. The army deployed troops to the capital.",
    },
    {
        "id": "d8",
        "publication_date": "2020-01-04",
        "title": "copy",
        "text": "BAGHDAD — Gunmen attacked a police checkpoint in Baghdad on Friday, killing three officers and "
        "wounding five, police said.",
    },
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spark") / "news.jsonl"
    lines = [json.dumps(d) for d in DOCUMENTS]
    lines.insert(3, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spark():
    from eventwire.distributed.session import spark_session

    session = spark_session("local[2]", app_name="eventwire-test")
    yield session
    session.stop()


def _contract(db_path: str) -> list[dict]:
    from eventwire.store import Store

    with Store(db_path, read_only=True) as store:
        return sorted(store.events(), key=lambda e: e["event_id"])


def _table(db_path: str, sql: str) -> list[tuple]:
    from eventwire.store import Store

    with Store(db_path, read_only=True) as store:
        return sorted(store.iter_query(sql), key=repr)


def test_spark_engine_matches_local_engine(corpus, spark, tmp_path):
    from eventwire.distributed import ingest_spark
    from eventwire.jobs import ingest_files

    local_db, spark_db, out = str(tmp_path / "local.duckdb"), str(tmp_path / "spark.duckdb"), tmp_path / "parquet"
    local = ingest_files([str(corpus)], local_db, workers=1)
    report = ingest_spark([str(corpus)], spark_db, spark=spark, out_dir=str(out), partitions=3)

    local_events = _contract(local_db)
    assert local_events, "the corpus should give events"
    assert _contract(spark_db) == local_events
    assert (report.documents, report.added, report.events) == (local.documents, local.added, local.events)
    assert len(report.failures) == len(local.failures) == 1  # the malformed line, in both
    for sql in (
        "SELECT doc_id, content_hash, title, url, publication_date, text FROM documents",
        "SELECT * FROM sentences",
        "SELECT * FROM toponyms",
        "SELECT * EXCLUDE (record) FROM events",
    ):
        assert _table(spark_db, sql) == _table(local_db, sql), sql
    # events are written as Parquet partitioned by date (or 'unknown'), one folder per date
    partitions = {p.name for p in (out / "events").iterdir() if p.is_dir()}
    assert partitions and all(p.startswith("event_date=") for p in partitions)
    assert {e["date"] or "unknown" for e in local_events} == {p.split("=", 1)[1] for p in partitions}

    # a second run parses nothing, adds nothing and leaves no temporary Parquet behind
    again = ingest_spark([str(corpus)], spark_db, spark=spark)
    assert (again.added, again.already_stored, again.events) == (0, again.documents, 0)
    assert _contract(spark_db) == local_events
    assert not list(tmp_path.glob("eventwire-spark-*"))
