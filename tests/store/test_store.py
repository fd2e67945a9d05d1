"""The DuckDB store: idempotent writes, replacement of new versions, filters, no SQL from user strings."""
from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import StoreError
from eventwire.model import Actor, Document, Event, Evidence, Place, Sentence
from eventwire.model import Result
from eventwire.store import EventFilter, Store


def make_result(doc_id="d1", text="Rebels attacked Kabul. Police arrested two men.", fatalities=3, day=date(2021, 3, 2)):
    doc = Document(doc_id=doc_id, text=text, publication_date=day)
    s0 = Sentence(doc_id, 0, 0, 22, text[:22])
    ev = Event(doc_id=doc_id, event_type="ASSAULT", evidence=Evidence(s0.text, 0, 22), trigger="attacked",
               trigger_start=7, date=day, date_precision="day", fatalities=fatalities,
               source_actor=Actor("Rebels", "rebels", None, "rebels"),
               location=Place("Kabul", 34.5, 69.2, "AFG", None, 1138958, "city"), weapons=["rocket"])
    return Result(doc, [s0], [], [ev])


def test_same_content_is_stored_once(memory_store):
    assert memory_store.add_results([make_result()]) == 1
    assert memory_store.add_results([make_result()]) == 0
    assert memory_store.counts()["documents"] == 1 and memory_store.counts()["events"] == 1


def test_new_version_of_a_doc_id_replaces_the_old(memory_store):
    memory_store.add_results([make_result()])
    memory_store.add_results([make_result(text="Rebels attacked Kabul again. Police arrested two men.")])
    assert memory_store.counts()["documents"] == 1
    assert memory_store.document("d1")["text"].startswith("Rebels attacked Kabul again")


def test_records_round_trip_the_output_contract(memory_store):
    result = make_result()
    memory_store.add_results([result])
    [record] = memory_store.events()
    assert record == result.events[0].to_contract()


def test_filters(memory_store):
    memory_store.add_results([make_result("a", fatalities=1, day=date(2021, 1, 1)),
                              make_result("b", text="Other text here. More.", fatalities=9, day=date(2021, 6, 1))])
    assert {r["doc_id"] for r in memory_store.events(EventFilter(since=date(2021, 3, 1)))} == {"b"}
    assert {r["doc_id"] for r in memory_store.events(EventFilter(min_fatalities=5))} == {"b"}
    assert len(memory_store.events(EventFilter(country="afg"))) == 2
    assert memory_store.events(EventFilter(event_type="PROTEST")) == []
    assert len(memory_store.events(EventFilter(bbox=(60, 30, 70, 40)))) == 2
    assert memory_store.events(EventFilter(bbox=(0, 0, 1, 1))) == []


@pytest.mark.parametrize("hostile", ["' OR 1=1 --", "ASSAULT'; DROP TABLE events; --", "%", "_", "\\"])
def test_hostile_filter_values_are_data_not_sql(memory_store, hostile):
    memory_store.add_results([make_result()])
    assert memory_store.events(EventFilter(event_type=hostile)) == []
    assert memory_store.events(EventFilter(country=hostile)) == []
    assert memory_store.events(EventFilter(text=hostile)) == []
    assert memory_store.counts()["events"] == 1


def test_failed_batch_leaves_nothing_partial(memory_store):
    good = make_result("ok")
    broken = make_result("broken", text="A different report. Entirely.")
    broken.events[0].weapons = object()  # cannot be stored: the whole batch must roll back
    with pytest.raises(Exception):
        memory_store.add_results([good, broken])
    assert memory_store.counts()["documents"] == 0 and memory_store.counts()["events"] == 0


def test_unopenable_database_gives_store_error(tmp_path):
    bad = tmp_path / "not_a_db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match=r"\[E010\]"):
        Store(str(bad))


def test_file_database_persists(fresh_db):
    with Store(fresh_db) as store:
        store.add_results([make_result()])
    with Store(fresh_db, read_only=True) as store:
        assert store.counts()["events"] == 1
