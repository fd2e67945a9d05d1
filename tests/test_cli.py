"""The command line: output formats, the database round trip, and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner
from tests.conftest import SAMPLE_DATE

from eventwire.cli import cli
from eventwire.model import CONTRACT_KEYS

EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*EVENTWIRE, *args], input=stdin, capture_output=True, timeout=300)


def test_extract_jsonl_follows_the_output_contract(sample_path):
    result = CliRunner().invoke(cli, ["extract", str(sample_path), "--format", "jsonl", "--date", SAMPLE_DATE])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "the sample report has events"
    for r in records:
        assert tuple(r) == CONTRACT_KEYS
        assert r["doc_id"] == sample_path.stem
        assert 0.0 <= r["confidence"] <= 1.0


def test_extract_csv_and_table(sample_path):
    csv_out = CliRunner().invoke(cli, ["extract", str(sample_path), "--format", "csv", "--date", SAMPLE_DATE])
    assert csv_out.exit_code == 0 and csv_out.stdout.startswith("event_id,doc_id,date")
    table = CliRunner().invoke(cli, ["extract", str(sample_path), "--format", "table", "--date", SAMPLE_DATE])
    assert table.exit_code == 0 and "ASSAULT" in table.stdout


def test_extract_min_confidence_keeps_only_sure_events(sample_path):
    args = ["extract", str(sample_path), "--format", "jsonl", "--date", SAMPLE_DATE]
    every = CliRunner().invoke(cli, args)
    sure = CliRunner().invoke(cli, [*args, "--min-confidence", "0.9"])
    assert every.exit_code == 0 and sure.exit_code == 0
    kept = [json.loads(line) for line in sure.stdout.splitlines()]
    assert all(r["confidence"] >= 0.9 for r in kept)
    assert len(kept) < len(every.stdout.splitlines())
    for r in kept:  # every happening lists the sentences that tell it, its evidence among them
        assert r["evidence"] in r["mentions"]


def test_ingest_is_idempotent_and_events_query(sample_path, fresh_db):
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", str(sample_path), "--db", fresh_db, "--date", SAMPLE_DATE, "--quiet"])
    assert first.exit_code == 0, first.output
    stored = runner.invoke(cli, ["events", "--db", fresh_db, "--format", "jsonl"])
    assert stored.exit_code == 0 and len(stored.stdout.splitlines()) > 0
    again = runner.invoke(cli, ["ingest", str(sample_path), "--db", fresh_db, "--date", SAMPLE_DATE, "--quiet"])
    assert again.exit_code == 0 and "0 added, 1 already stored" in again.stderr
    assault = runner.invoke(cli, ["events", "--db", fresh_db, "--format", "jsonl", "--type", "ASSAULT"])
    assert all(json.loads(line)["event_type"] == "ASSAULT" for line in assault.stdout.splitlines())
    later = runner.invoke(cli, ["events", "--db", fresh_db, "--format", "jsonl", "--since", "2030-01-01"])
    assert later.stdout.strip() == ""


def test_stdin_is_read():
    proc = run(
        "extract",
        "-",
        "--date",
        "2021-03-10",
        stdin=b"Police fired tear gas at protesters in Nairobi on Tuesday, killing two people.",
    )
    assert proc.returncode == 0, proc.stderr
    assert any(json.loads(line)["event_type"] for line in proc.stdout.splitlines())


def test_bad_inputs_give_one_line_errors_and_non_zero_exit(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff\x00" * 50)
    (tmp_path / "bad.txt").write_bytes(bytes(range(128, 256)) * 30)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": \n')
    for name in ("empty.txt", "blob.txt", "bad.txt", "doc.pdf", "bad.jsonl", "missing.txt"):
        proc = run("extract", str(tmp_path / name))
        assert proc.returncode != 0, name
        err = proc.stderr.decode()
        assert "Traceback" not in err, err
        assert err.startswith("eventwire: [E0"), err


def test_one_bad_document_does_not_lose_the_others(tmp_path, sample_path):
    (tmp_path / "a_empty.txt").write_text("")
    (tmp_path / "b_report.txt").write_text(sample_path.read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("extract", str(tmp_path), "--date", SAMPLE_DATE)
    assert proc.returncode == 1
    assert {json.loads(line)["doc_id"] for line in proc.stdout.splitlines()} == {"b_report"}
    assert "[E004]" in proc.stderr.decode()


def test_bad_date_and_bad_database(tmp_path, sample_path):
    proc = run("extract", str(sample_path), "--date", "04/01/2020")
    assert proc.returncode == 2 and b"[E008]" in proc.stderr and b"Traceback" not in proc.stderr
    bad_db = tmp_path / "x.duckdb"
    bad_db.write_bytes(b"garbage" * 1000)
    proc = run("events", "--db", str(bad_db))
    assert proc.returncode == 2 and b"[E010]" in proc.stderr and b"Traceback" not in proc.stderr


def test_geoparse_offsets_refer_to_the_text_as_given(sample_path, sample_text):
    proc = run("geoparse", str(sample_path), "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows
    for r in rows:
        assert sample_text[r["start"] : r["end"]] == r["text"]
        assert set(r) == {
            "doc_id",
            "text",
            "start",
            "end",
            "name",
            "lat",
            "lon",
            "geonameid",
            "country",
            "feature_code",
        }
