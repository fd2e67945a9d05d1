"""Event filters: `EventFilter` and the parameterised WHERE clause it becomes. One place turns user input into
SQL, so that it is only ever bound as parameters, never spliced into the query text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass
class EventFilter:
    """Filters of `Store.events` (all optional; combined with AND)."""

    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    country: str | None = None  # location country or either actor's country
    sector: str | None = None  # either actor's sector (e.g. "military")
    modality: str | None = None
    doc_id: str | None = None
    min_fatalities: int | None = None
    min_confidence: float | None = None  # at least this confidence (0-1)
    text: str | None = None  # substring of the evidence sentence (case-insensitive)
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int | None = None
    after_id: str | None = None  # cursor: events with event_id greater than this


def where_clause(f: EventFilter, merged: bool = False) -> tuple[str, list[Any]]:
    """WHERE clause over `events`, or over `merged_events` (same column names) when `merged`: there
    `doc_id` and `text` match any source report of the merged event."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.event_type:
        add("event_type = ?", f.event_type.upper())
    if f.since:
        add("date >= ?", f.since)
    if f.until:
        add("date <= ?", f.until)
    if f.country:
        c = f.country.upper()
        add("(location_country = ? OR source_country = ? OR target_country = ?)", c, c, c)
    if f.sector and merged:
        add(
            "event_id IN (SELECT s.merged_id FROM event_sources s JOIN events e ON e.event_id = s.event_id "
            "WHERE lower(e.source_sector) = ? OR lower(e.target_sector) = ?)",
            f.sector.lower(),
            f.sector.lower(),
        )
    elif f.sector:
        add("(lower(source_sector) = ? OR lower(target_sector) = ?)", f.sector.lower(), f.sector.lower())
    if f.modality:
        add("modality = ?", f.modality.lower())
    if f.doc_id and merged:
        add("event_id IN (SELECT merged_id FROM event_sources WHERE doc_id = ?)", f.doc_id)
    elif f.doc_id:
        add("doc_id = ?", f.doc_id)
    if f.min_fatalities is not None:
        add("fatalities >= ?", f.min_fatalities)
    if f.min_confidence is not None:
        add("confidence >= ?", f.min_confidence)
    if f.text and merged:
        add(
            "event_id IN (SELECT s.merged_id FROM event_sources s JOIN events e ON e.event_id = s.event_id "
            "WHERE e.evidence_sentence ILIKE ? ESCAPE '\\')",
            "%" + escape_like(f.text) + "%",
        )
    elif f.text:
        add("evidence_sentence ILIKE ? ESCAPE '\\'", "%" + escape_like(f.text) + "%")
    if f.bbox:
        add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", f.bbox[0], f.bbox[2], f.bbox[1], f.bbox[3])
    if f.after_id:
        add("event_id > ?", f.after_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def escape_like(s: str) -> str:
    """`s` matched literally inside an ILIKE pattern with ESCAPE '\\'."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
