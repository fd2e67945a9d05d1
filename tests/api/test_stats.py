"""GET /stats, GET /health, the OpenAPI document."""

from __future__ import annotations

from collections import Counter


def test_stats_counts_by_type_country_day(read_client, results):
    body = read_client.get("/stats").json()
    events = [r.events[0] for r in results]
    assert body["events"] == len(events) and body["documents"] == len(results)
    assert body["by_type"] == dict(Counter(e.event_type for e in events))
    assert body["by_country"] == dict(Counter(e.location.country for e in events))
    assert sum(d["count"] for d in body["by_day"]) == len(events)
    assert [d["date"] for d in body["by_day"]] == sorted(d["date"] for d in body["by_day"])


def test_stats_date_range(read_client, results):
    body = read_client.get("/stats", params={"since": "2020-01-10", "until": "2020-01-19"}).json()
    assert body["events"] == sum(1 for r in results if "2020-01-10" <= r.events[0].date.isoformat() <= "2020-01-19")


def test_health(read_client, results):
    body = read_client.get("/health").json()
    assert body["status"] == "ok" and body["events"] == len(results)


def test_openapi_lists_every_endpoint(read_client):
    paths = read_client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/documents", "/documents/{doc_id}", "/stats", "/health"} <= set(paths)
    assert read_client.get("/docs").status_code == 200


def test_docs_page_works_offline(read_client):
    page = read_client.get("/docs")
    assert page.status_code == 200
    html = page.text
    # every script and style the page loads is served by this app, none by a CDN
    assert "cdn" not in html.lower() and "https://" not in html
    for asset in ("/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"):
        assert asset in html
        served = read_client.get(asset)
        assert served.status_code == 200 and len(served.content) > 1000
    assert "unsafe-inline" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in read_client.get("/health").headers.get("content-security-policy", "")
    assert read_client.get("/redoc").status_code == 404
