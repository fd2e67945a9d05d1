"""The Spark engine is optional: without pyspark it fails with one coded error naming the extra."""

from __future__ import annotations

import builtins

import pytest

from eventwire.distributed.session import require_pyspark
from eventwire.distributed.sources import plan_inputs
from eventwire.errors import ConfigError


def test_missing_pyspark_is_one_coded_error(monkeypatch):
    real_import = builtins.__import__

    def no_pyspark(name, *args, **kwargs):
        if name == "pyspark" or name.startswith("pyspark."):
            raise ImportError("No module named 'pyspark'", name="pyspark")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyspark)
    with pytest.raises(ConfigError, match=r"E070.*pyspark.*eventwire\[spark\]"):
        require_pyspark()


def test_plan_sorts_inputs_by_reader_and_reports_unreadable_ones(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "x"}\n')
    (tmp_path / "b.warc.gz").write_bytes(b"")
    (tmp_path / "c.txt").write_text("text")
    (tmp_path / "d.parquet").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "e.docx").write_bytes(b"PK")
    plan = plan_inputs(
        [
            str(tmp_path),
            str(tmp_path / "missing.txt"),
            str(tmp_path / "sub" / "e.docx"),
            "hdfs://nn/news/part-0.jsonl.gz",
        ]
    )
    assert plan.jsonl == [str(tmp_path / "a.jsonl"), "hdfs://nn/news/part-0.jsonl.gz"]
    assert plan.files == [str(tmp_path / "b.warc.gz"), str(tmp_path / "c.txt")]
    assert plan.parquet == [str(tmp_path / "d.parquet")]
    assert [f.reason[:6] for f in plan.failures] == ["[E001]", "[E002]"]


def test_stdin_is_refused():
    with pytest.raises(ConfigError, match="E072"):
        plan_inputs(["-"])


def test_submit_load_only_needs_a_database(tmp_path):
    from click.testing import CliRunner

    from eventwire.distributed.submit import main

    result = CliRunner().invoke(main, ["--out", str(tmp_path), "--load-only"])
    assert isinstance(result.exception, ConfigError) and "E013" in str(result.exception)
