"""The scanners, registered in one place and in the order they run.

Each scanner is a function `(doc, gazetteer, state) -> list[Found]`: it reads what earlier scanners marked in the
`ScanState` (tokens taken, place entities) and may mark more. Order matters: a later scanner must not cut a name an
earlier one found, and where found spans overlap the longest wins, the first found among equals. The strong pass
runs before resolution, the weak pass after it (its scanners need the context test made from the resolved strong
mentions). A scanner is switched off by naming it in `ScannerSettings.disabled` (defined in `eventwire.config`,
whose `SCANNER_NAMES` must list the names registered here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from ...config import DEFAULT_SCANNERS, SCANNER_NAMES, ScannerSettings
from ..gazetteer import Gazetteer
from .adjectival import scan_adjectival
from .datelines import scan_datelines
from .entities import scan_entities
from .facilities import scan_facilities
from .gazetteer_names import scan_gazetteer
from .kind_of import scan_kind_of
from .owned import scan_owned
from .roads import scan_roads
from .spans import Found, ScanState
from .weak import scan_weak

ScanFn = Callable[[Doc, Gazetteer, ScanState], list[Found]]
Stage = Literal["strong", "weak"]

__all__ = ["DEFAULT_SCANNERS", "SCANNERS", "Scanner", "ScannerSettings", "active_scanners", "run_scanners"]


@dataclass(frozen=True)
class Scanner:
    name: str
    scan: ScanFn
    stage: Stage = "strong"
    # Its spans replace the spans found before it with exactly the same extent (a road feature's name the NER
    # called a place is the road feature).
    supersedes: bool = False


SCANNERS: tuple[Scanner, ...] = (
    Scanner("entities", scan_entities),
    Scanner("kind_of", scan_kind_of),
    Scanner("owned", scan_owned),
    Scanner("gazetteer", scan_gazetteer),
    Scanner("datelines", scan_datelines),
    Scanner("roads", scan_roads, supersedes=True),
    Scanner("facilities", scan_facilities),
    Scanner("adjectival", scan_adjectival),  # returns nothing unless the document is parsed with adjectival=True
    Scanner("weak", scan_weak, stage="weak"),
)


# A config file switches scanners off by name, checked against `eventwire.config.SCANNER_NAMES` (config sits below
# the stages and cannot import this registry): the two must name the same scanners.
if {s.name for s in SCANNERS} != set(SCANNER_NAMES):
    raise RuntimeError(f"eventwire.config.SCANNER_NAMES {SCANNER_NAMES} differ from the registered scanners")


def active_scanners(settings: ScannerSettings, stage: Stage) -> list[Scanner]:
    """The registered scanners of `stage` that `settings` leaves on, in order."""
    unknown = settings.disabled - {s.name for s in SCANNERS}
    if unknown:
        raise ValueError(f"unknown scanners {sorted(unknown)}; registered: {[s.name for s in SCANNERS]}")
    return [s for s in SCANNERS if s.stage == stage and s.name not in settings.disabled]


def run_scanners(doc: Doc, gaz: Gazetteer, state: ScanState, scanners: list[Scanner]) -> list[Found]:
    """The spans of `scanners`, run in order over one document."""
    found: list[Found] = []
    for scanner in scanners:
        spans = scanner.scan(doc, gaz, state)
        if scanner.supersedes:
            extents = {(f.span.start, f.span.end) for f in spans}
            found = [f for f in found if (f.span.start, f.span.end) not in extents]
        found += spans
    return found
