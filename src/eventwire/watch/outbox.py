"""The alert outbox (`watch_outbox`, schema_watch.sql): alerts are queued per destination in the transaction
that raised them, and delivered from there, outside that transaction and outside the ingest path.

`Outbox` is the table's SQL; a `Courier` delivers one destination's pending alerts in order and resolves what
a crash left half sent; `deliver_pending` runs every courier of a rule set once, in the caller's thread
(`eventwire watch deliver`, history runs, API writes); `Drainer` runs one courier per destination in a
background thread while ingest goes on, so a slow or dead webhook never holds up a batch."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import httpx

from .deliver import JsonlSink, Sink, WebhookSink, destination_key, make_sink
from .errors import DeliveryError, RefusedDeliveryError
from .rules import Delivery, RuleSet

log = logging.getLogger("eventwire")

_T = TypeVar("_T")

CHUNK = 64  # alerts sent to a file or stdout in one write
WEBHOOK_CHUNK = 8  # alerts marked 'sending' at once for a webhook (re-sent after a crash at most)
MAX_PAUSE_S = 60.0  # longest wait before trying a failing destination again


class Outbox:
    """The `watch_outbox` rows of one connection (the ingest transaction's, or a courier's own cursor)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def enqueue(self, alert_ids: Iterable[str], destinations: Iterable[str]) -> None:
        """Queue each alert for each destination (within the caller's transaction)."""
        at = _now()
        keys = list(destinations)
        rows = [[a, key, at] for a in alert_ids for key in keys]
        if rows:
            self.con.executemany(
                "INSERT INTO watch_outbox (alert_id, destination, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                rows,
            )

    def pending(self, destination: str, limit: int) -> list[tuple[str, str]]:
        """(alert_id, alert record as JSON) of the next pending alerts for `destination`, in the order raised."""
        return self.con.execute(
            "SELECT o.alert_id, w.record FROM watch_outbox o JOIN watch_alerts w USING (alert_id) "
            "WHERE o.destination = ? AND o.state = 'pending' ORDER BY w.seq LIMIT ?",
            [destination, limit],
        ).fetchall()

    def in_doubt(self, destination: str) -> list[tuple[str, int | None]]:
        """(alert_id, jsonl_offset) of the rows a crash left 'sending'."""
        return self.con.execute(
            "SELECT alert_id, jsonl_offset FROM watch_outbox WHERE destination = ? AND state = 'sending'",
            [destination],
        ).fetchall()

    def mark_sending(self, destination: str, alert_ids: list[str], offset: int | None = None) -> None:
        self.con.execute(
            "UPDATE watch_outbox SET state = 'sending', attempts = attempts + 1, jsonl_offset = ? "
            "WHERE destination = ? AND alert_id IN (SELECT unnest(?))",
            [offset, destination, alert_ids],
        )

    def mark(self, destination: str, alert_ids: list[str], state: str, error: str | None = None) -> None:
        """Set the state of rows ('delivered', 'pending' to try again, 'failed' for good)."""
        if alert_ids:
            self.con.execute(
                "UPDATE watch_outbox SET state = ?, last_error = ?, "
                "delivered_at = CASE WHEN ? = 'delivered' THEN ? END "
                "WHERE destination = ? AND alert_id IN (SELECT unnest(?))",
                [state, error, state, _now(), destination, alert_ids],
            )

    def left(self) -> int:
        """Rows not delivered yet (pending or in doubt; 'failed' ones are not counted)."""
        row = self.con.execute("SELECT count(*) FROM watch_outbox WHERE state IN ('pending', 'sending')").fetchone()
        return int(row[0]) if row else 0

    def delivered(self, alert_ids: list[str]) -> set[str]:
        """Those of `alert_ids` that every one of their destinations has taken."""
        rows = self.con.execute(
            "SELECT alert_id FROM watch_outbox WHERE alert_id IN (SELECT unnest(?)) "
            "GROUP BY alert_id HAVING bool_and(state = 'delivered')",
            [alert_ids],
        ).fetchall()
        return {r[0] for r in rows}


def _now() -> datetime:
    """UTC, naive (the TIMESTAMP columns hold UTC)."""
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def destinations(rules: RuleSet) -> dict[str, Delivery]:
    """The rule set's destinations by outbox key (a destination listed twice counts once)."""
    base = rules.path.parent if rules.path else None
    return {destination_key(d, base): d for d in rules.deliver}


class _Closed(Exception):
    """The store is closing: a courier stops touching it."""


class Courier:
    """Delivers the pending alerts of one destination, in order. `db` runs a function of the outbox under the
    caller's rules (a lock, a closed store)."""

    def __init__(self, key: str, sink: Sink, db: Callable[[Callable[[Outbox], Any]], Any]):
        self.key, self.sink, self.db = key, sink, db

    def _mark(self, alert_ids: list[str], state: str, error: str | None = None) -> None:
        def mark(outbox: Outbox) -> None:
            outbox.mark(self.key, alert_ids, state, error)

        self.db(mark)

    def recover(self) -> None:
        """Resolve rows a crash left 'sending': those found in a JSONL file are delivered, the others are sent
        again."""
        rows: list[tuple[str, int | None]] = self.db(lambda o: o.in_doubt(self.key))
        if not rows:
            return
        found: set[str] = set()
        if isinstance(self.sink, JsonlSink):
            offsets = [off for _, off in rows if off is not None]
            found = self.sink.written_ids(min(offsets)) if offsets else set()
        done = [a for a, _ in rows if a in found]
        again = [a for a, _ in rows if a not in found]
        self._mark(done, "delivered")
        self._mark(again, "pending")
        if again:
            log.info("watch: %d alert(s) to %s were in flight at a crash; sending them again", len(again), self.key)

    def round(self) -> bool | None:
        """Send the next pending alerts: None when there were none, True when all went, False when the
        destination failed (the rest stay pending)."""
        limit = WEBHOOK_CHUNK if isinstance(self.sink, WebhookSink) else CHUNK
        rows: list[tuple[str, str]] = self.db(lambda o: o.pending(self.key, limit))
        if not rows:
            return None
        ids = [a for a, _ in rows]
        offset = self.sink.size() if isinstance(self.sink, JsonlSink) else None
        self.db(lambda o: o.mark_sending(self.key, ids, offset))
        records = [_load(record) for _, record in rows]
        if isinstance(self.sink, WebhookSink):
            return self._post_each(self.sink, ids, records)
        flags = self.sink.send(records)
        sent = [a for a, ok in zip(ids, flags, strict=True) if ok]
        unsent = [a for a, ok in zip(ids, flags, strict=True) if not ok]
        self._mark(sent, "delivered")
        self._mark(unsent, "pending", "not written")
        return not unsent

    def _post_each(self, sink: WebhookSink, ids: list[str], records: list[dict[str, Any]]) -> bool:
        with httpx.Client(timeout=sink.timeout_s, follow_redirects=False) as client:
            for i, (alert_id, record) in enumerate(zip(ids, records, strict=True)):
                try:
                    sink.post(client, record)
                except RefusedDeliveryError as err:
                    log.error("watch: %s", err)
                    self._mark([alert_id], "failed", str(err))
                    continue
                except DeliveryError as err:
                    log.error("watch: %s", err)
                    self._mark(ids[i:], "pending", str(err))
                    return False
                self._mark([alert_id], "delivered")
        return True


def _load(record: str) -> dict[str, Any]:
    import json

    value: dict[str, Any] = json.loads(record)
    return value


@dataclass
class DeliveryReport:
    delivered: int = 0  # rows delivered by this call
    left: int = 0  # rows still pending (a destination failed or is no longer configured)


def deliver_pending(con: duckdb.DuckDBPyConnection, rules: RuleSet) -> DeliveryReport:
    """Deliver every pending alert of the rule set's destinations now, in this thread: each destination until
    it is empty or fails (a failing one keeps its alerts for the next call)."""
    outbox = Outbox(con)
    before = outbox.left()

    def db(fn: Callable[[Outbox], _T]) -> _T:
        return fn(outbox)

    base = rules.path.parent if rules.path else None
    for key, delivery in destinations(rules).items():
        courier = Courier(key, make_sink(delivery, base), db)
        courier.recover()
        while courier.round():
            pass
    left = outbox.left()
    return DeliveryReport(delivered=max(0, before - left), left=left)


class Drainer:
    """Background delivery while ingest runs: one thread per destination of the current rules, each with its
    own cursor on the store, woken by `notify()` after each commit. `close(grace_s)` lets them finish for at
    most `grace_s` seconds, then stops them touching the store (a request still in flight is abandoned: its
    row stays 'sending' and the next drain resolves it). Returns the rows left, for the next run or
    `eventwire watch deliver`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, rules: Callable[[], RuleSet]):
        self._con, self._rules = con, rules
        self._lock = threading.Lock()  # one store call at a time, and none once closed
        self._closed = self._stopping = False
        self._wake = threading.Condition()
        self._generation = 0
        self._threads: dict[str, threading.Thread] = {}

    def notify(self) -> None:
        """New alerts were committed (or the rules changed): start couriers for new destinations, wake all."""
        rules = self._rules()
        base = rules.path.parent if rules.path else None
        for key, delivery in destinations(rules).items():
            if key not in self._threads and rules.rules:
                thread = threading.Thread(
                    target=self._run, args=(key, make_sink(delivery, base)), name=f"eventwire-alerts {key}", daemon=True
                )
                self._threads[key] = thread
                thread.start()
        with self._wake:
            self._generation += 1
            self._wake.notify_all()

    def close(self, grace_s: float) -> int:
        deadline = time.monotonic() + max(0.0, grace_s)
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        for thread in self._threads.values():
            thread.join(max(0.0, deadline - time.monotonic()))
        with self._lock:
            self._closed = True
        return Outbox(self._con).left()

    def _run(self, key: str, sink: Sink) -> None:
        try:
            with self._lock:
                if self._closed:
                    return
                cursor = self._con.cursor()
            outbox = Outbox(cursor)

            def db(fn: Callable[[Outbox], _T]) -> _T:
                with self._lock:
                    if self._closed:
                        raise _Closed
                    return fn(outbox)

            self._deliver(Courier(key, sink, db))
        except _Closed:
            return
        except Exception:  # noqa: BLE001  (a delivery thread must not die silently: say why, leave rows pending)
            log.exception("watch: delivery to %s stopped", key)

    def _deliver(self, courier: Courier) -> None:
        courier.recover()
        pause = 0.0
        while True:
            with self._wake:
                seen = self._generation
            outcome = courier.round()
            if outcome is None:
                with self._wake:
                    if self._stopping:
                        return
                    if self._generation == seen:
                        self._wake.wait(1.0)
                continue
            if outcome:
                pause = 0.0
                continue
            pause = min(MAX_PAUSE_S, max(1.0, 2 * pause))
            until = time.monotonic() + pause
            with self._wake:
                while not self._stopping and until > time.monotonic():
                    self._wake.wait(until - time.monotonic())
                if self._stopping:
                    return  # a failing destination is not retried while the job ends


def rules_beside(path: str | Path) -> RuleSet:
    """The rule file next to a database (no file: no rules); a broken file counts as no rules here (ingest
    reports it where it evaluates)."""
    from .errors import RuleError
    from .rules import default_rules_path, load_rules_cached

    try:
        return load_rules_cached(default_rules_path(str(path)))
    except RuleError:
        return RuleSet()
