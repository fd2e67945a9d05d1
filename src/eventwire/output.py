"""Serialise output-contract records as JSONL, CSV or a readable table (one writer per format)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .model import Document, Toponym

FORMATS = ("jsonl", "csv", "table")
CSV_COLUMNS = (
    "event_id",
    "doc_id",
    "date",
    "date_precision",
    "event_type",
    "mode",
    "cameo_code",
    "modality",
    "source_actor",
    "source_country",
    "target_actor",
    "target_country",
    "location",
    "lat",
    "lon",
    "location_country",
    "location_precision",
    "fatalities",
    "injuries",
    "weapons",
    "confidence",
    "evidence",
    "char_start",
    "char_end",
    "mentions",
)


def mention_spans(record: dict[str, Any]) -> str:
    """The record's mentions as `start-end` offsets joined with ';' (a flat cell for CSV and tables)."""
    return ";".join(f"{m.get('char_start')}-{m.get('char_end')}" for m in record.get("mentions") or [])


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row of an event record (for CSV and tables)."""
    src, tgt, loc = record.get("source_actor") or {}, record.get("target_actor") or {}, record.get("location") or {}
    ev = record.get("evidence") or {}
    return {
        **{
            k: record.get(k)
            for k in (
                "event_id",
                "doc_id",
                "date",
                "date_precision",
                "event_type",
                "mode",
                "cameo_code",
                "modality",
                "fatalities",
                "injuries",
                "confidence",
            )
        },
        "source_actor": src.get("name") or src.get("text"),
        "source_country": src.get("country"),
        "target_actor": tgt.get("name") or tgt.get("text"),
        "target_country": tgt.get("country"),
        "location": loc.get("name"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "location_country": loc.get("country"),
        "location_precision": loc.get("precision"),
        "weapons": ";".join(record.get("weapons") or []),
        "evidence": ev.get("sentence"),
        "char_start": ev.get("char_start"),
        "char_end": ev.get("char_end"),
        "mentions": mention_spans(record),
    }


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: TextIO | None = None) -> int:
    """Write records in `fmt` to `out` (default: the current stdout); returns how many were written."""
    out = out if out is not None else sys.stdout
    if fmt == "jsonl":
        n = 0
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        n = 0
        for record in records:
            writer.writerow(flatten(record))
            n += 1
        return n
    if fmt == "table":
        return write_table(list(records), out)
    raise ValueError(fmt)


def write_table(records: list[dict[str, Any]], out: TextIO) -> int:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} events", show_lines=False, expand=False)
    merged = any("n_sources" in r for r in records)  # merged events carry their source count
    for name in (
        "date",
        "type",
        "mode",
        "modality",
        "source",
        "target",
        "location",
        "killed",
        "hurt",
        "weapons",
        "evidence",
        "told",
    ) + (("sources",) if merged else ()):
        table.add_column(name, overflow="fold", max_width=60 if name == "evidence" else 22)
    for r in records:
        row = flatten(r)
        loc = row["location"] and f"{row['location']} ({row['location_precision']})"
        table.add_row(
            *(
                str(v) if v is not None else ""
                for v in (
                    row["date"],
                    row["event_type"],
                    row["mode"],
                    row["modality"],
                    _actor(r.get("source_actor")),
                    _actor(r.get("target_actor")),
                    loc,
                    row["fatalities"],
                    row["injuries"],
                    row["weapons"],
                    row["evidence"],
                    len(r.get("mentions") or []) or 1,
                )
                + ((r.get("n_sources"),) if merged else ())
            )
        )
    Console(file=out, width=200 if not out.isatty() else None).print(table)
    return len(records)


def _actor(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    name = actor.get("name") or actor.get("text")
    return f"{name} [{actor['country']}]" if actor.get("country") else name


def toponym_record(document: Document, toponym: Toponym) -> dict[str, Any]:
    """The `eventwire geoparse` record: offsets into the document text as given (before chrome removal)."""
    p = toponym.place
    return {
        "doc_id": document.doc_id,
        "text": toponym.text,
        "start": document.raw_offset(toponym.start),
        "end": document.raw_offset(toponym.end),
        "name": p.name if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geonameid": p.geonameid if p else None,
        "country": p.country if p else None,
        "feature_code": p.feature_code if p else None,
    }
