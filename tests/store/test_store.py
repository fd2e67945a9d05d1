"""The DuckDB store: idempotent writes, replacement of new versions, filters, no SQL from user strings."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import StoreError
from eventwire.model import Actor, Document, Event, Evidence, Place, Result, Sentence
from eventwire.store import EventFilter, Store


def make_result(
    doc_id="d1", text="Rebels attacked Kabul. Police arrested two men.", fatalities=3, day=date(2021, 3, 2)
):
    doc = Document(doc_id=doc_id, text=text, publication_date=day)
    s0 = Sentence(doc_id, 0, 0, 22, text[:22])
    ev = Event(
        doc_id=doc_id,
        event_type="ASSAULT",
        evidence=Evidence(s0.text, 0, 22),
        trigger="attacked",
        trigger_start=7,
        date=day,
        date_precision="day",
        fatalities=fatalities,
        source_actor=Actor("Rebels", "rebels", None, "rebels"),
        location=Place("Kabul", 34.5, 69.2, "AFG", None, 1138958, "city"),
        weapons=["rocket"],
    )
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
    memory_store.add_results(
        [
            make_result("a", fatalities=1, day=date(2021, 1, 1)),
            make_result("b", text="Other text here. More.", fatalities=9, day=date(2021, 6, 1)),
        ]
    )
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
    with pytest.raises(TypeError):  # weapons must be a list of strings
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


# -- keys and indexes (issue 5: the ingest process must not grow with the store) ------------------------------
# What stores made before the sentences key and the dedup indexes were dropped had on top of today's schema.
OLD_SENTENCES = """CREATE TABLE sentences (doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, char_start INTEGER NOT NULL,
                                           char_end INTEGER NOT NULL, PRIMARY KEY (doc_id, idx))"""
OLD_INDEXES = {
    "merged_events_type_date": "merged_events (event_type, date_min)",
    "event_sources_merged": "event_sources (merged_id)",
    "event_sources_doc": "event_sources (doc_id)",
    "document_bands_band": "document_bands (band)",
}


def _sentence_rows(store) -> list[tuple]:
    return store.con.execute("SELECT doc_id, idx, char_start, char_end FROM sentences ORDER BY ALL").fetchall()


def test_sentences_are_stored_once_without_a_key(memory_store):
    """Idempotency does not rest on the sentences key (gone): the same content again adds nothing, a new version
    of a doc_id replaces its rows, and a batch holding both versions keeps the last."""
    assert (
        memory_store.con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'sentences' "
            "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')"
        ).fetchone()[0]
        == 0
    )
    memory_store.add_results([make_result()])
    memory_store.add_results([make_result()])
    assert _sentence_rows(memory_store) == [("d1", 0, 0, 22)]
    memory_store.add_results([make_result(text="Rebels attacked Kabul again. Police arrested two men.")])
    assert _sentence_rows(memory_store) == [("d1", 0, 0, 22)]
    memory_store.add_results(
        [make_result(text="First version here. Short."), make_result(text="Second version here. Also short.")]
    )
    assert _sentence_rows(memory_store) == [("d1", 0, 0, 22)]
    assert memory_store.document("d1")["text"] == "Second version here. Also short."
    assert memory_store.counts() == {"documents": 1, "sentences": 1, "events": 1, "toponyms": 0, "skipped": 0}


def test_a_store_made_with_the_old_key_and_indexes_opens_and_works(tmp_path):
    """An existing store keeps its sentences key (DuckDB cannot drop it; it still works) and loses the dedup
    indexes when opened for writing; reads, idempotent writes and replacements go on as before."""
    import duckdb

    from eventwire.store.duck import SCHEMA

    db = str(tmp_path / "old.duckdb")
    con = duckdb.connect(db)
    con.execute(OLD_SENTENCES)
    con.execute(SCHEMA.replace("DROP INDEX IF EXISTS", "-- DROP INDEX IF EXISTS"))  # the rest of today's schema
    for name, target in OLD_INDEXES.items():
        con.execute(f"CREATE INDEX {name} ON {target}")
    con.close()
    with Store(db) as store:
        assert store.add_results([make_result("a"), make_result("b", text="Another report. Quite different.")]) == 2
    con = duckdb.connect(db, read_only=True)
    assert not {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()} & set(OLD_INDEXES)
    assert (
        con.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'sentences' "
            "AND constraint_type = 'PRIMARY KEY'"
        ).fetchone()[0]
        == 1
    )
    con.close()
    with Store(db) as store:
        assert store.add_results([make_result("a")]) == 0
        store.add_results([make_result("a", text="Rebels attacked Kabul again. Police arrested two men.")])
        assert _sentence_rows(store) == [("a", 0, 0, 22), ("b", 0, 0, 22)]
        assert store.counts()["documents"] == 2 and store.dedup_counts()["event_sources"] == 2
    with Store(db, read_only=True) as store:
        [merged] = store.merged_events()  # the two reports of the Kabul attack are one event
        assert merged["n_reports"] == 2
