"""Loads and validates the extraction data files (ontology, trigger lexicon, weapons, actor dictionary).

Everything is read once per process through `eventwire.resources`; a malformed row raises `DataFileError`
naming the file and line, so a bad lexicon edit fails at start-up rather than coding wrong events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..errors import DataFileError, Errors
from ..model import PLOVER_TYPES
from ..resources import data_path, load_csv, load_words, load_yaml

ONTOLOGY = "events/ontology.yaml"
TRIGGERS = "events/triggers.csv"
LEXICON_DIR = "events/lexicon"
CAMEO = "events/cameo.csv"
# The type of a lexicon entry that names a neutral sense of an event word: it blocks the word, codes nothing.
NEUTRAL = "NONE"
WEAPONS = "events/weapons.csv"
WEAPON_WORDS = "words/weapon_words.yaml"
COUNTRIES = "actors/countries.csv"
COUNTRY_ALIASES = "actors/country_aliases.csv"
GROUPS = "actors/groups.csv"
LEADERS = "actors/leaders.csv"
SECTORS = "actors/sectors.csv"

SECTOR_NAMES = (
    "government",
    "military",
    "police",
    "rebels",
    "militia",
    "party",
    "civilians",
    "protesters",
    "media",
    "IGO",
    "NGO",
    "business",
    "religious",
)
CONDITION_KINDS = ("weapon", "casualty", "obj", "notobj", "mod", "notmod", "subj", "ctx", "notctx", "notunder")


def _fail(name: str, line: int | None, reason: str) -> DataFileError:
    where = f":{line}" if line else ""
    return DataFileError(Errors.E009.format(path=data_path(name), where=where, reason=reason))


def _csv_lines(name: str) -> list[int]:
    """File line number of each data row of a CSV (comments and blank lines skipped), for error messages."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    numbers = [i for i, line in enumerate(lines, start=1) if line.strip() and not line.startswith("#")]
    return numbers[1:]  # the first is the header


@dataclass(frozen=True)
class Condition:
    kind: str
    lemmas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: `words` are lemmas (one for V/N entries)."""

    event_type: str
    pos: str
    words: tuple[str, ...]
    mode: str | None
    cameo: str
    weight: float
    conditions: tuple[Condition, ...] = ()


@dataclass(frozen=True)
class ModeInfo:
    cameo: str | None
    acled: tuple[str, str] | None


@dataclass
class Ontology:
    cameo: dict[str, str] = field(default_factory=dict)
    acled: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    modes: dict[str, dict[str, ModeInfo]] = field(default_factory=dict)
    referable: frozenset[str] = frozenset()  # types whose nouns, named inside another event, are coded too
    referable_dated: frozenset[str] = frozenset()  # of those, the ones coded only when the noun has its own date

    def acled_for(self, event_type: str, mode: str | None) -> tuple[str, str] | None:
        info = self.modes.get(event_type, {}).get(mode or "")
        if info and info.acled:
            return info.acled
        return self.acled.get(event_type)

    def cameo_for(self, event_type: str, mode: str | None) -> str:
        info = self.modes.get(event_type, {}).get(mode or "")
        return (info.cameo if info and info.cameo else None) or self.cameo[event_type]


def _acled_pair(name: str, value: object, where: str) -> tuple[str, str] | None:
    if value is None:
        return None
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and v for v in value)):
        raise _fail(name, None, f"{where}: acled must be [event type, sub-event type]")
    return value[0], value[1]


@cache
def ontology() -> Ontology:
    data = load_yaml(ONTOLOGY)
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise _fail(ONTOLOGY, None, "expected a mapping with a 'types' mapping")
    types = data["types"]
    missing = [t for t in PLOVER_TYPES if t not in types]
    unknown = [t for t in types if t not in PLOVER_TYPES]
    if missing or unknown:
        raise _fail(ONTOLOGY, None, f"types must be the 16 PLOVER types (missing {missing}, unknown {unknown})")
    onto = Ontology()
    for name, spec in types.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("cameo"), str):
            raise _fail(ONTOLOGY, None, f"{name}: needs a quoted 'cameo' code")
        onto.cameo[name] = spec["cameo"]
        onto.acled[name] = _acled_pair(ONTOLOGY, spec.get("acled"), name)
        modes = {}
        for mode, mspec in (spec.get("modes") or {}).items():
            if not isinstance(mspec, dict):
                raise _fail(ONTOLOGY, None, f"{name}.{mode}: expected a mapping")
            modes[mode] = ModeInfo(mspec.get("cameo"), _acled_pair(ONTOLOGY, mspec.get("acled"), f"{name}.{mode}"))
        onto.modes[name] = modes
        for code in [spec["cameo"]] + [m.cameo for m in modes.values() if m.cameo]:
            if cameo_type(code) != name:
                raise _fail(ONTOLOGY, None, f"{name}: CAMEO code {code} belongs to {cameo_type(code)} ({CAMEO})")
        if spec.get("referable", False) not in (True, False, "dated"):
            raise _fail(ONTOLOGY, None, f"{name}: 'referable' must be true, false or dated")
    onto.referable = frozenset(name for name, spec in types.items() if spec.get("referable"))
    onto.referable_dated = frozenset(name for name, spec in types.items() if spec.get("referable") == "dated")
    return onto


def _parse_conditions(raw: str, line: int, name: str = TRIGGERS) -> tuple[Condition, ...]:
    out = []
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        kind, _, values = part.partition(":")
        if kind not in CONDITION_KINDS:
            raise _fail(name, line, f"unknown condition '{kind}' (expected one of {CONDITION_KINDS})")
        lemmas = frozenset(v.strip().lower() for v in values.split("|") if v.strip())
        if kind in ("obj", "notobj", "mod", "notmod", "subj", "ctx", "notctx", "notunder") and not lemmas:
            raise _fail(name, line, f"condition '{kind}' needs lemmas")
        out.append(Condition(kind, lemmas))
    return tuple(out)


@cache
def cameo_types() -> dict[str, str]:
    """CAMEO code -> the PLOVER type it belongs to (events/cameo.csv)."""
    out = {}
    for line, row in zip(_csv_lines(CAMEO), load_csv(CAMEO, required=("code", "type")), strict=True):
        if not row["code"].isdigit() or row["type"] not in PLOVER_TYPES:
            raise _fail(CAMEO, line, f"bad row {row['code']},{row['type']}")
        out[row["code"]] = row["type"]
    return out


def cameo_type(code: str | None) -> str | None:
    """The PLOVER type of a CAMEO code; a code the table does not list takes its parent's (1831 -> 183)."""
    table = cameo_types()
    while code:
        if code in table:
            return table[code]
        code = code[:-1]
    return None


def lexicon_files() -> list[str]:
    """The trigger lexicon: the hand-weighted core table first, then every file of `events/lexicon/`."""
    extra = sorted(p.name for p in data_path(LEXICON_DIR).glob("*.csv"))
    return [TRIGGERS] + [f"{LEXICON_DIR}/{name}" for name in extra]


def _trigger_row(name: str, line: int, row: dict[str, str], onto: Ontology) -> Trigger:
    if row["type"] not in PLOVER_TYPES and row["type"] != NEUTRAL:
        raise _fail(name, line, f"unknown event type '{row['type']}'")
    if row["pos"] not in ("V", "N", "P"):
        raise _fail(name, line, f"pos must be V, N or P, not '{row['pos']}'")
    try:
        weight = float(row["weight"])
    except ValueError:
        raise _fail(name, line, f"weight '{row['weight']}' is not a number") from None
    if not 0.0 <= weight <= 1.0:
        raise _fail(name, line, "weight must be in [0, 1]")
    words = tuple(row["term"].lower().split())
    mode = row.get("mode") or None
    if row["type"] == NEUTRAL:
        cameo = ""
    else:
        cameo = row.get("cameo") or onto.cameo_for(row["type"], mode)
        if cameo_type(cameo) != row["type"]:
            raise _fail(name, line, f"CAMEO code {cameo} belongs to {cameo_type(cameo)}, not {row['type']} ({CAMEO})")
    return Trigger(
        row["type"], row["pos"], words, mode, cameo, weight, _parse_conditions(row.get("cond", ""), line, name)
    )


@cache
def triggers() -> tuple[Trigger, ...]:
    """Every lexicon entry. Entries of type NONE are neutral senses ("demand for coal"): they match like the others
    and keep their words from being read as a trigger, but code nothing."""
    onto = ontology()
    out = []
    for name in lexicon_files():
        rows = load_csv(name, required=("type", "pos", "term", "weight"))
        for line, row in zip(_csv_lines(name), rows, strict=True):
            out.append(_trigger_row(name, line, row, onto))
    return tuple(out)


@dataclass(frozen=True)
class Weapon:
    words: tuple[str, ...]
    name: str
    mode: str
    priority: int


@cache
def weapons() -> tuple[Weapon, ...]:
    rows = load_csv(WEAPONS, required=("term", "weapon", "mode", "priority"))
    out = []
    for line, row in zip(_csv_lines(WEAPONS), rows, strict=True):
        if not row["priority"].isdigit():
            raise _fail(WEAPONS, line, f"priority '{row['priority']}' is not an integer")
        if row["mode"] not in ontology().modes["ASSAULT"]:
            raise _fail(WEAPONS, line, f"mode '{row['mode']}' is not an ASSAULT mode of {ONTOLOGY}")
        out.append(Weapon(tuple(row["term"].lower().split()), row["weapon"], row["mode"], int(row["priority"])))
    return tuple(out)


@cache
def weapon_heads() -> frozenset[str]:
    """Head nouns of weapon phrases: the last words of weapon names ("bomb", "gunshot") and the munitions named by
    their head alone ("two mortar rounds")."""
    return frozenset(w.words[-1] for w in weapons()) | load_words(WEAPON_WORDS, "munition_heads")


@dataclass(frozen=True)
class ActorEntry:
    """A dictionary phrase: `kind` is country (the state), demonym, capital (metonym for the government) or group."""

    name: str
    country: str | None
    sector: str | None
    kind: str


def _check_iso3(name: str, line: int, code: str) -> None:
    if not (len(code) == 3 and code.isalpha() and code.isupper()):
        raise _fail(name, line, f"'{code}' is not an ISO 3166 alpha-3 code")


@cache
def sector_terms() -> dict[tuple[str, ...], str]:
    out = {}
    for line, row in zip(_csv_lines(SECTORS), load_csv(SECTORS, required=("term", "sector")), strict=True):
        if row["sector"] not in SECTOR_NAMES:
            raise _fail(SECTORS, line, f"unknown sector '{row['sector']}'")
        out[tuple(row["term"].lower().split())] = row["sector"]
    return out


@cache
def iso2_to_iso3() -> dict[str, str]:
    return {row["iso2"]: row["iso3"] for row in load_csv(COUNTRIES, required=("iso3", "iso2", "name"))}


def load_all() -> None:
    """Read and validate every extraction data file (call at start-up to fail early)."""
    ontology()
    triggers()
    weapons()
    actor_surface_forms()
    sector_terms()
    iso2_to_iso3()


@cache
def actor_surface_forms() -> tuple[tuple[str, ActorEntry], ...]:
    """(surface form, entry) for every dictionary phrase, groups first (they win over countries)."""
    out: list[tuple[str, ActorEntry]] = []
    names: dict[str, str] = {}
    for line, row in zip(_csv_lines(GROUPS), load_csv(GROUPS, required=("name", "aliases", "sector")), strict=True):
        if row.get("country"):
            _check_iso3(GROUPS, line, row["country"])
        if row["sector"] not in SECTOR_NAMES:
            raise _fail(GROUPS, line, f"unknown sector '{row['sector']}'")
        entry = ActorEntry(row["name"], row.get("country") or None, row["sector"], "group")
        out.extend((alias.strip(), entry) for alias in row["aliases"].split("|") if alias.strip())
    for line, row in zip(_csv_lines(LEADERS), load_csv(LEADERS, required=("name", "aliases")), strict=True):
        if row.get("country"):
            _check_iso3(LEADERS, line, row["country"])
        entry = ActorEntry(
            row["name"], row.get("country") or None, "government" if row.get("country") else "IGO", "leader"
        )
        out.extend((alias.strip(), entry) for alias in row["aliases"].split("|") if alias.strip())
    countries = load_csv(COUNTRIES, required=("iso3", "name"))
    for line, row in zip(_csv_lines(COUNTRIES), countries, strict=True):
        _check_iso3(COUNTRIES, line, row["iso3"])
        names[row["iso3"]] = row["name"]
        out.append((row["name"], ActorEntry(row["name"], row["iso3"], None, "country")))
    aliases = load_csv(COUNTRY_ALIASES, required=("iso3", "kind", "terms"))
    for line, row in zip(_csv_lines(COUNTRY_ALIASES), aliases, strict=True):
        _check_iso3(COUNTRY_ALIASES, line, row["iso3"])
        if row["kind"] not in ("name", "demonym"):
            raise _fail(COUNTRY_ALIASES, line, f"kind must be name or demonym, not '{row['kind']}'")
        for term in filter(None, (t.strip() for t in row["terms"].split("|"))):
            out.append((term, ActorEntry(names.get(row["iso3"], row["iso3"]), row["iso3"], None, row["kind"])))
    for row in countries:
        if row.get("capital"):
            out.append((row["capital"], ActorEntry(row["name"], row["iso3"], "government", "capital")))
    return tuple(out)
