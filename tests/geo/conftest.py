import pytest

from eventwire.geo import get_gazetteer
from eventwire.nlp import get_nlp


@pytest.fixture(scope="session")
def nlp():
    return get_nlp()


@pytest.fixture(scope="session")
def gaz():
    return get_gazetteer()


@pytest.fixture(scope="session")
def parse(nlp):
    from eventwire.geo import geoparse

    def _parse(text, adjectival=False):
        doc = nlp(text)
        return doc, geoparse(doc, adjectival=adjectival)

    return _parse
