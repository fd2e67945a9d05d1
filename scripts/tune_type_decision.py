"""Score the event coder on one half of the dev sets under several `TypeDecision` settings, parsing once.

usage: tune_type_decision.py [--half A|B] [--grid 'keep_min=0.2,0.3;choose_reject_min=0.5']
Develop on half A (SHA-1 of doc_id, as ../shared/eval/split_half.py splits); read B only as a number. Prints, per
setting, type F1 of each corpus (PLOVER-GSR, MUC-4, RAMS recall, WikiEvents) and the overall micro/macro F1.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eventwire import geo
from eventwire.extract import core, settings, type_decision
from eventwire.model import Document
from eventwire.nlp import pipe
from eventwire.pipeline import with_publication_date
from eventwire.time import parse_iso_date

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SETS = [EVAL / "events" / "dev.jsonl", EVAL / "events_ext" / "rams.jsonl", EVAL / "events_ext" / "wikievents.jsonl"]


def half(doc_id: str) -> str:
    return "A" if hashlib.sha1(str(doc_id).encode()).digest()[0] % 2 == 0 else "B"


def score(gold_path: Path, gold: list[dict], preds: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        g, p = Path(tmp) / "g.jsonl", Path(tmp) / "p.jsonl"
        g.write_text("".join(json.dumps(d) + "\n" for d in gold))
        p.write_text("".join(json.dumps(e) + "\n" for e in preds))
        out = subprocess.run(
            [sys.executable, str(EVAL / "score_events.py"), str(g), str(p), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout.strip().splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", default="A", help="A, B or all")
    parser.add_argument("--gold", action="append", help="gold files to use instead of the dev sets")
    parser.add_argument("--grid", default="")
    parser.add_argument(
        "--off",
        default="",
        help="comma-separated filters to switch off: salience, generic, background, content, retold",
    )
    parser.add_argument("--core-lexicon", action="store_true", help="only triggers.csv (measures the lexicon files)")
    args = parser.parse_args()
    if "salience" in args.off:  # keep weak attack mentions of long reports
        core.TYPE_DECISION = dataclasses.replace(core.TYPE_DECISION, report_sentences=10**9)
    if "generic" in args.off:  # keep war talk, totals and habits
        core.generic_reason = lambda *a, **k: None
    if "background" in args.off:  # keep happenings told as the setting of another
        core._in_background = lambda *a, **k: False
    if "content" in args.off:  # keep happenings told as the content of another
        core._content_parent = lambda *a, **k: None
    if "retold" in args.off:  # keep referenced happenings of a type told directly
        core._drop_retold = lambda events, referenced: events
    if args.core_lexicon:
        from eventwire.extract import lexicon

        lexicon.lexicon_files = lambda: [lexicon.TRIGGERS]
    grid = {}
    for part in filter(None, args.grid.split(";")):
        name, values = part.split("=")
        grid[name] = [float(v) for v in values.split(",")]
    parsed = []
    for path in [Path(g) for g in args.gold] if args.gold else SETS:
        gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        gold = [d for d in gold if args.half == "all" or half(d["doc_id"]) == args.half]
        docs = [
            with_publication_date(
                Document(d["doc_id"], d["text"], publication_date=parse_iso_date(d.get("publication_date")))
            )
            for d in gold
        ]
        spacy_docs = list(pipe([d.text for d in docs]))
        toponyms = [geo.geoparse(sd) for sd in spacy_docs]
        parsed.append((path, gold, list(zip(docs, spacy_docs, toponyms, strict=True))))
        print(f"parsed {path.name}: {len(gold)} docs", file=sys.stderr)
    names = list(grid)
    for values in itertools.product(*(grid[n] for n in names)) if names else [()]:
        overrides = dict(zip(names, values, strict=True))
        if overrides.pop("no_rule_types", 0):
            overrides["rule_judged_types"] = frozenset()
        chosen = dataclasses.replace(settings.TYPE_DECISION, **overrides)
        type_decision.TYPE_DECISION = chosen
        core.TYPE_DECISION = chosen
        row = []
        for path, gold, items in parsed:
            preds = [e.to_contract() for doc, sd, tops in items for e in core.extract_events(doc, sd, tops)]
            result = score(path, gold, preds)
            for corpus, figures in sorted(result.items()):
                if corpus != "overall":
                    row.append(f"{corpus}={figures.get('type_f1', 0):.3f}")
            row.append(
                f"[{path.stem} macro={result['overall'].get('macro_f1', 0):.3f}"
                f" evP={result['overall'].get('event_precision', 0):.3f}]"
            )
        print(dict(zip(names, values, strict=True)), " ".join(row), flush=True)


if __name__ == "__main__":
    main()
