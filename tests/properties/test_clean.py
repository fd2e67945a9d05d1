"""Properties of plain-text cleaning: any input gives clean text whose offsets map back to the input."""

from __future__ import annotations

import re
import time
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.properties.strategies import hostile_text, news_text, utf8_ok

from eventwire.errors import InputError
from eventwire.ingest.readers import make_document
from eventwire.model import Document

SETTINGS = settings(max_examples=300, deadline=None)
# An ASCII word with no non-ASCII neighbour: NFC cannot have touched it.
_ASCII_WORD = re.compile(r"(?<![^\x00-\x7f])[A-Za-z]+(?![^\x00-\x7f])")


def document_or_none(raw: str) -> Document | None:
    try:
        return make_document("d", raw)
    except InputError as err:
        assert str(err).startswith("[E004]")
        return None


@SETTINGS
@given(hostile_text)
def test_any_text_gives_a_clean_document_or_e004(raw):
    doc = document_or_none(raw)
    if doc is None:
        return
    assert isinstance(doc.text, str) and doc.text.strip()
    assert utf8_ok(doc.text), "no lone surrogates reach the store or the JSON output"
    assert "\r" not in doc.text and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", doc.text)
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.text.count("\n") <= raw.count("\n"), "only \\n starts a line (no U+2028 or \\x0b smuggling)"
    starts = [c for c, _ in doc.segments]
    assert starts == sorted(starts) and all(r >= 0 for _, r in doc.segments)


@SETTINGS
@given(hostile_text)
def test_nfc_stable_text_maps_back_character_for_character(raw):
    assume(unicodedata.is_normalized("NFC", raw))
    doc = document_or_none(raw)
    if doc is None:
        return
    for i, ch in enumerate(doc.text):
        if ch == "\n":
            continue
        original = raw[doc.raw_offset(i)]
        # Controls become spaces and lone surrogates U+FFFD, one for one.
        assert (
            original == ch
            or (ch == " " and (ord(original) < 0x20 or original == "\x7f"))
            or (ch == "\ufffd" and 0xD800 <= ord(original) <= 0xDFFF)
        ), (i, ch, original)


@SETTINGS
@given(hostile_text)
def test_ascii_words_map_back_even_when_nfc_changes_the_text(raw):
    doc = document_or_none(raw)
    if doc is None:
        return
    for match in _ASCII_WORD.finditer(doc.text):
        start = doc.raw_offset(match.start())
        original = raw[start : start + len(match.group())]
        assert unicodedata.normalize("NFC", original) == match.group(), (match.group(), original)


def test_decomposed_accents_keep_offsets():
    raw = "Cafe\u0301 owners in Bogota\u0301 protested.\nThe police arrived in Medelli\u0301n."
    doc = make_document("d", raw)
    assert "Café" in doc.text and "Bogotá" in doc.text
    for word in ("police", "arrived", "owners", "protested"):
        i = doc.raw_offset(doc.text.index(word))
        assert raw[i : i + len(word)] == word


@settings(max_examples=50, deadline=None)
@given(news_text, st.integers(1, 5))
def test_crlf_and_blank_lines_keep_offsets(text, blank):
    raw = ("\r\n" * blank).join(text.split("\n"))
    doc = document_or_none(raw)
    if doc is None:
        return
    for match in _ASCII_WORD.finditer(doc.text):
        start = doc.raw_offset(match.start())
        assert unicodedata.normalize("NFC", raw[start : start + len(match.group())]) == match.group()


@pytest.mark.parametrize(
    "line",
    [
        "a" + " " * 200_000 + "x",  # was quadratic in the '< >' suffix rule (ReDoS)
        "Post" + " " * 200_000 + "x",
        "share" + " \t" * 100_000 + "!",
        "<" + " " * 200_000 + "x",
    ],
)
def test_long_lines_clean_in_linear_time(line):
    started = time.monotonic()
    make_document("d", line)
    assert time.monotonic() - started < 1.0


def test_lone_surrogate_from_json_escape_is_replaced():
    doc = make_document("d", "Troops \ud800 withdrew.")
    assert doc.text == "Troops \ufffd withdrew."


def test_zero_bytes_and_whitespace_only_are_e004():
    for raw in ("", " ", "\n\n", "\u2028", "\r\n\t", "< >\nShare\n-----"):
        with pytest.raises(InputError, match=r"^\[E004\]"):
            make_document("d", raw)
