"""WARC / WARC.gz: HTML responses only, ids and dates from the WARC headers, truncated archives keep what
was read before the cut. Archives are built in the test with warcio's writer."""

from __future__ import annotations

import io
from datetime import date

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.model import Document


def page(n: int) -> bytes:
    body = "".join(
        f"<p>Report {n}, paragraph {i}: security forces clashed with armed men in the district of "
        f"Town{n} on Monday, and officials said several people were wounded in the fighting.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>Story {n}</title></head><body><nav>Home | Sport | Weather</nav>"
        f"<article><h1>Story {n}</h1>{body}</article><footer>Copyright</footer></body></html>"
    ).encode()


def build_warc(gz: bool, pages: int = 3) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    for n in range(1, pages + 1):
        url = f"https://news.example/story{n}"
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(page(n)),
                http_headers=http,
                warc_headers_dict={"WARC-Date": f"2021-03-0{n}T12:00:00Z"},
            )
        )
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(url + ".png", "response", payload=io.BytesIO(b"\x89PNG...."), http_headers=image)
        )
    return out.getvalue()


@pytest.mark.parametrize("gz,name", [(False, "crawl.warc"), (True, "crawl.warc.gz")])
def test_html_responses_become_documents(tmp_path, gz, name):
    path = tmp_path / name
    path.write_bytes(build_warc(gz))
    docs = list(iter_documents([str(path)]))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.url for d in docs] == [f"https://news.example/story{n}" for n in (1, 2, 3)]
    assert [d.publication_date for d in docs] == [date(2021, 3, n) for n in (1, 2, 3)]
    assert len({d.doc_id for d in docs}) == 3 and all(":" not in d.doc_id for d in docs)
    assert "security forces clashed" in docs[0].text
    assert "Home | Sport" not in docs[0].text and "Copyright" not in docs[0].text


def test_truncated_warc_gz_keeps_records_before_the_cut(tmp_path):
    data = build_warc(True, pages=4)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.8)])
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert 2 <= len(docs) <= 3
    assert [d.url for d in docs] == [f"https://news.example/story{n}" for n in range(1, len(docs) + 1)]
    assert len(errors) == 1 and "E012" in str(errors[0])


def test_garbage_warc_is_an_input_error(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a web archive\r\n" * 20)
    items = list(iter_documents([str(path)]))
    assert items and all(isinstance(i, InputError) for i in items)


def test_directory_is_read_recursively_by_suffix(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "crawl.warc.gz").write_bytes(build_warc(True, pages=1))
    (tmp_path / "a" / "note.txt").write_text("Police arrested two men in Mosul on Sunday.", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    docs = list(iter_documents([str(tmp_path)]))
    assert sorted(type(d).__name__ for d in docs) == ["Document", "Document"]


def test_a_compressed_bomb_inside_a_record_is_refused_not_inflated(tmp_path, monkeypatch):
    """A record whose gzip Content-Encoding inflates past the document limit is skipped with E011."""
    import gzip as _gzip
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from eventwire.errors import InputError
    from eventwire.ingest import iter_documents

    monkeypatch.setenv("EVENTWIRE_MAX_DOCUMENT_BYTES", "100000")
    bomb = _gzip.compress(b"<html><body><p>" + b"a" * 5_000_000 + b"</p></body></html>")
    out = BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")], protocol="HTTP/1.1"
    )
    writer.write_record(
        writer.create_warc_record("http://example.org/bomb", "response", payload=BytesIO(bomb), http_headers=headers)
    )
    path = tmp_path / "bomb.warc"
    path.write_bytes(out.getvalue())
    items = list(iter_documents([str(path)]))
    assert any(isinstance(i, InputError) and "[E011]" in str(i) and "over 100000" in str(i) for i in items)
