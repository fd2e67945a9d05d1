"""GET /events: every filter, cursor pagination, the three formats; GET /events/{id} with its sources."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest


def all_events(client, **params) -> list[dict]:
    events, cursor = [], None
    while True:
        page = client.get("/events", params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        events += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return events


def test_list_returns_contract_records(read_client, results):
    body = read_client.get("/events", params={"limit": 1000}).json()
    assert body["count"] == len(results) and body["next_cursor"] is None
    first = body["events"][0]
    for key in ("event_id", "doc_id", "date", "event_type", "modality", "location", "evidence", "n_sources"):
        assert key in first


def test_pagination_visits_every_event_once(read_client, results):
    events = all_events(read_client)
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) == len(results)
    assert ids == sorted(ids)


def test_next_cursor_also_in_header(read_client):
    response = read_client.get("/events", params={"limit": 5})
    assert response.headers["x-next-cursor"] == response.json()["next_cursor"]


def test_reports_view(read_client, results):
    body = read_client.get("/events", params={"limit": 1000, "merged": "false"}).json()
    assert {e["event_id"] for e in body["events"]} == {r.events[0].event_id for r in results}


@pytest.mark.parametrize(
    "params, keep",
    [
        ({"type": "ASSAULT"}, lambda e: e.event_type == "ASSAULT"),
        ({"modality": "claimed"}, lambda e: e.modality == "claimed"),
        ({"country": "irq"}, lambda e: e.location.country == "IRQ"),
        ({"sector": "military"}, lambda e: e.source_actor.sector == "military"),
        ({"q": "NEAR KABUL"}, lambda e: "near Kabul" in e.evidence.sentence),
        ({"min_fatalities": 30}, lambda e: (e.fatalities or 0) >= 30),
        ({"since": "2020-02-01", "until": "2020-02-10"}, lambda e: "2020-02-01" <= e.date.isoformat() <= "2020-02-10"),
        ({"bbox": "40,30,50,40"}, lambda e: 40 <= e.location.lon <= 50 and 30 <= e.location.lat <= 40),
        ({"type": "ASSAULT", "min_fatalities": 1}, lambda e: e.event_type == "ASSAULT" and (e.fatalities or 0) >= 1),
    ],
)
def test_filters(read_client, results, params, keep):
    expected = {r.events[0].doc_id for r in results if keep(r.events[0])}
    assert expected, "the synthetic data should exercise this filter"
    got = all_events(read_client, **params)
    assert {e["doc_id"] for e in got} == expected


def test_csv_format(read_client, results):
    response = read_client.get("/events", params={"format": "csv", "limit": 1000, "type": "ASSAULT"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == Counter(r.events[0].event_type for r in results)["ASSAULT"]
    assert {"event_id", "location_lat", "evidence_sentence", "source_actor_country"} <= set(rows[0])


def test_csv_neutralises_formulas(make_client):
    client = make_client(n_events=0)
    client.post(
        "/documents",
        json={"text": '=HYPERLINK("http://evil") happened. Then more.'},
        headers={"Authorization": "Bearer s3cret-write-token"},
    )
    row = next(csv.DictReader(io.StringIO(client.get("/events", params={"format": "csv"}).text)))
    assert row["evidence_sentence"].startswith("'=")


def test_geojson_format(read_client, results):
    response = read_client.get("/events", params={"format": "geojson", "limit": 10})
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection" and len(body["features"]) == 10 and body["next_cursor"]
    feature = body["features"][0]
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) == (feature["properties"]["location"]["lon"], feature["properties"]["location"]["lat"])


def test_event_detail_has_sources_with_evidence(read_client, results):
    event = read_client.get("/events", params={"limit": 1}).json()["events"][0]
    detail = read_client.get(f"/events/{event['event_id']}").json()
    assert detail["event_id"] == event["event_id"]
    (source,) = detail["sources"]
    document = read_client.get(source["document"]).json()
    ev = source["evidence"]
    assert document["text"][ev["char_start"] : ev["char_end"]] == ev["sentence"]
    assert source["url"].startswith("https://news.example/") and source["title"]


def test_event_detail_by_report_id(read_client, results):
    report_id = results[3].events[0].event_id
    detail = read_client.get(f"/events/{report_id}").json()
    assert report_id in [s["event_id"] for s in detail["sources"]]


def test_unknown_event_is_404_json(read_client):
    response = read_client.get("/events/ev_doesnotexist")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_document_text(read_client, results):
    doc = results[5].document
    body = read_client.get(f"/documents/{doc.doc_id}").json()
    assert body["text"] == doc.text and body["title"] == doc.title and body["publication_date"]


def test_unknown_document_is_404_json(read_client):
    response = read_client.get("/documents/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
