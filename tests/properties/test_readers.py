"""Properties of the file readers: every registered suffix, any bytes, JSONL accounting, gzip limits."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.properties.strategies import hostile_text, news_text, utf8_ok

from eventwire import limits
from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.readers import READERS, gunzip
from eventwire.model import Document

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def check_items(items: list) -> tuple[list[Document], list[InputError]]:
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) + len(errors) == len(items)
    for doc in docs:
        assert isinstance(doc.text, str) and doc.text.strip() and utf8_ok(doc.text)
        assert isinstance(doc.doc_id, str) and doc.doc_id
    for err in errors:
        assert str(err).startswith("[E") and "\n" not in str(err)
    return docs, errors


@SETTINGS
@given(
    suffix=st.sampled_from(sorted(READERS)),
    data=st.one_of(
        st.binary(max_size=3000),
        hostile_text.filter(utf8_ok).map(lambda s: s.encode("utf-8")),
        news_text.map(lambda s: gzip.compress(s.encode())),
    ),
)
def test_every_reader_survives_any_bytes(tmp_path, suffix, data):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    check_items(list(iter_documents([str(path)])))


good_record = st.builds(
    lambda t, i: json.dumps({"id": f"g{i}", "text": t}, ensure_ascii=False),
    news_text.filter(lambda t: any(c.isalpha() for c in t)),
    st.integers(0, 10**6),
)
bad_record = st.one_of(
    st.just("{not json"),
    st.just("[1, 2]"),
    st.just('"a string"'),
    st.just('{"id": "x"}'),
    st.just('{"text": ""}'),
    st.just('{"text": 5}'),
    st.just('{"html": "   "}'),
    st.just("{"),
    st.just("null"),
    st.just('{"text": "abc"'),
    st.just("\x00\x01"),
)


@SETTINGS
@given(st.lists(st.tuples(st.booleans(), st.data()), max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_jsonl_with_k_good_and_m_bad_lines_gives_k_documents_and_m_errors(lines, newline):
    records, good = [], 0
    for is_good, data in lines:
        records.append(data.draw(good_record if is_good else bad_record))
        good += is_good
    items = list(read_jsonl(Path("docs.jsonl"), newline.join(records).encode("utf-8")))
    docs, errors = check_items(items)
    assert len(docs) == good and len(errors) == len(records) - good


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0c", "\x0b", "\x1e"])
def test_jsonl_text_with_unicode_line_separators_is_one_record(separator):
    line = json.dumps({"id": "a", "text": f"Rebels attacked{separator}a village."}, ensure_ascii=False)
    [doc] = read_jsonl(Path("docs.jsonl"), line.encode())
    assert isinstance(doc, Document) and doc.doc_id == "a"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(news_text, min_size=1, max_size=5), st.data())
def test_truncated_gzip_never_crashes(tmp_path, texts, data):
    payload = gzip.compress("\n".join(json.dumps({"text": t}) for t in texts).encode())
    cut = data.draw(st.integers(0, len(payload) - 1))
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(payload[:cut])
    docs, errors = check_items(list(iter_documents([str(path)])))
    # the lines read before the cut are kept, in order; the cut is reported once at the end (a line cut in
    # two may add one E005 before it); nothing is lost silently
    kept = [t for t in texts if t.strip()][: len(docs)]
    assert [d.text for d in docs] == [" ".join(t.split()) for t in kept] or len(docs) == len(kept)
    assert errors and str(errors[-1])[:6] in ("[E004]", "[E012]")
    assert all(str(e)[:6] in ("[E005]", "[E006]") for e in errors[:-1])


def test_jsonl_in_a_legacy_encoding_and_a_binary_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(
        json.dumps({"id": "a", "text": "Le président à Bogotá."}, ensure_ascii=False).encode("cp1252")
        + b"\n\x00\x01\x02\n"
        + json.dumps({"id": "b", "text": "Rebels fled."}).encode()
    )
    items = list(iter_documents([str(path)]))
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert "Bogotá" in items[0].text and str(items[1]).startswith("[E003]")


def test_gzip_bomb_is_refused_at_the_limit():
    bomb = gzip.compress(b"\n" * 50_000_000)  # 50 MB of newlines in about 50 KB
    with pytest.raises(InputError, match=r"^\[E011\].*decompressed"):
        gunzip(bomb, "bomb.jsonl.gz", limit=1_000_000)


def test_concatenated_gzip_members_are_read():
    data = gzip.compress(b'{"id": "a", "text": "Troops withdrew."}\n') + gzip.compress(
        b'{"id": "b", "text": "Rebels fled."}'
    )
    assert [d.doc_id for d in read_jsonl(Path("two.jsonl.gz"), data)] == ["a", "b"]


def test_oversized_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 10_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read the whole file"))
    [err] = list(iter_documents([str(path)], max_bytes=1_000))
    assert str(err).startswith("[E011]") and "50000 bytes" in str(err)


def test_oversized_jsonl_record_is_refused_and_the_rest_kept(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "é " * 2_000}) + "\n" + json.dumps({"id": "ok", "text": "Fine."}))
    err, doc = iter_documents([str(path)], max_bytes=1_000)
    assert str(err).startswith("[E011]") and doc.doc_id == "ok"


def test_multi_megabyte_document_is_read(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Rebels attacked a village near Mosul on Monday.\n" * 100_000)  # 4.8 MB
    [doc] = iter_documents([str(path)])
    assert len(doc.text) > 4_000_000


class EndlessStdin:
    """stdin that never ends: reading it whole would exhaust memory."""

    class buffer:
        @staticmethod
        def read(size=-1):
            assert size >= 0, "unbounded read of stdin"
            return b"x" * size


def test_stdin_is_read_with_a_bound(monkeypatch):
    monkeypatch.setattr(sys, "stdin", EndlessStdin)
    monkeypatch.setattr(limits, "STREAM_FACTOR", 2)
    [err] = list(iter_documents(["-"], max_bytes=1_000))
    assert str(err).startswith("[E011] stdin")


def test_stdin_jsonl_is_sniffed(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b'{"id": "s", "text": "Police arrested ten protesters."}\n'))
    monkeypatch.setattr(sys, "stdin", fake)
    [doc] = iter_documents(["-"])
    assert doc.doc_id == "s"
