"""One loader for the data files under `eventwire/data/` (ontology, lexicons, dictionaries, patterns).

Files are validated when read; a malformed file raises `DataFileError` naming the file and line, so a bad
edit fails at start-up with a clear message instead of silently coding wrong events.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError, Errors

DATA_DIR = Path(str(resources.files("eventwire") / "data"))


def data_path(name: str) -> Path:
    path = DATA_DIR / name
    if not path.exists():
        raise DataFileError(Errors.E009.format(path=path, where="", reason="missing"))
    return path


@cache
def load_yaml(name: str) -> Any:
    path = data_path(name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise DataFileError(Errors.E009.format(path=path, where=where, reason=getattr(err, "problem", err))) from None


def load_csv(name: str, required: Iterable[str]) -> list[dict[str, str]]:
    """Rows of a CSV data file as dicts; every `required` column must be present and non-empty."""
    path = data_path(name)
    required = list(required)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(row for row in fh if row.strip() and not row.startswith("#"))
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(Errors.E009.format(path=path, where=":1", reason=f"missing columns {missing}"))
        rows = []
        for lineno, row in enumerate(reader, start=2):
            empty = [c for c in required if not (row.get(c) or "").strip()]
            if empty:
                raise DataFileError(Errors.E009.format(path=path, where=f":{lineno}", reason=f"empty {empty}"))
            rows.append({k: (v or "").strip() for k, v in row.items() if k})
        return rows


def load_jsonl(name: str) -> list[dict[str, Any]]:
    path = data_path(name)
    records = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise DataFileError(Errors.E009.format(path=path, where=f":{lineno}", reason=err.msg)) from None
    return records


def load_list(name: str, key: str, lower: bool = False) -> list[str]:
    """The list `key` of a YAML file of lists (`key: [item, ...]`), in file order, validated: non-empty, stripped,
    distinct strings (and lower case when `lower`). A bad entry raises `DataFileError` naming the file and the line
    of the list."""
    path = data_path(name)
    data = load_yaml(name)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:")), None)
    where = f":{line}" if line else ""
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise DataFileError(Errors.E009.format(path=path, where=where, reason=f"no word list {key!r}"))
    bad = [
        w for w in items if not isinstance(w, str) or not w.strip() or w != (w.strip().lower() if lower else w.strip())
    ]
    if bad:
        kind = "not lower-case words" if lower else "not stripped strings"
        raise DataFileError(Errors.E009.format(path=path, where=where, reason=f"{kind}: {bad}"))
    repeated = sorted({w for w in items if items.count(w) > 1})
    if repeated:
        raise DataFileError(Errors.E009.format(path=path, where=where, reason=f"repeated words: {repeated}"))
    return items


def load_words(name: str, word_class: str) -> frozenset[str]:
    """One word class of a YAML word-list file (`class: [word, ...]`): lower-case, distinct words (`load_list`)."""
    return frozenset(load_list(name, word_class, lower=True))
