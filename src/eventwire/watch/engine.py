"""Evaluating watch rules: inside the transaction that stores a batch (`evaluate_in_transaction`, ingest),
on events just stored (`evaluate_new_events`, API writes) and over the stored history (`run_history`, the
`eventwire watch run` command). Each matches, skips what has alerted already and records the alert with one
outbox row per destination; delivery drains the outbox (`outbox.py`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import duckdb

from ..model import Event
from .alerts import Alert, AlertTable, Subject, alert_id, now_utc, stored_subjects, subjects_for
from .deliver import deliver as deliver_records
from .errors import RuleError
from .match import match_rule
from .outbox import Outbox, deliver_pending, destinations
from .rules import Delivery, RuleSet, default_rules_path, load_rules_cached

log = logging.getLogger("eventwire")


class StoreLike(Protocol):
    """What the watch engine reads of a `store.Store` (watch sits beside store and does not import it)."""

    path: str
    con: duckdb.DuckDBPyConnection


@dataclass
class WatchReport:
    """What a history run did."""

    events: int = 0  # events (merged events) examined
    alerts: int = 0  # alerts raised (new + update)
    updates: int = 0
    undelivered: int = 0  # raised but refused by a destination (kept in watch_alerts)


def evaluate_new_events(
    store: StoreLike,
    events: Iterable[Event | dict[str, Any]],
    *,
    rules: RuleSet | None = None,
    deliver: bool = True,
    strict: bool = False,
) -> list[Alert]:
    """Judge events that were just committed to `store` against the watch rules and deliver the alerts.

    `rules` defaults to the rule file next to the database (`eventwire-watch.yaml`); with no file there this
    costs one stat() and returns []. An invalid rule file raises RuleError when `strict`, else it is logged
    (once per version of the file) and no rule runs: ingest goes on, and `eventwire watch run --since` catches
    up once the file is fixed. Each (rule, event) pair alerts once ("new"), and again ("update") only when the
    event's fatalities change; reports merged into one event share it."""
    if rules is None:
        rules = _default_rules(store, strict)
    if not rules.rules:
        return []
    records = [e.to_contract() if isinstance(e, Event) else e for e in events]
    if not records:
        return []
    return raise_alerts(store, rules, subjects_for(store.con, records), deliver=deliver)


def run_history(
    store: StoreLike,
    rules: RuleSet,
    since: date | None = None,
    until: date | None = None,
    rule_ids: Iterable[str] = (),
    deliver: bool = True,
    dry_run: bool = False,
) -> WatchReport:
    """Judge every stored event dated in [since, until] (merged events where reports were merged) against
    `rules` (or only `rule_ids`), with the same once-per-pair memory as ingest. `dry_run`: print what would
    alert on stdout (unless `deliver` is False), record nothing and send nothing to the configured destinations."""
    if dry_run:
        rules = replace(rules, deliver=(Delivery(),))
    wanted = set(rule_ids)
    if wanted:
        rules = RuleSet(tuple(rules.get(i) for i in sorted(wanted)), rules.deliver, rules.path)
    report = WatchReport()
    for page in stored_subjects(store.con, since, until):
        report.events += len(page)
        alerts = raise_alerts(store, rules, page, deliver=deliver, record=not dry_run)
        report.alerts += len(alerts)
        report.updates += sum(a.kind == "update" for a in alerts)
        report.undelivered += sum(not a.delivered for a in alerts) if deliver else 0
    return report


def evaluate_in_transaction(
    store: StoreLike, events: Iterable[Event | dict[str, Any]], rules: RuleSet | None = None
) -> list[Alert]:
    """Judge events inside the transaction that is storing them (`store.con` has it open) and queue the
    alerts in the outbox in that same transaction: committed together with the events, or not at all.
    Nothing is sent here; a `Drainer` or `deliver_pending` sends them (ingest passes this to
    `Store.add_results`). Rules as in `evaluate_new_events`."""
    if rules is None:
        rules = _default_rules(store, strict=False)
    records = [e.to_contract() if isinstance(e, Event) else e for e in events]
    if not rules.rules or not records:
        return []
    alerts = _matches(store, rules, subjects_for(store.con, records))
    AlertTable(store.con).record(alerts, destinations(rules), transaction=False)
    return alerts


def raise_alerts(
    store: StoreLike, rules: RuleSet, subjects: list[Subject], deliver: bool = True, record: bool = True
) -> list[Alert]:
    """Match, drop pairs that alerted already with the same fatalities, record with their outbox rows, then
    deliver what the outbox holds for the rules' destinations. Not `record` (a dry run): deliver the
    alerts straight to the rules' destinations, outbox untouched."""
    alerts = _matches(store, rules, subjects)
    if record:
        AlertTable(store.con).record(alerts, destinations(rules))
    if deliver and alerts:
        if record:
            deliver_pending(store.con, rules)
            done = Outbox(store.con).delivered([a.alert_id for a in alerts])
            for alert in alerts:
                alert.delivered = alert.alert_id in done
        else:
            base = rules.path.parent if rules.path else None
            flags = deliver_records([a.to_record() for a in alerts], rules.deliver, base)
            for alert, ok in zip(alerts, flags, strict=True):
                alert.delivered = ok
    return alerts


def _matches(store: StoreLike, rules: RuleSet, subjects: list[Subject]) -> list[Alert]:
    table = AlertTable(store.con)
    alerts: list[Alert] = []
    for subject in subjects:
        for rule in rules.rules:
            match = match_rule(rule, subject.record, subject.sentences)
            if match is None:
                continue
            alert = _next_alert(table, rule.id, rule.name, subject, match.distance_m)
            if alert is not None:
                alerts.append(alert)
    return alerts


def _next_alert(
    table: AlertTable, rule_id: str, rule_name: str | None, subject: Subject, distance_m: float | None
) -> Alert | None:
    fatalities = subject.record.get("fatalities")
    before = table.previous(rule_id, subject.event_id)
    if before is None:
        kind, previous, n = "new", None, 1
    elif fatalities is not None and fatalities != before[0]:
        # Only a known, different count is news: a later report without a count does not undo an earlier one.
        kind, previous, n = "update", before[0], before[1] + 1
    else:
        return None
    return Alert(
        alert_id(rule_id, subject.event_id, n),
        kind,
        rule_id,
        rule_name,
        subject.event_id,
        fatalities,
        previous,
        distance_m,
        now_utc(),
        subject.record,
    )


_reported: set[tuple[str, str]] = set()


def _default_rules(store: StoreLike, strict: bool) -> RuleSet:
    path = default_rules_path(store.path)
    try:
        return load_rules_cached(path)
    except RuleError as err:
        if strict:
            raise
        if (str(path), str(err)) not in _reported:
            _reported.add((str(path), str(err)))
            log.error("%s; no watch rule ran (fix the file, then `eventwire watch run --since DATE`)", err)
        return RuleSet(path=Path(path))
