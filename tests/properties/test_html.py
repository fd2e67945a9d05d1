"""Properties of HTML → text: any markup gives main text or a coded InputError, in bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.properties.strategies import hostile_text, news_text, utf8_ok

from eventwire.errors import InputError
from eventwire.ingest.html import html_to_text
from eventwire.ingest.readers import make_document

TAGS = [
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<article>",
    "</article>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<br/>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<a href='x'>",
    "</a>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#x10FFFF;",
    "&nosuch;",
    "<",
    ">",
    "<meta charset='utf-8'>",
    "<title>",
    "</title>",
    "<body dir='rtl'>",
    "<html>",
    "</html>",
    "<svg><foreignObject>",
    "<math>",
    "<template>",
    "<?xml?>",
]
tag_soup = st.lists(st.one_of(st.sampled_from(TAGS), hostile_text.map(lambda s: s[:40]), news_text), max_size=80).map(
    "".join
)


def article(body: str) -> str:
    return f"<html><head><title>T</title></head><body><article><p>{body}</p></article></body></html>"


@settings(max_examples=150, deadline=None)
@given(tag_soup)
def test_any_markup_gives_text_or_a_coded_error(html):
    try:
        text, title, day = html_to_text(html, "x.html")
    except InputError as err:
        assert str(err)[:6] in ("[E004]", "[E012]") and "\n" not in str(err)
        return
    assert isinstance(text, str) and text.strip()


@settings(max_examples=100, deadline=None)
@given(tag_soup)
def test_html_documents_are_clean_or_refused(html):
    try:
        doc = make_document("d", html, is_html=True)
    except InputError:
        return
    assert doc.text.strip() and utf8_ok(doc.text) and (doc.title is None or isinstance(doc.title, str))


@pytest.mark.parametrize("depth", [100, 10_000, 100_000])
def test_deeply_nested_divs_are_handled_quickly(depth):
    html = (
        "<html><body>"
        + "<div>" * depth
        + "<p>Police arrested ten protesters in Lagos on Monday after clashes near the office.</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    started = time.monotonic()
    try:
        text, _, _ = html_to_text(html, "deep.html")
        assert "Lagos" in text
    except InputError as err:  # lxml stops at 255 levels: reported, not a crash
        assert str(err).startswith("[E012]")
    assert time.monotonic() - started < 5.0
