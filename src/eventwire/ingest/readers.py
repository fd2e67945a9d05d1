"""Readers for every input kind, dispatched by file suffix. Each yields `Document`s, or `InputError`s for
documents that cannot be read, so that one bad document never stops the others."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .. import limits
from ..config import Config
from ..errors import Errors, InputError
from ..model import Document
from .clean import clean_text
from .decode import decode_bytes
from .html import html_to_text

Item = Document | InputError
Reader = Callable[[Path, bytes], Iterator[Item]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str):
    """Register a reader for file suffixes (e.g. '.jsonl.gz')."""
    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix] = fn
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


def make_document(doc_id: str, raw: str, *, title=None, url=None, publication_date=None, source=None,
                  is_html: bool = False) -> Document:
    """Clean a text (or HTML) into a Document; raises InputError when nothing is left."""
    if is_html:
        raw, html_title, html_date = html_to_text(raw, source or doc_id)
        title = title or html_title
        publication_date = publication_date or html_date
    text, segments = clean_text(raw)  # NFC-normalises too, keeping offsets into `raw`
    if not text.strip():
        raise InputError(Errors.E004.format(path=source or doc_id))
    identity = segments == [(0, 0)] or not segments
    return Document(doc_id=doc_id, text=text, title=title, url=url, source=source,
                    publication_date=parse_date(publication_date), segments=[] if identity else segments)


def parse_date(value) -> date | None:
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


@reader(".jsonl", ".jsonl.gz", ".ndjson")
def read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    """One Document per JSON line, or an InputError naming the line: a bad line (malformed JSON, a stray
    NUL or invalid UTF-8) never costs the other lines."""
    if path.name.lower().endswith(".gz"):
        data = gunzip(data, str(path))
    for lineno, line in enumerate(_jsonl_lines(data, str(path)), start=1):
        if not line.strip():
            continue
        try:
            if isinstance(line, bytes):
                line = decode_bytes(line, f"{path}:{lineno}")
            yield jsonl_record_to_document(line, path, lineno)
        except InputError as err:
            yield err


def _jsonl_lines(data: bytes, source: str) -> list[str] | list[bytes]:
    # Records end at "\n" only: JSON strings may hold U+2028, U+0085 or \x0c unescaped, which
    # str.splitlines would treat as line ends, cutting a valid record in two.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: "\n" is two bytes, decode first
        return decode_bytes(data, source).split("\n")
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return data.split(b"\n")  # decoded line by line, so one bad line stays one error


def jsonl_record_to_document(line: str, path: Path, lineno: int) -> Document:
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
    return make_document(doc_id, body, title=record.get("title"), url=record.get("url"),
                         publication_date=record.get("publication_date") or record.get("date"),
                         source=f"{path}:{lineno}", is_html=is_html)


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
            if path == "-":
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
            limit = limits.max_stream_bytes(max_bytes) if suffix in STREAM_SUFFIXES else max_bytes
            yield from _read_one(path, read_document_text(path, limit), max_bytes)
        except InputError as err:
            yield err


def _read_one(path: Path, data: bytes, max_bytes: int, sniff: bool = False) -> Iterator[Item]:
    if not data.strip():
        raise InputError(Errors.E004.format(path=path))
    if sniff:
        path = Path(sniff_name(data))
    suffix = suffix_of(path)
    if suffix not in STREAM_SUFFIXES and len(data) > max_bytes:
        raise InputError(Errors.E011.format(path=path, size=len(data), limit=max_bytes))
    for item in READERS[suffix](path, data):
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
