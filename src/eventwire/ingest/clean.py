"""Remove page and forum chrome from plain text, line by line, keeping a map back to the original offsets.

Line-level rules (data/ingest/chrome.yaml) rather than trafilatura: plain-text inputs have no markup for a
boilerplate classifier to work on, and whole-line removal keeps the offset map trivial.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..resources import load_yaml

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern, list[re.Pattern]]:
    data = load_yaml("ingest/chrome.yaml")
    drop = re.compile("|".join(f"(?:{p})" for p in data["drop_lines"]), re.IGNORECASE)
    suffixes = [re.compile(p) for p in data.get("strip_suffixes", [])]
    return drop, suffixes


def clean_text(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Cleaned text and its segment map [(clean_start, raw_start), ...] (see `Document.raw_offset`)."""
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
        if not body.strip() or drop.fullmatch(body):
            continue
        for suffix in suffixes:
            body = suffix.sub("", body)
        # Control characters confuse the tokenizer; replace one-for-one so offsets stay aligned.
        body = _CONTROL.sub(" ", body)
        if out:
            out.append("\n")
            clean_pos += 1
        segments.append((clean_pos, line_start))
        out.append(body)
        clean_pos += len(body)
    return "".join(out), segments


def normalise_unicode(text: str) -> str:
    """NFC-normalise (composed accents) so the same word always has one spelling."""
    return unicodedata.normalize("NFC", text)
