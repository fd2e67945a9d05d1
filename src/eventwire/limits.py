"""Hard limits that keep one hostile or pathological input from exhausting memory or stalling a batch.

The per-document byte limit and time budget are settings (`Config.max_document_bytes`,
`Config.doc_time_budget_s`); the values here are fixed guards behind them, sized far above real news.
"""

from __future__ import annotations

import time
import zlib

from .errors import Errors, InputError

# A stream file (JSONL, WARC, feed) holds many documents, so it may be larger than one document; this
# many times `max_document_bytes` (1 GB at the defaults) is read at most, from disk, stdin or gzip.
STREAM_FACTOR = 50
# spaCy needs about 1 GB of memory per 100,000 characters for the parser and NER on one text, and news
# reports are 2,000 to 50,000 characters: longer texts are refused rather than parsed.
MAX_DOCUMENT_CHARS = 1_000_000
# More sentences than this in one document is a list, a table or a dump, not a report.
MAX_SENTENCES = 20_000
_GUNZIP_CHUNK = 1 << 20


def max_stream_bytes(max_document_bytes: int) -> int:
    """The most bytes read for one stream file (or decompressed from one gzip file)."""
    return STREAM_FACTOR * max_document_bytes


def gunzip(data: bytes, source: str, limit: int) -> bytes:
    """Decompress gzip (one or more members) producing at most `limit` bytes: a gzip bomb is refused
    with E011 after `limit` bytes of work instead of filling memory; a damaged file gives E012."""
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            chunk = inflater.decompress(rest, limit + 1 - len(out))
            out += chunk
            while inflater.unconsumed_tail and len(out) <= limit:
                out += inflater.decompress(inflater.unconsumed_tail, limit + 1 - len(out))
            if len(out) > limit:
                raise InputError(
                    Errors.E011.format(path=f"{source} (decompressed)", size=f"more than {limit}", limit=limit)
                )
            if not inflater.eof:
                raise InputError(Errors.E012.format(path=source, kind="gzip", reason="file is truncated"))
            # Concatenated members (e.g. `cat a.gz b.gz`) are valid gzip; trailing zero padding is not data.
            rest = inflater.unused_data.lstrip(b"\x00")
    except zlib.error as err:
        raise InputError(Errors.E012.format(path=source, kind="gzip", reason=str(err))) from None
    return bytes(out)


class Budget:
    """Time budget for the post-parse stages of one document: `check(stage)` raises once it is spent.

    Checked between stages (cheap, works in any thread, unlike signal alarms); together with
    MAX_DOCUMENT_CHARS and MAX_SENTENCES it bounds the work any single document can cause.
    """

    def __init__(self, source: str, seconds: float | None) -> None:
        self.source = source
        self.seconds = seconds
        self.started = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def check(self, stage: str) -> None:
        if self.seconds is not None and self.elapsed() > self.seconds:
            raise InputError(
                Errors.E015.format(path=self.source, seconds=f"{self.elapsed():.1f}", budget=self.seconds, stage=stage)
            )


def check_document_size(text: str, source: str) -> None:
    """Refuse a document too long to parse (E016), before it reaches spaCy."""
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(Errors.E016.format(path=source, count=len(text), what="characters", limit=MAX_DOCUMENT_CHARS))


def check_sentence_count(count: int, source: str) -> None:
    if count > MAX_SENTENCES:
        raise InputError(Errors.E016.format(path=source, count=count, what="sentences", limit=MAX_SENTENCES))
