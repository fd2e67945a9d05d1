"""Whole jobs over files: extract to records, or ingest into the store. The CLI and API wrap these."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Iterator

from .config import Config, load_config
from .errors import InputError
from .ingest import iter_documents

from .model import Document, Failure, Result
from .pipeline import process, with_publication_date
from .store import Store

log = logging.getLogger("eventwire")


@dataclass
class JobReport:
    documents: int = 0          # documents read
    added: int = 0              # documents newly stored (ingest)
    already_stored: int = 0     # documents skipped because their content hash is stored
    events: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def read_documents(paths: Iterable[str], publication_date: date | None, report: JobReport,
                   config: Config) -> Iterator[Document]:
    """Documents under `paths` with publication dates filled; unreadable ones are recorded in `report`."""
    for item in iter_documents(paths, max_bytes=config.max_document_bytes):
        if isinstance(item, InputError):
            report.failures.append(Failure(source="", reason=str(item)))
            log.error("%s", item)
            continue
        report.documents += 1
        yield with_publication_date(item, publication_date)


def extract_files(paths: Iterable[str], publication_date: date | None = None, config: Config | None = None,
                  report: JobReport | None = None) -> Iterator[Result]:
    """Results for every readable document under `paths` (failures go to `report`)."""
    config = config or load_config()
    report = report if report is not None else JobReport()
    yield from extract_files_from(read_documents(paths, publication_date, report, config), report, config)


def ingest_files(paths: Iterable[str], db_path: str | None = None, publication_date: date | None = None,
                 config: Config | None = None, progress=None) -> JobReport:
    """Read, code and store every document under `paths`; documents already stored (same content) are
    skipped before parsing; each batch is committed in one transaction."""
    config = config or load_config()
    report = JobReport()
    with Store(db_path or config.db_path) as store:
        def new_documents() -> Iterator[Document]:
            for document in read_documents(paths, publication_date, report, config):
                if store.has_content(document.content_hash):
                    report.already_stored += 1
                    continue
                yield document

        batch: list[Result] = []
        for result in extract_files_from(new_documents(), report, config):
            batch.append(result)
            if progress:
                progress(result)
            if len(batch) >= config.batch_size:
                report.added += store.add_results(batch)
                batch = []
        if batch:
            report.added += store.add_results(batch)
        for failure in report.failures:
            store.add_skipped(failure.source, failure.reason)
    return report


def extract_files_from(documents: Iterable[Document], report: JobReport, config: Config) -> Iterator[Result]:
    for result in process(documents, config.batch_size):
        if isinstance(result, Failure):
            report.failures.append(result)
            log.error("%s: %s", result.source, result.reason)
            continue
        report.events += len(result.events)
        yield result
