"""Fixtures of the browser tests: a uvicorn server on 127.0.0.1 over a synthetic database (the headless
Chromium, `browser`, is shared with the alerts page test: tests/conftest.py)."""

from __future__ import annotations

import importlib.util
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
