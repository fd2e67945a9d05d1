"""Alerts from stored events: once per (rule, merged event), an update when the fatalities change, the
same memory for ingest batches and history runs, and a broken rule file that does not stop ingest."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

import pytest

from eventwire.watch import RuleError, evaluate_new_events, load_rules, run_history
from eventwire.watch.alerts import AlertTable

BASE_RULE = {
    "id": "al-balad",
    "name": "Al-Balad Air Base",
    "event_types": ["ASSAULT"],
    "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 5000},
}
TO_FILE = [{"type": "jsonl", "path": "alerts.jsonl"}]


def ingest(store, *results):
    """What jobs.ingest_files does per batch: commit, then judge the batch's events."""
    store.add_results(results)
    return evaluate_new_events(store, [e for r in results for e in r.events])


def delivered(db_path) -> list[dict]:
    path = Path(db_path).parent / "alerts.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_no_rule_file_no_alerts(store, make_result):
    assert ingest(store, make_result("d1")) == []
    assert AlertTable(store.con).list() == []


def test_a_matching_event_alerts_once(store, make_result, write_rules, db_path):
    write_rules([BASE_RULE], TO_FILE)
    [alert] = ingest(store, make_result("d1"))
    assert (alert.kind, alert.rule_id, alert.fatalities) == ("new", "al-balad", 3)
    assert alert.delivered and alert.distance_m == pytest.approx(0.0, abs=1)
    [line] = delivered(db_path)
    assert line["alert_id"] == alert.alert_id and line["event"]["location"]["name"] == "Balad Air Base"
    # The same content again is not stored again, and the same event never alerts twice.
    assert ingest(store, make_result("d1")) == []
    assert len(delivered(db_path)) == 1


def test_an_event_outside_the_fence_does_not_alert(store, make_result, write_rules):
    write_rules([BASE_RULE], TO_FILE)
    assert ingest(store, make_result("far", lat=33.34, lon=44.40, place="Baghdad")) == []


def test_a_second_report_of_the_same_event_does_not_alert_again(store, make_result, write_rules, db_path):
    write_rules([BASE_RULE], TO_FILE)
    [first] = ingest(store, make_result("afp", fatalities=3))
    assert first.event_id.startswith("me_")  # alerts are keyed by the merged event
    assert ingest(store, make_result("reuters", fatalities=3)) == []
    assert ingest(store, make_result("ap", fatalities=None)) == []  # no count: nothing new to say
    assert len(delivered(db_path)) == 1


def test_a_new_source_that_changes_the_fatalities_alerts_an_update(store, make_result, write_rules, db_path):
    write_rules([BASE_RULE], TO_FILE)
    [first] = ingest(store, make_result("afp", fatalities=3, confidence=0.5))
    [update] = ingest(store, make_result("reuters", fatalities=7, confidence=0.9))
    assert (update.kind, update.event_id, update.previous_fatalities, update.fatalities) == (
        "update",
        first.event_id,
        3,
        7,
    )
    assert update.alert_id != first.alert_id
    assert update.event["n_reports"] == 2
    assert [a["kind"] for a in delivered(db_path)] == ["new", "update"]
    assert [a["kind"] for a in AlertTable(store.con).list()] == ["update", "new"]  # newest first


def test_several_rules_alert_separately(store, make_result, write_rules):
    write_rules(
        [BASE_RULE, {"id": "deadly", "min_fatalities": 1}, {"id": "protests", "event_types": ["PROTEST"]}], TO_FILE
    )
    alerts = ingest(store, make_result("d1"))
    assert sorted(a.rule_id for a in alerts) == ["al-balad", "deadly"]


def test_history_run_catches_up_and_remembers(store, make_result, write_rules, db_path):
    store.add_results(
        [
            make_result("old", day=date(2019, 12, 1), lat=33.95, lon=44.37, place="near the base"),
            make_result("new", day=date(2020, 1, 4), lat=33.30, lon=44.40, place="Baghdad"),
            make_result("later", day=date(2020, 2, 1), sentence="Rockets hit a checkpoint at the base."),
        ]
    )
    rules = load_rules(write_rules([BASE_RULE], TO_FILE))
    dry = run_history(store, rules, since=date(2019, 1, 1), dry_run=True, deliver=False)
    assert (dry.events, dry.alerts) == (3, 2) and AlertTable(store.con).list() == []
    report = run_history(store, rules, since=date(2020, 1, 1))
    assert (report.events, report.alerts) == (2, 1)
    assert run_history(store, rules, since=date(2019, 1, 1)).alerts == 1  # only the one not alerted yet
    assert run_history(store, rules).alerts == 0
    assert len(delivered(db_path)) == 2


def test_history_run_of_one_rule(store, make_result, write_rules):
    store.add_results([make_result("d1")])
    rules = load_rules(write_rules([BASE_RULE, {"id": "deadly", "min_fatalities": 1}], TO_FILE))
    assert run_history(store, rules, rule_ids=["deadly"]).alerts == 1
    assert {a["rule_id"] for a in AlertTable(store.con).list()} == {"deadly"}


def test_a_broken_rule_file_is_logged_and_ingest_goes_on(store, make_result, write_rules, caplog):
    write_rules([{**BASE_RULE, "event_types": ["ATTACK"]}])
    with caplog.at_level(logging.ERROR, logger="eventwire"):
        assert ingest(store, make_result("d1")) == []
    assert "[E101]" in caplog.text and "field 'event_types'" in caplog.text
    assert store.counts()["events"] == 1
    with pytest.raises(RuleError, match=r"\[E101\]"):
        evaluate_new_events(store, [], strict=True)


def test_a_refused_delivery_is_kept_and_not_raised_again(store, make_result, tmp_path, write_rules):
    (tmp_path / "blocked").write_text("a file where a folder should be")
    write_rules([BASE_RULE], [{"type": "jsonl", "path": "blocked/alerts.jsonl"}])
    [alert] = ingest(store, make_result("d1"))
    assert not alert.delivered
    assert AlertTable(store.con).list(undelivered=True)[0]["alert_id"] == alert.alert_id
    assert run_history(store, load_rules(tmp_path / "eventwire-watch.yaml")).alerts == 0


def test_ingest_files_runs_the_rules_after_each_batch(db_path, tmp_path, make_result, write_rules, monkeypatch):
    """jobs.ingest_files calls evaluate_new_events after each commit (the coding itself is stubbed: this
    test is about the hook, not NLP quality)."""
    from eventwire import jobs

    report_txt = tmp_path / "report.txt"
    report_txt.write_text("Rockets hit Balad Air Base on Saturday.")
    monkeypatch.setattr(jobs, "code_batches", lambda batches, workers, size: iter([[make_result("d1")]]))
    write_rules([BASE_RULE], TO_FILE)
    jobs.ingest_files([str(report_txt)], db_path=db_path)
    [alert] = delivered(db_path)
    assert alert["rule_id"] == "al-balad" and alert["event"]["doc_id"] == "d1"
