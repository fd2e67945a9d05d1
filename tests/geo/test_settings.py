"""`geoparse` takes the geo stage's settings (geo/settings.py): the resolver's weights and the scanners that run;
`Config.geo` (the config file's [eventwire.geo] table) reaches it through the CLI and the pipeline."""

import json
from dataclasses import replace

from click.testing import CliRunner

from eventwire import pipeline
from eventwire.cli import cli
from eventwire.config import SCANNER_NAMES, load_config
from eventwire.geo import GEO_SETTINGS, GeoSettings, ResolveWeights, ScannerSettings, geoparse
from eventwire.geo.detect import SCANNERS
from eventwire.model import Document


def test_default_settings_are_the_measured_ones():
    assert GeoSettings() == GEO_SETTINGS
    assert ResolveWeights() == GEO_SETTINGS.weights and ScannerSettings() == GEO_SETTINGS.scanners


def test_weights_reach_the_resolver(nlp):
    doc = nlp("Officials in Georgia said the vote would be held in the spring.")
    prior = {**GEO_SETTINGS.weights.type_prior, "ADM1": 20.0}  # a first-order division above any country
    states = GeoSettings(weights=replace(GEO_SETTINGS.weights, type_prior=prior))
    default = [t.place.country for t in geoparse(doc) if t.place is not None]
    weighted = [t.place.country for t in geoparse(doc, settings=states) if t.place is not None]
    assert default == ["GEO"] and weighted == ["USA"]


def test_a_scanner_switched_off_finds_nothing(nlp):
    doc = nlp("Traffic on the southbound M4 was closed after a crash near Swindon.")
    assert "M4" in [t.text for t in geoparse(doc)]
    off = GeoSettings(scanners=ScannerSettings(disabled=frozenset({"roads"})))
    assert "M4" not in [t.text for t in geoparse(doc, settings=off)]


# -- From the config file: Config.geo, read from the [eventwire.geo] table, reaches geoparse.

ROADS_OFF = "[eventwire.geo.scanners]\nroads = false\n"
ROAD_SENTENCE = "Queues built up on the A38 near Plymouth after a van broke down."


def test_the_config_names_the_registered_scanners():
    assert sorted(SCANNER_NAMES) == sorted(s.name for s in SCANNERS)


def test_a_config_file_switching_roads_off_changes_geoparse(nlp, tmp_path):
    path = tmp_path / "eventwire.toml"
    path.write_text(ROADS_OFF, encoding="utf-8")
    config = load_config(path, env={})
    doc = nlp(ROAD_SENTENCE)
    assert [t.text for t in geoparse(doc, settings=load_config(env={}).geo)] == ["A38", "Plymouth"]
    assert [t.text for t in geoparse(doc, settings=config.geo)] == ["Plymouth"]


def test_the_cli_and_the_pipeline_pass_config_geo(nlp, tmp_path, monkeypatch):
    (tmp_path / "eventwire.toml").write_text(ROADS_OFF, encoding="utf-8")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "text": ROAD_SENTENCE}) + "\n", encoding="utf-8")

    def cli_names(env):
        result = CliRunner().invoke(cli, ["geoparse", str(tmp_path / "in.jsonl")], env=env)
        assert result.exit_code == 0, result.output
        return [json.loads(line)["text"] for line in result.stdout.splitlines()]

    assert cli_names({"EVENTWIRE_CONFIG": None}) == ["A38", "Plymouth"]
    assert cli_names({"EVENTWIRE_CONFIG": str(tmp_path / "eventwire.toml")}) == ["Plymouth"]
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(tmp_path / "eventwire.toml"))
    [result] = pipeline.process_batch([Document("a", ROAD_SENTENCE)])
    assert [t.text for t in result.toponyms] == ["Plymouth"]
