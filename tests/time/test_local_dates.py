"""Trigger-local dates: the date written on the event's own phrase wins over another clause's."""

from datetime import date

from eventwire.extract import extract_events
from eventwire.model import Document
from eventwire.nlp import parse_one

PUB = date(2022, 6, 14)  # a Tuesday


def _events(text):
    return extract_events(Document(doc_id="t", text=text, publication_date=PUB), parse_one(text), [])


def test_possessive_day_on_the_trigger_noun():
    events = _events(
        "The council declared a day of mourning on Tuesday for the victims of Sunday's massacre in a market town."
    )
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.date == date(2022, 6, 12)


def test_date_on_the_trigger_verb_not_the_main_clause():
    events = _events("Farmers buried their dead on Monday after armed men opened fire on herders on Sunday evening.")
    assault = next(e for e in events if e.event_type == "ASSAULT")
    assert assault.date == date(2022, 6, 12)
