"""The `Alert` record and the two watch tables (schema_watch.sql): which (rule, event) pairs have alerted,
and the log of alerts raised. All SQL of the watch feature is here."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from .outbox import Outbox

ALERT_KINDS = ("new", "update")


@dataclass
class Alert:
    """One alert: rule `rule_id` matched event `event_id` (the merged event's id when reports were merged).
    kind "new" is the first alert of the pair; "update" follows when the event's fatalities changed."""

    alert_id: str
    kind: str
    rule_id: str
    rule_name: str | None
    event_id: str
    fatalities: int | None
    previous_fatalities: int | None
    distance_m: float | None
    created_at: datetime
    event: dict[str, Any] = field(repr=False)
    delivered: bool = False

    def to_record(self) -> dict[str, Any]:
        """The alert as delivered (JSONL line, webhook body) and as served by GET /alerts."""
        return {
            "alert_id": self.alert_id,
            "kind": self.kind,
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "event_id": self.event_id,
            "fatalities": self.fatalities,
            "previous_fatalities": self.previous_fatalities,
            "distance_m": round(self.distance_m, 1) if self.distance_m is not None else None,
            "created_at": self.created_at.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "event": self.event,
        }


def alert_id(rule_id: str, event_id: str, n: int) -> str:
    """Deterministic id of the n-th alert (1, 2, ...) of a (rule, event) pair."""
    return "al_" + hashlib.sha1(f"{rule_id}|{event_id}|{n}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def now_utc() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class AlertTable:
    """The watch tables of one store connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def exists(self) -> bool:
        return (
            self.con.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('watch_matches', 'watch_alerts')"
            ).fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
            == 2
        )

    def previous(self, rule_id: str, event_id: str) -> tuple[int | None, int] | None:
        """(fatalities last alerted, alerts so far) for the pair, or None if it never alerted."""
        row = self.con.execute(
            "SELECT fatalities, n_alerts FROM watch_matches WHERE rule_id = ? AND event_id = ?", [rule_id, event_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def record(self, alerts: list[Alert], destinations: Iterable[str] = (), transaction: bool = True) -> None:
        """Store the alerts, their pairs and their outbox rows (one per destination), in one transaction of
        their own, or in the caller's open one when `transaction` is False (ingest: the batch's own)."""
        if not alerts:
            return
        if transaction:
            self.con.execute("BEGIN TRANSACTION")
        try:
            self._insert(alerts)
            Outbox(self.con).enqueue([a.alert_id for a in alerts], destinations)
            if transaction:
                self.con.execute("COMMIT")
        except BaseException:
            if transaction:
                self.con.execute("ROLLBACK")
            raise

    def _insert(self, alerts: list[Alert]) -> None:
        for a in alerts:
            at = a.created_at.replace(tzinfo=None)
            self.con.execute(
                "INSERT INTO watch_matches VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (rule_id, event_id) DO UPDATE "
                "SET fatalities = excluded.fatalities, n_alerts = watch_matches.n_alerts + 1, "
                "last_alert_at = excluded.last_alert_at",
                [a.rule_id, a.event_id, a.fatalities, at, at],
            )
            self.con.execute(
                "INSERT INTO watch_alerts (alert_id, rule_id, event_id, kind, fatalities, "
                "previous_fatalities, created_at, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    a.alert_id,
                    a.rule_id,
                    a.event_id,
                    a.kind,
                    a.fatalities,
                    a.previous_fatalities,
                    at,
                    json.dumps(a.to_record(), ensure_ascii=False, default=str),
                ],
            )

    def mark_delivered(self, alert_ids: list[str]) -> None:
        if alert_ids:
            self.con.execute(
                "UPDATE watch_alerts SET delivered = true WHERE alert_id IN (SELECT unnest(?))", [alert_ids]
            )

    def list(
        self,
        rule_id: str | None = None,
        since: date | datetime | None = None,
        kind: str | None = None,
        limit: int = 100,
        undelivered: bool = False,
    ) -> list[dict[str, Any]]:
        """Alert records, newest first, each with its `delivered` flag: every destination in the outbox has
        taken it (alerts raised before the outbox: the flag stored with them)."""
        if not self.exists():
            return []
        clauses, params = _conditions(("rule_id = ?", rule_id), ("created_at >= ?", since), ("kind = ?", kind))
        if undelivered:
            clauses.append("NOT done")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self.con.execute(
            "SELECT record, done FROM (SELECT w.*, CASE WHEN o.alert_id IS NULL THEN w.delivered ELSE o.done END "
            "AS done FROM watch_alerts w LEFT JOIN (SELECT alert_id, bool_and(state = 'delivered') AS done "
            f"FROM watch_outbox GROUP BY alert_id) o USING (alert_id)){where} ORDER BY seq DESC LIMIT ?",
            [*params, int(limit)],
        ).fetchall()
        return [{**json.loads(record), "delivered": delivered} for record, delivered in rows]


def _conditions(*pairs: tuple[str, Any]) -> tuple[list[str], list[Any]]:
    """SQL conditions with one `?` each, and their parameters, for the pairs whose value is given."""
    given = [(sql, value) for sql, value in pairs if value]
    return [sql for sql, _ in given], [value for _, value in given]


# -- the events rules are judged on -------------------------------------------------------------------------
@dataclass
class Subject:
    """What a rule is judged on: the merged event's record when the report was merged (its id, reconciled
    fatalities, most precise location), else the report's own record; `sentences` are the evidence sentences
    of all its reports (keywords may appear in any of them)."""

    event_id: str
    record: dict[str, Any]
    sentences: list[str]


def _sentence(record: dict[str, Any]) -> str:
    return (record.get("evidence") or {}).get("sentence") or ""


def _has_dedup(con: duckdb.DuckDBPyConnection) -> bool:
    return (
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('merged_events', 'event_sources')"
        ).fetchone()[0]  # type: ignore[index]  # count(*) always returns one row
        == 2
    )


def subjects_for(con: duckdb.DuckDBPyConnection, records: list[dict[str, Any]]) -> list[Subject]:
    """The subjects of freshly stored event reports, one per merged event (several reports of one batch may
    have merged into one)."""
    by_id: dict[str, Subject] = {}
    merged: dict[str, str] = {}
    if _has_dedup(con) and records:
        rows = con.execute(
            "SELECT s.event_id, m.event_id, m.record FROM event_sources s JOIN merged_events m "
            "ON m.event_id = s.merged_id WHERE s.event_id IN (SELECT unnest(?))",
            [[r["event_id"] for r in records]],
        ).fetchall()
        for event_id, merged_id, record in rows:
            merged[event_id] = merged_id
            if merged_id not in by_id:
                by_id[merged_id] = Subject(merged_id, json.loads(record), [])
    for r in records:
        if r["event_id"] not in merged:
            by_id.setdefault(r["event_id"], Subject(r["event_id"], r, [_sentence(r)]))
    _fill_sentences(con, [s for s in by_id.values() if not s.sentences])
    return list(by_id.values())


def _fill_sentences(con: duckdb.DuckDBPyConnection, subjects: list[Subject]) -> None:
    if not subjects:
        return
    rows = con.execute(
        "SELECT s.merged_id, e.evidence_sentence FROM event_sources s JOIN events e "
        "ON e.event_id = s.event_id WHERE s.merged_id IN (SELECT unnest(?)) ORDER BY s.event_id",
        [[s.event_id for s in subjects]],
    ).fetchall()
    by_id = {s.event_id: s for s in subjects}
    for merged_id, sentence in rows:
        by_id[merged_id].sentences.append(sentence or "")


def stored_subjects(
    con: duckdb.DuckDBPyConnection, since: date | None, until: date | None, page: int = 2000
) -> Iterator[list[Subject]]:
    """All stored events dated in [since, until] (undated ones by their document's publication date), as
    merged events where reports were merged, in pages of `page`."""
    dedup = _has_dedup(con)
    dated = "COALESCE(e.date, d.publication_date)"
    parts = [
        f"SELECT e.event_id, e.record, {dated} AS day, false AS merged FROM events e "
        "JOIN documents d USING (doc_id)"
        + (" WHERE e.event_id NOT IN (SELECT event_id FROM event_sources)" if dedup else "")
    ]
    if dedup:
        parts.append("SELECT event_id, record, COALESCE(date, date_max) AS day, true AS merged FROM merged_events")
    clauses, params = _conditions(("day >= ?", since), ("day <= ?", until))
    clauses.append("event_id > ?")  # keyset paging
    sql = (
        f"SELECT event_id, record, merged FROM ({' UNION ALL '.join(parts)}) WHERE {' AND '.join(clauses)} "
        "ORDER BY event_id LIMIT ?"
    )
    after = ""
    while True:
        rows = con.execute(sql, [*params, after, page]).fetchall()
        if not rows:
            return
        subjects, merged_ones = [], []
        for event_id, record, is_merged in rows:
            record = json.loads(record)
            subject = Subject(event_id, record, [] if is_merged else [_sentence(record)])
            subjects.append(subject)
            if is_merged:
                merged_ones.append(subject)
        _fill_sentences(con, merged_ones)
        yield subjects
        after = rows[-1][0]
