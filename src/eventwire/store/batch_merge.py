"""Set-wise merging of a batch of reports new to the store: `merging.merge_event`'s decisions for every report
of the batch, with the merged events they can touch read in one query and held in memory, and the final state
of each touched merged event written once. Separate from `merging` because it trades the one-by-one
statements for memory and must end in exactly the rows they would leave (tests compare the two)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import duckdb

from ..dedup import MergeKey, key_from_event
from ..model import Event
from .candidates import best_of, key_select, lookup_window
from .merged_rows import merged_id_for, merged_row, stored_key
from .rows import insert_rows


class BatchMerger:
    """`merge_event` over a batch of new reports, with the merged events they can touch held in memory: the
    stored candidates of all the reports are read in one query, each merge updates the copy, and `write` stores
    the final state of every touched merged event (the state `merge_event` one by one leaves)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, reports: list[tuple[Event, date | None]]):
        self.con = con
        self.keys: dict[str, tuple] = {}  # merged_id -> (MERGED_KEY_COLS..., date_max) as stored
        self.sources: dict[str, list[tuple[str, str, dict[str, Any], date | None]]] = {}  # touched merged events
        self.rows: dict[str, list[Any]] = {}  # merged_id -> merged_events row to write
        self.links: list[list[Any]] = []  # new event_sources rows
        windows = [
            (k.event_type, k.date - w, k.date + w)
            for k in (key_from_event(e, pub) for e, pub in reports)
            if k.date is not None
            for w in [timedelta(days=lookup_window(k))]
        ]
        if windows:
            types, lows, highs = (list(c) for c in zip(*windows, strict=True))
            for row in con.execute(
                f"SELECT DISTINCT {key_select('m.')}, m.date_max FROM merged_events m "
                "JOIN (SELECT unnest(?) AS event_type, unnest(?) AS low, unnest(?) AS high) w "
                "ON m.event_type = w.event_type AND m.date_min <= w.high AND m.date_max >= w.low",
                [types, lows, highs],
            ).fetchall():
                self.keys[row[0]] = row
        # stored reports of every merged event a report may join: a candidate, or the id it would create
        wanted = sorted(set(self.keys) | {merged_id_for(e.event_id) for e, _ in reports})
        # records stay JSON text until their merged event is touched: most candidates are not, and parsed
        # records of every candidate's reports grew with the store (issue 5)
        self.stored_sources: dict[str, list] = {}
        for merged_id, event_id, cluster_id, record, pub in con.execute(
            "SELECT s.merged_id, s.event_id, s.cluster_id, e.record, d.publication_date FROM event_sources s "
            "JOIN events e ON e.event_id = s.event_id JOIN documents d ON d.doc_id = s.doc_id "
            "WHERE s.merged_id IN (SELECT unnest(?))",
            [wanted],
        ).fetchall():
            self.stored_sources.setdefault(merged_id, []).append((event_id, cluster_id, record, pub))

    def merge(self, event: Event, publication_date: date | None, cluster_id: str) -> str:
        key = key_from_event(event, publication_date)
        merged_id = self._best_candidate(key) if key.date is not None else None
        if merged_id is None:
            merged_id = merged_id_for(event.event_id)
        self.links.append([event.event_id, merged_id, event.doc_id, cluster_id])
        sources = self.sources.get(merged_id)
        if sources is None:
            sources = self.sources[merged_id] = [
                (event_id, cluster, json.loads(record), pub)
                for event_id, cluster, record, pub in self.stored_sources.pop(merged_id, [])
            ]
        # the record as the store returns it (JSON round trip), like `refresh_merged` reads it
        record = json.loads(json.dumps(event.to_contract(), ensure_ascii=False))
        sources.append((event.event_id, cluster_id, record, publication_date))
        sources.sort(key=lambda s: s[0])
        row = merged_row(merged_id, [(cluster, rec, pub) for _, cluster, rec, pub in sources])
        self.rows[merged_id] = row
        self.keys[merged_id] = stored_key(row)
        return merged_id

    def _best_candidate(self, key: MergeKey) -> str | None:
        assert key.date is not None  # the caller looks up dated events only
        window = timedelta(days=lookup_window(key))
        low, high = key.date - window, key.date + window
        rows = sorted(
            (
                r
                for r in self.keys.values()
                if r[1] == key.event_type and r[15] is not None and r[-1] is not None and r[15] <= high and r[-1] >= low
            ),
            key=lambda r: r[0],
        )
        return best_of(key, (row[:-1] for row in rows))  # without date_max: the rows `best_candidate` reads

    def write(self) -> None:
        if not self.rows:
            return
        self.con.execute("DELETE FROM merged_events WHERE event_id IN (SELECT unnest(?))", [sorted(self.rows)])
        insert_rows(self.con, "merged_events", list(self.rows.values()))
        insert_rows(self.con, "event_sources", self.links)
