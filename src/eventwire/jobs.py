"""Whole jobs over files: extract to records, or ingest into the store. The CLI and API wrap these.

Ingest streams: documents are read, checked against the store by content hash (stored ones are skipped
before parsing), grouped into batches and coded by `pipeline.process_batch`, in this process or in a pool of
worker processes that each load the spaCy model once. Results come back in input order and the main process,
the only writer, commits each batch in one transaction. At most `2 × workers` batches are in flight, so
memory does not grow with the corpus; a killed run loses at most the uncommitted batches, which the next run
redoes, giving exactly the rows of an uninterrupted run.
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import multiprocessing
import os
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from multiprocessing.context import BaseContext
from typing import TYPE_CHECKING, Any, TypeVar

from .config import Config, load_config
from .errors import InputError
from .ingest import iter_documents
from .model import Document, Event, Failure, Result

if TYPE_CHECKING:
    from .store import Store

_T = TypeVar("_T")

log = logging.getLogger("eventwire")

WORKER_MAX_BATCHES = 32  # batches a worker process codes before it is replaced (bounds its memory)
COPIES_PENDING = 256  # repeated documents held before they are recorded as copies
MIN_INGEST_DB_MEMORY_MB = 32  # the ingest writer's DuckDB memory limit: never below this,
MAX_INGEST_DB_MEMORY_MB = 8192  # and raised on out-of-memory errors up to this (see `_DuckMemory`)
# Seconds an ingest waits at its end for alert deliveries still running: long enough for a file, stdout or a
# healthy webhook, short enough that a slow or dead webhook does not set the job's pace (issue 17).
ALERT_GRACE_S = 2.0


@dataclass
class JobReport:
    documents: int = 0  # documents read
    added: int = 0  # documents newly stored (ingest)
    already_stored: int = 0  # documents skipped because their content hash is stored
    events: int = 0
    failures: list[Failure] = field(default_factory=list)
    alerts_pending: int = 0  # watch alerts left in the outbox at the end (ingest)

    @property
    def ok(self) -> bool:
        return not self.failures


def default_workers(config: Config) -> int:
    """Worker processes for ingest: the configured number when set (file or $EVENTWIRE_WORKERS), else one
    per CPU core."""
    if config.workers != Config().workers:
        return max(1, config.workers)
    return max(1, os.cpu_count() or 1)


def _fail(report: JobReport, failure: Failure, on_failure: Callable[[Failure], None] | None = None) -> None:
    report.failures.append(failure)
    log.error("%s", failure.reason if not failure.source else f"{failure.source}: {failure.reason}")
    if on_failure:
        on_failure(failure)


def read_raw_documents(
    paths: Iterable[str], report: JobReport, config: Config, on_failure: Callable[[Failure], None] | None = None
) -> Iterator[Document]:
    """Documents under `paths` as read (no date filling); unreadable ones are recorded in `report`."""
    for item in iter_documents(paths, max_bytes=config.max_document_bytes):
        if isinstance(item, InputError):
            _fail(report, Failure(source="", reason=str(item)), on_failure)
            continue
        report.documents += 1
        yield item


def read_documents(
    paths: Iterable[str], publication_date: date | None, report: JobReport, config: Config
) -> Iterator[Document]:
    """Documents under `paths` with publication dates filled; unreadable ones are recorded in `report`."""
    from .pipeline import with_publication_date

    for document in read_raw_documents(paths, report, config):
        yield with_publication_date(document, publication_date)


def extract_files(
    paths: Iterable[str],
    publication_date: date | None = None,
    config: Config | None = None,
    report: JobReport | None = None,
) -> Iterator[Result]:
    """Results for every readable document under `paths` (failures go to `report`)."""
    config = config or load_config()
    report = report if report is not None else JobReport()
    yield from extract_files_from(read_documents(paths, publication_date, report, config), report, config)


def extract_files_from(documents: Iterable[Document], report: JobReport, config: Config) -> Iterator[Result]:
    from .pipeline import process

    for result in process(documents, config.batch_size):
        if isinstance(result, Failure):
            _fail(report, result)
            continue
        report.events += len(result.events)
        yield result


def ingest_files(
    paths: Iterable[str],
    db_path: str | None = None,
    publication_date: date | None = None,
    config: Config | None = None,
    progress: Callable[[Result | Failure], None] | None = None,
    workers: int | None = None,
    alert_grace_s: float = ALERT_GRACE_S,
) -> JobReport:
    """Read, code and store every document under `paths`; documents already stored (same content) are
    skipped before parsing; each batch is committed in one transaction (with its dedup merges and the watch
    alerts it raised), so the job can be killed at any moment and rerun. `workers` > 1 codes batches in that
    many processes (default: `config.workers`). Alerts are delivered in background threads; at the end they
    get at most `alert_grace_s` more seconds, and what is left (a slow or dead webhook) stays in the outbox
    for the next run or `eventwire watch deliver` (`JobReport.alerts_pending`)."""
    from .store import Store
    from .watch import Drainer, rules_beside

    config = config or load_config()
    workers = max(1, workers or config.workers)
    report = JobReport()
    with Store(db_path or config.db_path) as store:
        # DuckDB caches the blocks it reads and writes up to its limit (80% of RAM by default), and each batch's
        # merge reads the stored reports of the merged events it touches, spread over the whole table: the
        # ingest process grew with the database. A small fixed limit makes it evict instead; should a batch
        # ever need more than the limit (the indexes of a very large store), the limit is raised and the
        # batch, rolled back, is written again (`_DuckMemory`).
        memory = _DuckMemory(store, config.ingest_db_memory_mb)
        alerts = Drainer(store.con, partial(rules_beside, store.path))
        alerts.notify()  # alerts a killed run left in the outbox go first

        def skip(failure: Failure) -> None:
            store.add_skipped(failure.source, failure.reason)

        copies: list[Document] = []  # same text as a stored or queued document, under another id

        def note_copy(document: Document) -> None:
            copies.append(document)
            if len(copies) >= COPIES_PENDING:  # a rerun of a big file meets only repeats: keep memory flat
                copies[:] = memory.run(store.add_copies, copies)

        batches = new_document_batches(
            store,
            read_raw_documents(paths, report, config, skip),
            report,
            publication_date,
            config.batch_size,
            note_copy,
        )
        for outcomes in code_batches(batches, workers, config.batch_size):
            results = []
            for outcome in outcomes:
                if isinstance(outcome, Failure):
                    _fail(report, outcome, skip)
                    continue
                report.events += len(outcome.events)
                results.append(outcome)
            events = [e for r in results for e in r.events]
            # The watch rules judge the batch inside its transaction: its alerts are queued in the outbox with
            # its events, and the drainer's threads deliver them while the next batches are coded.
            report.added += memory.run(store.add_results, results, partial(_queue_alerts, events=events))
            alerts.notify()
            copies[:] = memory.run(store.add_copies, copies)
            release_free_memory()
            log.info("committed %d documents (%d added so far, %d events)", len(results), report.added, report.events)
            if progress:
                for outcome in outcomes:
                    progress(outcome)
        memory.run(store.add_copies, copies)  # copies met after the last batch was queued
        report.alerts_pending = alerts.close(alert_grace_s)
    return report


def _queue_alerts(store: Store, events: list[Event]) -> None:
    from .watch import evaluate_in_transaction

    evaluate_in_transaction(store, events)


class _DuckMemory:
    """The ingest writer's DuckDB memory limit (`Config.ingest_db_memory_mb`), doubled, up to
    `MAX_INGEST_DB_MEMORY_MB`, each time a write runs out of it. The writes given to `run` are transactions
    rolled back on error (`Store.add_results`) or idempotent (`Store.add_copies`), so running one again after
    an out-of-memory error stores exactly what one successful run stores."""

    def __init__(self, store: Store, limit_mb: int):
        self.store = store
        self.limit_mb = max(MIN_INGEST_DB_MEMORY_MB, int(limit_mb))
        self._apply()

    def _apply(self) -> None:
        self.store.con.execute(f"SET memory_limit = '{self.limit_mb}MB'")

    def run(self, write: Callable[..., _T], *args: Any) -> _T:
        import duckdb

        while True:
            try:
                return write(*args)
            except duckdb.OutOfMemoryException:
                if self.limit_mb >= MAX_INGEST_DB_MEMORY_MB:
                    raise
                self.limit_mb = min(2 * self.limit_mb, MAX_INGEST_DB_MEMORY_MB)
                log.warning("the store ran out of its memory limit; raised to %d MB", self.limit_mb)
                self._apply()


def release_free_memory() -> None:
    """Hand freed heap pages back to the OS (glibc `malloc_trim`). Results arrive unpickled in the pool's
    thread, and without this the main process's RSS crept up with the corpus (from fragmentation, not from
    live objects): 319 -> 366 MB over 40 batches, against 294 -> 297 MB with it. A no-op off glibc."""
    if _malloc_trim is not None:
        _malloc_trim(0)


def _find_malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _find_malloc_trim()


def new_document_batches(
    store: Store,
    documents: Iterable[Document],
    report: JobReport,
    publication_date: date | None,
    batch_size: int,
    on_repeat: Callable[[Document], None] | None = None,
) -> Iterator[list[Document]]:
    """Batches of documents whose content is neither stored nor already queued in this run, dates filled.
    `on_repeat` gets each document left out that way (the store records those with another id as copies)."""
    from .pipeline import with_publication_date

    queued: deque[str] = deque(maxlen=100_000)  # recent hashes: repeats within one run (bounded memory)
    queued_set: set[str] = set()

    def fresh(chunk: list[Document]) -> list[Document]:
        stored = store.known_hashes(d.content_hash for d in chunk)
        out = []
        for d in chunk:
            h = d.content_hash
            if h in stored or h in queued_set:
                report.already_stored += 1
                if on_repeat:
                    on_repeat(d)
                continue
            if len(queued) == queued.maxlen:
                queued_set.discard(queued[0])
            queued.append(h)
            queued_set.add(h)
            out.append(with_publication_date(d, publication_date))
        return out

    chunk: list[Document] = []
    pending: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= batch_size:
            pending.extend(fresh(chunk))
            chunk = []
            while len(pending) >= batch_size:
                yield pending[:batch_size]
                pending = pending[batch_size:]
    pending.extend(fresh(chunk))
    while pending:
        yield pending[:batch_size]
        pending = pending[batch_size:]


def code_batches(batches: Iterable[list[Document]], workers: int, batch_size: int) -> Iterator[list]:
    """`pipeline.process_batch` over each batch, in order: in this process for one worker or a single batch
    (starting workers and loading the model in each costs more than it saves), else in a pool."""
    batches = iter(batches)
    first = next(batches, None)
    second = next(batches, None) if first is not None else None
    if first is None:
        return
    rest = itertools.chain([second], batches) if second is not None else iter(())
    if workers <= 1 or second is None:
        from .pipeline import process_batch

        for batch in itertools.chain([first], rest):
            yield process_batch(batch, batch_size)
        return
    yield from _pooled(itertools.chain([first], rest), workers, batch_size)


def _pooled(batches: Iterable[list[Document]], workers: int, batch_size: int) -> Iterator[list]:
    # forkserver (or spawn) rather than fork: the parent may hold DuckDB, threads and a loaded model.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["eventwire.pipeline"])
    _ensure_gazetteer_cached(context)
    parent = os.getpid()
    # Workers are replaced after WORKER_MAX_BATCHES batches, so that whatever a stage keeps between documents
    # (caches, interned strings, allocator fragmentation) cannot grow with the corpus.
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(parent,),
        max_tasks_per_child=WORKER_MAX_BATCHES,
    ) as pool:
        in_flight: deque = deque()
        for batch in batches:
            in_flight.append(pool.submit(_process_in_worker, batch, batch_size))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def _ensure_gazetteer_cached(context: BaseContext) -> None:
    """Build the gazetteer cache once, in a short-lived process, before the workers start: otherwise on a
    first run every worker builds it at the same time (about 750 MB each), and the main process, which
    never needs the index, would keep it if it built it itself."""
    from .geo.gazetteer import cache_path

    if cache_path().exists():
        return
    builder = context.Process(  # type: ignore[attr-defined]  # every concrete context has Process; typeshed puts it on those only
        target=_build_gazetteer_cache, args=(os.getpid(),), name="eventwire-gazetteer-build"
    )
    builder.start()
    builder.join()


def _build_gazetteer_cache(parent: int) -> None:
    from .geo.gazetteer import load_or_build

    exit_with(parent)
    load_or_build()


def _init_worker(parent: int) -> None:
    """Tie the worker's life to the ingest process, then load the spaCy model once per worker process."""
    from .nlp import get_nlp

    exit_with(parent)
    get_nlp()


def exit_with(pid: int) -> None:
    """End this process as soon as process `pid` (the one that started the work) has ended, however it ended.

    A pool worker's parent is the forkserver, not the process that owns the pool, and the worker holds the
    forkserver's and the resource tracker's pipes open: after a `kill -9` of the owner, the workers waited on
    their task queue for ever, and kept those two alive too (issue 17). A daemon thread here waits for the
    owner's exit on a pidfd (Linux >= 5.3: woken by the kernel, no polling), else polls it every 0.5 s, then
    calls `os._exit`; with the workers gone, the forkserver and the resource tracker see end-of-file and exit.
    Pool initializers (ingest, the API) call it first."""
    if pid == os.getpid():
        return
    threading.Thread(target=_wait_then_exit, args=(pid,), name="eventwire-exit-with-parent", daemon=True).start()


def _wait_then_exit(pid: int) -> None:
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, an old kernel, or already gone (ProcessLookupError)
        fd = -1
    if fd >= 0:
        select.select([fd], [], [])  # readable once the process has exited
    else:
        while _alive(pid):
            time.sleep(0.5)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else (the pid was reused): the owner is gone
        return False
    return True


def _process_in_worker(batch: list[Document], batch_size: int) -> list:
    from .pipeline import process_batch

    return process_batch(batch, batch_size)


def geoparse_files(
    paths: Iterable[str], config: Config | None = None, report: JobReport | None = None, adjectival: bool = False
) -> Iterator[tuple[Document, list]]:
    """(document, toponyms) for every readable document under `paths`: the NLP and geo stages only, no
    event coding. `adjectival`: also return adjectival place names (see `eventwire.geo.geoparse`)."""
    from . import geo
    from .nlp import pipe

    config = config or load_config()
    report = report if report is not None else JobReport()
    documents = read_documents(paths, None, report, config)
    while batch := list(itertools.islice(documents, config.batch_size)):
        for document, doc in zip(batch, pipe((d.text for d in batch), batch_size=config.batch_size), strict=True):
            yield document, geo.geoparse(doc, adjectival=adjectival, settings=config.geo)
