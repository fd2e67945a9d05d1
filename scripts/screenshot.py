"""Regenerate the README's picture (docs/screenshot.png) from what eventwire makes of real reports.

Ingests, into a DuckDB file in a temporary directory, the bundled sample report (examples/, dated 2020-01-04)
and a slice of the benchmark corpus (../shared/corpus/news.jsonl.gz, read now: no corpus text is copied into
the repository; by default its GeoVirus articles, Wikinews, CC BY 2.5), serves the API and the map over it on
127.0.0.1, opens the page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright), opens the
sample's attack on Balad air base in the side panel and saves the page. The README's example watch rules are
put beside the database, so the alerts and geofences show too. Run by `make screenshot`.

    python scripts/screenshot.py [--corpus ../shared/corpus/news.jsonl.gz] [--source geovirus] [--limit 129]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import uvicorn

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "000_f76d077bb8374fe8.txt"
SAMPLE_DATE = date(2020, 1, 4)
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"
OUT = ROOT / "docs" / "screenshot.png"
VIEWPORT = {"width": 1400, "height": 1000}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# the sample's event to open in the side panel: a word of its evidence sentence
OPEN_EVENT_WITH = "airbase"
# the README's example watch rules (section "Watch rules and alerts"), so the page shows fences and alerts
WATCH_RULES = """version: 1
deliver:
  - {type: jsonl, path: alerts.jsonl}
rules:
  - id: al-balad
    name: Al-Balad Air Base
    geofence: {lat: 33.94, lon: 44.36, radius_m: 5000}
    event_types: [ASSAULT, COERCE]
  - id: balad-area
    name: Balad district
    geofence: {lat: 33.94, lon: 44.36, radius_km: 25}
    event_types: [ASSAULT]
    keywords: [rocket, mortar, drone]
"""


def corpus_slice(corpus: Path, source: str, limit: int, into: Path) -> int:
    """Write the first `limit` documents of the corpus whose id starts with `source` to `into` (a temporary
    JSONL file); returns how many."""
    n = 0
    with gzip.open(corpus, "rt", encoding="utf-8") as lines, into.open("w", encoding="utf-8") as out:
        for line in lines:
            if n >= limit:
                break
            record = json.loads(line)
            if record["id"].startswith(source):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    return n


def ingest(db: Path, corpus_file: Path) -> None:
    from eventwire.jobs import ingest_files

    for paths, day in (([str(SAMPLE)], SAMPLE_DATE), ([str(corpus_file)], None)):
        report = ingest_files(paths, db_path=str(db), publication_date=day, workers=1)
        print(f"screenshot: ingested {paths[0]}: {report.added} documents, {report.events} events", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path) -> tuple[str, uvicorn.Server, threading.Thread]:
    from eventwire.api import create_app
    from eventwire.config import Config

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(str(db), Config(db_path=str(db))), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise SystemExit("screenshot: the server did not start")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def capture(base: str, out: Path, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(base + "/")
        page.wait_for_selector("body[data-ready=true]", timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('#alerts li.alert').length > 0", timeout=30_000)
        page.wait_for_function("() => document.getElementById('map').dataset.fences === '2'", timeout=30_000)
        event_id = page.evaluate(
            """(word) => { const e = window.eventwire.state.all.find(
                             (e) => e.haystack.includes(word) && e.event_type === "ASSAULT");
                           return e ? e.event_id : null; }""",
            OPEN_EVENT_WITH,
        )
        if event_id is None:
            raise SystemExit(f"screenshot: no ASSAULT event with {OPEN_EVENT_WITH!r} in its evidence")
        page.evaluate("(id) => window.eventwire.openEvent(id)", event_id)
        page.wait_for_selector("#panel mark.evidence", timeout=30_000)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=False)
        print(f"screenshot: {page.text_content('#status')}; saved {out}", file=sys.stderr)
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the benchmark corpus (JSONL, gzip)")
    parser.add_argument("--source", default="geovirus", help="corpus documents whose id starts with this")
    parser.add_argument("--limit", type=int, default=129, help="at most this many corpus documents")
    parser.add_argument("--out", type=Path, default=OUT, help="the picture to write")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium to drive")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"screenshot: {args.corpus} not found (the benchmark corpus, see README)", file=sys.stderr)
        return 2
    chromium = shutil.which(args.chromium) or args.chromium
    with tempfile.TemporaryDirectory(prefix="eventwire-screenshot-") as tmp:
        db, corpus_file = Path(tmp) / "screenshot.duckdb", Path(tmp) / "slice.jsonl"
        (Path(tmp) / "eventwire-watch.yaml").write_text(WATCH_RULES, encoding="utf-8")  # read by ingest and serve
        n = corpus_slice(args.corpus, args.source, args.limit, corpus_file)
        print(f"screenshot: {n} corpus documents ({args.source}*)", file=sys.stderr)
        ingest(db, corpus_file)
        base, server, thread = serve(db)
        try:
            capture(base, args.out, chromium)
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
