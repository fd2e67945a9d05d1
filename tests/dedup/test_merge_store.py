"""Incremental merging in the store: reports of one happening become one merged event with its sources."""

from __future__ import annotations

from datetime import date

from eventwire.store import EventFilter

OTHER = (
    "Officials in the capital said on Saturday that twenty people had died when a bomb hidden in a parked "
    "car went off beside the market, according to the interior ministry statement released overnight."
)


def test_reports_of_one_happening_merge_with_sources(synth, memory_store, story_text):
    memory_store.add_results([synth.make_result("a", story_text, [synth.make_event("a", fatalities=12)])])
    memory_store.add_results(
        [
            synth.make_result(
                "b",
                OTHER,
                [synth.make_event("b", fatalities=20, place=synth.SADR_CITY, when=date(2020, 1, 4), start=5)],
            )
        ]
    )
    memory_store.add_results(
        [
            synth.make_result(
                "c", "A protest in Basra.", [synth.make_event("c", event_type="PROTEST", place=synth.BASRA)]
            )
        ]
    )
    merged = memory_store.merged_events()
    assert len(merged) == 2 and len(memory_store.events()) == 3
    bomb = next(m for m in merged if m["event_type"] == "ASSAULT")
    first_report = memory_store.events(EventFilter(doc_id="a"))[0]["event_id"]
    assert bomb["event_id"] == "me_" + first_report.removeprefix("ev_")  # stable: from the first report
    assert (bomb["n_sources"], bomb["n_reports"]) == (2, 2)
    assert bomb["fatalities"] == 12 and bomb["fatalities_range"] == [12, 20]
    assert bomb["location"]["name"] == "Sadr City"  # the more precise location

    detail = memory_store.merged_event(first_report)  # by a report id too
    assert detail["event_id"] == bomb["event_id"]
    assert [s["doc_id"] for s in detail["sources"]] == ["a", "b"]
    src = detail["sources"][1]
    assert src["evidence"] == {"sentence": "A car bomb exploded in Baghdad.", "char_start": 5, "char_end": 36}
    assert src["fatalities"] == 20
    assert memory_store.merged_event("me_nope") is None


def test_syndicated_copy_counts_as_one_source(synth, memory_store, story_text):
    memory_store.add_results([synth.make_result("wire", story_text, [synth.make_event("wire", fatalities=12)])])
    copy = "BAGHDAD (AFP) - " + story_text + " AFP"
    memory_store.add_results([synth.make_result("copy", copy, [synth.make_event("copy", fatalities=12)])])
    (merged,) = memory_store.merged_events()
    assert (merged["n_sources"], merged["n_reports"]) == (1, 2)
    assert memory_store.dedup_counts()["clusters"] == 1


def test_filters_apply_to_merged_events(synth, memory_store, story_text):
    memory_store.add_results([synth.make_result("a", story_text, [synth.make_event("a")])])
    memory_store.add_results([synth.make_result("b", OTHER, [synth.make_event("b", place=synth.SADR_CITY, start=3)])])
    assert len(memory_store.merged_events(EventFilter(doc_id="b"))) == 1
    assert len(memory_store.merged_events(EventFilter(event_type="protest"))) == 0
    assert len(memory_store.merged_events(EventFilter(country="IRQ", text="car bomb"))) == 1
    assert memory_store.merged_events(EventFilter(since=date(2020, 1, 5))) == []


def test_new_version_of_a_document_replaces_its_reports(synth, memory_store, story_text):
    memory_store.add_results([synth.make_result("a", story_text, [synth.make_event("a", fatalities=12)])])
    memory_store.add_results(
        [synth.make_result("b", OTHER, [synth.make_event("b", fatalities=20, place=synth.SADR_CITY, start=5)])]
    )
    memory_store.add_results(
        [synth.make_result("b", OTHER + " Updated.", [synth.make_event("b", event_type="PROTEST", start=5)])]
    )
    counts = memory_store.dedup_counts()
    assert counts["event_sources"] == 2 and counts["merged_events"] == 2 and counts["document_clusters"] == 2
    bomb = next(m for m in memory_store.merged_events() if m["event_type"] == "ASSAULT")
    assert bomb["n_reports"] == 1 and bomb["fatalities"] == 12


def _table_rows(store) -> dict[str, list]:
    out = {}
    for table in (
        "documents",
        "sentences",
        "toponyms",
        "events",
        "merged_events",
        "event_sources",
        "document_clusters",
        "document_bands",
    ):
        cols = "* EXCLUDE (ingested_at)" if table == "documents" else "*"
        out[table] = store.con.execute(f"SELECT {cols} FROM {table} ORDER BY ALL").fetchall()
    return out


def test_one_batch_stores_what_one_document_at_a_time_stores(synth, story_text):
    """The set-wise write of a batch (copies and merges within the batch and with stored reports) gives the
    rows of the statement-by-statement path (`_add_one`, kept for replaced documents)."""
    from eventwire.store import Store

    def results():
        return [
            synth.make_result("wire", story_text, [synth.make_event("wire", fatalities=12)]),
            synth.make_result(
                "copy",
                "BAGHDAD (AFP) - " + story_text + " AFP",
                [synth.make_event("copy", fatalities=14, confidence=0.9)],
            ),
            synth.make_result(
                "b",
                OTHER,
                [
                    synth.make_event("b", fatalities=20, place=synth.SADR_CITY, start=5),
                    synth.make_event("b", event_type="PROTEST", place=synth.BASRA, start=40),
                ],
            ),
            synth.make_result(
                "c", "A protest in Basra.", [synth.make_event("c", event_type="PROTEST", place=synth.BASRA, when=None)]
            ),
            synth.make_result("d", "Nothing happened.", []),
            synth.make_result("c2", "A protest in Basra.", []),  # same content as "c": skipped
        ]

    with Store(":memory:") as one_by_one, Store(":memory:") as batched:
        one_by_one._all_new = lambda results: False  # always the per-document path
        first = results()
        assert one_by_one.add_results(first[:1]) == 1
        assert one_by_one.add_results(first[1:]) == 4
        one_by_one.add_results([first[0]])
        second = results()
        assert batched.add_results(second[:1]) == 1
        assert batched.add_results(second[1:]) == 4
        batched.add_results([second[0]])
        assert _table_rows(batched) == _table_rows(one_by_one)
        assert batched.dedup_counts()["clusters"] == 4 and len(batched.merged_events()) == 2
