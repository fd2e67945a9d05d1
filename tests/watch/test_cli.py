"""`eventwire watch add|list|remove|run`: a round trip through the rule file, and a history run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.watch import RuleError, RuleNotFoundError, load_rules


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_add_list_remove_round_trip(db_path, tmp_path):
    polygon = tmp_path / "fences" / "box.geojson"
    polygon.parent.mkdir()
    polygon.write_text(
        json.dumps({"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [45, 34], [44, 34], [44, 33]]]})
    )
    added = invoke(
        "watch",
        "add",
        "--db",
        db_path,
        "--name",
        "Al-Balad Air Base",
        "--lat",
        "33.94",
        "--lon",
        "44.36",
        "--radius",
        "5000",
        "--type",
        "ASSAULT",
        "--type",
        "coerce",
        "--keyword",
        "rocket",
    )
    assert added.exit_code == 0, added.output
    assert "added watch rule 'al-balad-air-base'" in added.stderr
    assert (
        invoke(
            "watch",
            "add",
            "--db",
            db_path,
            "--id",
            "box",
            "--polygon",
            str(polygon),
            "--actor-country",
            "IRQ",
            "--min-fatalities",
            "1",
        ).exit_code
        == 0
    )

    rules_file = Path(db_path).parent / "eventwire-watch.yaml"
    rules = load_rules(rules_file)
    assert [r.id for r in rules.rules] == ["al-balad-air-base", "box"]
    assert rules.rules[0].event_types == ("ASSAULT", "COERCE")
    assert rules.rules[1].geofence.spec == {"geojson_file": "fences/box.geojson"}

    listed = invoke("watch", "list", "--db", db_path)
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(
        "al-balad-air-base\tAl-Balad Air Base\twithin 5000 m of 33.94,44.36; type ASSAULT|COERCE"
    )
    assert lines[1].startswith("box\t\tinside fences/box.geojson")
    as_json = [
        json.loads(line) for line in invoke("watch", "list", "--db", db_path, "--format", "jsonl").stdout.splitlines()
    ]
    assert as_json[0]["geofence"] == {"lat": 33.94, "lon": 44.36, "radius_m": 5000.0}

    removed = invoke("watch", "remove", "al-balad-air-base", "--db", db_path)
    assert removed.exit_code == 0 and "removed watch rule 'al-balad-air-base'" in removed.stderr
    assert [r.id for r in load_rules(rules_file).rules] == ["box"]
    assert isinstance(invoke("watch", "remove", "al-balad-air-base", "--db", db_path).exception, RuleNotFoundError)


def test_add_rejects_an_invalid_rule_and_leaves_the_file_alone(tmp_path):
    rules_file = tmp_path / "rules.yaml"
    assert invoke("watch", "add", "--rules", str(rules_file), "--id", "ok", "--min-fatalities", "1").exit_code == 0
    before = rules_file.read_text()
    bad = invoke("watch", "add", "--rules", str(rules_file), "--id", "bad", "--lat", "33.9", "--radius", "5000")
    assert isinstance(bad.exception, RuleError)
    assert "rule 'bad', field 'geofence': lon: expected a number" in str(bad.exception)
    nothing = invoke("watch", "add", "--rules", str(rules_file), "--id", "empty")
    assert "no condition" in str(nothing.exception)
    assert rules_file.read_text() == before


def test_run_prints_alerts_once(db_path, store, make_result):
    store.add_results([make_result("d1"), make_result("far", lat=33.3, lon=44.4, place="Baghdad")])
    store.close()
    assert (
        invoke(
            "watch", "add", "--db", db_path, "--id", "base", "--lat", "33.94", "--lon", "44.36", "--radius", "5000"
        ).exit_code
        == 0
    )
    dry = invoke("watch", "run", "--db", db_path, "--since", "2020-01-01", "--dry-run")
    assert dry.exit_code == 0 and len(dry.stdout.splitlines()) == 1 and "would be raised" in dry.stderr
    first = invoke("watch", "run", "--db", db_path, "--since", "2020-01-01")
    [alert] = [json.loads(line) for line in first.stdout.splitlines()]
    assert alert["rule_id"] == "base" and alert["kind"] == "new" and alert["event"]["doc_id"] == "d1"
    assert "2 events examined, 1 alert(s)" in first.stderr
    again = invoke("watch", "run", "--db", db_path, "--since", "2020-01-01")
    assert again.exit_code == 0 and again.stdout == ""


def test_run_needs_an_existing_database(tmp_path):
    (tmp_path / "eventwire-watch.yaml").write_text("rules: [{id: a, min_fatalities: 1}]")
    result = invoke("watch", "run", "--db", str(tmp_path / "missing.duckdb"))
    assert "[E010]" in str(result.exception)


def test_a_bad_date_is_a_coded_error(tmp_path):
    result = invoke("watch", "run", "--since", "yesterday", "--db", str(tmp_path / "x.duckdb"))
    assert "[E008] Invalid date 'yesterday'" in str(result.exception)
