"""Turn the project's held-out sentences (`train/heldout/*.jsonl`, never trained on) into the gold format of
`../shared/eval/score_events.py`, so the coder can be measured on sentences written apart from its training data.

usage: heldout_to_gold.py HELDOUT.jsonl > gold.jsonl
then:  ../shared/eval/to_input.py gold.jsonl > in.jsonl; eventwire extract in.jsonl --format jsonl > pred.jsonl;
       ../shared/eval/score_events.py gold.jsonl pred.jsonl
Each sentence is one document with one gold event (its main happening), or none for a NONE sentence.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path


def main() -> None:
    for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        doc_id = "ho_" + hashlib.sha1(record["text"].encode()).hexdigest()[:12]
        events = []
        if record["type"] != "NONE":
            events.append({"event_type": record["type"], "mode": record.get("mode")})
        gold = {
            "doc_id": doc_id,
            "corpus": "HELDOUT",
            "text": record["text"],
            "publication_date": None,
            "events": events,
        }
        print(json.dumps(gold))


if __name__ == "__main__":
    main()
