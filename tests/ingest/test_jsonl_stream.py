"""JSONL files on disk are read line by line: any size in constant memory, an overlong line skipped alone."""

import gzip
import json
import tracemalloc

import pytest

from eventwire.ingest import iter_documents, jsonl
from eventwire.model import Document


def write_records(path, count: int, words: int = 150) -> None:
    body = " ".join(["Militants attacked a checkpoint near the border."] * (words // 7))
    lines = (json.dumps({"id": f"r{i}", "text": f"Report {i}. {body}"}) for i in range(count))
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz"])
def test_a_file_far_over_the_old_stream_limit_is_read_whole_in_constant_memory(tmp_path, name):
    path = tmp_path / name
    write_records(path, 4000)  # about 4 MB of JSON
    tracemalloc.start()
    try:
        count = 0
        for item in iter_documents([str(path)], max_bytes=2_000):  # stream limit was 50 x 2,000 bytes
            assert isinstance(item, Document)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 4000
    assert peak < 1_500_000, f"reading held {peak} bytes at once"


def test_an_overlong_line_is_refused_alone_and_reading_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl, "line_limit", lambda: 500)
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "Troops withdrew."}),
                json.dumps({"id": "huge", "text": "x " * 5_000}),
                json.dumps({"id": "b", "text": "Rebels agreed to talks."}),
            ]
        ),
        encoding="utf-8",
    )
    items = list(iter_documents([str(path)]))
    assert [i.doc_id for i in items if isinstance(i, Document)] == ["a", "b"]
    [error] = [i for i in items if not isinstance(i, Document)]
    assert str(error).startswith("[E011]") and "mixed.jsonl:2" in str(error)


def test_a_file_of_blank_lines_is_empty(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    [error] = list(iter_documents([str(path)]))
    assert str(error).startswith("[E004]")


def test_a_truncated_gzip_keeps_the_lines_before_the_cut(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    write_records(path, 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    assert 0 < len(docs) < 200 and [d.doc_id for d in docs] == [f"r{i}" for i in range(len(docs))]
    assert str(items[-1]).startswith("[E012]") and "truncated" in str(items[-1])
