"""WARC and WARC.gz web archives (warcio): one `Document` per HTML `response` record, boilerplate removed by
trafilatura. A truncated or corrupt archive keeps every record read before the damage and reports the rest
as an `InputError`."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..config import load_config
from ..errors import Errors, InputError
from ..model import Document
from .decode import decode_bytes
from .readers import Item, make_document, reader, stream_reader

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@reader(".warc", ".warc.gz", ".arc.gz")
def read_warc(path: Path, data: bytes) -> Iterator[Item]:
    """HTML response records of WARC bytes, in archive order."""
    yield from stream_warc(path, io.BytesIO(data))


@stream_reader(".warc", ".warc.gz", ".arc.gz")
def stream_warc(path: Path, handle: BinaryIO) -> Iterator[Item]:
    """HTML response records of an open WARC file (seekable), in archive order, record by record: memory does
    not grow with the archive."""
    gzipped = path.name.lower().endswith(".gz")
    head = _head(handle.read(4096), gzipped)
    handle.seek(0)
    if not head.lstrip().startswith((b"WARC/", b"filedesc://")):
        yield InputError(Errors.E012.format(path=path, kind="WARC", reason="no WARC record at the start"))
        return
    index = 0
    damage = None
    try:
        for record in ArchiveIterator(handle, arc2warc=True):
            if record.rec_type == "response" and _is_html(record):
                index += 1
                try:
                    yield record_to_document(record, path, index)
                except InputError as err:
                    yield err
            if _cut_short(record):
                damage = "last record cut short"
                break
    except Exception as err:  # noqa: BLE001  (warcio/zlib raise many kinds on damaged archives; keep what was read)
        damage = str(err).splitlines()[0] if str(err) else type(err).__name__
    if damage is None and gzipped:
        handle.seek(0)  # warcio stops quietly at a cut gzip member: check the members (a second, streaming pass)
        damage = None if gzip_intact(handle) else "truncated or corrupt gzip stream"
    if damage:
        yield InputError(
            Errors.E012.format(path=path, kind="WARC", reason=f"{damage}; kept the {index} HTML records read before it")
        )


def gzip_intact(stream: BinaryIO, chunk: int = 1 << 16) -> bool:
    """Whether `stream` holds complete gzip members (zero padding between or after them allowed),
    decompressed chunk by chunk with the output dropped."""
    inflater, started = zlib.decompressobj(wbits=31), False
    while data := stream.read(chunk):
        while data:
            if not started:
                data = data.lstrip(b"\x00")
                if not data:
                    break
                started = True
            try:
                inflater.decompress(data, 1 << 20)
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            except zlib.error:
                return False
            if not inflater.eof:
                break
            data = inflater.unused_data
            inflater, started = zlib.decompressobj(wbits=31), False
    return not started


def _head(data: bytes, gzipped: bool) -> bytes:
    if not gzipped:
        return data[:64]
    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def _cut_short(record: ArcWarcRecord) -> bool:
    """True when the archive ended inside this record's block (fewer bytes than its Content-Length)."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0


def record_to_document(record: ArcWarcRecord, path: Path, index: int) -> Document:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID") or url or f"{path.stem}-{index}"
    doc_id = record_id.strip("<>").removeprefix("urn:uuid:")
    source = f"{path}#{index}"
    # content_stream() undoes chunked/gzip transfer encodings; a cut inside the body raises here. Read one
    # byte past the document limit at most, so a compressed bomb inside a record cannot fill memory.
    limit = load_config().max_document_bytes
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        raise InputError(Errors.E011.format(path=source, size=f"over {limit}", limit=limit))
    charset = _charset(record)
    text = _decode(body, charset, source)
    warc_date = (headers.get_header("WARC-Date") or "")[:10] or None
    return make_document(doc_id, text, url=url, publication_date=warc_date, source=source, is_html=True)


def _is_html(record: ArcWarcRecord) -> bool:
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else None) or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _charset(record: ArcWarcRecord) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def _decode(body: bytes, charset: str | None, source: str) -> str:
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body, source)
