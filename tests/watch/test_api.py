"""The watch endpoints: alerts listed newest first, rules as GeoJSON for the map, rule writes behind the token."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.config import Config
from eventwire.watch import evaluate_new_events, load_rules

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BOX = {"type": "Polygon", "coordinates": [[[44, 33], [45, 33], [45, 34], [44, 34], [44, 33]]]}


@pytest.fixture
def client(db_path, make_result, write_rules):
    from eventwire.api import create_app
    from eventwire.store import Store

    write_rules(
        [
            {"id": "base", "name": "Al-Balad Air Base", "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 5000}},
            {"id": "box", "geofence": {"geojson": BOX}},
            {"id": "deadly", "min_fatalities": 10},
        ],
        [{"type": "jsonl", "path": "alerts.jsonl"}],
    )
    with Store(db_path) as store:
        results = [
            make_result("afp", fatalities=3, confidence=0.5),
            make_result("reuters", fatalities=7, confidence=0.9),
        ]
        for result in results:
            store.add_results([result])
            evaluate_new_events(store, result.events)
    app = create_app(db_path, Config(db_path=db_path, api_token=TOKEN))
    with TestClient(app) as c:
        yield c


def test_alerts_newest_first_and_filtered(client):
    body = client.get("/alerts").json()
    assert [(a["rule_id"], a["kind"]) for a in body["alerts"]] == [
        ("box", "update"),
        ("base", "update"),
        ("box", "new"),
        ("base", "new"),
    ]
    assert all(a["delivered"] for a in body["alerts"])
    only = client.get("/alerts", params={"rule_id": "base", "kind": "update"}).json()["alerts"]
    assert [(a["previous_fatalities"], a["fatalities"]) for a in only] == [(3, 7)]
    assert client.get("/alerts", params={"limit": 0}).status_code == 422


def test_rules_as_geojson(client):
    response = client.get("/watch/rules")
    assert response.headers["content-type"].startswith("application/geo+json")
    base, box, deadly = response.json()["features"]
    assert base["geometry"] == {"type": "Point", "coordinates": [44.36, 33.94]}
    assert base["properties"]["shape"] == "circle" and base["properties"]["radius_m"] == 5000
    assert base["properties"]["n_alerts"] == 2
    assert box["geometry"]["type"] == "Polygon" and box["properties"]["shape"] == "polygon"
    assert deadly["geometry"] is None and deadly["properties"]["description"] == "fatalities >= 10"


def test_add_and_remove_rules_need_the_token(client, db_path):
    rule = {"id": "kh", "actors": {"names": ["Kataib Hezbollah"]}}
    assert client.post("/watch/rules", json=rule).status_code == 401
    created = client.post("/watch/rules", json=rule, headers=AUTH)
    assert created.status_code == 201 and created.json()["properties"]["id"] == "kh"
    assert [f["id"] for f in client.get("/watch/rules").json()["features"]][-1] == "kh"
    bad = client.post("/watch/rules", json={"id": "bad", "modalities": ["rumoured"]}, headers=AUTH)
    assert bad.status_code == 400 and "[E101]" in bad.json()["error"]["message"]
    file_ref = client.post("/watch/rules", json={"id": "f", "geofence": {"geojson_file": "/etc/passwd"}}, headers=AUTH)
    assert file_ref.status_code == 400 and "inline GeoJSON only" in file_ref.json()["error"]["message"]
    assert client.delete("/watch/rules/kh").status_code == 401
    assert client.delete("/watch/rules/kh", headers=AUTH).status_code == 204
    assert client.delete("/watch/rules/kh", headers=AUTH).status_code == 404
    assert "kh" not in {r.id for r in load_rules(Path(db_path).parent / "eventwire-watch.yaml").rules}
