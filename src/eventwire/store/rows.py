"""Table rows: what the store takes from the pipeline (`ProcessedDocument`), its records as rows of the
`events` and `toponyms` tables, and the one set-wise INSERT. Both the document writes and the merging write
through here, so the column order of a table is written down once."""

from __future__ import annotations

import json
from typing import Any, Protocol

import duckdb

from ..model import Actor, Document, Event, Sentence, Toponym


class ProcessedDocument(Protocol):
    """What the store takes from the pipeline (its `Result`; the store may not import the pipeline)."""

    document: Document
    sentences: list[Sentence]
    toponyms: list[Toponym]
    events: list[Event]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
    """Insert rows with one parameterised statement that binds one list per column (DuckDB runs `executemany`
    one row at a time, and binding every value of a multi-row VALUES is slow too)."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO {table} SELECT {', '.join(['unnest(?)'] * len(columns))}", columns)


def _actor_cols(a: Actor | None) -> list[Any]:
    return [a.text, a.name, a.country, a.sector] if a else [None] * 4


def event_row(e: Event) -> list[Any]:
    """The `events` row of an event, in the table's column order."""
    loc = e.location
    loc_cols = (
        [loc.name, loc.lat, loc.lon, loc.country, loc.admin1, loc.geonameid, loc.precision] if loc else [None] * 7
    )
    return [
        e.event_id,
        e.doc_id,
        e.date,
        e.date_precision if e.date else None,
        e.event_type,
        e.mode,
        e.cameo_code,
        e.modality,
        *_actor_cols(e.source_actor),
        *_actor_cols(e.target_actor),
        *loc_cols,
        e.fatalities,
        e.injuries,
        list(e.weapons),
        e.confidence,
        e.evidence.sentence,
        e.evidence.char_start,
        e.evidence.char_end,
        json.dumps(e.to_contract(), ensure_ascii=False),
        # last: the column is added by schema_mentions.sql's ALTER, so it ends every store's events table
        json.dumps(e.to_contract()["mentions"], ensure_ascii=False),
    ]


def toponym_row(doc_id: str, t: Toponym) -> list[Any]:
    """The `toponyms` row of a toponym of document `doc_id`."""
    p = t.place
    return [
        doc_id,
        t.start,
        t.end,
        t.text,
        *([p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.feature_code] if p else [None] * 7),
    ]
