"""The actor entities beyond lexicon.py's dictionary: office holders with their roles over dates
(`data/actors/officials.csv`) and named state bodies and parties (`data/actors/state_bodies.csv`).

Each row is validated (ISO-3 country, known sector and role, years in order); a bad row raises `DataFileError`
naming the file and line. An alias may name several entities (a party and an alliance of another country that
share a name): all are kept, and the resolver picks the reading that the document supports (see
`actor_context.pick_entry`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from ..resources import load_csv
from . import lexicon
from .lexicon import SECTOR_NAMES, ActorEntry

OFFICIALS = "actors/officials.csv"
STATE_BODIES = "actors/state_bodies.csv"
ROLES = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "interior_minister",
    "group_leader",
    "commander",
)


@dataclass(frozen=True)
class Entity(ActorEntry):
    """A dictionary entity with a role held over years (`start`..`end`, inclusive; None: open)."""

    role: str | None = None
    start: int | None = None
    end: int | None = None

    def valid_on(self, day: date | None) -> bool:
        """Whether the role was held in the year of `day` (always, when the day or the years are unknown)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day.year) and (self.end is None or day.year <= self.end)


def _year(name: str, line: int, value: str | None) -> int | None:
    if not value:
        return None
    if not (value.isdigit() and len(value) == 4):
        raise lexicon._fail(name, line, f"'{value}' is not a year")
    return int(value)


def _aliases(raw: str) -> list[str]:
    return [a.strip() for a in raw.split("|") if a.strip()]


@cache
def officials() -> tuple[tuple[str, Entity], ...]:
    """(surface form, entity) for every office holder of officials.csv."""
    out: list[tuple[str, Entity]] = []
    rows = load_csv(OFFICIALS, required=("name", "aliases", "sector", "role"))
    for line, row in zip(lexicon._csv_lines(OFFICIALS), rows, strict=True):
        if row.get("country"):
            lexicon._check_iso3(OFFICIALS, line, row["country"])
        if row["sector"] not in SECTOR_NAMES:
            raise lexicon._fail(OFFICIALS, line, f"unknown sector '{row['sector']}'")
        if row["role"] not in ROLES:
            raise lexicon._fail(OFFICIALS, line, f"unknown role '{row['role']}' (one of {', '.join(ROLES)})")
        start, end = _year(OFFICIALS, line, row.get("start")), _year(OFFICIALS, line, row.get("end"))
        if start is not None and end is not None and end < start:
            raise lexicon._fail(OFFICIALS, line, f"ends ({end}) before it starts ({start})")
        entity = Entity(row["name"], row.get("country") or None, row["sector"], "leader", row["role"], start, end)
        out.extend((alias, entity) for alias in _aliases(row["aliases"]))
    return tuple(out)


@cache
def state_bodies() -> tuple[tuple[str, Entity], ...]:
    """(surface form, entity) for every armed force, security service and party of state_bodies.csv."""
    out: list[tuple[str, Entity]] = []
    rows = load_csv(STATE_BODIES, required=("name", "aliases", "country", "sector"))
    for line, row in zip(lexicon._csv_lines(STATE_BODIES), rows, strict=True):
        lexicon._check_iso3(STATE_BODIES, line, row["country"])
        if row["sector"] not in SECTOR_NAMES:
            raise lexicon._fail(STATE_BODIES, line, f"unknown sector '{row['sector']}'")
        entity = Entity(row["name"], row["country"], row["sector"], "group")
        out.extend((alias, entity) for alias in _aliases(row["aliases"]))
    return tuple(out)


def surface_forms() -> tuple[tuple[str, ActorEntry], ...]:
    """Every dictionary phrase: groups, then office holders and state bodies, then leaders and countries."""
    base = lexicon.actor_surface_forms()
    groups = tuple(item for item in base if item[1].kind == "group")
    rest = tuple(item for item in base if item[1].kind != "group")
    return groups + state_bodies() + officials() + rest
