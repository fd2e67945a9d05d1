"""Skipped documents: stored in the `skipped` table by ingest, summarised on stderr by the CLI."""

from __future__ import annotations

import json

import pytest

from eventwire.cli import EXIT_PARTIAL, finish
from eventwire.jobs import JobReport, ingest_files
from eventwire.model import Failure
from eventwire.store import Store


def test_ingest_stores_every_skipped_document_with_its_reason(tmp_path, fresh_db):
    (tmp_path / "ok.txt").write_text("Police arrested ten protesters in Lagos on Monday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "docs.jsonl").write_text("{broken\n" + json.dumps({"id": "j", "text": "Rebels fled."}) + "\n")
    report = ingest_files([str(tmp_path)], fresh_db)
    assert report.documents == 2 and len(report.failures) == 2
    with Store(fresh_db, read_only=True) as store:
        reasons = sorted(r for (r,) in store.iter_query("SELECT reason FROM skipped"))
    assert [r[:6] for r in reasons] == ["[E004]", "[E005]"]
    assert "empty.txt" in reasons[0] and "docs.jsonl:1" in reasons[1]


def test_finish_summarises_skipped_documents_by_code(capsys):
    report = JobReport(
        failures=[Failure("", f"[E005] docs.jsonl:{i}: malformed JSON (x)") for i in range(5)]
        + [Failure("a.txt", "[E004] a.txt is empty"), Failure("b.txt", "internal error: KeyError: 'x'")]
    )
    with pytest.raises(SystemExit) as exit_:
        finish(report)
    assert exit_.value.code == EXIT_PARTIAL
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "eventwire: 7 document(s) skipped:"
    assert "  E004: 1" in err and "  E005: 5" in err and "  internal: 1" in err
    assert "    docs.jsonl:2" not in err and "    [E005] docs.jsonl:2: malformed JSON (x)" in err
    assert "    ... and 2 more" in err and "    b.txt: internal error: KeyError: 'x'" in err


def test_finish_is_silent_when_nothing_was_skipped(capsys):
    finish(JobReport())
    assert capsys.readouterr().err == ""
