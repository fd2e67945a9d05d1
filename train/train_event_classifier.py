"""Train eventwire's event-type and modality model from the project's own sentences (`make train`).

Reads every `train/events/*.jsonl` line ({"text", "type", "modality", ...}: sentences the project wrote itself,
never evaluation data), parses each with eventwire's spaCy pipeline, turns it into the same features the coder uses
(`eventwire.extract.clause_features`), and fits two multinomial logistic models (type of the main happening incl.
NONE; modality). The regularisation strength is chosen by 5-fold cross-validation on this training set alone.
Writes `src/eventwire/data/models/event_types.npz` and prints the cross-validated scores to stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from eventwire.extract import lexicon
from eventwire.extract.casualties import find_casualties
from eventwire.extract.classifier import MODEL, NO_EVENT
from eventwire.extract.clause_features import sentence_features
from eventwire.extract.triggers import find_triggers
from eventwire.extract.weapons import find_weapons
from eventwire.model import PLOVER_TYPES
from eventwire.nlp import pipe
from eventwire.resources import DATA_DIR

ROOT = Path(__file__).resolve().parent
MODALITIES = ("asserted", "claimed", "denied", "threatened", "hypothetical", "reported")
C_GRID = (1.0, 3.0, 10.0)  # 0.3 was always worse in cross-validation
MIN_COUNT = 2  # a feature seen once in training is noise more often than evidence


def load_examples(folder: Path) -> list[dict]:
    out = []
    for path in sorted(folder.glob("*.jsonl")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if record.get("type") not in PLOVER_TYPES + (NO_EVENT,):
                sys.exit(f"{path}:{lineno}: unknown type {record.get('type')!r}")
            if record.get("modality") not in MODALITIES:
                record["modality"] = "asserted"
            out.append(record)
    return out


def featurise(texts: list[str]) -> list[dict[str, float]]:
    lexicon.load_all()
    feats = []
    for i, doc in enumerate(pipe(texts)):
        span = doc[:]
        matches = find_triggers(span, bool(find_weapons(span)), find_casualties(span.text).stated)
        feats.append({k: float(np.log1p(v)) for k, v in sentence_features(span, matches).items()})
        if (i + 1) % 500 == 0:
            print(f"parsed {i + 1}/{len(texts)}", file=sys.stderr)
    return feats


def fit(x, y: list[str], name: str) -> LogisticRegression:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    best_c, best_acc = C_GRID[0], -1.0
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=3000)
        predicted = cross_val_predict(model, x, y, cv=folds)
        acc = float(np.mean(predicted == np.asarray(y)))
        print(f"{name}: C={c} cross-validated accuracy {acc:.3f}", file=sys.stderr)
        if acc > best_acc:
            best_c, best_acc = c, acc
    print(f"{name}: chose C={best_c}", file=sys.stderr)
    return LogisticRegression(C=best_c, max_iter=3000).fit(x, y)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "events")
    parser.add_argument("--out", type=Path, default=DATA_DIR / MODEL)
    args = parser.parse_args()
    examples = load_examples(args.data)
    print(f"{len(examples)} sentences: {dict(Counter(e['type'] for e in examples))}", file=sys.stderr)
    feats = featurise([e["text"] for e in examples])
    counts: Counter[str] = Counter(k for f in feats for k in f)
    feats = [{k: v for k, v in f.items() if counts[k] >= MIN_COUNT} for f in feats]
    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform(feats)
    type_model = fit(x, [e["type"] for e in examples], "type")
    modality_model = fit(x, [e["modality"] for e in examples], "modality")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        vocabulary=np.asarray(vectoriser.feature_names_, dtype=str),
        type_labels=np.asarray(type_model.classes_, dtype=str),
        type_weights=type_model.coef_.T.astype(np.float32),
        type_bias=type_model.intercept_.astype(np.float32),
        modality_labels=np.asarray(modality_model.classes_, dtype=str),
        modality_weights=modality_model.coef_.T.astype(np.float32),
        modality_bias=modality_model.intercept_.astype(np.float32),
    )
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {x.shape[1]} features)", file=sys.stderr)


if __name__ == "__main__":
    main()
