"""JSON Lines (.jsonl, .jsonl.gz, .ndjson): one document per line. Files on disk are read line by line, so a
corpus file of any size is ingested in constant memory; bytes (stdin) go through the same line handling.

Hand-written line splitting, because records end at "\\n" only: JSON strings may hold U+2028, U+0085 or \\x0c
unescaped, which `str.splitlines` would treat as line ends, cutting a valid record in two; and one line over
the limit must be skipped without being held in memory, which `io` line iteration cannot do."""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .. import limits
from ..config import Config, load_config
from ..errors import Errors, InputError
from .decode import decode_bytes
from .readers import Item, gunzip, jsonl_record_to_document, reader, stream_reader

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A record holding a document at the document limit is at most this many times the limit: JSON escapes
# ("\uXXXX", 6 bytes) are the widest spelling of one character.
LINE_FACTOR = 6


def line_limit() -> int:
    """The longest JSONL line read, from the configured document limit (as the WARC reader does)."""
    return LINE_FACTOR * load_config().max_document_bytes


@reader(".jsonl", ".jsonl.gz", ".ndjson")
def read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    """One Document per JSON line, or an InputError naming the line: a bad line (malformed JSON, a stray
    NUL or invalid UTF-8) never costs the other lines."""
    if path.name.lower().endswith(".gz"):
        data = gunzip(data, str(path))
    if data.startswith(_UTF16_BOMS):  # UTF-16: "\n" is two bytes, so decode the whole text first
        yield from _records(
            path, (line.encode("utf-8", "surrogatepass") for line in decode_bytes(data, str(path)).split("\n"))
        )
        return
    yield from _records(path, _lines(io.BytesIO(data), len(data) + 1))


@stream_reader(".jsonl", ".jsonl.gz", ".ndjson")
def stream_jsonl(path: Path, handle: BinaryIO) -> Iterator[Item]:
    """`read_jsonl` for an open file, line by line; a damaged gzip stream keeps the lines read before it."""
    gzipped = path.name.lower().endswith(".gz")
    stream = gzip.GzipFile(fileobj=handle) if gzipped else handle
    try:
        # rare; read whole, held to the stream limit. `handle` is the buffered file `_stream_one` opened, with peek
        if stream.peek(2)[:2] in _UTF16_BOMS:  # type: ignore[union-attr]  # BinaryIO does not declare peek
            data = stream.read(limits.max_stream_bytes(Config.max_document_bytes) + 1)
            yield from read_jsonl(Path(path.name.removesuffix(".gz")), data)
            return
        yield from _records(path, _lines(stream, line_limit()))
    except (EOFError, OSError, zlib.error) as err:  # gzip.BadGzipFile is an OSError
        reason = "file is truncated" if isinstance(err, EOFError) else (str(err) or type(err).__name__)
        yield InputError(Errors.E012.format(path=path, kind="gzip" if gzipped else "JSONL", reason=reason))


def _records(path: Path, lines: Iterator[bytes | None]) -> Iterator[Item]:
    """Documents from raw lines (None: a line over the size limit, skipped)."""
    for lineno, line in enumerate(lines, start=1):
        if line is None:
            yield InputError(
                Errors.E011.format(path=f"{path}:{lineno}", size="more than the line limit", limit=line_limit())
            )
            continue
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            yield jsonl_record_to_document(_decode_line(line, f"{path}:{lineno}"), path, lineno)
        except InputError as err:
            yield err


def _decode_line(line: bytes, source: str) -> str:
    """One line's text; a line with NUL bytes or invalid UTF-8 goes through the full decoder, so a binary
    line is reported as such (E003) and a legacy encoding is detected, for that line only."""
    if b"\x00" not in line:
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return decode_bytes(line, source)


def _lines(stream: BinaryIO | io.BufferedIOBase, limit: int) -> Iterator[bytes | None]:
    """The lines of `stream` without their "\\n"; None for a line longer than `limit`, which is read past in
    chunks rather than held."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        yield line.removesuffix(b"\n")
