"""Remove page and forum chrome from plain text, line by line, keeping a map back to the original offsets.

Line-level rules (data/ingest/chrome.yaml) rather than trafilatura: plain-text inputs have no markup for a
boilerplate classifier to work on, and whole-line removal keeps the offset map trivial.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import load_yaml

# After a line's trailing "\r" is removed, a "\r" left inside it is a control character like the others.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Chrome lines are short; longer lines are never tested against the rules, which bounds their cost.
_MAX_CHROME_LINE = 300
# Lone surrogates (from JSON "\\ud800" escapes or surrogateescape decoding) cannot be encoded as UTF-8:
# they would crash the store and the JSON output, so they become U+FFFD, one for one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# NFC pieces: an ASCII character never composes with the character before it and blocks composition
# across itself, so NFC can be applied piece by piece, where a piece is a non-ASCII run with the ASCII
# character before it (or a run of ASCII characters). This keeps offsets exact outside changed pieces.
_NFC_PIECE = re.compile(r"(?:[\x00-\x7f](?![^\x00-\x7f]))+|[\x00-\x7f]?[^\x00-\x7f]+")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, list[re.Pattern]]:
    data = load_yaml("ingest/chrome.yaml")
    drop = re.compile("|".join(f"(?:{p})" for p in data["drop_lines"]), re.IGNORECASE)
    suffixes = [re.compile(p) for p in data.get("strip_suffixes", [])]
    return drop, suffixes


def clean_text(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Cleaned, NFC-normalised text and its segment map [(clean_start, raw_start), ...] (see
    `Document.raw_offset`): every character of a kept line maps back to its offset in `raw`, except
    inside a character sequence that NFC changed in length, which maps to that sequence's start."""
    drop, suffixes = _rules()
    out: list[str] = []
    segments: list[tuple[int, int]] = []
    clean_pos = 0
    raw_pos = 0
    # Split on "\n" only: str.splitlines also breaks at \x0b, \x0c, \x1c-\x1e and U+2028, which a
    # hostile page can use to smuggle lines past the chrome filter and shift offsets.
    for line in raw.split("\n"):
        body = line.rstrip("\r")
        line_start = raw_pos
        raw_pos += len(line) + 1
        if not body.strip() or _is_chrome(body, drop):
            continue
        for suffix in suffixes:
            body = suffix.sub("", body)
        # Control characters confuse the tokenizer; replace one-for-one so offsets stay aligned.
        body = _SURROGATE.sub("\ufffd", _CONTROL.sub(" ", body))
        if out:
            out.append("\n")
            clean_pos += 1
        body, line_segments = _normalise_line(body, clean_pos, line_start)
        segments.extend(line_segments)
        out.append(body)
        clean_pos += len(body)
    return "".join(out), segments


def _is_chrome(line: str, drop: re.Pattern) -> bool:
    # Rules are matched against the line with whitespace runs collapsed: rules such as
    # `\s*(share|...)\s*[:|>]*\s*` take quadratic time on a long whitespace run (ReDoS) otherwise.
    collapsed = " ".join(line.split())
    return len(collapsed) <= _MAX_CHROME_LINE and drop.fullmatch(normalise_unicode(collapsed)) is not None


def _normalise_line(body: str, clean_start: int, raw_start: int) -> tuple[str, list[tuple[int, int]]]:
    """NFC of one line, with a segment wherever NFC changed the length (so later offsets stay exact)."""
    if body.isascii() or unicodedata.is_normalized("NFC", body):
        return body, [(clean_start, raw_start)]
    pieces: list[str] = []
    segments = [(clean_start, raw_start)]
    clean_pos = clean_start
    for match in _NFC_PIECE.finditer(body):
        piece = match.group()
        if clean_pos - segments[-1][0] != raw_start + match.start() - segments[-1][1]:
            segments.append((clean_pos, raw_start + match.start()))
        normal = unicodedata.normalize("NFC", piece)
        pieces.append(normal)
        clean_pos += len(normal)
    return "".join(pieces), segments


def normalise_unicode(text: str) -> str:
    """NFC-normalise (composed accents) so the same word always has one spelling."""
    return unicodedata.normalize("NFC", text)
