"""Coding of posted documents off the event loop: a full queue is refused at once with 503 + Retry-After,
reads are answered while a write is being coded, and the worker processes of `eventwire serve` end on their
own when the server is killed."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventwire.api.coding import Coder

_spec = importlib.util.spec_from_file_location(
    "ingest_processes", Path(__file__).parent.parent / "test_ingest_processes.py"
)
processes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(processes)

TOKEN = "s3cret-write-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def gated(stub):
    """A stub coder that waits for `release` before it answers; `started` is set once it was called."""
    started, release = threading.Event(), threading.Event()

    def processor(documents):
        started.set()
        assert release.wait(30), "the test never released the coder"
        return stub(documents)

    processor.started, processor.release = started, release
    yield processor
    release.set()


def test_full_queue_is_503_with_retry_after_and_reads_still_answer(make_client, gated):
    client = make_client(processor=gated, api_workers=1, api_queue=0, api_write_rate=0, api_write_burst=0)
    first: dict = {}
    writer = threading.Thread(
        target=lambda: first.update(r=client.post("/documents", headers=AUTH, json={"text": "Rebels shelled a town."}))
    )
    writer.start()
    try:
        assert gated.started.wait(30)
        refused = client.post("/documents", headers=AUTH, json={"text": "Troops raided a village."})
        assert refused.status_code == 503, refused.text
        assert refused.json()["error"]["code"] == "busy" and int(refused.headers["retry-after"]) >= 1
        assert client.get("/events", params={"limit": 5}).status_code == 200  # reads go on meanwhile
    finally:
        gated.release.set()
        writer.join(30)
    assert first["r"].status_code == 201
    again = client.post("/documents", headers=AUTH, json={"text": "Troops raided a village."})
    assert again.status_code == 201  # the slot is free again


def test_retry_after_grows_with_the_admitted_documents():
    coder = Coder(lambda docs: [], workers=2, queue=4)
    coder._mean_s, coder._admitted = 3.0, 4
    assert coder.retry_after() == 6
    coder._admitted = 0
    assert coder.retry_after() == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_workers_end_within_5s_of_a_sigkilled_server(tmp_path):
    import httpx

    port = free_port()
    env = {**os.environ, "EVENTWIRE_API_TOKEN": TOKEN, "EVENTWIRE_API_WORKERS": "1"}
    cmd = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(tmp_path / "db.duckdb"), "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    sid = proc.pid
    try:

        def healthy() -> bool:
            with contextlib.suppress(httpx.HTTPError):
                return httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200
            return False

        assert processes.wait_for(healthy, 60, 0.2), "the server did not start"
        # the server, the forkserver, the resource tracker and the coding worker
        assert processes.wait_for(lambda: len(processes.session_members(sid)) >= 4, 60), processes.session_members(sid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at = time.monotonic()
        gone = processes.wait_for(lambda: not processes.session_members(sid), 5.0)
        assert gone, f"alive {time.monotonic() - killed_at:.1f} s after the kill: {processes.session_members(sid)}"
    finally:
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(sid, signal.SIGKILL)
        proc.wait()
