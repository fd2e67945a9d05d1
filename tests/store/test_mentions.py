"""Stored mentions: the events.mentions column, an older store without it, and the confidence filter."""

import json
from importlib import resources

import duckdb

from eventwire.model import Document, Event, Evidence, Result
from eventwire.store import EventFilter, Store

TEXT = "Rebels shelled the village. The shelling wounded three children."


def _result(confidence: float = 0.8) -> Result:
    first, second = Evidence(TEXT[:27], 0, 27), Evidence(TEXT[28:], 28, len(TEXT))
    event = Event("d1", "ASSAULT", first, confidence=confidence, mentions=[first, second])
    return Result(Document("d1", TEXT), events=[event])


def test_mentions_are_stored_in_their_column_and_record(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.add_results([_result()])
        (column,) = store.con.execute("SELECT mentions FROM events").fetchone()
        record = store.events()[0]
    assert [m["char_start"] for m in json.loads(column)] == [0, 28]
    assert record["mentions"] == json.loads(column)


def test_a_store_written_before_mentions_opens_and_lists_the_evidence(tmp_path):
    path = str(tmp_path / "old.duckdb")
    schema = (resources.files("eventwire.store") / "schema.sql").read_text(encoding="utf-8")
    old = Event("d0", "PROTEST", Evidence("Crowds marched.", 0, 15)).to_contract()
    del old["mentions"]
    con = duckdb.connect(path)
    con.execute(schema)
    con.execute("INSERT INTO documents (doc_id, content_hash, text) VALUES ('d0', 'h0', 'Crowds marched.')")
    columns = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    values = {c: None for c in columns}
    values.update(event_id="e0", doc_id="d0", event_type="PROTEST", modality="asserted", record=json.dumps(old))
    con.execute(f"INSERT INTO events VALUES ({','.join('?' * len(columns))})", [values[c] for c in columns])
    con.close()
    with Store(path, read_only=True) as store:  # a reader does not change the file
        assert store.events()[0]["mentions"] == [old["evidence"]]
    with Store(path) as store:  # a writer adds the column and goes on writing
        store.add_results([_result()])
        assert len(store.events()) == 2


def test_min_confidence_filters_stored_events(tmp_path):
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.add_results([_result(confidence=0.4)])
        assert store.events(EventFilter(min_confidence=0.5)) == []
        assert len(store.events(EventFilter(min_confidence=0.3))) == 1
