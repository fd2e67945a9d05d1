"""Load test of the REST API: a local uvicorn (separate process) on 127.0.0.1, N concurrent clients for a
bounded time, twice: reads only (lists, filters, GeoJSON, details, stats), then the same reads mixed with
writes (POST small reports, coded by the server's worker processes). Reports requests/s and p50/p99 latency
per kind in each phase, the reads' p50/p99 ratio with writes to without, the writes refused with 503 (a
client that gets one waits its Retry-After), errors, then checks the database is consistent.

    python bench/bench_api_load.py --seconds 30 --clients 50
    python bench/bench_api_load.py --extract stub     # API + store only, no NLP
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

TOKEN = "bench-token"
CITIES = ["Mosul", "Kabul", "Aleppo", "Sanaa", "Mogadishu", "Bamako", "Kharkiv", "Goma", "Maiduguri", "Tripoli"]
VERBS = [
    "attacked a convoy near",
    "shelled a market in",
    "protested outside the ministry in",
    "met negotiators in",
    "arrested opposition members in",
    "threatened to strike",
]


def report(i: int) -> dict:
    rng = random.Random(i)
    city, verb = rng.choice(CITIES), rng.choice(VERBS)
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
    text = (
        f"Government troops {verb} {city} on Monday, killing {rng.randrange(1, 30)} people, officials said. "
        f"Report number {i} was filed by a local correspondent."
    )
    return {
        "id": f"bench-{i}",
        "text": text,
        "title": f"Bench report {i}",
        "url": f"https://bench.example/{i}",
        "publication_date": day.isoformat(),
    }


def stub_processor(documents):
    """One ASSAULT per document on its first sentence, placed in a fixed city (no NLP)."""
    from eventwire.model import Event, Evidence, Place, Result, Sentence

    out = []
    for d in documents:
        end = d.text.find(".") + 1 or len(d.text)
        city = next((c for c in CITIES if c in d.text), "Mosul")
        rng = random.Random(d.doc_id)
        out.append(
            Result(
                d,
                [Sentence(d.doc_id, 0, 0, end, d.text[:end])],
                [],
                [
                    Event(
                        doc_id=d.doc_id,
                        event_type="ASSAULT",
                        evidence=Evidence(d.text[:end], 0, end),
                        date=d.publication_date,
                        date_precision="day",
                        fatalities=rng.randrange(30),
                        location=Place(city, rng.uniform(-30, 50), rng.uniform(-20, 60), country="IRQ"),
                    )
                ],
            )
        )
    return out


# -- server process ------------------------------------------------------------------------------------
def serve(db: str, port: int, extract: str, workers: int, queue: int) -> None:
    import uvicorn

    from eventwire.api import create_app
    from eventwire.config import Config

    # no rate limit: we measure capacity
    config = Config(api_token=TOKEN, api_write_rate=0, api_write_burst=0, api_workers=workers, api_queue=queue)
    processor = stub_processor if extract == "stub" else None  # None: the real pipeline in worker processes
    app = create_app(db, config, processor=processor)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", proxy_headers=False, access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pipeline_available() -> bool:
    try:
        import eventwire.pipeline  # noqa: F401

        return True
    except ImportError:
        return False


# -- load ----------------------------------------------------------------------------------------------
class Stats:
    def __init__(self):
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.written: list[str] = []
        self.refused = 0  # writes answered 503 (queue full)
        self.event_ids: list[str] = []


async def client_loop(client, base: str, deadline: float, stats: Stats, write_ratio: float, counter) -> None:
    import httpx

    rng = random.Random()
    while time.monotonic() < deadline:
        if rng.random() < write_ratio:
            i = next(counter)
            kind, request = (
                "write",
                client.post(base + "/documents", json=report(i), headers={"Authorization": f"Bearer {TOKEN}"}),
            )
        else:
            kind, request = read_request(client, base, rng, stats)
        t0 = time.perf_counter()
        try:
            response = await request
            ok = response.status_code in (200, 201)
        except httpx.HTTPError:
            response, ok = None, False
        elapsed = time.perf_counter() - t0
        if response is not None and kind == "write" and response.status_code == 503:
            stats.refused += 1
            stats.latency["write 503"].append(elapsed)
            wait = float(response.headers.get("retry-after", 1))  # a polite client waits as long as it is told
            await asyncio.sleep(min(wait, max(0.0, deadline - time.monotonic())))
            continue
        stats.latency[kind].append(elapsed)
        if not ok:
            stats.errors[f"{kind} {response.status_code if response is not None else 'connection'}"] += 1
        elif kind == "write":
            stats.written.append(response.json()["doc_id"])
        elif kind == "list" and len(stats.event_ids) < 5000:
            stats.event_ids.extend(e["event_id"] for e in response.json()["events"][:5])


def read_request(client, base: str, rng: random.Random, stats: Stats):
    roll = rng.random()
    if roll < 0.45:
        params = rng.choice(
            [
                {},
                {"type": "ASSAULT"},
                {"q": rng.choice(CITIES)},
                {"min_fatalities": 10},
                {"since": "2024-03-01", "until": "2024-06-30"},
                {"bbox": "30,20,60,45"},
            ]
        )
        return "list", client.get(base + "/events", params={**params, "limit": 100})
    if roll < 0.60 and stats.event_ids:
        return "detail", client.get(base + "/events/" + rng.choice(stats.event_ids))
    if roll < 0.70 and stats.written:
        return "document", client.get(base + "/documents/" + rng.choice(stats.written))
    if roll < 0.85:
        return "stats", client.get(base + "/stats")
    return "geojson", client.get(base + "/events", params={"format": "geojson", "limit": 1000})


async def run_load(base: str, seconds: float, clients: int, write_ratio: float, first_id: int) -> tuple[Stats, float]:
    import itertools

    import httpx

    stats = Stats()
    counter = itertools.count(first_id)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        start = time.monotonic()
        deadline = start + seconds
        await asyncio.gather(
            *(client_loop(client, base, deadline, stats, write_ratio, counter) for _ in range(clients))
        )
        return stats, time.monotonic() - start


# -- consistency ---------------------------------------------------------------------------------------
def check_database(db: str, written: set[str]) -> list[str]:
    """Problems found in the database after the run (empty = consistent)."""
    from eventwire.store import Store

    problems = []
    with Store(db, read_only=True) as store:
        docs = {r[0]: r[1] for r in store.iter_query("SELECT doc_id, text FROM documents")}
        missing = written - set(docs)
        if missing:
            problems.append(f"{len(missing)} acknowledged writes missing, e.g. {sorted(missing)[:3]}")
        rows = list(
            store.iter_query("SELECT event_id, doc_id, evidence_sentence, evidence_start, evidence_end FROM events")
        )
        for event_id, doc_id, sentence, start, end in rows:
            if doc_id not in docs:
                problems.append(f"event {event_id} points to missing document {doc_id}")
            elif docs[doc_id][start:end] != sentence:
                problems.append(f"event {event_id}: evidence offsets do not match the document text")
        if len({r[0] for r in rows}) != len(rows):
            problems.append("duplicate event ids")
        if hasattr(store, "merged_events"):
            orphans = next(
                store.iter_query(
                    "SELECT count(*) FROM events e LEFT JOIN event_sources s "
                    "ON s.event_id = e.event_id WHERE s.event_id IS NULL"
                )
            )[0]
            if orphans:
                problems.append(f"{orphans} events belong to no merged event")
        dup_hash = next(store.iter_query("SELECT count(*) - count(DISTINCT content_hash) FROM documents"))[0]
        if dup_hash:
            problems.append(f"{dup_hash} duplicate document contents")
    return problems


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10, help="measured duration of each phase (default 10)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--write-ratio", type=float, default=0.1, help="share of requests that are writes")
    parser.add_argument("--seed", type=int, default=40, help="reports posted before the measured run")
    parser.add_argument("--workers", type=int, default=1, help="the server's coding processes (api_workers)")
    parser.add_argument("--queue", type=int, default=8, help="posted reports that may wait (api_queue)")
    parser.add_argument(
        "--extract",
        choices=["auto", "real", "stub"],
        default="auto",
        help="real pipeline, stub coder, or auto (real when importable)",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--serve", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    extract = args.extract if args.extract != "auto" else ("real" if pipeline_available() else "stub")
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), extract, args.workers, args.queue)
        return 0

    import httpx

    tmp = tempfile.mkdtemp(prefix="eventwire-bench-")
    db, port = os.path.join(tmp, "bench.duckdb"), free_port()
    base = f"http://127.0.0.1:{port}"
    server_args = ["--extract", extract, "--workers", str(args.workers), "--queue", str(args.queue)]
    server = subprocess.Popen([sys.executable, __file__, "--serve", db, str(port), *server_args])
    phases: dict[str, tuple[Stats, float]] = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                print("bench: the server did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        t0 = time.monotonic()
        seeded = seed_reports(base, args.seed)
        print(
            f"eventwire API load: {args.clients} clients, {args.seconds:g} s a phase, write ratio {args.write_ratio}, "
            f"extraction {extract}, {args.workers} coding worker(s), queue {args.queue}; "
            f"seeded {len(seeded)} reports in {time.monotonic() - t0:.1f} s"
        )
        asyncio.run(run_load(base, 2.0, args.clients, 0.0, args.seed))  # warm-up, not measured
        phases["reads only"] = asyncio.run(run_load(base, args.seconds, args.clients, 0.0, args.seed))
        phases["with writes"] = asyncio.run(run_load(base, args.seconds, args.clients, args.write_ratio, args.seed))
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures: dict = {
        "clients": args.clients,
        "extract": extract,
        "workers": args.workers,
        "queue": args.queue,
        "write_ratio": args.write_ratio,
        "phases": {},
    }
    written, errors = set(seeded), 0
    for name, (stats, elapsed) in phases.items():
        figures["phases"][name] = phase_figures(name, stats, elapsed)
        written |= set(stats.written)
        errors += sum(stats.errors.values())
    reads = {name: figures["phases"][name]["by_kind"]["reads"] for name in phases}
    alone, mixed = reads["reads only"], reads["with writes"]
    ratio = {p: round(mixed[p] / alone[p], 2) if alone[p] else None for p in ("p50_ms", "p99_ms")}
    figures["reads_with_writes_over_alone"] = ratio
    print(
        f"reads with writes / reads alone: p50 {mixed['p50_ms']:.0f} / {alone['p50_ms']:.0f} ms = {ratio['p50_ms']}x, "
        f"p99 {mixed['p99_ms']:.0f} / {alone['p99_ms']:.0f} ms = {ratio['p99_ms']}x"
    )
    problems = check_database(db, written)
    figures["consistency_problems"] = problems
    print("database consistent: " + ("yes" if not problems else "NO\n  " + "\n  ".join(problems[:10])))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if problems or errors else 0


def phase_figures(name: str, stats: Stats, elapsed: float) -> dict:
    """Print one phase's table (per kind, then all reads, then everything) and return its figures."""
    total = sum(len(v) for v in stats.latency.values())
    errors = sum(stats.errors.values())
    figures: dict = {
        "seconds": round(elapsed, 1),
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "errors": errors,
        "error_kinds": dict(stats.errors),
        "writes_acknowledged": len(stats.written),
        "writes_refused_503": stats.refused,
        "by_kind": {},
    }
    reads = [x for kind, v in stats.latency.items() if not kind.startswith("write") for x in v]
    everything = [x for v in stats.latency.values() for x in v]
    print(f"== {name}: {total / elapsed:.1f} requests/s")
    print(f"{'kind':<10}{'n':>7}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for kind, values in sorted(stats.latency.items()) + [("reads", reads), ("all", everything)]:
        p50, p99 = percentile(values, 50) * 1000, percentile(values, 99) * 1000
        figures["by_kind"][kind] = {"n": len(values), "p50_ms": round(p50, 1), "p99_ms": round(p99, 1)}
        print(f"{kind:<10}{len(values):>7}{len(values) / elapsed:>9.1f}{p50:>9.1f}{p99:>9.1f}")
    print(f"writes refused (503, queue full): {stats.refused}; errors: {errors} {dict(stats.errors) if errors else ''}")
    return figures


def seed_reports(base: str, n: int) -> list[str]:
    import httpx

    ids = []
    with httpx.Client(timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for i in range(n):
            response = client.post(base + "/documents", json=report(i))
            response.raise_for_status()
            ids.append(response.json()["doc_id"])
    return ids


if __name__ == "__main__":
    sys.exit(main())
