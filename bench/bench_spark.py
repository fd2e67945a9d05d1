"""Spark engine throughput: documents/s on local[1] and local[2], against the local engine on the same cores.

    .venv/bin/python bench/bench_spark.py [--docs 2000] [--cores 1,2]

The corpus is ../shared/corpus/news.jsonl.gz (604 reports, read in place). Beyond 604 documents, variants are
derived by appending one unique line to a report's text (and a suffix to its id), so that content-hash
deduplication does not skip them. For each core count:
  spark code   Spark coding to Parquet, Python workers already warm (model loaded): the engine's steady rate
  spark load   loading that Parquet into a fresh DuckDB through Store (one process, not parallel)
  spark total  code + load
  local        `jobs.ingest_files(workers=N)` into a fresh DuckDB (worker processes load the model inside
               the timing, the in-process run for 1 worker has it loaded before)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"


def derive_corpus(n: int, out: Path) -> Path:
    """`n` documents from the corpus; past its end, variants with one unique appended line."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        base = [json.loads(line) for line in f if line.strip()]
    path = out / f"bench_{n}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            record = dict(base[i % len(base)])
            variant = i // len(base)
            if variant:
                record["id"] = f"{record['id']}-v{variant}"
                record["text"] = record["text"] + f"\n\nBenchmark variant {variant} of this report."
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def bench_spark(cores: int, corpus: Path, warmup: Path, work: Path, n: int) -> dict[str, float]:
    from eventwire.config import load_config
    from eventwire.distributed import code_to_parquet
    from eventwire.distributed.load import load_into_store
    from eventwire.distributed.session import spark_session
    from eventwire.store import Store

    config = load_config()
    spark = spark_session(f"local[{cores}]", app_name=f"eventwire-bench-{cores}")
    partitions = 8 * cores
    try:
        code_to_parquet([str(warmup)], str(work / f"warm{cores}"), config=config, spark=spark, partitions=partitions)
        start = time.perf_counter()
        run, _ = code_to_parquet(
            [str(corpus)], str(work / f"spark{cores}"), config=config, spark=spark, partitions=partitions
        )
        coded = time.perf_counter() - start
    finally:
        spark.stop()
    start = time.perf_counter()
    with Store(str(work / f"spark{cores}.duckdb")) as store:
        load_into_store(str(work / f"spark{cores}"), store, config.batch_size)
    loaded = time.perf_counter() - start
    return {
        "code": coded,
        "load": loaded,
        "events": run.events,
        "coded": run.coded,
        "other": f"{run.already_stored} repeated content, {run.failed} failed",
    }


def bench_local(workers: int, corpus: Path, work: Path, n: int) -> dict[str, float]:
    from eventwire.jobs import ingest_files
    from eventwire.nlp import get_nlp

    if workers == 1:
        get_nlp()
    start = time.perf_counter()
    report = ingest_files([str(corpus)], str(work / f"local{workers}.duckdb"), workers=workers)
    elapsed = time.perf_counter() - start
    return {"total": elapsed, "events": report.events, "added": report.added}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--cores", default="1,2", help="comma-separated core counts (default 1,2)")
    parser.add_argument("--no-local", action="store_true", help="skip the local-engine comparison")
    args = parser.parse_args()
    cores = [int(c) for c in args.cores.split(",")]
    n = args.docs
    print(
        f"corpus: {CORPUS} (604 reports); {n} documents"
        + (f", of which {n - 604} derived variants (one unique line appended)" if n > 604 else "")
    )
    print(
        f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(other processes on the machine lower every figure and the speed-up)"
    )
    rates: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-spark-") as tmp:
        work = Path(tmp)
        corpus = derive_corpus(n, work)
        warmup = work / "warmup.jsonl"
        warmup.write_text(
            "".join(
                json.dumps({"id": f"w{i}", "text": f"Police arrested {i} protesters in Lagos."}) + "\n"
                for i in range(32)
            ),
            encoding="utf-8",
        )
        for c in cores:
            s = bench_spark(c, corpus, warmup, work, n)
            rates[c] = n / s["code"]
            line = (
                f"spark local[{c}]: code {s['code']:.1f} s = {rates[c]:.2f} docs/s ({rates[c] / c:.2f} per core); "
                f"load {s['load']:.1f} s; total {n / (s['code'] + s['load']):.2f} docs/s; "
                f"{s['coded']} coded ({s['other']}), {s['events']} events"
            )
            if not args.no_local:
                loc = bench_local(c, corpus, work, n)
                line += (
                    f" | local engine, {c} worker(s): {n / loc['total']:.2f} docs/s; "
                    f"{loc['added']} stored, {loc['events']} events; "
                    f"spark code / local = {rates[c] / (n / loc['total']):.2f}x, "
                    f"spark total / local = {loc['total'] / (s['code'] + s['load']):.2f}x"
                )
            print(line + f" [load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores]", flush=True)
    if 1 in rates and 2 in rates:
        print(f"speed-up local[2] / local[1]: {rates[2] / rates[1]:.2f}x (target >= 1.7x)")


if __name__ == "__main__":
    main()
