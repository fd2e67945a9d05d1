"""Alert delivery benchmark (issue 17): ingest throughput with a webhook that takes 5 s per call, against
ingest with the same rules and only a JSONL file. Both runs raise the same alerts (one rule that matches
every event); deliveries run outside the ingest path, so the ratio should stay near 1. Prints the two times,
documents/s, alerts raised and deliveries left for `eventwire watch deliver`, and the ratio. Every figure is
measured in this one run, on this machine; nothing is asserted (the ratio is the result).

Settings (environment): BENCH_DOCS (default 150 documents of the corpus), BENCH_WORKERS (default 2),
BENCH_HOOK_S (default 5, seconds the webhook takes per call), BENCH_CORPUS (default
../shared/corpus/news.jsonl.gz, read in place).
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("BENCH_CORPUS", ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"))
DOCS = int(os.environ.get("BENCH_DOCS", "150"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
HOOK_S = float(os.environ.get("BENCH_HOOK_S", "5"))
PLOVER = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip


def slow_hook() -> tuple[ThreadingHTTPServer, list[str]]:
    received: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            time.sleep(HOOK_S)
            received.append(self.headers.get("Idempotency-Key", ""))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def run(folder: Path, docs: Path, deliver: list) -> tuple[float, int, str]:
    folder.mkdir()
    rules = {"version": 1, "deliver": deliver, "rules": [{"id": "any", "event_types": PLOVER}]}
    (folder / "eventwire-watch.yaml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(docs), "--db", str(folder / "db.duckdb")]
    started = time.perf_counter()
    done = subprocess.run([*cmd, "--quiet", "--workers", WORKERS], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    import duckdb

    with duckdb.connect(str(folder / "db.duckdb"), read_only=True) as con:
        alerts = con.execute("SELECT count(*) FROM watch_alerts").fetchone()[0]  # type: ignore[index]
    pending = next((line for line in done.stderr.splitlines() if "pending" in line), "none pending")
    return elapsed, alerts, pending


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
            docs.write_text("".join(itertools.islice(fh, DOCS)), encoding="utf-8")
        # A first run builds caches (gazetteer index) so that neither timed run pays for them.
        run(Path(tmp) / "warm", docs, ["stdout"])
        plain = run(Path(tmp) / "plain", docs, [{"type": "jsonl", "path": "alerts.jsonl"}])
        server, received = slow_hook()
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        hooked = run(
            Path(tmp) / "hooked",
            docs,
            [{"type": "jsonl", "path": "alerts.jsonl"}, {"type": "webhook", "url": url, "timeout_s": HOOK_S + 5}],
        )
        server.shutdown()
    print(f"alert delivery benchmark: {DOCS} documents of {CORPUS.name}, {WORKERS} workers")
    print(f"  without webhooks:         {plain[0]:7.1f} s  {DOCS / plain[0]:6.2f} docs/s  {plain[1]} alerts")
    print(
        f"  with a {HOOK_S:g} s webhook:     {hooked[0]:7.1f} s  {DOCS / hooked[0]:6.2f} docs/s  {hooked[1]} alerts, "
        f"{len(received)} posted during ingest; {hooked[2]}"
    )
    print(f"  throughput ratio (webhook / none): {plain[0] / hooked[0]:.3f}  (target >= 0.90)")
    print(json.dumps({"docs": DOCS, "plain_s": round(plain[0], 2), "webhook_s": round(hooked[0], 2)}))


if __name__ == "__main__":
    main()
