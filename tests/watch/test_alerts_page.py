"""static/alerts.js in headless Chromium: the geofences are drawn on the map and the alerts listed.
The page loads alerts.js the way the lead will wire it (a script tag after map.js), injected here."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

from eventwire.config import Config
from eventwire.watch import evaluate_new_events

BOX = {"type": "Polygon", "coordinates": [[[40, 30], [46, 30], [46, 36], [40, 36], [40, 30]]]}


@pytest.fixture
def live_server(db_path, make_result, write_rules):
    import uvicorn

    from eventwire.api import create_app
    from eventwire.store import Store

    write_rules(
        [
            {"id": "base", "name": "Al-Balad Air Base", "geofence": {"lat": 33.94, "lon": 44.36, "radius_m": 50000}},
            {"id": "box", "geofence": {"geojson": BOX}},
        ],
        [{"type": "jsonl", "path": "alerts.jsonl"}],
    )
    with Store(db_path) as store:
        for result in (
            make_result("afp", fatalities=3, confidence=0.5),
            make_result("ap", fatalities=7, confidence=0.9),
        ):
            store.add_results([result])
            evaluate_new_events(store, result.events)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db_path, Config(db_path=db_path)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_fences_drawn_and_alerts_listed(live_server):
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        def with_alerts_js(route):
            html = (
                route.fetch()
                .text()
                .replace(
                    '<script src="/static/app.js">',
                    '<script src="/static/alerts.js"></script><script src="/static/app.js">',
                )
            )
            route.fulfill(body=html, content_type="text/html")

        page.route(live_server + "/", with_alerts_js)
        page.goto(live_server + "/")
        page.wait_for_selector("#alerts li.alert", timeout=20_000)
        page.wait_for_function("document.getElementById('map').dataset.fences === '2'", timeout=20_000)
        items = page.locator("#alerts li").all_text_contents()
        assert len(items) == 4 and "3 → 7 dead" in items[0]
        assert errors == []
        browser.close()
