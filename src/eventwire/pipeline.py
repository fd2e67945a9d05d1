"""Composes the stages. `process_batch` is the one processing function: the local engine, the
multiprocessing workers and the Spark engine all call it, so every engine codes events identically."""
from __future__ import annotations

import logging
from datetime import date
from typing import Iterable, Iterator

from spacy.tokens import Doc

from . import extract as extract_stage
from . import geo
from . import time as time_stage
from .errors import EventwireError
from .model import Document, Event, Failure, Result, Sentence
from .nlp import get_nlp

log = logging.getLogger("eventwire")


def with_publication_date(document: Document, default: date | None = None) -> Document:
    """Fill the publication date: explicit `default` (e.g. --date) wins, then the document's own metadata,
    then a dateline or date line found in the text."""
    if default is not None:
        document.publication_date = default
    elif document.publication_date is None:
        document.publication_date = time_stage.find_publication_date(document.text)
    return document


def analyse(document: Document, doc: Doc) -> Result:
    """All post-parse stages for one parsed document."""
    sentences = [Sentence(document.doc_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    toponyms = geo.geoparse(doc)
    events = extract_stage.extract_events(document, doc, toponyms)
    return Result(document, sentences, toponyms, events)


def process_batch(documents: list[Document], batch_size: int = 32) -> list[Result | Failure]:
    """Parse and code a batch of documents (in order). A failure in one document is returned as a
    `Failure` and never affects the others."""
    nlp = get_nlp()
    out: list[Result | Failure] = []
    for document, doc in zip(documents, nlp.pipe((d.text for d in documents), batch_size=batch_size)):
        try:
            out.append(analyse(document, doc))
        except EventwireError as err:
            out.append(Failure(document.source or document.doc_id, str(err)))
        except Exception as err:  # a bug on one odd document must not lose the batch; logged for fixing
            log.exception("internal error on %s", document.doc_id)
            out.append(Failure(document.source or document.doc_id, f"internal error: {type(err).__name__}: {err}"))
    return out


def process(documents: Iterable[Document], batch_size: int = 32) -> Iterator[Result | Failure]:
    """Stream results for any number of documents, batch by batch (constant memory)."""
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= batch_size:
            yield from process_batch(batch, batch_size)
            batch = []
    if batch:
        yield from process_batch(batch, batch_size)


def extract(text: str, publication_date: date | str | None = None, doc_id: str = "doc",
            title: str | None = None) -> list[Event]:
    """Events in one text (the public Python API): `eventwire.extract(text, publication_date="2020-01-04")`."""
    from .ingest.readers import make_document, parse_date
    document = make_document(doc_id, text, title=title, publication_date=parse_date(publication_date))
    document = with_publication_date(document)
    result = process_batch([document])[0]
    if isinstance(result, Failure):
        raise EventwireError(result.reason)
    return result.events
