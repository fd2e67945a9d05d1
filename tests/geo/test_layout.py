"""geo/ is kept in small modules (STYLE.md rule 9: no god files; issue 16: no geo/ file over 300 lines)."""

from pathlib import Path

import eventwire.geo

MAX_LINES = 300
GEO = Path(eventwire.geo.__file__).parent
# Modules still being split, each to be removed from here when it is; the test fails if one stays listed after.
BEING_SPLIT: frozenset[str] = frozenset()


def _lengths() -> dict[str, int]:
    return {str(p.relative_to(GEO)): len(p.read_text(encoding="utf-8").splitlines()) for p in GEO.rglob("*.py")}


def test_no_geo_module_is_over_300_lines():
    long = {name: n for name, n in _lengths().items() if n > MAX_LINES and name not in BEING_SPLIT}
    assert not long, f"geo/ modules over {MAX_LINES} lines: {long}"


def test_modules_listed_as_being_split_are_still_long():
    lengths = _lengths()
    stale = sorted(name for name in BEING_SPLIT if lengths.get(name, 0) <= MAX_LINES)
    assert not stale, f"split already, remove from BEING_SPLIT: {stale}"
