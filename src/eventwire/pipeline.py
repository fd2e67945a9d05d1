"""Composes the stages. `process_batch` is the one processing function: the local engine, the
multiprocessing workers and the Spark engine all call it, so every engine codes events identically."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from . import extract as extract_stage
from . import geo, limits
from . import time as time_stage
from .config import GEO_SETTINGS, GeoSettings, load_config
from .errors import EventwireError
from .model import Document, Event, Failure, Result, Sentence
from .nlp import get_nlp, parse_one, pipe

log = logging.getLogger("eventwire")


def with_publication_date(document: Document, default: date | None = None) -> Document:
    """Fill the publication date: explicit `default` (e.g. --date) wins, then the document's own metadata,
    then a dateline or date line found in the text."""
    if default is not None:
        document.publication_date = default
    elif document.publication_date is None:
        document.publication_date = time_stage.find_publication_date(document.text)
    return document


def analyse(
    document: Document, doc: Doc, budget: limits.Budget | None = None, geo_settings: GeoSettings = GEO_SETTINGS
) -> Result:
    """All post-parse stages for one parsed document. With a `budget`, raises InputError (E015) when a
    stage ends after the budget is spent, and (E016) when the document has too many sentences.
    `geo_settings`: the geoparser's weights and scanners (`Config.geo`; `process_batch` passes the loaded one)."""
    budget = budget or limits.Budget(document.source or document.doc_id, None)
    sentences = [Sentence(document.doc_id, i, s.start_char, s.end_char, s.text) for i, s in enumerate(doc.sents)]
    limits.check_sentence_count(len(sentences), budget.source)
    budget.check("sentences")
    toponyms = geo.geoparse(doc, settings=geo_settings)
    budget.check("geoparse")
    events = extract_stage.extract_events(document, doc, toponyms)
    budget.check("events")
    return Result(document, sentences, toponyms, events)


def process_batch(
    documents: list[Document],
    batch_size: int = 32,
    time_budget_s: float | None = None,
    geo_settings: GeoSettings | None = None,
) -> list[Result | Failure]:
    """Parse and code a batch of documents (in order). A failure in one document is returned as a
    `Failure` and never affects the others: a document too long to parse, one whose analysis outlasts
    `time_budget_s` (default: `Config.doc_time_budget_s`), or one that trips a bug. `geo_settings`: the
    geoparser's weights and scanners (default: `Config.geo`)."""
    if time_budget_s is None or geo_settings is None:
        config = load_config()
        time_budget_s = config.doc_time_budget_s if time_budget_s is None else time_budget_s
        geo_settings = config.geo if geo_settings is None else geo_settings
    out: list[Result | Failure | None] = [None] * len(documents)
    parseable: list[int] = []
    for i, document in enumerate(documents):
        try:
            limits.check_document_size(document.text, _source(document))
            parseable.append(i)
        except EventwireError as err:
            out[i] = Failure(_source(document), str(err))
    for i, doc in _parse(get_nlp(), [documents[i] for i in parseable], parseable, batch_size):
        document = documents[i]
        if isinstance(doc, Failure):
            out[i] = doc
            continue
        try:
            out[i] = analyse(document, doc, limits.Budget(_source(document), time_budget_s), geo_settings)
        except EventwireError as err:
            out[i] = Failure(_source(document), str(err))
        except Exception as err:  # noqa: BLE001  (a bug on one odd document must not lose the batch; logged for fixing)
            out[i] = _internal_failure(document, err)
    return out  # type: ignore[return-value]  # every slot is filled above


def _parse(
    nlp: Language, documents: list[Document], indexes: list[int], batch_size: int
) -> Iterator[tuple[int, Doc | Failure]]:
    """(index, parsed Doc) in order; if spaCy fails inside a batch, the rest are parsed one by one so
    that only the document that fails becomes a Failure."""
    done = 0
    try:
        for doc in pipe((d.text for d in documents), batch_size=batch_size, nlp=nlp):
            yield indexes[done], doc
            done += 1
        return
    except Exception:  # noqa: BLE001  (isolated below, document by document)
        log.warning("parser failed inside a batch; parsing its documents one by one")
    for document, i in zip(documents[done:], indexes[done:], strict=True):
        try:
            yield i, parse_one(document.text, nlp)
        except Exception as err:  # noqa: BLE001  (the one document spaCy cannot parse becomes a Failure)
            yield i, _internal_failure(document, err)


def _source(document: Document) -> str:
    return document.source or document.doc_id


def _internal_failure(document: Document, err: Exception) -> Failure:
    log.exception("internal error on %s", document.doc_id, exc_info=err)
    first_line = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return Failure(_source(document), f"internal error: {type(err).__name__}: {first_line}")


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


def extract(
    text: str, publication_date: date | str | None = None, doc_id: str = "doc", title: str | None = None
) -> list[Event]:
    """Events in one text (the public Python API): `eventwire.extract(text, publication_date="2020-01-04")`."""
    from .ingest.readers import make_document, parse_date

    document = make_document(doc_id, text, title=title, publication_date=parse_date(publication_date))
    document = with_publication_date(document)
    result = process_batch([document])[0]
    if isinstance(result, Failure):
        raise EventwireError(result.reason)
    return result.events
