"""Alerts exactly once across crashes: a real `eventwire ingest` is killed with SIGKILL at random moments
(after a commit, often before its alerts are delivered) while the webhook is slow, then down; the reruns and
`eventwire watch deliver` end with every alert a clean run raises written once to the JSONL file and posted
to the webhook (a repeat after a crash carries the same Idempotency-Key)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from eventwire.store import Store

PLOVER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
CITIES = ["Baghdad", "Mosul", "Kirkuk", "Basra", "Aleppo", "Homs", "Kabul", "Kandahar", "Mogadishu", "Kismayo"]


def corpus(n: int) -> list[dict]:
    """Reports of distinct happenings (each on its own day, weeks apart), so that no two merge and every
    event alerts exactly once whatever the batch boundaries of a rerun."""
    docs = []
    for i in range(n):
        day = date(2021, 1, 1) + timedelta(days=9 * i)
        city = CITIES[i % len(CITIES)]
        text = (
            f"{city}, {day:%d %B %Y} (Wire) - Gunmen attacked a police checkpoint in {city} on "
            f"{day:%A}, killing {2 + i % 4} officers, officials said. Residents said calm returned later."
        )
        docs.append({"id": f"w{i:03d}", "text": text, "publication_date": day.isoformat()})
    return docs


class Hook:
    """A webhook receiver on a fixed port that can be slow, stopped and started again."""

    def __init__(self) -> None:
        self.delay_s = 0.0
        self.keys: list[str] = []  # Idempotency-Key of every accepted POST
        self.bodies: list[str] = []  # alert_id of every accepted POST
        self.port = 0
        self.httpd: ThreadingHTTPServer | None = None

    def start(self) -> None:
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                time.sleep(hook.delay_s)
                hook.keys.append(self.headers.get("Idempotency-Key"))
                hook.bodies.append(body["alert_id"])
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def stop(self) -> None:
        if self.httpd:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None


def write_rules(folder: Path, url: str) -> None:
    rules = {
        "version": 1,
        "deliver": [
            {"type": "jsonl", "path": "alerts.jsonl"},
            {"type": "webhook", "url": url, "timeout_s": 3, "retries": 1, "backoff_s": 0.1},
        ],
        "rules": [{"id": "any", "event_types": PLOVER}, {"id": "deadly", "min_fatalities": 1}],
    }
    (folder / "eventwire-watch.yaml").write_text(yaml.safe_dump(rules), encoding="utf-8")


def ingest_cmd(docs: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "-v", "ingest", str(docs), "--db", str(db), "--quiet"]


def kill_after_commits(cmd: list[str], env: dict, commits: int, delay_s: float) -> None:
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert proc.stderr is not None
    seen = 0
    for line in proc.stderr:
        seen += "committed" in line
        if seen >= commits:
            break
    time.sleep(delay_s)  # lands anywhere: inside the next transaction, between a commit and its delivery, ...
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()


def alert_ids(db: Path) -> set[str]:
    with Store(str(db), read_only=True) as store:
        return {r[0] for r in store.con.execute("SELECT alert_id FROM watch_alerts").fetchall()}


def undelivered(db: Path) -> int:
    with Store(str(db), read_only=True) as store:
        row = store.con.execute("SELECT count(*) FROM watch_outbox WHERE state <> 'delivered'").fetchone()
        return row[0] if row else 0


def jsonl_ids(folder: Path) -> list[str]:
    path = folder / "alerts.jsonl"
    return [json.loads(line)["alert_id"] for line in path.read_text().splitlines()] if path.exists() else []


def test_sigkilled_ingests_with_a_slow_then_dead_webhook_deliver_every_alert_once(tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text("\n".join(json.dumps(d) for d in corpus(36)) + "\n", encoding="utf-8")
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "2"}

    clean_dir, run_dir = tmp_path / "clean", tmp_path / "killed"
    clean_dir.mkdir()
    run_dir.mkdir()
    hook = Hook()
    hook.start()
    try:
        write_rules(clean_dir, f"http://127.0.0.1:{hook.port}/clean")
        write_rules(run_dir, f"http://127.0.0.1:{hook.port}/hook")
        done = subprocess.run(
            [*ingest_cmd(docs, clean_dir / "db.duckdb"), "--workers", "1"], env=env, capture_output=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-2000:]
        expected = alert_ids(clean_dir / "db.duckdb")
        assert len(expected) >= 36 and sorted(jsonl_ids(clean_dir)) == sorted(expected)
        hook.keys.clear()
        hook.bodies.clear()

        rng = random.Random(17)
        hook.delay_s = 1.0  # slow: deliveries lag behind the commits
        in_flight = []
        for round_ in range(4):
            if round_ == 2:
                hook.stop()  # down: connection refused
            cmd = [*ingest_cmd(docs, run_dir / "db.duckdb"), "--workers", "1"]
            kill_after_commits(cmd, env, commits=rng.randint(1, 3), delay_s=rng.uniform(0, 0.5))
            in_flight.append(undelivered(run_dir / "db.duckdb"))
        assert any(in_flight), in_flight  # some kill fell between a commit and the delivery of its alerts

        hook.delay_s = 0.0
        hook.start()  # same port, same destination
        rerun = subprocess.run(ingest_cmd(docs, run_dir / "db.duckdb"), env=env, capture_output=True, timeout=600)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        deliver = [sys.executable, "-m", "eventwire.cli", "watch", "deliver", "--db", str(run_dir / "db.duckdb")]
        finished = subprocess.run(deliver, env=env, capture_output=True, text=True, timeout=300)
        assert finished.returncode == 0, finished.stderr
        assert "0 left" in finished.stderr
    finally:
        hook.stop()

    assert alert_ids(run_dir / "db.duckdb") == expected
    written = jsonl_ids(run_dir)
    assert sorted(written) == sorted(expected)  # every alert, none twice
    assert set(hook.bodies) == expected  # every alert reached the webhook (a repeat is allowed)...
    assert hook.keys == hook.bodies  # ...with its alert_id as the Idempotency-Key
