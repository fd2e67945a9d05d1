"""Bytes → text: UTF-8 first, then charset detection (charset-normalizer) for legacy encodings; binary
content is refused with a clear error rather than fed to the parser as mojibake."""
from __future__ import annotations

import sys

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Share of characters that may be unprintable before a decoding is judged to be binary noise.
_MAX_CONTROL_SHARE = 0.02
_MAX_CHAOS = 0.25


def decode_bytes(data: bytes, source: str) -> str:
    if data.startswith(_BOMS):
        for enc in ("utf-8-sig", "utf-16"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                pass
    if b"\x00" in data[:8192]:
        raise InputError(Errors.E003.format(path=source))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = f"invalid UTF-8 at byte {err.start}"
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(Errors.E007.format(path=source, reason=f"{utf8_error}, and no other encoding fits"))
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise InputError(Errors.E003.format(path=source))
    print(f"eventwire: {source}: not UTF-8, decoded as {best.encoding}", file=sys.stderr)
    return text
