"""RSS and Atom feeds (feedparser): one `Document` per entry, its HTML content or summary turned into text by
trafilatura through `make_document(..., is_html=True)`.

A malformed feed is read as far as feedparser's tolerant parser gets: the entries it recovered are kept, and
the error is reported as an `InputError` next to them.
"""

from __future__ import annotations

import hashlib
import html
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from ..errors import Errors, InputError
from ..model import Document
from .readers import Item, make_document, reader


@reader(".rss", ".atom", ".xml")
def read_feed(path: Path, data: bytes) -> Iterator[Item]:
    """Entries of an RSS/Atom file; a feed that cannot be parsed at all gives one InputError."""
    # feedparser fetches URLs when given a str; bytes keep it strictly offline.
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and (not entries or not _looks_like_feed(parsed)):
        yield InputError(Errors.E012.format(path=path, kind="feed", reason=_bozo_reason(parsed)))
        return
    for index, entry in enumerate(entries, start=1):
        try:
            yield entry_to_document(entry, path, index)
        except InputError as err:
            yield err
    if parsed.get("bozo") and entries:
        # Recovered what could be read; say where the rest went.
        yield InputError(
            Errors.E012.format(
                path=path,
                kind="feed",
                reason=f"{_bozo_reason(parsed)}; kept {len(entries)} entries read before the error",
            )
        )


def entry_to_document(entry: Any, path: Path, index: int) -> Document:
    """One feed entry as a Document: id from the entry id or link, content (or summary) as cleaned text."""
    link = entry.get("link")
    title = _plain(entry.get("title"))
    body = _entry_html(entry)
    if not body.strip():
        raise InputError(Errors.E012.format(path=f"{path}#{index}", kind="feed entry", reason="no content or summary"))
    doc_id = entry_id(entry, path, index)
    html_body = (
        f"<html><head><title>{html.escape(title or '')}</title></head><body><article>{body}</article></body></html>"
    )
    try:
        return make_document(
            doc_id,
            html_body,
            title=title,
            url=link,
            publication_date=entry_date(entry),
            source=f"{path}#{index}",
            is_html=True,
        )
    except InputError:
        # Short summaries are often too small for trafilatura's main-text classifier: keep them as text.
        text = _plain(body)
        if not text:
            raise
        return make_document(
            doc_id, text, title=title, url=link, publication_date=entry_date(entry), source=f"{path}#{index}"
        )


def entry_id(entry: Any, path: Path, index: int) -> str:
    key = entry.get("id") or entry.get("guid") or entry.get("link")
    if key:
        return "feed_" + hashlib.sha1(str(key).encode("utf-8")).hexdigest()[:16]
    return f"{path.stem}-{index}"


def entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except ValueError:
                continue
    return None


def _entry_html(entry: Any) -> str:
    """The richest body: full content first, then the summary/description."""
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if isinstance(c, dict)]
    best = max(values, key=len, default="")
    summary = entry.get("summary") or entry.get("description") or ""
    return best if len(best) >= len(summary) else summary


def _plain(fragment: str | None) -> str | None:
    if not fragment:
        return None
    import lxml.etree
    import lxml.html

    try:
        text = lxml.html.fromstring(f"<div>{fragment}</div>").text_content()
    except (lxml.etree.LxmlError, ValueError):  # lxml's parser errors on junk; fall back to the raw string
        text = fragment
    text = " ".join(text.split())
    return text or None


def _looks_like_feed(parsed: Any) -> bool:
    return bool(parsed.get("version") or parsed.get("feed"))


def _bozo_reason(parsed: Any) -> str:
    exc = parsed.get("bozo_exception")
    return (str(exc).splitlines()[0] if exc and str(exc) else type(exc).__name__) if exc else "not a feed"
