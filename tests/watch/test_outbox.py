"""The outbox: alerts are queued with the batch that raised them, a crash between a JSONL write and its
mark is resolved from the file (no second line), and a slow webhook does not hold up ingest."""

from __future__ import annotations

import json
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventwire.watch import Outbox, deliver_pending, evaluate_in_transaction, load_rules
from eventwire.watch.alerts import AlertTable
from eventwire.watch.deliver import destination_key
from eventwire.watch.rules import Delivery

RULE = {"id": "base", "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 5000}}


def jsonl(db_path) -> list[dict]:
    path = Path(db_path).parent / "alerts.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_alerts_are_queued_in_the_batch_transaction_and_rolled_back_with_it(store, make_result, write_rules):
    write_rules([RULE], [{"type": "jsonl", "path": "alerts.jsonl"}])

    def then_fail(s):
        evaluate_in_transaction(s, make_result("d1").events)
        raise RuntimeError("the batch fails after its alerts were queued")

    with pytest.raises(RuntimeError):
        store.add_results([make_result("d1")], within=then_fail)
    assert store.counts()["events"] == 0 and AlertTable(store.con).list() == []
    store.add_results([make_result("d1")], within=lambda s: evaluate_in_transaction(s, make_result("d1").events))
    [alert] = AlertTable(store.con).list()
    assert not alert["delivered"] and Outbox(store.con).left() == 1  # queued, not sent


def test_a_jsonl_write_cut_off_by_a_crash_is_not_written_twice(store, make_result, write_rules, db_path):
    path = write_rules([RULE], [{"type": "jsonl", "path": "alerts.jsonl"}])
    rules = load_rules(path)
    for doc in ("d1", "d2"):
        result = make_result(doc, day=date(2020, 1, 4) + timedelta(days=30 * (doc == "d2")))
        store.add_results([result], within=lambda s, r=result: evaluate_in_transaction(s, r.events))
    key = destination_key(Delivery(type="jsonl", path="alerts.jsonl"), path.parent)
    first, second = [r[0] for r in Outbox(store.con).pending(key, 10)]
    # A crash after the first alert's line was written, before it was marked, and in the middle of the second.
    out = Path(db_path).parent / "alerts.jsonl"
    out.write_text("")
    Outbox(store.con).mark_sending(key, [first, second], offset=0)
    record = AlertTable(store.con).list()[-1]
    record.pop("delivered")
    out.write_text(json.dumps(record) + "\n" + '{"alert_id": "' + second[:5])
    report = deliver_pending(store.con, rules)
    assert report.left == 0
    assert [r["alert_id"] for r in jsonl(db_path)] == [first, second]  # once each, the cut line gone


def test_a_slow_webhook_does_not_hold_up_ingest(db_path, tmp_path, make_result, write_rules, monkeypatch):
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from eventwire import jobs

    release = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            release.wait(30)  # as slow as the test wants
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        write_rules(
            [RULE], [{"type": "jsonl", "path": "alerts.jsonl"}, {"type": "webhook", "url": url, "timeout_s": 30}]
        )
        report_txt = tmp_path / "report.txt"
        report_txt.write_text("Rockets hit Balad Air Base on Saturday.")
        batches = [[make_result(f"d{i}", day=date(2020, 1, 4) + timedelta(days=30 * i))] for i in range(5)]
        monkeypatch.setattr(jobs, "code_batches", lambda b, w, s: iter(batches))
        started = time.monotonic()
        report = jobs.ingest_files([str(report_txt)], db_path=db_path, alert_grace_s=0.5)
        assert time.monotonic() - started < 20  # not 5 alerts x 30 s
        assert report.alerts_pending >= 4  # the webhook's, left in the outbox
        assert len(jsonl(db_path)) == 5  # the file did not wait for the webhook
    finally:
        release.set()
        server.shutdown()
        server.server_close()
