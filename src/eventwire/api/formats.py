"""Serialisations of a page of output-contract records: JSON (as is), CSV (flattened) and GeoJSON."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from typing import Any

from ..model import CONTRACT_KEYS, Actor, Evidence, Place

_NESTED = {
    "source_actor": tuple(Actor("x").to_contract()),
    "target_actor": tuple(Actor("x").to_contract()),
    "location": tuple(Place("x").to_contract()),
    "evidence": tuple(f.name for f in fields(Evidence)),
}
CSV_COLUMNS = tuple(
    f"{key}_{sub}" if key in _NESTED else key for key in CONTRACT_KEYS for sub in _NESTED.get(key, (None,))
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(records: list[dict[str, Any]]) -> str:
    """One row per event, nested objects flattened to `<key>_<field>`, lists joined with ';'. Text cells
    that a spreadsheet would run as a formula are prefixed with a quote."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([_cell(v) for v in _flat(record)])
    return out.getvalue()


def _flat(record: dict[str, Any]) -> list[Any]:
    row: list[Any] = []
    for key in CONTRACT_KEYS:
        value = record.get(key)
        if key in _NESTED:
            row.extend((value or {}).get(sub) for sub in _NESTED[key])
        elif key == "mentions":  # sentence offsets only: the sentences are in the document and in `evidence`
            row.append(";".join(f"{m.get('char_start')}-{m.get('char_end')}" for m in value or []))
        else:
            row.append(value)
    return row


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def geojson(records: list[dict[str, Any]], next_cursor: str | None) -> dict[str, Any]:
    """A FeatureCollection: one Feature per event (geometry null when the event has no coordinates),
    with the whole record as properties; `next_cursor` is a foreign member for paging."""
    features = []
    for record in records:
        loc = record.get("location") or {}
        has_point = loc.get("lat") is not None and loc.get("lon") is not None
        features.append(
            {
                "type": "Feature",
                "id": record["event_id"],
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]} if has_point else None,
                "properties": record,
            }
        )
    return {"type": "FeatureCollection", "features": features, "next_cursor": next_cursor}
