"""Fit the weights of `eventwire.extract.confidence` on dev half A and check them on half B.

usage: calibrate_confidence.py
Codes the event dev set and WikiEvents (RAMS annotates one event a window, so its other records are not known to
be wrong and it is left out) with happening grouping off, labels each record 1 when its document's gold has an
event of its type (types the corpus does not annotate are skipped), fits a logistic regression on half A and
prints the weights to paste into `settings.ConfidenceWeights`, with the expected calibration error and the share
of records kept and right at thresholds on both halves.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from eventwire import geo
from eventwire.extract import confidence as confidence_module
from eventwire.extract import core
from eventwire.model import Document
from eventwire.nlp import pipe
from eventwire.pipeline import with_publication_date
from eventwire.time import parse_iso_date

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_type_decision import EVAL, half  # noqa: E402  (the same halves as the tuning script)

SETS = [EVAL / "events" / "dev.jsonl", EVAL / "events_ext" / "wikievents.jsonl"]


def coded_records() -> list[tuple[str, list[float], int]]:
    """(half, features, label) of every record of the sets."""
    seen: list[confidence_module.ConfidenceEvidence] = []
    original = core.confidence

    def recording(evidence: confidence_module.ConfidenceEvidence, weights: object = None) -> float:
        seen.append(evidence)
        return original(evidence)

    core.confidence = recording  # type: ignore[assignment]  # a recorder with the same call shape
    build = core._build_event

    def building(*args: object, **kwargs: object) -> object:
        event = build(*args, **kwargs)  # type: ignore[arg-type]
        event.__dict__["calibration_evidence"] = seen[-1]  # the evidence its confidence was computed from
        return event

    core._build_event = building  # type: ignore[assignment]
    core.group_happenings = lambda events, *args, **kwargs: events  # one record per mention: each is judged
    out = []
    for path in SETS:
        gold = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        docs = [
            with_publication_date(
                Document(d["doc_id"], d["text"], publication_date=parse_iso_date(d.get("publication_date")))
            )
            for d in gold
        ]
        for g, doc, parsed in zip(gold, docs, pipe([d.text for d in docs]), strict=True):
            annotated = g.get("annotated_types")
            wanted = {e["event_type"] for e in g["events"]}
            seen.clear()
            events = core.extract_events(doc, parsed, geo.geoparse(parsed))
            for event in events:
                if annotated and event.event_type not in annotated:
                    continue
                ev = event.__dict__["calibration_evidence"]
                out.append((half(g["doc_id"]), ev.vector(), int(event.event_type in wanted)))
        print(f"coded {path.name}", file=sys.stderr)
    return out


def report(name: str, probs: np.ndarray, labels: np.ndarray) -> None:
    bins = np.clip((probs * 10).astype(int), 0, 9)
    ece = sum(abs(probs[bins == b].mean() - labels[bins == b].mean()) * (bins == b).mean() for b in set(bins))
    parts = [f"{name}: n={len(labels)} right={labels.mean():.3f} ECE={ece:.3f}"]
    for cut in (0.3, 0.4, 0.5, 0.6):
        kept = probs >= cut
        parts.append(f"@{cut}: keep {kept.mean():.2f} right {labels[kept].mean() if kept.any() else 0:.3f}")
    print("  ".join(parts))


def main() -> None:
    records = coded_records()
    x = {h: np.array([r[1] for r in records if r[0] == h]) for h in "AB"}
    y = {h: np.array([r[2] for r in records if r[0] == h]) for h in "AB"}
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x["A"], y["A"])
    for h in "AB":
        report(f"half {h}", model.predict_proba(x[h])[:, 1], y[h])
    weights = ", ".join(f"{w:.3f}" for w in model.coef_[0])
    print(f"weights = ({weights})  # {confidence_module.FEATURE_NAMES}")
    print(f"bias = {model.intercept_[0]:.3f}")


if __name__ == "__main__":
    main()
