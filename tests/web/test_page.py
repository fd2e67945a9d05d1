"""The web page in headless Chromium against a live server: markers drawn, filtering by type, an event
opened with its evidence highlighted in the document text, nothing fetched from outside the server. Every wait
is for a condition on the page (never for a length of time), given as a function: the page's CSP forbids eval,
and playwright polls a string expression with eval, so a string wait only passed when already true."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATUS_STARTS_WITH = "(n) => document.getElementById('status').textContent.startsWith(n + ' of')"


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    yield page
    context.close()


def test_page_draws_markers_and_loads_offline(page, server):
    base, results = server
    status = page.text_content("#status")
    assert f"{len(results)} of {len(results)} events" in status
    drawn = int(page.get_attribute("#map", "data-markers")) + int(page.get_attribute("#map", "data-clusters"))
    assert drawn > 0
    assert page.locator("#events tbody tr").count() == len(results)
    assert all(url.startswith(base) for url in page.requests), "the page fetched something outside the server"
    assert page.errors == []


def test_filter_by_type_then_open_event_shows_highlighted_evidence(page, server):
    _, results = server
    expected = Counter(r.events[0].event_type for r in results)["ASSAULT"]
    page.select_option("#f-type", "ASSAULT")
    page.wait_for_function(STATUS_STARTS_WITH, arg=expected)
    types = page.locator("#events tbody tr td:nth-child(2)").all_text_contents()
    assert types and set(types) == {"ASSAULT"}
    page.locator("#events tbody tr").first.click()
    mark = page.wait_for_selector("#panel mark.evidence", timeout=10_000)
    event_id = page.get_attribute("#events tbody tr.selected", "data-id")
    record = next(r for r in results if r.events[0].event_id in (event_id, "ev_" + event_id.removeprefix("me_")))
    assert mark.text_content() == record.events[0].evidence.sentence
    assert record.document.text in page.text_content("#panel .doc-text")
    assert page.locator("#panel .sources a[href^='https://news.example/']").count() >= 1
    page.select_option("#f-type", "")  # the whole map behind the open event, for a look at build/
    page.wait_for_function(STATUS_STARTS_WITH, arg=len(results))
    screenshot = ROOT / "build" / "web_screenshot.png"
    screenshot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=False)
    # (the README's picture is made from real reports by `make screenshot`, never from these synthetic ones)
    assert page.errors == []


def test_click_on_marker_opens_event(page):
    page.click("#zoom-in")
    page.wait_for_function("() => window.eventwire.map.view.k > 1")
    target = page.evaluate("""() => { const map = window.eventwire.map;
                                      const m = map.drawn.find(d => !d.cluster && map.hit(d.x, d.y) === d);
                                      return m && {x: m.x, y: m.y, id: m.event.event_id}; }""")
    assert target, "no single marker drawn"
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_selector("#panel mark.evidence", timeout=10_000)
    assert target["id"] in page.text_content("#panel dl")


def test_timeline_brush_narrows_dates(page):
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.getElementById('range-label').textContent.includes('click to clear')")
    status = page.text_content("#status")
    shown, total = int(status.split(" of ")[0]), int(status.split(" of ")[1].split()[0])
    assert 0 < shown < total
    assert "click to clear" in page.text_content("#range-label")
