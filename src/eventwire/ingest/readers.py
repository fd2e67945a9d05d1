"""Readers for every input kind, dispatched by file suffix. Each yields `Document`s, or `InputError`s for
documents that cannot be read, so that one bad document never stops the others."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .. import limits
from ..config import Config
from ..errors import Errors, InputError
from ..model import Document
from .clean import clean_text
from .decode import decode_bytes
from .html import html_to_text

Item = Document | InputError
Reader = Callable[[Path, bytes], Iterator[Item]]
StreamReader = Callable[[Path, BinaryIO], Iterator[Item]]
READERS: dict[str, Reader] = {}
# Readers of many-document files that read from an open file, record by record: memory stays constant
# however large the file, so these files have no size limit of their own (each document still has one).
STREAM_READERS: dict[str, StreamReader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader of a file's bytes for file suffixes (e.g. '.jsonl.gz')."""

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = fn
        return fn

    return register


def stream_reader(*suffixes: str) -> Callable[[StreamReader], StreamReader]:
    """Register a reader of an open binary file for file suffixes; used for files on disk (stdin and bytes
    given directly go to the `reader` of the same suffix)."""

    def register(fn: StreamReader) -> StreamReader:
        for suffix in suffixes:
            STREAM_READERS[suffix] = fn
        return fn

    return register


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


# Files that hold many documents: each document is held to the document limit, the file to the stream limit.
STREAM_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".warc", ".warc.gz", ".arc.gz", ".rss", ".atom", ".xml")


def SUPPORTED_SUFFIXES() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def make_document(
    doc_id: str,
    raw: str,
    *,
    title: str | None = None,
    url: str | None = None,
    publication_date: object = None,
    source: str | None = None,
    is_html: bool = False,
) -> Document:
    """Clean a text (or HTML) into a Document; raises InputError when nothing is left."""
    if is_html:
        raw, html_title, html_date = html_to_text(raw, source or doc_id)
        title = title or html_title
        publication_date = publication_date or html_date
    text, segments = clean_text(raw)  # NFC-normalises too, keeping offsets into `raw`
    if not text.strip():
        raise InputError(Errors.E004.format(path=source or doc_id))
    identity = segments == [(0, 0)] or not segments
    return Document(
        doc_id=doc_id,
        text=text,
        title=title,
        url=url,
        source=source,
        publication_date=parse_date(publication_date),
        segments=[] if identity else segments,
    )


def parse_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


@reader(".txt", ".text")
def read_text(path: Path, data: bytes) -> Iterator[Item]:
    text = decode_bytes(data, str(path))
    yield make_document(path.stem, text, source=str(path))


@reader(".html", ".htm")
def read_html(path: Path, data: bytes) -> Iterator[Item]:
    yield make_document(path.stem, decode_bytes(data, str(path)), source=str(path), is_html=True)


def jsonl_record_to_document(line: str, path: Path, lineno: int | str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(Errors.E005.format(path=path, line=lineno, reason=err.msg)) from None
    if not isinstance(record, dict):
        raise InputError(Errors.E005.format(path=path, line=lineno, reason="not an object"))
    body, is_html = record.get("text"), False
    if not (isinstance(body, str) and body.strip()):
        body, is_html = record.get("html"), True
    if not (isinstance(body, str) and body.strip()):
        raise InputError(Errors.E006.format(path=path, line=lineno))
    doc_id = str(record.get("id") or record.get("doc_id") or f"{path.stem}-{lineno}")
    return make_document(
        doc_id,
        body,
        title=record.get("title"),
        url=record.get("url"),
        publication_date=record.get("publication_date") or record.get("date"),
        source=f"{path}:{lineno}",
        is_html=is_html,
    )


def gunzip(data: bytes, source: str, limit: int | None = None) -> bytes:
    """Decompressed `data`, at most `limit` bytes (default: the stream limit), so a gzip bomb is refused."""
    return limits.gunzip(data, source, limit or limits.max_stream_bytes(Config.max_document_bytes))


def read_document_text(path: Path, limit: int | None = None) -> bytes:
    """The bytes of `path`; a file over `limit` bytes is refused (E011) without being read."""
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise InputError(Errors.E011.format(path=path, size=size, limit=limit))
        with path.open("rb") as handle:
            # Read at most one byte past the limit: the file may have grown since stat (or be a pipe).
            data = handle.read() if limit is None else handle.read(limit + 1)
        if limit is not None and len(data) > limit:
            raise InputError(Errors.E011.format(path=path, size=f"more than {limit}", limit=limit))
        return data
    except FileNotFoundError:
        raise InputError(Errors.E001.format(path=path)) from None
    except OSError as err:
        raise InputError(Errors.E007.format(path=path, reason=err.strerror)) from None


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files in the given order; directories recursively (sorted, supported suffixes only); '-' = stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and suffix_of(child) in READERS:
                    yield child
        else:
            yield path


def iter_documents(paths: Iterable[str], max_bytes: int = 20_000_000) -> Iterator[Item]:
    """Every document under `paths`, in order, or an InputError naming what could not be read and why."""
    for path in expand_paths(paths):
        try:
            if isinstance(path, str):  # "-", the only name `expand_paths` yields unchanged
                # Bounded read: stdin may be endless; what is over the limit is refused, not buffered.
                limit = max(max_bytes, limits.max_stream_bytes(max_bytes))
                data = sys.stdin.buffer.read(limit + 1)
                if len(data) > limit:
                    raise InputError(Errors.E011.format(path="stdin", size=f"more than {limit}", limit=limit))
                yield from _read_one(Path("stdin.txt"), data, max_bytes, sniff=True)
                continue
            if not path.exists():
                raise InputError(Errors.E001.format(path=path))
            suffix = suffix_of(path)
            if suffix not in READERS:
                raise InputError(Errors.E002.format(ext=suffix or "(none)", path=path))
            if suffix in STREAM_READERS:
                yield from _stream_one(path, max_bytes)
                continue
            limit = limits.max_stream_bytes(max_bytes) if suffix in STREAM_SUFFIXES else max_bytes
            yield from _read_one(path, read_document_text(path, limit), max_bytes)
        except InputError as err:
            yield err


def _stream_one(path: Path, max_bytes: int) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(Errors.E007.format(path=path, reason=err.strerror)) from None
    with handle:
        empty = True
        for item in _held_to_limit(STREAM_READERS[suffix_of(path)](path, handle), max_bytes):
            empty = False
            yield item
        if empty:
            raise InputError(Errors.E004.format(path=path))


def _read_one(path: Path, data: bytes, max_bytes: int, sniff: bool = False) -> Iterator[Item]:
    if not data.strip():
        raise InputError(Errors.E004.format(path=path))
    if sniff:
        path = Path(sniff_name(data))
    suffix = suffix_of(path)
    if suffix not in STREAM_SUFFIXES and len(data) > max_bytes:
        raise InputError(Errors.E011.format(path=path, size=len(data), limit=max_bytes))
    yield from _held_to_limit(READERS[suffix](path, data), max_bytes)


def _held_to_limit(items: Iterable[Item], max_bytes: int) -> Iterator[Item]:
    """`items`, with each document over `max_bytes` (UTF-8) replaced by an E011 error."""
    for item in items:
        if isinstance(item, Document):
            size = len(item.text.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                item = InputError(Errors.E011.format(path=item.source or item.doc_id, size=size, limit=max_bytes))
        yield item


def sniff_name(data: bytes) -> str:
    """A file name for stdin by content: JSONL if it starts with '{', HTML if it starts with a tag."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"{"):
        return "stdin.jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "stdin.html"
    return "stdin.txt"
