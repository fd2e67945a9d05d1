"""Fixtures of the browser tests: a uvicorn server on 127.0.0.1 over a synthetic database, and headless
Chromium (Debian's `chromium`, driven by playwright; nothing is downloaded)."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from eventwire.config import Config

_spec = importlib.util.spec_from_file_location("web_synthetic", Path(__file__).parent.parent / "api" / "synthetic.py")
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

N_EVENTS = 150
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of a live server (uvicorn in a thread) over N_EVENTS synthetic events."""
    import uvicorn

    from eventwire.api import create_app

    path = str(tmp_path_factory.mktemp("web") / "events.duckdb")
    results = synthetic.build_db(path, N_EVENTS)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(path, Config()), host="127.0.0.1", port=port, log_level="warning", proxy_headers=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", results
    server.should_exit = True
    thread.join(timeout=10)


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
