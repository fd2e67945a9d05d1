"""Shared fixtures: sample report, a fresh store, saved inputs under tests/data/, headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "000_f76d077bb8374fe8.txt"
SAMPLE_DATE = "2020-01-04"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def fresh_db(tmp_path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.fixture
def memory_store():
    from eventwire.store import Store

    with Store(":memory:") as store:
        yield store


# Headless Chromium for the browser tests (tests/web, tests/watch/test_alerts_page.py): Debian's `chromium`,
# driven by playwright, nothing downloaded. One per session, shared: playwright's sync API runs one event
# loop per thread, so a second `sync_playwright()` opened while this one lives fails.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
