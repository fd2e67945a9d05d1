"""Datelines are no actors; arrest, protest and curfew idioms are triggers."""

from datetime import date

import pytest

from eventwire.extract import extract_events
from eventwire.model import Document
from eventwire.nlp import parse_one


def _events(text):
    return extract_events(Document(doc_id="t", text=text, publication_date=date(2022, 6, 14)), parse_one(text), [])


def test_dateline_place_is_not_the_source():
    events = _events(
        "TOWNVILLE, Northland (Wire) - Fighters from the Allied Democratic Forces killed 9 farmers in an attack."
    )
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.source_actor is None or "TOWNVILLE" not in assault.source_actor.text


@pytest.mark.parametrize(
    "text,event_type",
    [
        ("Police rounded up 30 opposition supporters on Friday.", "COERCE"),
        ("Officers took four students into custody.", "COERCE"),
        ("Police hauled in dozens of traders.", "COERCE"),
        ("Soldiers placed the mayor under arrest.", "COERCE"),
        ("The army ordered residents off the streets.", "COERCE"),
        ("The town was placed under curfew.", "COERCE"),
        ("Students staged a sit-in outside the ministry.", "PROTEST"),
        ("Thousands poured into the streets of the capital.", "PROTEST"),
    ],
)
def test_idioms(text, event_type):
    assert event_type in {e.event_type for e in _events(text)}


def test_round_up_figures_is_no_arrest():
    assert not any(e.event_type == "COERCE" for e in _events("Analysts rounded up the figures."))
