"""Ingest benchmark (run by `make bench`): throughput against spaCy alone, peak memory at two corpus sizes,
and pairwise precision/recall of cross-report merging on bench/dedup_set (reports.jsonl, the set the rules
were developed on, and heldout.jsonl, written blind to them afterwards). Every figure and ratio printed is
measured in this one run, on this machine.

Settings (environment): BENCH_WORKERS (default 2), BENCH_RSS_DOCS (default "1000,3000"), BENCH_RSS_WORDS
(default 0 = whole documents; N = the memory runs use each document's first N words, when the machine is too
slow for thousands of full documents; the output says so), BENCH_PARTS (default "throughput,rss,dedup"),
BENCH_CORPUS (default ../shared/corpus/news.jsonl.gz, read in place, never copied into the repository).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("BENCH_CORPUS", ROOT.parent / "shared" / "corpus" / "news.jsonl.gz"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
RSS_DOCS = [int(n) for n in os.environ.get("BENCH_RSS_DOCS", "1000,3000").split(",") if int(n) > 0]
RSS_WORDS = int(os.environ.get("BENCH_RSS_WORDS", "0"))
PARTS = set(os.environ.get("BENCH_PARTS", "throughput,rss,dedup").split(","))
DEDUP_SET = ROOT / "bench" / "dedup_set" / "reports.jsonl"
# written after the merging rules, blind to their code; never used to develop them
HELDOUT_SET = ROOT / "bench" / "dedup_set" / "heldout.jsonl"
HELDOUT2_SET = ROOT / "bench" / "dedup_set" / "heldout2.jsonl"
DEDUP_SETS = (
    (DEDUP_SET, ""),
    (
        HELDOUT_SET,
        ", held-out set (written blind after the rules; blind score P 0.826 / R 0.432;"
        " its misses then guided general fixes)",
    ),
    (
        HELDOUT2_SET,
        ", second held-out set (written blind 2026-12-02; blind score P 0.778 / R 0.525;"
        " its misses then guided general fixes)",
    ),
)
TARGET_WPS, TARGET_RATIO, TARGET_RSS_MB, TARGET_RSS_GROWTH = 6000, 0.8, 1536, 0.10


def corpus_words() -> tuple[list[str], int, int]:
    """(texts, their words, documents left out): the texts ingest codes. A document over the parse limit
    (`limits.MAX_DOCUMENT_CHARS`) is refused by ingest before spaCy, so it is left out of both runs: its words
    would count for ingest without being processed, and would slow spaCy alone only."""
    from eventwire.ingest import iter_documents
    from eventwire.limits import MAX_DOCUMENT_CHARS

    texts = [d.text for d in iter_documents([str(CORPUS)]) if hasattr(d, "text")]
    kept = [t for t in texts if len(t) <= MAX_DOCUMENT_CHARS]
    return kept, sum(len(t.split()) for t in kept), len(texts) - len(kept)


def bench_spacy(texts: list[str], words: int) -> float:
    from eventwire.nlp import get_nlp

    nlp = get_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=WORKERS):
        pass
    return words / (time.perf_counter() - start)


def bench_ingest(words: int, tmp: Path) -> tuple[float, dict]:
    from eventwire.config import load_config
    from eventwire.jobs import ingest_files

    start, cpu = time.perf_counter(), time.process_time()
    report = ingest_files([str(CORPUS)], str(tmp / "throughput.duckdb"), config=load_config(), workers=WORKERS)
    elapsed = time.perf_counter() - start
    # CPU of the main process (reading, the store, dedup), which competes with the workers for the cores
    return words / elapsed, {
        "documents": report.added,
        "events": report.events,
        "seconds": round(elapsed, 1),
        "main_cpu_s": round(time.process_time() - cpu, 1),
    }


# -- memory ----------------------------------------------------------------------------------------------
def derived_corpus(n: int, path: Path) -> None:
    """n documents: the corpus, then variants of it, each with a unique line appended (so content hashes differ)."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            record = dict(base[i % len(base)])
            if RSS_WORDS:
                record["text"] = " ".join(record["text"].split(" ")[:RSS_WORDS])
            if i >= len(base):
                record["id"] = f"{record['id']}-variant{i // len(base)}"
                record["text"] = record["text"] + f"\nBenchmark variant {i}."
            out.write(json.dumps(record) + "\n")


def _tree_memory_kb(root: int) -> tuple[int, int, int]:
    """(RSS of root, RSS summed over root and its descendants, PSS summed likewise) in kB, from /proc. The
    RSS sum counts pages shared between processes once per process; PSS splits them, so it is the footprint."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    rss = {p: _smaps_kb(p, "Rss") for p in tree}
    return rss.get(root, 0), sum(rss.values()), sum(_smaps_kb(p, "Pss") for p in tree)


def _smaps_kb(pid: int, key: str) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_rss(n_docs: int, tmp: Path) -> dict:
    data = tmp / f"derived_{n_docs}.jsonl"
    derived_corpus(n_docs, data)
    cmd = [
        sys.executable,
        "-m",
        "eventwire.cli",
        "ingest",
        str(data),
        "--db",
        str(tmp / f"rss_{n_docs}.duckdb"),
        "--quiet",
        "--workers",
        str(WORKERS),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks = {"main_rss_mb": 0.0, "tree_rss_mb": 0.0, "tree_pss_mb": 0.0}
    while proc.poll() is None:
        for key, kb in zip(peaks, _tree_memory_kb(proc.pid), strict=True):
            peaks[key] = max(peaks[key], kb / 1024)
        time.sleep(0.2)
    peaks = {k: round(v) for k, v in peaks.items()}
    peaks["seconds"] = round(time.perf_counter() - start)
    peaks["exit"] = proc.returncode
    return peaks


# -- dedup -----------------------------------------------------------------------------------------------
def bench_dedup(tmp: Path, path: Path) -> dict:
    """Ingest one labelled set (`path`) into its own fresh store and score its merging."""
    from eventwire.config import load_config
    from eventwire.jobs import ingest_files
    from eventwire.store import Store

    gold = {r["id"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r}
    db = str(tmp / f"dedup_{path.stem}.duckdb")
    ingest_files([str(path)], db, config=load_config(), workers=1)
    with Store(db, read_only=True) as store:
        merged_of = {}
        for doc_id, merged_id in store.con.execute("SELECT doc_id, merged_id FROM event_sources").fetchall():
            merged_of.setdefault(doc_id, set()).add(merged_id)
        clusters = dict(store.con.execute("SELECT doc_id, cluster_id FROM document_clusters").fetchall())
        # A copy whose cleaned text equals its original's (only a credit line differed) is stored once, under the
        # first id, and recorded in document_copies: score it as that stored document.
        copy_of = dict(store.con.execute("SELECT doc_id, stored_as FROM document_copies").fetchall())
    stored_as = {d: copy_of.get(d, d) for d in gold}
    exact_copies = sum(1 for doc_id, stored in stored_as.items() if doc_id != stored)
    merged_of = {d: merged_of.get(stored_as.get(d, d), set()) for d in gold}
    clusters = {d: clusters.get(stored_as.get(d, d)) for d in gold}
    copies = {(r["id"], r["wire"]) for r in gold.values() if r.get("wire")}

    def is_copy_pair(a: str, b: str) -> bool:
        wa, wb = gold[a].get("wire", a), gold[b].get("wire", b)
        return wa == wb

    out = {}
    for label, keep in (("all pairs", lambda a, b: True), ("without copy pairs", lambda a, b: not is_copy_pair(a, b))):
        tp = fp = fn = 0
        for a, b in combinations(sorted(gold), 2):
            if not keep(a, b):
                continue
            predicted = bool(merged_of.get(a, set()) & merged_of.get(b, set()))
            actual = gold[a]["happening"] == gold[b]["happening"]
            tp += predicted and actual
            fp += predicted and not actual
            fn += actual and not predicted
        out[label] = {
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
    out["copies clustered with their original"] = (
        f"{sum(clusters.get(c) == clusters.get(w) for c, w in copies)}"
        f"/{len(copies)} ({exact_copies} stored once: same cleaned text)"
    )
    wrong = [
        d
        for d in clusters
        if clusters[d] not in (None, d)
        and (d, clusters[d]) not in copies
        and gold[d].get("wire") != gold.get(clusters[d], {}).get("wire", clusters[d])
        and stored_as.get(d) == d
    ]
    out["documents clustered with a non-copy"] = len(wrong)
    out["documents without any event"] = sorted(d for d in gold if not merged_of.get(d))
    return out


def throughput(tmp: Path) -> None:
    texts, words, left_out = corpus_words()
    print(
        f"corpus: {len(texts)} documents, {words:,} words (whitespace tokens of the cleaned text)"
        + (
            f"; {left_out} document(s) over the parse limit left out of both runs (ingest refuses them)"
            if left_out
            else ""
        )
    )
    spacy_wps = bench_spacy(texts, words)
    print(f"spaCy alone (nlp.pipe, n_process={WORKERS}): {spacy_wps:,.0f} words/s")
    ingest_wps, info = bench_ingest(words, tmp)
    ratio = ingest_wps / spacy_wps
    print(
        f"eventwire ingest end to end (read, parse, extract, geo, dedup, DuckDB; workers={WORKERS}): "
        f"{ingest_wps:,.0f} words/s {info}"
    )
    print(
        f"  target >= {TARGET_WPS:,} words/s: {'OK' if ingest_wps >= TARGET_WPS else 'MISSED'}; "
        f"ratio to spaCy alone {ratio:.2f} (target >= {TARGET_RATIO}): {'OK' if ratio >= TARGET_RATIO else 'MISSED'}"
    )
    print(f"  load average now {os.getloadavg()[0]:.1f} (other work on the machine slows both runs)")


def memory(tmp: Path) -> None:
    shape = f"each cut to its first {RSS_WORDS} words" if RSS_WORDS else "whole documents"
    print(
        f"peak memory of `eventwire ingest --workers {WORKERS}`: RSS of the main process, RSS summed over main, "
        f"forkserver and workers (shared pages counted in each), PSS summed (shared pages split); {shape}; "
        f"documents beyond the corpus's 604 are variants with one unique line appended:"
    )
    results = {n: peak_rss(n, tmp) for n in RSS_DOCS}
    for n, r in results.items():
        print(f"  {n:>6} docs: {r}")
    trees = [r["tree_rss_mb"] for r in results.values()]
    growth = (max(trees) - min(trees)) / min(trees) if len(trees) > 1 else 0.0
    print(
        f"  peak summed RSS < {TARGET_RSS_MB} MB: {'OK' if max(trees) < TARGET_RSS_MB else 'MISSED'}; growth "
        f"{growth:.1%} between {min(RSS_DOCS)} and {max(RSS_DOCS)} docs (target <= 10%): "
        f"{'OK' if growth <= TARGET_RSS_GROWTH else 'MISSED'}"
    )


def main() -> int:
    print(
        f"machine: {os.cpu_count()} CPU cores, load average {os.getloadavg()[0]:.1f} at start; "
        f"workers / n_process = {WORKERS}; corpus {CORPUS}"
    )
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if "throughput" in PARTS:
            throughput(tmp)
        if "rss" in PARTS and RSS_DOCS:
            memory(tmp)
        if "dedup" in PARTS:
            for path, label in DEDUP_SETS:
                if not path.exists():
                    print(f"dedup: {path.relative_to(ROOT)} missing, skipped")
                    continue
                dedup = bench_dedup(tmp, path)
                print(f"dedup on {path.relative_to(ROOT)}{label} (pairwise over documents; see its README):")
                for key, value in dedup.items():
                    print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
