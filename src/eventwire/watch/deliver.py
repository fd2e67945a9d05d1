"""Alert delivery: JSONL on stdout, a JSONL file, or a webhook (HTTP POST of the alert as JSON, retried
with exponential backoff). A sink takes a list of alert records and returns how many it delivered."""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

import httpx

from .errors import DeliveryError, RefusedDeliveryError, WatchErrors
from .rules import Delivery

log = logging.getLogger("eventwire")

MAX_BACKOFF_S = 60.0
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


class Sink(Protocol):
    def send(self, records: list[dict[str, Any]]) -> list[bool]:
        """Deliver each record; one flag per record: delivered or not."""


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"


class StdoutSink:
    """One JSON line per alert on stdout (looked up at write time, so redirections and tests see it)."""

    def send(self, records: list[dict[str, Any]]) -> list[bool]:
        for record in records:
            sys.stdout.write(_line(record))
        sys.stdout.flush()
        return [True] * len(records)


class JsonlSink:
    """Appends one JSON line per alert to `path`."""

    def __init__(self, path: Path):
        self.path = path

    def size(self) -> int:
        """The file's size in bytes (0 if it does not exist yet): where the next write starts."""
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def written_ids(self, offset: int) -> set[str]:
        """The alert_ids of the whole lines at or after byte `offset` (an outbox row's `jsonl_offset`). A last
        line cut by a crash (no newline) is removed first: it was never a readable alert."""
        try:
            with self.path.open("rb+") as fh:
                fh.seek(offset)
                tail = fh.read()
                cut = tail.rfind(b"\n") + 1
                if cut < len(tail):
                    fh.truncate(offset + cut)
        except OSError:
            return set()
        ids = set()
        for line in tail[:cut].splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("alert_id"), str):
                ids.add(record["alert_id"])
        return ids

    def send(self, records: list[dict[str, Any]]) -> list[bool]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.writelines(_line(r) for r in records)
        except OSError as err:
            log.error("watch: cannot append alerts to %s: %s", self.path, err.strerror or err)
            return [False] * len(records)
        return [True] * len(records)


class WebhookSink:
    """POSTs each alert as JSON to `url`, with the header `Idempotency-Key: <alert_id>` (the same on every
    retry and after a crash, so a receiver can drop a repeat). A connection error, a timeout, or status
    408/425/429/5xx is retried up to `retries` more times, waiting backoff_s, 2*backoff_s, 4*backoff_s ...
    (at most 60 s) in between; any other status >= 400 fails at once (retrying will not fix a bad request)."""

    def __init__(
        self,
        url: str,
        timeout_s: float = 10.0,
        retries: int = 3,
        backoff_s: float = 1.0,
        headers: Iterable[tuple[str, str]] = (),
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.url, self.timeout_s, self.retries, self.backoff_s = url, timeout_s, retries, backoff_s
        self.headers = {"Content-Type": "application/json", "User-Agent": "eventwire-watch", **dict(headers)}
        self.sleep = sleep

    def send(self, records: list[dict[str, Any]]) -> list[bool]:
        if not records:
            return []
        flags = []
        with httpx.Client(timeout=self.timeout_s, follow_redirects=False) as client:
            for record in records:
                try:
                    self.post(client, record)
                    flags.append(True)
                except DeliveryError as err:
                    log.error("watch: %s", err)
                    flags.append(False)
        return flags

    def post(self, client: httpx.Client, record: dict[str, Any]) -> int:
        """POST one record; returns the number of attempts it took, or raises DeliveryError (E105)."""
        body = json.dumps(record, ensure_ascii=False, default=str).encode("utf-8")
        headers = self.headers
        if isinstance(record.get("alert_id"), str):
            headers = {**headers, "Idempotency-Key": record["alert_id"]}
        reason = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(min(MAX_BACKOFF_S, self.backoff_s * 2 ** (attempt - 1)))
            try:
                response = client.post(self.url, content=body, headers=headers)
            except httpx.HTTPError as err:
                reason = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
                continue
            if response.status_code < 400:
                return attempt + 1
            reason = f"HTTP {response.status_code}"
            if response.status_code not in RETRY_STATUS:
                raise RefusedDeliveryError(WatchErrors.E105.format(url=self.url, attempts=attempt + 1, reason=reason))
        raise DeliveryError(WatchErrors.E105.format(url=self.url, attempts=self.retries + 1, reason=reason))


def destination_key(delivery: Delivery, base: Path | None = None) -> str:
    """The outbox's name for a destination: 'stdout', 'jsonl:<absolute path>' or 'webhook:<url>'."""
    if delivery.type == "jsonl":
        path = Path(delivery.path or "")
        return "jsonl:" + str((path if path.is_absolute() or base is None else base / path).resolve())
    if delivery.type == "webhook":
        return f"webhook:{delivery.url}"
    return "stdout"


def make_sink(delivery: Delivery, base: Path | None = None) -> Sink:
    """The sink of one `deliver:` entry; relative JSONL paths are resolved against `base` (the rule file's folder)."""
    if delivery.type == "jsonl":
        path = Path(delivery.path)  # type: ignore[arg-type]  # a jsonl delivery has a path (`rules._delivery`)
        return JsonlSink(path if path.is_absolute() or base is None else base / path)
    if delivery.type == "webhook":
        return WebhookSink(
            delivery.url,  # type: ignore[arg-type]  # a webhook delivery has a url (`rules._delivery`)
            delivery.timeout_s,
            delivery.retries,
            delivery.backoff_s,
            delivery.headers,
        )
    return StdoutSink()


def deliver(records: list[dict[str, Any]], deliveries: Iterable[Delivery], base: Path | None = None) -> list[bool]:
    """Send the records to every destination; a record counts as delivered if every destination took it."""
    ok = [True] * len(records)
    for delivery in deliveries:
        for i, sent in enumerate(make_sink(delivery, base).send(records)):
            ok[i] = ok[i] and sent
    return ok
