"""static/alerts.js in headless Chromium: the geofences are drawn on the map and the alerts listed. Every wait
is for a condition on the page (never for a length of time), given as a function (see tests/web/test_page.py)."""

from __future__ import annotations

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
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_fences_drawn_and_alerts_listed(browser, live_server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(live_server + "/")
        # the list is complete once the four alerts are rendered, the map once both fences are drawn on it
        page.wait_for_function("() => document.querySelectorAll('#alerts li.alert').length === 4", timeout=20_000)
        page.wait_for_function("() => document.getElementById('map').dataset.fences === '2'", timeout=20_000)
        items = page.locator("#alerts li").all_text_contents()
        assert len(items) == 4 and "3 → 7 dead" in items[0]
        assert errors == []
    finally:
        page.close()
