"""Candidate lookup for the merge decision: which stored merged events a new report may join (same type, date
range overlapping a window around the report's date), read as `dedup.MergeKey`s, and which of them wins
(`dedup.match_score`, lowest score, then lowest id). The decision rules themselves are `eventwire.dedup`'s;
this module only says which merged-event columns they see and how they are fetched."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import duckdb

from ..dedup import MergeKey, match_score
from ..dedup.rules import DEFAULT_RULES

# The merged_events columns a merge decision reads, in the order `merged_key` takes them (then FROM_REPORT_SQL).
MERGED_KEY_COLS = (
    "event_id",
    "event_type",
    "modality",
    "date",
    "date_precision",
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "lat",
    "lon",
    "location_country",
    "admin1",
    "location_name",
    "location_precision",
    "date_min",
    "fatalities_min",
    "fatalities_max",
)
# whether the merged event's date is only its reports' publication day (a key in the merged record)
FROM_REPORT_SQL = "coalesce(CAST(json_extract({p}record, '$.date_from_report') AS BOOLEAN), false)"


def key_select(prefix: str = "") -> str:
    """The SELECT list of a merged event's key (MERGED_KEY_COLS, then date_from_report), columns of `prefix`."""
    return ", ".join([prefix + c for c in MERGED_KEY_COLS] + [FROM_REPORT_SQL.format(p=prefix)])


def lookup_window(key: MergeKey) -> int:
    """Days either side of a report's date within which `best_candidate` looks for merged events (a stated date
    may match a report's date up to `named_report_window_days` later)."""
    return max(
        DEFAULT_RULES.window(key.date_precision),
        DEFAULT_RULES.date_window_days["month"],
        DEFAULT_RULES.named_report_window_days,
    )


def best_candidate(con: duckdb.DuckDBPyConnection, key: MergeKey) -> str | None:
    """The id of the stored merged event the (dated) report `key` joins, or None for a new one."""
    assert key.date is not None  # the caller looks up dated events only
    # The lookup: same type, date range overlapping the widest window around the new date.
    window = timedelta(days=lookup_window(key))
    rows = con.execute(
        f"SELECT {key_select()} FROM merged_events WHERE event_type = ? "
        "AND date_min <= ? AND date_max >= ? ORDER BY event_id",
        [key.event_type, key.date + window, key.date - window],
    ).fetchall()
    return best_of(key, rows)


def best_of(key: MergeKey, rows: Iterable[tuple]) -> str | None:
    """Among merged events (rows of `key_select`), the id of the one `key` matches best, or None."""
    scored = []
    for row in rows:
        score = match_score(key, merged_key(row))
        if score is not None:
            scored.append((score, row[0]))
    return min(scored)[1] if scored else None


def merged_key(row: tuple) -> MergeKey:
    """A merged event's key row (`key_select`) as the `MergeKey` the decision compares a report with."""
    (
        _,
        event_type,
        modality,
        when,
        date_precision,
        sn,
        sc,
        tn,
        tc,
        lat,
        lon,
        country,
        admin1,
        place,
        precision,
        date_min,
        low,
        high,
        from_report,
    ) = row
    if when is None:  # only undated reports: their publication dates stand in
        when, date_precision, from_report = date_min, None, True
    return MergeKey(
        event_type,
        modality,
        when,
        date_precision,
        sn,
        sc,
        tn,
        tc,
        lat,
        lon,
        country,
        admin1,
        place,
        precision,
        low,
        high,
        bool(from_report),
    )
