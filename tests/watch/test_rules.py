"""The rule file: a valid file loads into typed rules; every mistake is one coded message naming the file,
the rule and the field."""

from __future__ import annotations

import json

import pytest

from eventwire.watch import Circle, RuleError, RuleNotFoundError, add_rule, load_rules, remove_rule, save_rules
from eventwire.watch.geofence import Area
from eventwire.watch.rules import RuleSet, default_rules_path, next_rule_id

GOOD = """
version: 1
deliver:
  - stdout
  - {type: jsonl, path: alerts.jsonl}
  - {type: webhook, url: "http://127.0.0.1:9/hook", retries: 2, backoff_s: 0.5, headers: {X-Token: abc}}
rules:
  - id: al-balad
    name: Al-Balad Air Base
    geofence: {lat: 33.94, lon: 44.36, radius_km: 5}
    event_types: [assault]
    modalities: [asserted, claimed]
    actors: {countries: [irq], sectors: [military]}
    min_fatalities: 0
    keywords: rocket
  - id: anbar
    geofence: {geojson_file: anbar.geojson}
"""
ANBAR = {
    "type": "Feature",
    "properties": {"name": "box"},
    "geometry": {"type": "Polygon", "coordinates": [[[39, 32], [44, 32], [44, 35], [39, 35], [39, 32]]]},
}


@pytest.fixture
def rule_file(tmp_path):
    (tmp_path / "anbar.geojson").write_text(json.dumps(ANBAR))
    path = tmp_path / "eventwire-watch.yaml"
    path.write_text(GOOD)
    return path


def test_a_valid_file_loads_normalised(rule_file):
    rules = load_rules(rule_file)
    base, anbar = rules.rules
    assert base.geofence == Circle(33.94, 44.36, 5000.0)
    assert base.event_types == ("ASSAULT",) and base.actors.countries == ("IRQ",)
    assert base.keywords == ("rocket",) and base.min_fatalities == 0
    assert isinstance(anbar.geofence, Area) and anbar.geofence.size_m > 100_000
    assert [d.type for d in rules.deliver] == ["stdout", "jsonl", "webhook"]
    assert rules.deliver[2].retries == 2 and dict(rules.deliver[2].headers) == {"X-Token": "abc"}


def test_save_and_load_round_trip(rule_file, tmp_path):
    rules = load_rules(rule_file)
    saved = save_rules(rules, tmp_path / "copy.yaml")
    again = load_rules(saved)
    assert again.rules == rules.rules and again.deliver == rules.deliver
    assert "geojson_file: anbar.geojson" in saved.read_text()  # a file reference stays a reference


def error_for(tmp_path, text: str) -> str:
    path = tmp_path / "eventwire-watch.yaml"
    path.write_text(text)
    with pytest.raises(RuleError) as info:
        load_rules(path)
    message = str(info.value)
    assert str(path) in message, message
    return message


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "rules:\n  - {id: a, geofence: {lat: 95, lon: 44, radius_m: 10}}",
            "rule 'a', field 'geofence': lat: 95 is outside [-90, 90]",
        ),
        (
            "rules:\n  - {id: a, geofence: {lat: 33, lon: 44}}",
            "rule 'a', field 'geofence': give exactly one of radius_m",
        ),
        ("rules:\n  - {id: a, geofence: {lat: 33, lon: 44, radius_m: -5}}", "rule 'a', field 'geofence'"),
        (
            "rules:\n  - {id: a, event_types: [ASSAULT, ATTACK]}",
            "rule 'a', field 'event_types': unknown value(s) ['ATTACK']",
        ),
        ("rules:\n  - {id: a, modalities: [rumoured]}", "rule 'a', field 'modalities': unknown value(s) ['rumoured']"),
        ("rules:\n  - {id: a, min_fatalities: -1}", "rule 'a', field 'min_fatalities': expected a whole number >= 0"),
        (
            "rules:\n  - {id: a, actors: {countries: [Iraq]}}",
            "rule 'a', field 'actors': unknown value(s) ['IRAQ'] (expected ISO-3",
        ),
        ("rules:\n  - {id: a, actors: {sectors: [army]}}", "rule 'a', field 'actors': unknown value(s) ['army']"),
        ("rules:\n  - {id: a, keywords: []}", "rule 'a', field '-': no condition"),
        ("rules:\n  - {id: a, event_type: [ASSAULT]}", "rule 'a', field 'event_type': unknown field"),
        ("rules:\n  - {name: no id, min_fatalities: 1}", "rule '#1', field 'id': required"),
        (
            "rules:\n  - {id: a, min_fatalities: 1}\n  - {id: a, min_fatalities: 2}",
            "rule 'a', field 'id': duplicate id",
        ),
        ("rules:\n  - {id: a, geofence: {geojson_file: missing.geojson}}", "rule 'a', field 'geofence': cannot read"),
        (
            "rules:\n  - {id: a, geofence: {geojson: {type: Point, coordinates: [1, 2]}}}",
            "not a Polygon or MultiPolygon",
        ),
        ("rules:\n  - {id: a, geofence: {lat: 1, lon: 2, radius_m: 3, geojson: {}}}", "field 'geofence': give geojson"),
        ("rules: [\n  - id: a", "line"),
        ("rulez: []", "unknown top-level key(s) ['rulez']"),
        ("version: 2\nrules: []", "unsupported version 2"),
        ("deliver: [{type: webhook, url: 'ftp://x'}]\nrules: []", "deliver[0], field 'url': expected an http"),
        ("deliver: [{type: webhook, url: 'http://x', retries: 1.5}]\nrules: []", "deliver[0], field 'retries'"),
        ("deliver: [{type: email}]\nrules: []", "deliver[0], field 'type'"),
    ],
)
def test_errors_name_file_rule_and_field(tmp_path, body, expected):
    message = error_for(tmp_path, body)
    assert expected in message, message
    assert message.startswith("[E10")


def test_a_missing_file_is_an_error_unless_allowed(tmp_path):
    with pytest.raises(RuleError, match=r"\[E100\].*file not found"):
        load_rules(tmp_path / "nope.yaml")
    assert load_rules(tmp_path / "nope.yaml", missing_ok=True).rules == ()


def test_add_and_remove(rule_file):
    rules = load_rules(rule_file)
    rules, rule = add_rule(rules, {"id": "kh", "actors": {"names": ["Kataib Hezbollah"]}})
    assert rule.actors.names == ("Kataib Hezbollah",) and len(rules.rules) == 3
    with pytest.raises(RuleError, match=r"\[E104\] Watch rule 'kh' already exists"):
        add_rule(rules, {"id": "kh", "min_fatalities": 1})
    rules = remove_rule(rules, "kh")
    with pytest.raises(RuleNotFoundError, match=r"\[E103\] No watch rule 'kh'"):
        remove_rule(rules, "kh")


def test_rule_ids_and_default_location(tmp_path):
    rules = RuleSet()
    assert next_rule_id(rules, "Al-Balad Air Base") == "al-balad-air-base"
    assert next_rule_id(rules, None) == "rule-1"
    assert default_rules_path(tmp_path / "db" / "x.duckdb") == tmp_path / "db" / "eventwire-watch.yaml"
