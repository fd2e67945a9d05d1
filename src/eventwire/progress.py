"""Progress display on stderr (rich): documents/s and events found; silent when stderr is not a terminal
unless forced, so logs stay clean in CI."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress_bar(disable: bool = False, total: int | None = None) -> Iterator[Callable]:
    if disable or not sys.stderr.isatty():
        yield lambda result=None: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    events = 0
    with Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("{task.fields[events]} events"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task("ingest", total=total, events=0, rate="-")

        def tick(result: object = None) -> None:
            nonlocal events
            events += len(getattr(result, "events", []) or [])
            progress.update(task, advance=1, events=events)
            speed = progress.tasks[task].speed
            if speed:
                progress.update(task, rate=f"{speed:.1f}")

        yield tick
