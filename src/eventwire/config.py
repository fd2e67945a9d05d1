"""Settings in one object: defaults here, overridable by a TOML file and EVENTWIRE_* environment variables."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from .errors import ConfigError, Errors

# -- The geo stage's settings: the resolver's weights and which scanners run (`geoparse(doc, settings=...)`).
# They live here, below the stages, so that `Config.geo` can hold them; `eventwire.geo` re-exports them.
# (The reserved `eventwire.settings` layer is independent of `config` in the import-linter contract, so
# `Config` could not import them from there.)
#
# How the weights were set: by hand, one at a time, each when the rule it belongs to was added, reading the whole
# geo dev set's errors (no half was held out then, and no weight is learned); the round numbers are deliberate, so
# that a score can be read as "a container beats a kind-of-place prior beats population". The commit that
# introduced each is named; where a later change would refit them, it should be on half A of the dev set,
# reporting half B.


def _type_prior() -> dict[str, float]:
    # Keys are GeoNames feature codes; the first seven are `eventwire.geo.sources` COUNTRY, CONTINENT, ADM1,
    # CAPITAL, ADM2, AIRBASE, AIRPORT.
    return {
        "PCLI": 5.0,
        "CONT": 5.0,
        "ADM1": 3.0,
        "PPLC": 1.5,
        "ADM2": 0.5,
        "AIRB": 3.0,
        "AIRP": 0.5,
        "RGN": 4.0,
        "MILB": 4.0,
        "ZN": 4.0,
        "BDG": 3.0,
        "SQR": 3.0,
        "PSTB": 3.0,
        "SEA": 4.0,
        "OCN": 4.0,
        "GULF": 4.0,
        "STRT": 4.0,
        "LK": 3.0,
        "STM": 3.0,
        "CNL": 3.0,
        "ST": 2.0,
    }


@dataclass(frozen=True)
class ResolveWeights:
    # -- Candidates (745194c, the first resolver).
    max_candidates: int = 40  # the most populous readings kept per name
    # -- Priors: what a reading is worth before the document is read (745194c; the ADM1 rules 08341c8).
    # By kind of place: a country, a first-order division or a capital is what a bare name usually means in news.
    type_prior: dict[str, float] = field(default_factory=_type_prior)
    population_weight: float = 0.55  # per factor of 10 people: log10(population + 10)
    small_adm1_population: int = 1_000_000  # a first-order division smaller than this gets only...
    small_adm1_prior: float = 1.5  # ...this prior (a small state rarely beats a town of its name)
    big_city_population: int = 300_000  # a city this big (or a capital) is what its division's name means...
    named_after_city_penalty: float = 2.5  # ...so its division's prior drops by this ("Baghdad", "New York")
    exact_spelling_bonus: float = 1.0  # the name as written is the reading's own name
    # An alternate-name-only match of a town (66d7cf5): GeoNames alternate names are noisy.
    alt_only_penalty: float = 2.0
    # Small namesakes (069dec1, 0c4fcac): a town under this population named like a region or sea loses
    # `namesake_penalty`; named like a national capital, `capital_namesake_penalty` (not in a country whose
    # local-news wording the document uses).
    namesake_population: int = 100_000
    namesake_penalty: float = 3.0
    capital_namesake_penalty: float = 1.5
    spelling_penalty: float = 1.0  # matches only once folded while a well-known place is spelled exactly (0c4fcac)
    # -- How the name is written (745194c, 08341c8): "Washington state", "the town of X", "X Health Minister".
    division_bonus: float = 5.0  # as big as a country's prior: the wording decides the kind
    # -- Container after a comma ("Elm Falls, Ardenne"; 745194c): strongest evidence, above any prior gap.
    contain_same_admin1: float = 7.0
    contain_same_country: float = 4.0  # the container is the country itself
    contain_country_only: float = 2.0  # same country, another division
    contain_elsewhere: float = -2.0
    # -- The document's wording (66d7cf5): per kind of local-news cue of one country, capped below a container.
    locale_cue_bonus: float = 1.5
    locale_cue_cap: float = 3.0
    demonym_weight: float = 1.0  # a country adjective weighs like one mention of the country (66d7cf5)
    demonym_repeat_weight: float = 0.25  # each further use of it
    # -- Context passes (745194c): the document's countries, divisions and places as the other readings give them.
    context_passes: int = 2  # more passes changed no reading on the dev set; a stable pick stops early
    country_weight: float = 3.0  # times the share of the document's weight in the reading's country
    admin1_weight: float = 3.0  # the same for its first-order division ("Dublin" among Ohio towns) (a7b76f9)
    dateline_weight: float = 1.5  # extra weight of the dateline's reading in the document's distribution
    repeat_weight: float = 0.25  # extra weight per further mention of the same name
    # Nearest other place within km -> bonus, nearest first.
    proximity_tiers: tuple[tuple[float, float], ...] = ((50.0, 1.5), (200.0, 1.0), (600.0, 0.4))
    single_candidate_margin: float = 5.0  # the score margin of a name with one reading (score ~0.99)
    # -- Co-location before the first pick (069dec1; the near tier eacd3a1).
    plausible_gap: float = 1.0  # readings this close to a name's best prior lend support to others
    coloc_km: float = 100.0
    coloc_bonus: float = 1.0
    coloc_near_km: float = 40.0  # a town and its county, two neighbouring villages
    coloc_near_bonus: float = 1.5
    # -- A bare name beside "<name> County" (eacd3a1): the county unless its own reading lies this close to it.
    county_radius_km: float = 60.0
    # -- The weak pass's context test (745194c, a7b76f9, 069dec1).
    weak_radius_km: float = 150.0  # a reading this close to a place of the document supports a weak mention
    relaxed_population: int = 20_000  # a town this size is named in an organisation's name without other support
    alt_radius_km: float = 50.0  # a close alternative reading of a place entity supports a weak mention too...
    alt_population: int = 10_000  # ...when it is a town of this size


WEIGHTS = ResolveWeights()


# The scanners `ScannerSettings` may switch off: the names registered in `eventwire.geo.detect.registry.SCANNERS`
# (which checks, when imported, that the two agree).
SCANNER_NAMES = ("entities", "kind_of", "owned", "gazetteer", "datelines", "roads", "facilities", "adjectival", "weak")


@dataclass(frozen=True)
class ScannerSettings:
    """Which registered scanners run. All of them by default; the geo dev set was measured with all of them."""

    disabled: frozenset[str] = frozenset()


DEFAULT_SCANNERS = ScannerSettings()


@dataclass(frozen=True)
class GeoSettings:
    weights: ResolveWeights = field(default=WEIGHTS)  # see ResolveWeights above for how each was set
    scanners: ScannerSettings = field(default=DEFAULT_SCANNERS)  # all registered scanners run by default


GEO_SETTINGS = GeoSettings()


@dataclass(frozen=True)
class Config:
    db_path: str = "eventwire.duckdb"
    max_document_bytes: int = 20_000_000  # larger documents are skipped with a reason
    batch_size: int = 32  # documents per nlp.pipe batch and per store transaction
    workers: int = 1  # processes for parsing
    ingest_db_memory_mb: int = 64  # DuckDB memory limit of the ingest writer (its block cache grew
    # with the database: +66 MB over 5,600 documents without a limit,
    # +55 MB over 9,000 with 256); raised when a write needs more
    doc_time_budget_s: float = 60.0  # per-document budget for the post-parse stages
    api_token: str | None = None  # bearer token for API writes; None = writes disabled
    api_read_token: str | None = None  # if set, reads need this token too
    max_body_bytes: int = 5_000_000
    cors_origins: str = ""  # comma-separated; empty = CORS off
    api_write_rate: float = 1.0  # API writes per second per client IP (token bucket refill)
    api_write_burst: int = 20  # API writes a client IP may make at once (bucket size)
    api_workers: int = 1  # processes coding posted documents (each holds the model, about 360 MB); on a
    # 2-core machine one leaves the other core to the reads
    api_queue: int = 8  # posted documents that may wait for a worker; one more is refused with 503 + Retry-After
    # events below this confidence are left out of `eventwire extract` and `eventwire events` unless
    # --min-confidence says otherwise. 0.0: on the event dev set (half A) every cut from 0.4 to 0.6 lost more
    # matched events than copies, so by default nothing is cut; raise it for a high-precision feed.
    min_confidence: float = 0.0
    # the geo stage's weights and scanners, from the [eventwire.geo] table (see `load_geo_settings`); no variables
    geo: GeoSettings = field(default=GEO_SETTINGS)


def _coerce(name: str, value: str, kind: type) -> object:
    try:
        return kind(value) if kind is not bool else value.lower() in ("1", "true", "yes")
    except ValueError:
        raise ConfigError(Errors.E013.format(name=name, reason=f"{value!r} is not a {kind.__name__}")) from None


def load_config(path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Config:
    """Defaults, then the TOML file (`path` or $EVENTWIRE_CONFIG), then EVENTWIRE_<FIELD> variables."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}  # as the TOML file and the environment give them
    path = path or env.get("EVENTWIRE_CONFIG")
    if path:
        try:
            values.update(tomllib.loads(Path(path).read_text(encoding="utf-8")).get("eventwire", {}))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise ConfigError(Errors.E013.format(name=f"config file {path}", reason=err)) from None
    flat = [f for f in fields(Config) if f.name != "geo"]  # `geo` is a table of its own, not a variable
    types = {f.name: (int if f.type == "int" else float if f.type == "float" else str) for f in flat}
    for name, kind in types.items():
        if f"EVENTWIRE_{name.upper()}" in env:
            values[name] = _coerce(name, env[f"EVENTWIRE_{name.upper()}"], kind)
    unknown = set(values) - set(types) - {"geo"}
    if unknown:
        raise ConfigError(Errors.E013.format(name="config", reason=f"unknown settings {sorted(unknown)}"))
    if "geo" in values:
        values["geo"] = load_geo_settings(values["geo"])
    return replace(Config(), **values)


def load_geo_settings(table: object) -> GeoSettings:
    """`GeoSettings` from the TOML file's [eventwire.geo] table: `scanners` maps a scanner's name to true (runs,
    the default) or false (switched off); `resolve` sets `ResolveWeights` fields by name (`type_prior` entries are
    merged into the default priors; `proximity_tiers` is a list of [km, bonus] pairs). A key that is not one of
    these, or a value of the wrong type, is a ConfigError (E013) naming the key."""
    geo = _table("geo", table, ("resolve", "scanners"))
    scanners = _table("geo.scanners", geo.get("scanners", {}), SCANNER_NAMES)
    for name, on in scanners.items():
        if not isinstance(on, bool):
            raise _invalid(f"geo.scanners.{name}", f"{on!r} is not true or false")
    hints = get_type_hints(ResolveWeights)
    resolve = _table("geo.resolve", geo.get("resolve", {}), tuple(hints))
    weights = {name: _weight(f"geo.resolve.{name}", value, hints[name]) for name, value in resolve.items()}
    disabled = frozenset(name for name, on in scanners.items() if not on)
    return GeoSettings(replace(WEIGHTS, **weights), ScannerSettings(disabled))


def _invalid(key: str, reason: str) -> ConfigError:
    return ConfigError(Errors.E013.format(name=f"config key {key}", reason=reason))


def _table(key: str, value: object, known: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _invalid(key, f"{value!r} is not a table")
    unknown = sorted(set(value) - set(known))
    if unknown:
        raise _invalid(f"{key}.{unknown[0]}", f"unknown key (known keys: {', '.join(known)})")
    return value


def _number(key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _invalid(key, f"{value!r} is not a number")
    return float(value)


def _weight(key: str, value: object, kind: object) -> Any:
    """A TOML value as the `ResolveWeights` field of type `kind` holds it."""
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _invalid(key, f"{value!r} is not an integer")
        return value
    if kind is float:
        return _number(key, value)
    if kind == dict[str, float]:  # type_prior: merged into the defaults
        entries = _table(key, value, tuple(value) if isinstance(value, dict) else ())
        return {**WEIGHTS.type_prior, **{code: _number(f"{key}.{code}", v) for code, v in entries.items()}}
    if kind == tuple[tuple[float, float], ...]:  # proximity_tiers
        if not isinstance(value, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in value):
            raise _invalid(key, f"{value!r} is not a list of [km, bonus] pairs")
        return tuple((_number(key, km), _number(key, bonus)) for km, bonus in value)
    raise _invalid(key, f"a {kind} cannot be set from the config file")
