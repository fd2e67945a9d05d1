"""Watch rules as data: the YAML rule file, its validation, and the typed `Rule`/`RuleSet` records.

A rule file looks like this (every condition is optional, but a rule needs at least one; conditions are
combined with AND, the values of one list with OR):

    version: 1
    deliver:                        # where alerts go; default: stdout
      - stdout
      - {type: jsonl, path: alerts.jsonl}            # relative to this file
      - {type: webhook, url: "https://example.org/hook", timeout_s: 10, retries: 3, backoff_s: 1.0}
    rules:
      - id: al-balad
        name: Al-Balad Air Base
        geofence: {lat: 33.94, lon: 44.36, radius_m: 5000}   # or {geojson: {...}} or {geojson_file: f.geojson}
        event_types: [ASSAULT]
        modalities: [asserted, claimed]
        actors: {names: [Kataib Hezbollah], countries: [IRQ], sectors: [militia]}
        min_fatalities: 1
        keywords: [rocket, drone]                    # in the evidence sentence: whole words or their plural, any case
        precisions: [point]                          # accepted location precisions (default: by fence size)

Every error names the file, the rule and the field (`RuleError`, codes E100-E102).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import DataFileError
from ..model import MODALITIES, PLACE_PRECISIONS, PLOVER_TYPES
from ..resources import load_csv
from .errors import RuleError, RuleNotFoundError, WatchErrors
from .geofence import Area, Circle, Geofence, polygon_from_geojson

DEFAULT_RULES_NAME = "eventwire-watch.yaml"
RULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
RULE_FIELDS = (
    "id",
    "name",
    "geofence",
    "event_types",
    "modalities",
    "actors",
    "min_fatalities",
    "keywords",
    "precisions",
)
CONDITIONS = RULE_FIELDS[2:-1]
DELIVERY_KINDS = ("stdout", "jsonl", "webhook")


@dataclass(frozen=True)
class ActorFilter:
    """Conditions on the source or target actor: each non-empty list must be met by either actor."""

    names: tuple[str, ...] = ()  # actor name or text, case-insensitive
    countries: tuple[str, ...] = ()  # ISO-3
    sectors: tuple[str, ...] = ()  # as in data/actors/sectors.csv

    def __bool__(self) -> bool:
        return bool(self.names or self.countries or self.sectors)

    def to_spec(self) -> dict[str, list[str]]:
        return {
            k: list(v)
            for k, v in (("names", self.names), ("countries", self.countries), ("sectors", self.sectors))
            if v
        }


@dataclass(frozen=True)
class Rule:
    id: str
    name: str | None = None
    geofence: Geofence | None = None
    event_types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    actors: ActorFilter = field(default_factory=ActorFilter)
    min_fatalities: int | None = None
    keywords: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()  # empty: decided by fence size (geofence.MIN_FENCE_RADIUS_M)

    def to_spec(self) -> dict[str, Any]:
        """The rule as written in a rule file (only the fields that are set)."""
        spec: dict[str, Any] = {"id": self.id}
        if self.name:
            spec["name"] = self.name
        if self.geofence is not None:
            spec["geofence"] = self.geofence.to_spec()
        for key in ("event_types", "modalities"):
            if getattr(self, key):
                spec[key] = list(getattr(self, key))
        if self.actors:
            spec["actors"] = self.actors.to_spec()
        if self.min_fatalities is not None:
            spec["min_fatalities"] = self.min_fatalities
        for key in ("keywords", "precisions"):
            if getattr(self, key):
                spec[key] = list(getattr(self, key))
        return spec


@dataclass(frozen=True)
class Delivery:
    """One destination of alerts: stdout (JSONL), a JSONL file (appended) or a webhook (HTTP POST JSON)."""

    type: str = "stdout"
    path: str | None = None  # jsonl: resolved against the rule file's folder
    url: str | None = None  # webhook
    timeout_s: float = 10.0
    retries: int = 3  # further attempts after the first
    backoff_s: float = 1.0  # wait before retry n is backoff_s * 2**(n-1)
    headers: tuple[tuple[str, str], ...] = ()

    def to_spec(self) -> Any:
        if self.type == "stdout":
            return "stdout"
        if self.type == "jsonl":
            return {"type": "jsonl", "path": self.path}
        spec: dict[str, Any] = {
            "type": "webhook",
            "url": self.url,
            "timeout_s": self.timeout_s,
            "retries": self.retries,
            "backoff_s": self.backoff_s,
        }
        if self.headers:
            spec["headers"] = dict(self.headers)
        return spec


@dataclass(frozen=True)
class RuleSet:
    """The rules of one file and where their alerts go. `path` is None for rules built in memory."""

    rules: tuple[Rule, ...] = ()
    deliver: tuple[Delivery, ...] = (Delivery(),)
    path: Path | None = None

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleNotFoundError(WatchErrors.E103.format(rule=rule_id, path=self.path or "<memory>"))

    def to_spec(self) -> dict[str, Any]:
        return {
            "version": 1,
            "deliver": [d.to_spec() for d in self.deliver],
            "rules": [r.to_spec() for r in self.rules],
        }


# -- locating, loading, saving -----------------------------------------------------------------------------
def default_rules_path(db_path: str | os.PathLike | None) -> Path:
    """`eventwire-watch.yaml` in the database's folder (the working directory for ':memory:' or no db)."""
    if not db_path or str(db_path) == ":memory:":
        return Path.cwd() / DEFAULT_RULES_NAME
    return Path(db_path).resolve().parent / DEFAULT_RULES_NAME


def load_rules(path: str | os.PathLike, missing_ok: bool = False) -> RuleSet:
    """Read and validate a rule file. A missing file is an error unless `missing_ok` (then: no rules)."""
    path = Path(path)
    if not path.exists():
        if missing_ok:
            return RuleSet(path=path)
        raise RuleError(WatchErrors.E100.format(path=path, reason="file not found"))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise RuleError(WatchErrors.E100.format(path=path, reason=err)) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        reason = f"{where}{getattr(err, 'problem', None) or err}"
        raise RuleError(WatchErrors.E100.format(path=path, reason=reason)) from None
    return parse_rule_file(data, path)


def load_rules_cached(path: str | os.PathLike) -> RuleSet:
    """`load_rules(path, missing_ok=True)`, read again only when the file changes (ingest calls this per batch)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return RuleSet(path=path)
    return _load_stamped(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _load_stamped(path: str, mtime_ns: int, size: int) -> RuleSet:
    return load_rules(path, missing_ok=True)


def save_rules(ruleset: RuleSet, path: str | os.PathLike | None = None) -> Path:
    """Write the rule set as YAML (atomically: a reader never sees half a file). Comments are not kept."""
    path = Path(path or ruleset.path)  # type: ignore[arg-type]  # callers give a path or a rule set read from one
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        '# eventwire watch rules (README "Watch rules and alerts"); written by `eventwire watch`.\n'
        + yaml.safe_dump(ruleset.to_spec(), sort_keys=False, allow_unicode=True)
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return path


def add_rule(ruleset: RuleSet, spec: dict[str, Any]) -> tuple[RuleSet, Rule]:
    """A new rule set with the rule `spec` (validated like a rule in the file) appended."""
    where = ruleset.path or Path("<memory>")
    rule = parse_rule(spec, where, base=where.parent)
    if any(r.id == rule.id for r in ruleset.rules):
        raise RuleError(WatchErrors.E104.format(rule=rule.id, path=where))
    return replace(ruleset, rules=ruleset.rules + (rule,)), rule


def remove_rule(ruleset: RuleSet, rule_id: str) -> RuleSet:
    ruleset.get(rule_id)
    return replace(ruleset, rules=tuple(r for r in ruleset.rules if r.id != rule_id))


def next_rule_id(ruleset: RuleSet, name: str | None) -> str:
    """An unused id: the name as a slug, or rule-N."""
    base = re.sub(r"[^a-z0-9]+", "-", (name or "").lower()).strip("-")[:48] or "rule"
    taken = {r.id for r in ruleset.rules}
    if base != "rule" and base not in taken:
        return base
    n = 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


# -- validation --------------------------------------------------------------------------------------------
def parse_rule_file(data: Any, path: Path) -> RuleSet:
    if data is None:
        return RuleSet(path=path)
    if not isinstance(data, dict):
        raise RuleError(WatchErrors.E100.format(path=path, reason="expected a mapping with 'rules' (and 'deliver')"))
    unknown = sorted(set(data) - {"version", "deliver", "rules"})
    if unknown:
        raise RuleError(WatchErrors.E100.format(path=path, reason=f"unknown top-level key(s) {unknown}"))
    if data.get("version", 1) != 1:
        reason = f"unsupported version {data['version']!r} (expected 1)"
        raise RuleError(WatchErrors.E100.format(path=path, reason=reason))
    rules_data = data.get("rules") or []
    if not isinstance(rules_data, list):
        raise RuleError(WatchErrors.E100.format(path=path, reason="'rules' must be a list"))
    rules: list[Rule] = []
    for index, spec in enumerate(rules_data):
        rule = parse_rule(spec, path, base=path.parent, index=index)
        if any(r.id == rule.id for r in rules):
            raise RuleError(WatchErrors.E101.format(path=path, rule=rule.id, field="id", reason="duplicate id"))
        rules.append(rule)
    deliver = parse_deliveries(data.get("deliver"), path)
    return RuleSet(rules=tuple(rules), deliver=deliver, path=path)


def parse_rule(spec: Any, path: Path, base: Path, index: int | None = None) -> Rule:
    """A validated `Rule` from its mapping; `base` is the folder relative file names are read from."""
    label = f"#{index + 1}" if index is not None else "<new>"
    if not isinstance(spec, dict):
        raise RuleError(WatchErrors.E101.format(path=path, rule=label, field="-", reason="a rule must be a mapping"))
    rule_id = spec.get("id")
    if isinstance(rule_id, str) and RULE_ID.match(rule_id):
        label = rule_id

    def fail(field_name: str, reason: Any) -> RuleError:
        return RuleError(WatchErrors.E101.format(path=path, rule=label, field=field_name, reason=reason))

    unknown = sorted(set(spec) - set(RULE_FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field (expected one of {', '.join(RULE_FIELDS)})")
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        raise fail("id", "required: letters, digits, '-', '_' or '.', at most 64 characters")
    if not any(spec.get(k) not in (None, [], {}, "") for k in CONDITIONS):
        raise fail("-", f"no condition: give at least one of {', '.join(CONDITIONS)}")

    def parsed(field_name: str, parse: Callable[[Any], Any], default: Any) -> Any:
        value = spec.get(field_name)
        if value is None:
            return default
        try:
            return parse(value)
        except ValueError as err:
            raise fail(field_name, err) from None

    name = parsed("name", _text, None)
    return Rule(
        id=rule_id,
        name=name,
        geofence=parsed("geofence", lambda v: parse_geofence(v, base), None),
        event_types=parsed("event_types", lambda v: _choices(v, PLOVER_TYPES, str.upper), ()),
        modalities=parsed("modalities", lambda v: _choices(v, MODALITIES, str.lower), ()),
        actors=parsed("actors", _actors, ActorFilter()),
        min_fatalities=parsed("min_fatalities", _count, None),
        keywords=parsed("keywords", _texts, ()),
        precisions=parsed("precisions", lambda v: _choices(v, PLACE_PRECISIONS, str.lower), ()),
    )


def parse_geofence(value: Any, base: Path) -> Geofence:
    """A Circle from {lat, lon, radius_m | radius_km}, an Area from {geojson: ...} or {geojson_file: ...}."""
    if not isinstance(value, dict):
        raise ValueError("expected {lat, lon, radius_m}, {geojson: ...} or {geojson_file: PATH}")
    keys = set(value)
    if keys & {"geojson", "geojson_file"}:
        if len(keys) != 1:
            others = sorted(keys - {"geojson", "geojson_file"}) or "both"
            raise ValueError(f"give geojson or geojson_file alone, not with {others}")
        if "geojson" in value:
            return Area(polygon_from_geojson(value["geojson"]), {"geojson": value["geojson"]})
        name = _text(value["geojson_file"])
        file = (base / name) if not Path(name).is_absolute() else Path(name)
        try:
            obj = json.loads(file.read_text(encoding="utf-8"))
        except OSError as err:
            raise ValueError(f"cannot read {file}: {err.strerror or err}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise ValueError(f"{file} is not GeoJSON ({err})") from None
        try:
            return Area(polygon_from_geojson(obj), {"geojson_file": name})
        except ValueError as err:
            raise ValueError(f"{file}: {err}") from None
    unknown = sorted(keys - {"lat", "lon", "radius_m", "radius_km"})
    if unknown:
        raise ValueError(f"unknown key(s) {unknown} (a circle is {{lat, lon, radius_m}})")
    lat, lon = _number(value.get("lat"), "lat", -90, 90), _number(value.get("lon"), "lon", -180, 180)
    if ("radius_m" in keys) == ("radius_km" in keys):
        raise ValueError("give exactly one of radius_m, radius_km")
    radius = (
        _number(value["radius_m"], "radius_m", 0, 20_037_509)
        if "radius_m" in keys
        else 1000.0 * _number(value["radius_km"], "radius_km", 0, 20_037.509)
    )
    if radius <= 0:
        raise ValueError("the radius must be positive")
    return Circle(lat, lon, radius)


def parse_deliveries(value: Any, path: Path) -> tuple[Delivery, ...]:
    if value is None:
        return (Delivery(),)
    if not isinstance(value, list) or not value:
        raise RuleError(WatchErrors.E100.format(path=path, reason="'deliver' must be a non-empty list"))
    return tuple(_delivery(item, i, path) for i, item in enumerate(value))


def _delivery(item: Any, index: int, path: Path) -> Delivery:
    def fail(field_name: str, reason: str) -> RuleError:
        return RuleError(WatchErrors.E102.format(path=path, index=index, field=field_name, reason=reason))

    if item == "stdout":
        return Delivery()
    if not isinstance(item, dict) or item.get("type") not in DELIVERY_KINDS:
        raise fail("type", f"expected 'stdout' or a mapping with type one of {', '.join(DELIVERY_KINDS)}")
    allowed = {
        "stdout": {"type"},
        "jsonl": {"type", "path"},
        "webhook": {"type", "url", "timeout_s", "retries", "backoff_s", "headers"},
    }[item["type"]]
    unknown = sorted(set(item) - allowed)
    if unknown:
        raise fail(unknown[0], f"unknown for a {item['type']} delivery (expected {', '.join(sorted(allowed))})")
    try:
        if item["type"] == "stdout":
            return Delivery()
        if item["type"] == "jsonl":
            return Delivery(type="jsonl", path=_text(item.get("path")))
    except ValueError as err:
        raise fail("path", str(err)) from None
    url = item.get("url")
    if not isinstance(url, str) or not re.match(r"^https?://[^\s/]+", url):
        raise fail("url", "expected an http:// or https:// URL")
    headers = item.get("headers") or {}
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
        raise fail("headers", "expected a mapping of header names to strings")
    options: dict[str, Any] = {}  # timeout_s, backoff_s: float; retries: int once checked below
    for key, low, high in (("timeout_s", 0.001, 600), ("retries", 0, 20), ("backoff_s", 0, 600)):
        if key in item:
            try:
                options[key] = _number(item[key], key, low, high)
            except ValueError as err:
                raise fail(key, str(err)) from None
    if "retries" in options:
        if options["retries"] != int(options["retries"]):
            raise fail("retries", "expected a whole number")
        options["retries"] = int(options["retries"])
    return Delivery(type="webhook", url=url, headers=tuple(headers.items()), **options)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected a non-empty string")
    return value.strip()


def _texts(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ValueError("expected a string or a non-empty list of strings")
    try:
        return tuple(_text(v) for v in items)
    except ValueError:
        raise ValueError(f"expected non-empty strings, got {items!r}") from None


def _choices(
    value: Any, allowed: tuple[str, ...], norm: Callable[[str], str], expected: str | None = None
) -> tuple[str, ...]:
    items = tuple(norm(v) for v in _texts(value))
    bad = [v for v in items if allowed and v not in allowed]
    if bad:
        raise ValueError(f"unknown value(s) {bad} (expected {expected or 'any of ' + ', '.join(allowed)})")
    return items


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number >= 0, got {value!r}")
    return value


def _number(value: Any, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name}: {value} is outside [{low}, {high}]")
    return float(value)


def _actors(value: Any) -> ActorFilter:
    if not isinstance(value, dict):
        raise ValueError("expected a mapping with names, countries and/or sectors")
    unknown = sorted(set(value) - {"names", "countries", "sectors"})
    if unknown:
        raise ValueError(f"unknown key(s) {unknown} (expected names, countries, sectors)")
    names = _texts(value["names"]) if value.get("names") is not None else ()
    countries = (
        _choices(value["countries"], _known_countries(), str.upper, "ISO-3 codes such as IRQ, SYR")
        if value.get("countries") is not None
        else ()
    )
    sectors = _choices(value["sectors"], _known_sectors(), str.strip) if value.get("sectors") is not None else ()
    if not (names or countries or sectors):
        raise ValueError("give at least one of names, countries, sectors")
    return ActorFilter(names, countries, sectors)


@lru_cache(maxsize=1)
def _known_countries() -> tuple[str, ...]:
    return tuple(sorted({row["iso3"].upper() for row in load_csv("actors/countries.csv", ["iso3"])}))


@lru_cache(maxsize=1)
def _known_sectors() -> tuple[str, ...]:
    try:
        return tuple(sorted({row["sector"] for row in load_csv("actors/sectors.csv", ["term", "sector"])}))
    except DataFileError:  # the dictionary is another stage's data; its own loader reports it
        return ()


def describe_rule(rule: Rule) -> str:
    """One line saying what the rule watches (for `eventwire watch list`)."""
    parts = []
    if isinstance(rule.geofence, Circle):
        g = rule.geofence
        parts.append(f"within {g.radius_m:g} m of {g.lat:g},{g.lon:g}")
    elif rule.geofence is not None:
        parts.append(f"inside {rule.geofence.spec.get('geojson_file') or 'a polygon'}")
    for label, values in (
        ("type", rule.event_types),
        ("modality", rule.modalities),
        ("actor", rule.actors.names),
        ("actor country", rule.actors.countries),
        ("actor sector", rule.actors.sectors),
        ("keyword", rule.keywords),
        ("precision", rule.precisions),
    ):
        if values:
            parts.append(f"{label} {'|'.join(values)}")
    if rule.min_fatalities is not None:
        parts.append(f"fatalities >= {rule.min_fatalities}")
    return "; ".join(parts)
