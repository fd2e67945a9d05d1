"""Coding of posted documents off the server's event loop, in a bounded queue.

Coding a report (spaCy, the classifier, geocoding) is CPU work that holds the GIL: done in the server's request
threads, it slowed every read while writes ran (issue 17: reads' p50 1.5 s under 10% writes, against 164 ms
alone). The real pipeline therefore runs in a pool of `Config.api_workers` worker processes, each loading the
model once (in its initializer), and each tied to the server's life (`jobs.exit_with`: a `kill -9` of the
server leaves no worker behind). At most `api_workers + api_queue` documents are accepted at a time; one more
is refused at once with 503 and a `Retry-After` estimated from recent coding times, instead of waiting in an
unbounded queue. A processor passed in by the caller (a test stub, which need not be picklable) runs in a
bounded thread pool with the same admission rule."""

from __future__ import annotations

import asyncio
import logging
import math
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..http_errors import ApiError, ApiErrors
from ..model import Document, Failure, Result

log = logging.getLogger("eventwire.api")
Processor = Callable[[list[Document]], list[Result | Failure]]
FIRST_GUESS_S = 2.0  # seconds to code one report, until one has been timed (Retry-After before any measure)


class Coder:
    """`await coder.code(documents)` runs the processor on the documents in the pool, or raises `ApiError`
    (503 `busy` with Retry-After when `workers + queue` documents are already admitted)."""

    def __init__(self, processor: Processor | None, workers: int, queue: int):
        self.workers = max(1, workers)
        self.capacity = self.workers + max(0, queue)
        self._processor = processor
        self._executor: Executor | None = None
        self._lock = threading.Lock()
        self._admitted = 0
        self._mean_s = FIRST_GUESS_S

    @property
    def uses_processes(self) -> bool:
        return self._processor is None

    def start(self) -> None:
        """Start the pool now (the workers load the model while the server starts serving reads)."""
        with self._lock:
            executor = self._pool()
        if isinstance(executor, ProcessPoolExecutor):
            for _ in range(self.workers):  # a process pool starts its workers on demand: one task each
                executor.submit(_ready)

    async def code(self, documents: list[Document]) -> list[Result | Failure]:
        with self._lock:
            if self._admitted + len(documents) > self.capacity:
                wait = self.retry_after()
                raise ApiError(
                    ApiErrors.BUSY, headers={"Retry-After": str(wait)}, queued=self._admitted, retry_after=wait
                )
            self._admitted += len(documents)
            executor = self._pool()
        started = time.monotonic()
        try:
            if self._processor is None:
                future = executor.submit(_code_in_worker, documents)
            else:
                future = executor.submit(self._processor, documents)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            log.error("a coding worker died; the pool is restarted")
            self._discard(executor)
            raise ApiError(ApiErrors.BUSY, headers={"Retry-After": "1"}, queued=0, retry_after=1) from None
        except ImportError:
            log.exception("the extraction pipeline cannot be imported")
            raise ApiError(ApiErrors.EXTRACTION_UNAVAILABLE) from None
        finally:
            elapsed = (time.monotonic() - started) / max(1, len(documents))
            with self._lock:
                self._admitted -= len(documents)
                self._mean_s = 0.8 * self._mean_s + 0.2 * elapsed

    def retry_after(self) -> int:
        """Whole seconds until the documents admitted now should be coded (at least 1)."""
        return max(1, math.ceil(self._admitted * self._mean_s / self.workers))

    def close(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def _pool(self) -> Executor:
        if self._executor is None:
            self._executor = self._new_pool()
        return self._executor

    def _new_pool(self) -> Executor:
        if self._processor is not None:
            return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="eventwire-coder")
        # forkserver (or spawn), never fork: the server holds DuckDB, threads and an event loop.
        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            context.set_forkserver_preload(["eventwire.pipeline"])
        return ProcessPoolExecutor(
            max_workers=self.workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
        )

    def _discard(self, executor: Executor) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)


def _init_worker(parent: int) -> None:
    """Exit with the server, then load the model once for all the documents this worker codes."""
    from ..jobs import exit_with
    from ..nlp import get_nlp

    exit_with(parent)
    get_nlp()


def _ready() -> None:
    """A no-op task: submitting one per worker starts the pool's processes (and their model loading)."""


def _code_in_worker(documents: list[Document]) -> list[Result | Failure]:
    from ..pipeline import process_batch, with_publication_date

    return process_batch([with_publication_date(d) for d in documents])
