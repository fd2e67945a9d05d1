"""Bytes → text: a byte-order mark wins, then UTF-8, then charset detection (charset-normalizer) for legacy
encodings; binary content is refused with a clear error rather than fed to the parser as mojibake.

A declared charset (HTML `<meta charset>`, HTTP header) is deliberately not trusted: pages that declare
UTF-8 but are windows-1252 are common, and UTF-8 validity is the stronger evidence either way."""

from __future__ import annotations

import sys

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Share of characters that may be unprintable before a decoding is judged to be binary noise.
_MAX_CONTROL_SHARE = 0.02
_MAX_CHAOS = 0.25
# Detection looks at this much of a document (charset-normalizer samples it anyway).
_DETECT_BYTES = 1_000_000
# When several single-byte encodings read the bytes equally well (charset-normalizer often ranks
# windows-1250, cp775 or mac_latin2 first for Spanish or French), prefer windows-1252: it is what unlabelled
# or mislabelled Western pages are (WHATWG maps the latin-1 and ascii labels to it).
_PREFERRED = "cp1252"
_TIE_CHAOS = 0.05


def decode_bytes(data: bytes, source: str) -> str:
    """The text of `data`; raises InputError E003 (binary) or E007 (no encoding fits)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                data = data[len(bom) :]  # a lying BOM: judge the content alone
                break
    if b"\x00" in data[:8192]:
        raise InputError(Errors.E003.format(path=source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = f"invalid UTF-8 at byte {err.start}"
    detected = _detect(data[:_DETECT_BYTES])
    if detected is None:
        raise InputError(Errors.E007.format(path=source, reason=f"{utf8_error}, and no other encoding fits"))
    text = data.decode(detected, errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise InputError(Errors.E003.format(path=source))
    print(f"eventwire: {source}: not UTF-8, decoded as {detected}", file=sys.stderr)
    return text


def _detect(sample: bytes) -> str | None:
    matches = from_bytes(sample)
    best = matches.best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    try:
        western = sample.decode(_PREFERRED)
    except UnicodeDecodeError:
        return best.encoding
    for match in matches:
        # Tied on chaos and reading the same text as windows-1252 (or being it): windows-1252 wins.
        if match.chaos <= best.chaos + _TIE_CHAOS and (match.encoding == _PREFERRED or str(match) == western):
            return _PREFERRED
    return best.encoding
