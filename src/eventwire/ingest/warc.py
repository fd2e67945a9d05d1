"""WARC and WARC.gz web archives (warcio): one `Document` per HTML `response` record, boilerplate removed by
trafilatura. A truncated or corrupt archive keeps every record read before the damage and reports the rest
as an `InputError`."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator

from ..errors import Errors, InputError
from .decode import decode_bytes
from .readers import Item, make_document, reader

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@reader(".warc", ".warc.gz", ".arc.gz")
def read_warc(path: Path, data: bytes) -> Iterator[Item]:
    """HTML response records of a WARC file, in archive order."""
    stream = ArchiveIterator(io.BytesIO(data), arc2warc=True)
    index = 0
    try:
        for record in stream:
            if record.rec_type != "response" or not _is_html(record):
                continue
            index += 1
            try:
                yield record_to_document(record, path, index)
            except InputError as err:
                yield err
    except Exception as err:  # warcio/zlib raise many kinds on damaged archives; keep what was read
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        yield InputError(Errors.E012.format(path=path, kind="WARC",
                                            reason=f"{reason}; kept {index} records read before the damage"))


def record_to_document(record, path: Path, index: int):
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    record_id = headers.get_header("WARC-Record-ID") or url or f"{path.stem}-{index}"
    doc_id = record_id.strip("<>").removeprefix("urn:uuid:")
    source = f"{path}#{index}"
    # content_stream() undoes chunked/gzip transfer encodings; a cut inside the body raises here.
    body = record.content_stream().read()
    charset = _charset(record)
    text = _decode(body, charset, source)
    warc_date = (headers.get_header("WARC-Date") or "")[:10] or None
    return make_document(doc_id, text, url=url, publication_date=warc_date, source=source, is_html=True)


def _is_html(record) -> bool:
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else None) or ""
    return content_type.split(";")[0].strip().lower() in _HTML_TYPES


def _charset(record) -> str | None:
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
