"""Properties of bytes → text: any bytes give text or a coded InputError; legacy encodings are recovered."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.properties.strategies import hostile_text, utf8_ok

from eventwire.errors import InputError
from eventwire.ingest.decode import decode_bytes

SETTINGS = settings(max_examples=200, deadline=None)
WESTERN = [
    "président",
    "dénoncé",
    "élèves",
    "Bogotá",
    "niño",
    "murió",
    "policía",
    "Según",
    "São",
    "três",
    "confronto",
    "após",
    "français",
    "Köln",
    "Schüler",
    "Grüße",
    "attaque",
    "contre",
    "les",
    "el",
    "ataque",
    "la",
    "de",
    "en",
    "que",
    "à",
    "über",
    "año",
    "acción",
    "café",
    "«",
    "»",
    "–",
    "“",
    "”",
    "€",
]


@SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes_give_text_or_a_coded_error(data):
    try:
        text = decode_bytes(data, "x.txt")
    except InputError as err:
        assert str(err)[:6] in ("[E003]", "[E007]")
        return
    assert isinstance(text, str) and utf8_ok(text)


@SETTINGS
@given(hostile_text.filter(utf8_ok))
def test_utf8_round_trips(text):
    data = text.encode("utf-8")
    if b"\x00" in data[:8192]:
        with pytest.raises(InputError, match=r"^\[E003\]"):
            decode_bytes(data, "x.txt")
    else:
        assert (
            decode_bytes(data, "x.txt") == text.removeprefix("\ufeff")
            if text.startswith("\ufeff")
            else decode_bytes(data, "x.txt") == text
        )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(WESTERN), min_size=12, max_size=30, unique=True).map(" ".join), st.booleans())
def test_page_declaring_utf8_but_written_in_cp1252_is_recovered(body, as_html):
    text = f'<html><head><meta charset="utf-8"></head><body><p>{body}</p></body></html>' if as_html else body
    assert body in decode_bytes(text.encode("cp1252"), "page.html")


def test_central_european_text_still_detected_as_cp1250():
    text = "Zażółć gęślą jaźń. Prezydent potępił atak na żołnierzy w Łodzi, a policja zatrzymała sześć osób."
    assert decode_bytes((text * 3).encode("cp1250"), "pl.txt") == text * 3


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_utf16_with_bom(bom, encoding):
    assert decode_bytes(bom + "Troops in Kyiv — بغداد".encode(encoding), "x.txt") == "Troops in Kyiv — بغداد"


def test_lying_utf8_bom_is_not_read_as_utf16():
    text = decode_bytes(b"\xef\xbb\xbf" + "Le président à Bogotá".encode("cp1252"), "x.txt")
    assert "Bogotá" in text
