"""The ingest job: parallel workers give the same rows as one process, reruns skip stored documents, and a
run killed with SIGKILL at random moments then rerun ends with exactly the rows of a clean run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from eventwire.config import Config
from eventwire.jobs import ingest_files
from eventwire.store import Store

CITIES = ["Baghdad", "Mosul", "Kirkuk", "Basra", "Aleppo", "Homs", "Kabul", "Kandahar", "Mogadishu", "Kismayo"]
ACTORS = ["Gunmen", "Militants", "Security forces", "Protesters", "Police", "Soldiers"]
VERBS = [
    "attacked a checkpoint in",
    "clashed with villagers near",
    "marched through",
    "shelled positions outside",
    "arrested dozens of people in",
    "raided a market in",
]


def corpus(n: int, seed: int = 7) -> list[dict]:
    """Short synthetic wire reports: several tell the same happening, so merging is exercised too."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        city, actor, verb = rng.choice(CITIES), rng.choice(ACTORS), rng.choice(VERBS)
        killed = rng.choice([2, 3, 5, 12])
        text = (
            f"{city}, {rng.randint(1, 5)} March 2021 (Wire) - {actor} {verb} {city} on Monday, killing "
            f"{killed} people, officials said. Report number {i} adds that {rng.choice(ACTORS).lower()} "
            f"later withdrew. Residents said the {rng.choice(['fighting', 'violence', 'unrest'])} lasted "
            f"several hours before calm returned to {city}."
        )
        docs.append({"id": f"d{i:04d}", "text": text, "publication_date": "2021-03-05"})
    return docs


def write_jsonl(path: Path, docs: list[dict], bad_line: bool = True) -> Path:
    lines = [json.dumps(d) for d in docs]
    if bad_line:
        lines.insert(len(lines) // 2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: str) -> dict:
    with Store(db, read_only=True) as store:
        q = lambda sql: sorted(store.con.execute(sql).fetchall())  # noqa: E731
        return {
            "documents": q("SELECT doc_id, content_hash FROM documents"),
            "sentences": q("SELECT doc_id, idx FROM sentences"),
            "events": q("SELECT event_id FROM events"),
            "toponyms": q("SELECT doc_id, char_start FROM toponyms"),
            "merged": q("SELECT event_id, n_sources, n_reports, fatalities FROM merged_events"),
            "sources": q("SELECT event_id, merged_id, cluster_id FROM event_sources"),
            "clusters": q("SELECT doc_id, cluster_id FROM document_clusters"),
            "skipped": q("SELECT source, reason FROM skipped"),
        }


def test_workers_give_the_same_rows_and_reruns_skip(tmp_path):
    path = write_jsonl(tmp_path / "docs.jsonl", corpus(24))
    config = Config(batch_size=4)
    one, two = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    report = ingest_files([str(path)], one, config=config, workers=1)
    assert (report.documents, report.added, len(report.failures)) == (24, 24, 1)
    ingest_files([str(path)], two, config=config, workers=2)
    assert snapshot(one) == snapshot(two)
    assert snapshot(one)["events"] and len(snapshot(one)["merged"]) < len(snapshot(one)["events"])
    again = ingest_files([str(path)], two, config=config, workers=2)
    assert (again.added, again.already_stored) == (0, 24)
    assert snapshot(one) == snapshot(two)


def _ingest_cmd(path: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "eventwire.cli",
        "-v",
        "ingest",
        str(path),
        "--db",
        str(db),
        "--quiet",
        "--workers",
        "2",
    ]


def _kill_after_commits(cmd: list[str], env: dict, commits: int, delay_s: float) -> None:
    """Run `cmd`, wait for its `commits`-th committed batch (logged with -v), wait `delay_s` more (so the kill
    may land inside a transaction), then SIGKILL it and its workers."""
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    seen = 0
    for line in proc.stderr:
        seen += "committed" in line
        if seen >= commits:
            break
    time.sleep(delay_s)
    os.killpg(proc.pid, signal.SIGKILL)  # no chance to clean up: uncommitted work is simply lost
    proc.wait()
    proc.stderr.close()


def test_sigkill_at_random_moments_then_rerun_equals_clean_run(tmp_path):
    path = write_jsonl(tmp_path / "docs.jsonl", corpus(60))
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "3"}
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    subprocess.run(_ingest_cmd(path, clean), env=env, check=False, capture_output=True, timeout=300)
    expected = snapshot(str(clean))
    assert len(expected["documents"]) == 60 and len(expected["skipped"]) == 1

    rng = random.Random(2024)
    partial = []
    for _ in range(3):
        _kill_after_commits(_ingest_cmd(path, killed), env, commits=rng.randint(1, 3), delay_s=rng.uniform(0, 0.3))
        partial.append(len(snapshot(str(killed))["documents"]))
    assert 0 < partial[0] < 60 and partial == sorted(partial), partial  # progress kept across kills
    subprocess.run(_ingest_cmd(path, killed), env=env, check=False, capture_output=True, timeout=300)
    assert snapshot(str(killed)) == expected


def test_a_missing_gazetteer_cache_is_built_once_in_a_child_before_the_workers(monkeypatch, tmp_path):
    from eventwire import jobs
    from eventwire.geo import gazetteer

    started = []

    class FakeProcess:
        def __init__(self, target, args, name):
            started.append((target, name))

        def start(self):
            pass

        def join(self):
            pass

    class FakeContext:
        Process = FakeProcess

    monkeypatch.setattr(gazetteer, "cache_path", lambda: tmp_path / "missing.pkl")
    jobs._ensure_gazetteer_cached(FakeContext())
    assert [t for t, _ in started] == [jobs._build_gazetteer_cache]
    (tmp_path / "missing.pkl").write_bytes(b"cached")
    jobs._ensure_gazetteer_cached(FakeContext())
    assert len(started) == 1


def test_a_copy_under_another_id_is_stored_once_and_recorded_as_a_copy(tmp_path):
    import json as _json

    from eventwire.jobs import ingest_files
    from eventwire.store import Store

    story = "Gunmen attacked a police post near Gao on Monday, killing three officers, officials said."
    path = tmp_path / "wire.jsonl"
    path.write_text(
        "\n".join(
            _json.dumps(r)
            for r in [
                {"id": "outlet-a", "text": story, "url": "https://a.example/1"},
                {
                    "id": "outlet-b",
                    "text": story + "\n(Reporting by Jane Roe; Editing by John Doe)",
                    "url": "https://b.example/9",
                },
                {"id": "outlet-a", "text": story},
            ]
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "copies.duckdb")
    first = ingest_files([str(path)], db, workers=1)
    again = ingest_files([str(path)], db, workers=1)
    assert first.added == 1 and first.already_stored == 2 and again.added == 0
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT doc_id FROM documents").fetchall() == [("outlet-a",)]
        assert store.con.execute("SELECT doc_id, stored_as, url FROM document_copies").fetchall() == [
            ("outlet-b", "outlet-a", "https://b.example/9")
        ]


def test_a_batch_that_runs_out_of_the_store_memory_limit_is_written_again_under_a_higher_one(
    tmp_path, monkeypatch, caplog
):
    """The writer's DuckDB limit is small (`ingest_db_memory_mb`); a write that runs out of it rolls back, the
    limit doubles and the batch is written again: the store ends with the rows of an undisturbed run."""
    import duckdb

    from eventwire import jobs
    from eventwire.store import merging

    path = write_jsonl(tmp_path / "docs.jsonl", corpus(12), bad_line=False)
    config = Config(batch_size=4, ingest_db_memory_mb=40)
    clean, retried = str(tmp_path / "clean.duckdb"), str(tmp_path / "retried.duckdb")
    ingest_files([str(path)], clean, config=config, workers=1)

    link, calls, limits = merging.link_documents, [], []
    real_apply = jobs._DuckMemory._apply

    def failing_link(con, docs):
        calls.append(len(docs))
        link(con, docs)  # the batch's rows are written, then the transaction fails
        if len(calls) == 2:
            raise duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate data (test)")

    def apply(self):
        limits.append(self.limit_mb)
        real_apply(self)

    monkeypatch.setattr(merging, "link_documents", failing_link)
    monkeypatch.setattr(jobs._DuckMemory, "_apply", apply)
    with caplog.at_level("WARNING", logger="eventwire"):
        report = ingest_files([str(path)], retried, config=config, workers=1)
    assert report.added == 12 and not report.failures
    assert calls == [4, 4, 4, 4] and limits == [40, 80]
    assert "raised to 80 MB" in caplog.text
    assert snapshot(retried) == snapshot(clean)


def test_the_store_memory_limit_stops_growing_at_its_ceiling(monkeypatch):
    import duckdb
    import pytest

    from eventwire import jobs

    monkeypatch.setattr(jobs, "MAX_INGEST_DB_MEMORY_MB", 128)
    with Store(":memory:") as store:
        memory = jobs._DuckMemory(store, 64)

        def out_of_memory():
            raise duckdb.OutOfMemoryException("Out of Memory Error (test)")

        with pytest.raises(duckdb.OutOfMemoryException):
            memory.run(out_of_memory)
        assert memory.limit_mb == 128
        assert jobs._DuckMemory(store, 1).limit_mb == jobs.MIN_INGEST_DB_MEMORY_MB


def test_a_merged_event_lists_the_copies_of_its_source_documents(tmp_path):
    import json as _json

    from eventwire.jobs import ingest_files
    from eventwire.store import Store

    story = "Gunmen attacked a police post near Gao on Monday, killing three officers, officials said."
    path = tmp_path / "wire.jsonl"
    path.write_text(
        "\n".join(
            _json.dumps(r)
            for r in [
                {"id": "outlet-a", "text": story, "url": "https://a.example/1", "publication_date": "2022-07-05"},
                {
                    "id": "outlet-b",
                    "text": story + "\n(Reporting by Jane Roe)",
                    "url": "https://b.example/9",
                    "publication_date": "2022-07-05",
                },
            ]
        ),
        encoding="utf-8",
    )
    db = str(tmp_path / "copies.duckdb")
    ingest_files([str(path)], db, workers=1)
    with Store(db, read_only=True) as store:
        (merged,) = store.merged_events()
        (source,) = store.merged_event(merged["event_id"])["sources"]
    assert source["doc_id"] == "outlet-a"
    assert source["copies"] == [{"doc_id": "outlet-b", "url": "https://b.example/9", "publication_date": "2022-07-05"}]
