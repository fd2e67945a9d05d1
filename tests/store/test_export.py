"""Exports: CSV, Parquet (DuckDB COPY), GeoJSON and ACLED-like CSV of merged or per-report events."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import ConfigError
from eventwire.model import Actor, Document, Event, Evidence, Place, Result
from eventwire.store import Store
from eventwire.store.export import ACLED_COLUMNS, export_events

MOSUL = Place("Mosul", 36.335, 43.1189, "IQ", "Nineveh", 99072, "city")
ISLAMIC_STATE = Actor("Islamic State", "Islamic State", "IRQ")


def report(
    doc_id: str,
    killed: int,
    mode: str = "explosives",
    place: Place | None = MOSUL,
    actor: Actor | None = ISLAMIC_STATE,
) -> Result:
    sentence = f"A car bomb killed {killed} people in Mosul on Monday."
    event = Event(
        doc_id=doc_id,
        event_type="ASSAULT",
        mode=mode,
        evidence=Evidence(sentence, 0, len(sentence)),
        date=date(2021, 3, 1),
        date_precision="day",
        location=place,
        fatalities=killed,
        confidence=0.8,
        source_actor=actor,
        trigger="killed",
        trigger_start=15,
    )
    text = f"{sentence} Report {doc_id} was written separately with its own wording and details."
    return Result(
        Document(doc_id, text, url=f"https://news.example/{doc_id}", publication_date=date(2021, 3, 2)), events=[event]
    )


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "export.duckdb")
    with Store(path) as store:
        store.add_results([report("a", 12)])
        store.add_results([report("b", 14)])
        store.add_results([report("c", 3, mode="firearms", place=None, actor=None)])  # no strong evidence: its own
    return path


def test_csv_merged_and_raw(db):
    with Store(db, read_only=True) as store:
        out = io.StringIO()
        assert export_events(store, "csv", stream=out) == 2
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        merged = next(r for r in rows if r["n_reports"] == "2")
        assert merged["fatalities_min"] == "12" and merged["fatalities_max"] == "14" and merged["n_sources"] == "2"
        raw = io.StringIO()
        assert export_events(store, "csv", stream=raw, raw=True) == 3


def test_parquet_via_duckdb_copy(db, tmp_path):
    target = tmp_path / "it's here.parquet"  # a quote in the path must not break the COPY
    with Store(db, read_only=True) as store:
        assert export_events(store, "parquet", str(target)) == 2
        with pytest.raises(ConfigError):
            export_events(store, "parquet")
    rows = duckdb.sql(
        f"SELECT event_type, n_sources FROM read_parquet('{str(target).replace(chr(39), chr(39) * 2)}')"
    ).fetchall()
    assert sorted(rows) == [("ASSAULT", 1), ("ASSAULT", 2)]


def test_geojson_points_and_null_geometry(db):
    with Store(db, read_only=True) as store:
        out = io.StringIO()
        export_events(store, "geojson", stream=out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 2
    geometries = sorted(str(f["geometry"]) for f in collection["features"])
    assert "{'type': 'Point', 'coordinates': [43.1189, 36.335]}" in geometries and "None" in geometries


def test_acled_columns_and_values(db):
    with Store(db, read_only=True) as store:
        out = io.StringIO()
        export_events(store, "acled", stream=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    bomb = next(r for r in rows if r["location"] == "Mosul")
    assert bomb["event_type"] == "Explosions/Remote violence"
    assert bomb["sub_event_type"] == "Remote explosive/landmine/IED"
    assert (bomb["event_date"], bomb["year"], bomb["country"], bomb["admin1"]) == (
        "2021-03-01",
        "2021",
        "Iraq",
        "Nineveh",
    )
    assert bomb["actor1"] == "Islamic State" and bomb["geo_precision"] == "1" and bomb["fatalities"] == "12"
    assert bomb["source"] == "https://news.example/a; https://news.example/b"
    assert bomb["event_id_cnty"].startswith("IQ")
    clash = next(r for r in rows if r["location"] == "")
    assert clash["event_type"] == "Battles" and clash["country"] == ""


def test_export_and_events_commands(db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--db", db, "--format", "acled"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("event_id_cnty,event_date,year")
    out = tmp_path / "events.geojson"
    assert runner.invoke(cli, ["export", "--db", db, "--format", "geojson", "-o", str(out)]).exit_code == 0
    assert len(json.loads(out.read_text())["features"]) == 2
    merged = runner.invoke(cli, ["events", "--db", db, "--format", "jsonl"])
    raw = runner.invoke(cli, ["events", "--db", db, "--format", "jsonl", "--raw"])
    assert len(merged.stdout.splitlines()) == 2 and len(raw.stdout.splitlines()) == 3
    assert sorted(json.loads(line)["n_sources"] for line in merged.stdout.splitlines()) == [1, 2]
