from datetime import date

import pytest

from eventwire.extract import extract_events
from eventwire.model import Document
from eventwire.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


@pytest.fixture(scope="session")
def code(nlp):
    """Code a text: returns the list of Events (publication date 2021-06-12, a Saturday, unless given)."""

    def _code(text: str, publication_date: date | None = date(2021, 6, 12)):
        document = Document(doc_id="t", text=text, publication_date=publication_date)
        return extract_events(document, nlp(text), [])

    return _code


@pytest.fixture(scope="session")
def types(code):
    def _types(text: str) -> set[str]:
        return {e.event_type for e in code(text)}

    return _types
