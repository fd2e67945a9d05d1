"""Delivery: the webhook retries a failing server with exponential backoff, gives up with a coded message,
and does not retry what retrying cannot fix; JSONL goes to stdout or a file."""

from __future__ import annotations

import json
import logging
import socket

import httpx
import pytest

from eventwire.watch import DeliveryError, evaluate_new_events
from eventwire.watch.deliver import JsonlSink, StdoutSink, WebhookSink

ALERT = {"alert_id": "al_1", "kind": "new", "rule_id": "base", "event": {"event_id": "ev_1"}}


def test_webhook_retries_until_the_server_recovers(flaky_server):
    server = flaky_server(failures=3)
    waits: list[float] = []
    sink = WebhookSink(server.url, timeout_s=2, retries=3, backoff_s=0.01, sleep=waits.append)
    assert sink.send([ALERT]) == [True]
    assert server.attempts == 4 and server.received == [ALERT]
    assert waits == [0.01, 0.02, 0.04]  # exponential backoff between attempts


def test_webhook_gives_up_after_its_retries(flaky_server, caplog):
    server = flaky_server(failures=10)
    sink = WebhookSink(server.url, retries=2, backoff_s=0, sleep=lambda s: None)
    with caplog.at_level(logging.ERROR, logger="eventwire"):
        assert sink.send([ALERT]) == [False]
    assert server.attempts == 3
    assert f"[E105] Webhook {server.url}: gave up after 3 attempt(s): HTTP 503" in caplog.text


def test_webhook_does_not_retry_a_client_error(flaky_server):
    server = flaky_server(failures=10, fail_status=400)
    sink = WebhookSink(server.url, retries=5, backoff_s=0, sleep=lambda s: None)
    with httpx.Client() as client, pytest.raises(DeliveryError, match="after 1 attempt"):
        sink.post(client, ALERT)
    assert server.attempts == 1


def test_webhook_times_out_on_a_silent_server():
    # A listening socket that never answers: the connection is accepted by the kernel, no response comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/hook"
        sink = WebhookSink(url, timeout_s=0.2, retries=1, backoff_s=0, sleep=lambda s: None)
        with httpx.Client(timeout=0.2) as client, pytest.raises(DeliveryError, match="2 attempt.*Timeout"):
            sink.post(client, ALERT)


def test_webhook_from_the_rule_file_during_ingest(store, make_result, write_rules, flaky_server):
    server = flaky_server(failures=1)
    write_rules(
        [{"id": "base", "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 5000}}],
        [{"type": "webhook", "url": server.url, "retries": 2, "backoff_s": 0.01, "timeout_s": 2}],
    )
    result = make_result("d1")
    store.add_results([result])
    [alert] = evaluate_new_events(store, result.events)
    assert alert.delivered and server.attempts == 2
    [body] = server.received
    assert body["alert_id"] == alert.alert_id and body["rule_id"] == "base" and body["kind"] == "new"
    assert body["event"]["fatalities"] == 3


def test_stdout_and_file_sinks_write_one_json_line_per_alert(tmp_path, capsys):
    assert StdoutSink().send([ALERT, ALERT]) == [True, True]
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == [ALERT, ALERT]
    path = tmp_path / "out" / "alerts.jsonl"
    JsonlSink(path).send([ALERT])
    JsonlSink(path).send([ALERT])  # appends
    assert len(path.read_text().splitlines()) == 2
