"""Synthetic reports for the dedup tests: Documents and Events built by hand, stored without the NLP stages."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.model import Actor, Document, Event, Evidence, Place, Result

BAGHDAD = Place("Baghdad", 33.3406, 44.4009, "IRQ", "Baghdad", 98182, "city")
SADR_CITY = Place("Sadr City", 33.3900, 44.4500, "IRQ", "Baghdad", None, "point")
BASRA = Place("Basra", 30.5085, 47.7804, "IRQ", "Basra", 99532, "city")
IRAQ = Place("Iraq", 33.0, 43.0, "IRQ", None, 99237, "country")


def make_event(
    doc_id: str,
    *,
    event_type="ASSAULT",
    when=date(2020, 1, 3),
    precision="day",
    place=BAGHDAD,
    source=("Islamic State", "IRQ"),
    target=None,
    fatalities=None,
    confidence=0.8,
    start=0,
    sentence="A car bomb exploded in Baghdad.",
    modality="asserted",
) -> Event:
    return Event(
        doc_id=doc_id,
        event_type=event_type,
        evidence=Evidence(sentence, start, start + len(sentence)),
        modality=modality,
        date=when,
        date_precision=precision if when else None,
        location=place,
        source_actor=Actor(source[0], source[0], source[1]) if source else None,
        target_actor=Actor(target[0], target[0], target[1]) if target else None,
        fatalities=fatalities,
        confidence=confidence,
        trigger="exploded",
        trigger_start=start + 10,
    )


def make_result(doc_id: str, text: str, events: list[Event], published=date(2020, 1, 4)) -> Result:
    return Result(
        Document(doc_id, text, title=doc_id, publication_date=published, source=f"{doc_id}.txt"), events=events
    )


@pytest.fixture
def story_text():
    """A wire story long enough for 5-word shingles to tell copies from different stories."""
    return (
        "A car bomb exploded near a busy market in eastern Baghdad on Friday, killing at least twelve "
        "people and wounding dozens more, police and medical sources said. The blast struck as shoppers "
        "gathered ahead of the weekend, and no group immediately claimed responsibility for the attack, "
        "which came a day after security forces announced new checkpoints across the capital. Witnesses "
        "described scenes of chaos as ambulances rushed the wounded to nearby hospitals."
    )


@pytest.fixture
def synth():
    """The builders and places above (test modules cannot import conftest under --import-mode=importlib)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        make_event=make_event, make_result=make_result, BAGHDAD=BAGHDAD, SADR_CITY=SADR_CITY, BASRA=BASRA, IRAQ=IRAQ
    )
