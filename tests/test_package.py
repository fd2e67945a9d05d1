"""The top-level package: `eventwire.extract` is both the Python API function and the extraction subpackage."""

from __future__ import annotations

import inspect
import subprocess
import sys
import types

import pytest

import eventwire
from eventwire.errors import InputError

# Each line is a script run in a fresh interpreter: the subpackage's modules and the function must both be reachable
# as `eventwire.extract...` whichever of them is imported first.
IMPORT_ORDERS = [
    "import eventwire",
    "import eventwire.extract.roles",
    "from eventwire.extract import roles",
    "from eventwire import extract",
    "import eventwire.pipeline",
    "from eventwire.pipeline import extract",
]
CHECK = """
import eventwire, eventwire.extract.roles
from eventwire.errors import InputError
assert isinstance(eventwire.extract.roles, type(eventwire))
assert eventwire.extract.extract_events is not None
try:
    eventwire.extract("")
except InputError:
    pass
else:
    raise AssertionError("the call did not reach pipeline.extract")
"""


@pytest.mark.parametrize("first", IMPORT_ORDERS)
def test_function_and_subpackage_whatever_is_imported_first(first):
    run = subprocess.run([sys.executable, "-c", first + "\n" + CHECK], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_extract_is_the_subpackage_and_calls_the_pipeline(sample_text):
    import eventwire.extract.roles

    assert isinstance(eventwire.extract, types.ModuleType)
    assert eventwire.extract.roles.__name__ == "eventwire.extract.roles"
    events = eventwire.extract(sample_text, publication_date="2020-01-04")
    assert events and all(isinstance(e, eventwire.Event) for e in events)


def test_call_errors_and_signature_are_the_functions():
    from eventwire.pipeline import extract

    with pytest.raises(InputError):
        eventwire.extract("")
    assert inspect.signature(eventwire.extract) == inspect.signature(extract)
