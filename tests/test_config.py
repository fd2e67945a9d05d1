"""`load_config`: defaults, the TOML file's [eventwire] table, EVENTWIRE_* variables; the geo stage's settings
from its [eventwire.geo] table (`Config.geo`)."""

import pytest

from eventwire.config import GEO_SETTINGS, SCANNER_NAMES, WEIGHTS, Config, load_config
from eventwire.errors import ConfigError


def _load(tmp_path, toml: str, env: dict[str, str] | None = None) -> Config:
    path = tmp_path / "eventwire.toml"
    path.write_text(toml, encoding="utf-8")
    return load_config(path, env={} if env is None else env)


def test_defaults_without_a_file():
    config = load_config(env={})
    assert config == Config() and config.geo is GEO_SETTINGS


def test_flat_settings_and_variables_still_load(tmp_path):
    config = _load(tmp_path, "[eventwire]\nbatch_size = 8\n", env={"EVENTWIRE_WORKERS": "3"})
    assert (config.batch_size, config.workers, config.geo) == (8, 3, GEO_SETTINGS)


def test_geo_table_sets_scanners_and_weights(tmp_path):
    config = _load(
        tmp_path,
        """
[eventwire]
batch_size = 8

[eventwire.geo.scanners]
roads = false
facilities = true

[eventwire.geo.resolve]
population_weight = 1
max_candidates = 20
type_prior = { ADM1 = 4.0 }
proximity_tiers = [[40, 2.0], [300, 0.5]]
""",
    )
    assert config.batch_size == 8
    assert config.geo.scanners.disabled == frozenset({"roads"})
    w = config.geo.weights
    assert w.population_weight == 1.0 and isinstance(w.population_weight, float) and w.max_candidates == 20
    assert w.type_prior == {**WEIGHTS.type_prior, "ADM1": 4.0}  # merged into the default priors
    assert w.proximity_tiers == ((40.0, 2.0), (300.0, 0.5))
    assert w.coloc_km == WEIGHTS.coloc_km  # the rest keep their defaults


def test_an_empty_geo_table_is_the_defaults(tmp_path):
    assert _load(tmp_path, "[eventwire.geo]\n").geo == GEO_SETTINGS


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("[eventwire.geo.scanners]\nrivers = false\n", "geo.scanners.rivers"),
        ("[eventwire.geo.resolve]\npopulation_wieght = 0.6\n", "geo.resolve.population_wieght"),
        ("[eventwire.geo.weights]\npopulation_weight = 0.6\n", "geo.weights"),
    ],
)
def test_an_unknown_key_is_named(tmp_path, toml, key):
    with pytest.raises(ConfigError, match=rf"\[E013\] Invalid value for config key {key}: unknown key \(known keys"):
        _load(tmp_path, toml)


def test_unknown_scanner_error_lists_the_scanners(tmp_path):
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, "[eventwire.geo.scanners]\nrivers = false\n")
    assert all(name in str(err.value) for name in SCANNER_NAMES)


@pytest.mark.parametrize(
    ("toml", "key", "reason"),
    [
        ("[eventwire.geo.scanners]\nroads = 0\n", "geo.scanners.roads", "is not true or false"),
        ("[eventwire.geo.resolve]\nmax_candidates = 2.5\n", "geo.resolve.max_candidates", "is not an integer"),
        ('[eventwire.geo.resolve]\ncoloc_km = "far"\n', "geo.resolve.coloc_km", "is not a number"),
        ("[eventwire.geo.resolve]\nproximity_tiers = [50, 1.5]\n", "geo.resolve.proximity_tiers", "pairs"),
        ('[eventwire.geo.resolve]\ntype_prior = { ADM1 = "high" }\n', "geo.resolve.type_prior.ADM1", "not a number"),
        ("[eventwire]\ngeo = 1\n", "geo", "is not a table"),
    ],
)
def test_a_value_of_the_wrong_type_is_named(tmp_path, toml, key, reason):
    with pytest.raises(ConfigError, match=rf"config key {key}: .*{reason}"):
        _load(tmp_path, toml)


def test_geo_is_not_an_environment_variable():
    assert load_config(env={"EVENTWIRE_GEO": "roads"}).geo is GEO_SETTINGS
