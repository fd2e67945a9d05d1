"""Reading every input kind, and refusing bad input with a clear, coded error."""

from __future__ import annotations

import gzip
import json
from datetime import date

from tests.conftest import DATA

from eventwire.errors import InputError
from eventwire.ingest import iter_documents
from eventwire.model import Document


def read_all(*paths):
    return list(iter_documents([str(p) for p in paths]))


def test_text_file_doc_id_is_stem_and_chrome_removed(sample_path):
    [doc] = read_all(sample_path)
    assert doc.doc_id == sample_path.stem
    assert "Post#" not in doc.text and "< >" not in doc.text
    assert doc.text.startswith("Missiles Hit Iraq Base Housing U.S. Troops\n")


def test_offsets_map_back_to_the_raw_text(sample_path, sample_text):
    [doc] = read_all(sample_path)
    i = doc.text.index("Kataeb Hezbollah")
    raw = doc.raw_offset(i)
    assert sample_text[raw : raw + len("Kataeb Hezbollah")] == "Kataeb Hezbollah"


def test_html_keeps_article_drops_navigation():
    [doc] = read_all(DATA / "article.html")
    assert "Thousands of protesters marched" in doc.text
    assert "Log in" not in doc.text and "Subscribe" not in doc.text


def test_jsonl_fields_and_bad_lines_do_not_stop_others(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "a", "text": "Rebels attacked a village.", "publication_date": "2021-05-02", "title": "T"}
                ),
                "{not json",
                json.dumps({"id": "b"}),
                json.dumps(["a list"]),
                json.dumps(
                    {
                        "id": "c",
                        "html": "<html><body><article><p>Police arrested ten protesters in Lagos on Monday.</p>"
                        "<p>The arrests followed clashes near the governor's office.</p></article></body></html>",
                        "date": "2021-06-01",
                    }
                ),
            ]
        ),
        encoding="utf-8",
    )
    items = read_all(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert docs[0].publication_date == date(2021, 5, 2) and docs[0].title == "T"
    assert docs[1].publication_date == date(2021, 6, 1) and "Lagos" in docs[1].text
    assert len(errors) == 3
    assert "docs.jsonl:2: malformed JSON" in errors[0] and errors[0].startswith("[E005]")
    assert "[E006]" in errors[1] and "[E005]" in errors[2]


def test_gzipped_jsonl_and_truncated_gzip(tmp_path):
    good = tmp_path / "docs.jsonl.gz"
    good.write_bytes(gzip.compress(json.dumps({"id": "x", "text": "Troops withdrew from the town."}).encode()))
    assert [d.doc_id for d in read_all(good)] == ["x"]
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(good.read_bytes()[:15])
    [err] = read_all(bad)
    assert isinstance(err, InputError) and "[E012]" in str(err)


def test_bad_files_each_give_one_coded_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 100)
    (tmp_path / "garbage.txt").write_bytes(bytes(range(128, 256)) * 40)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    items = read_all(
        tmp_path / "empty.txt",
        tmp_path / "blob.txt",
        tmp_path / "garbage.txt",
        tmp_path / "notes.docx",
        tmp_path / "missing.txt",
    )
    codes = [str(i)[:6] for i in items]
    assert codes == ["[E004]", "[E003]", "[E007]", "[E002]", "[E001]"]
    assert all(isinstance(i, InputError) and "\n" not in str(i) for i in items)


def test_legacy_encoding_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Le président a dénoncé l'attaque à Bogotá contre les élèves du lycée français.".encode("cp1252"))
    [doc] = read_all(path)
    assert "président" in doc.text and "Bogotá" in doc.text


def test_directory_is_recursive_and_skips_unknown_suffixes(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "one.txt").write_text("Soldiers clashed with rebels.")
    (tmp_path / "two.txt").write_text("Ministers met in Paris.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert sorted(d.doc_id for d in read_all(tmp_path)) == ["one", "two"]


def test_oversized_document_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    [err] = list(iter_documents([str(path)], max_bytes=100))
    assert isinstance(err, InputError) and "[E011]" in str(err)
