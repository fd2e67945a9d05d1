"""End to end on the bundled sample report: the happenings an analyst expects are found and coded."""

from __future__ import annotations

import pytest
from tests.conftest import SAMPLE_DATE

import eventwire


@pytest.fixture(scope="module")
def events(sample_path):
    from eventwire.ingest import iter_documents

    [doc] = list(iter_documents([str(sample_path)]))
    found = eventwire.extract(doc.text, publication_date=SAMPLE_DATE, doc_id=doc.doc_id)
    return [e.to_contract() for e in found], doc.text


def having(events, event_type, *words):
    return [
        e
        for e in events
        if e["event_type"] == event_type and all(w.lower() in e["evidence"]["sentence"].lower() for w in words)
    ]


def test_evidence_offsets_point_into_the_cleaned_text(events):
    records, text = events
    for e in records:
        ev = e["evidence"]
        assert text[ev["char_start"] : ev["char_end"]] == ev["sentence"]


def told_in(events, event_type, word):
    """Records of `event_type` one of whose mentions (not only the evidence) contains `word`."""
    return [
        e
        for e in events
        if e["event_type"] == event_type and any(word.lower() in m["sentence"].lower() for m in e["mentions"])
    ]


def test_drone_strike_dated_from_early_friday(events):
    records, _ = events
    strikes = told_in(records, "ASSAULT", "drone")
    assert len(strikes) == 1  # the lead, the retellings and the toll sentence are one happening
    assert strikes, [e["evidence"]["sentence"] for e in records]
    assert any(e["date"] == "2020-01-03" for e in strikes)
    assert any(e["mode"] == "aerial" or "drone" in e["weapons"] for e in strikes)


def test_airport_strike_killed_ten(events):
    records, _ = events
    [strike] = having(records, "ASSAULT", "airport")
    assert strike["fatalities"] == 10
    assert strike["date"] == "2020-01-03"
    assert strike["location"] and strike["location"]["country"] == "IRQ"


def test_mortar_and_rocket_attacks_without_casualties(events):
    records, _ = events
    mortars = having(records, "ASSAULT", "mortar")
    rockets = having(records, "ASSAULT", "rockets", "Balad")
    assert mortars and rockets
    assert any("mortar" in e["weapons"] for e in mortars)
    assert any("rocket" in e["weapons"] for e in rockets)
    assert any(e["fatalities"] == 0 for e in rockets)
    assert all(e["date"] == "2020-01-04" for e in mortars + rockets)
    assert any(e["location"] and e["location"]["country"] == "IRQ" for e in mortars + rockets)


def test_kataeb_hezbollah_warning_is_a_threat(events):
    records, _ = events
    threats = [e for e in records if e["event_type"] == "THREATEN" or e["modality"] == "threatened"]
    # the faction's warning is one happening told in two sentences: the record may have either as its evidence
    assert any(
        "kataeb" in ((e["source_actor"] or {}).get("text") or "").lower()
        or any("kataeb" in m["sentence"].lower() for m in [e["evidence"], *e["mentions"]])
        for e in threats
    )


def test_mourners_chanting_is_a_protest(events):
    records, _ = events
    assert having(records, "PROTEST", "Death to America")


def test_coalition_denial_is_denied(events):
    records, _ = events
    assert any(e["modality"] == "denied" for e in records if "denied" in e["evidence"]["sentence"])
