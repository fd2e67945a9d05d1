"""Watch fixtures: events built directly (no NLP), a store in tmp_path with a rule file beside it, and a
local HTTP server that fails its first N requests."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from eventwire.model import Actor, Document, Event, Evidence, Place, Result, Sentence

BASE = (33.94, 44.36)  # Al-Balad Air Base, Iraq


def build_result(
    doc_id: str,
    *,
    fatalities: int | None = 3,
    lat: float = BASE[0],
    lon: float = BASE[1],
    precision: str = "point",
    event_type: str = "ASSAULT",
    modality: str = "asserted",
    confidence: float = 0.5,
    day: date = date(2020, 1, 4),
    place: str = "Balad Air Base",
    sentence: str | None = None,
    source: Actor | None = None,
) -> Result:
    """One document with one event: defaults describe a rocket attack on the base."""
    sentence = sentence or f"Rockets hit {place} on Saturday, killing {fatalities} soldiers ({doc_id})."
    text = sentence + " Officials gave no further details."
    doc = Document(doc_id=doc_id, text=text, publication_date=day)
    s0 = Sentence(doc_id, 0, 0, len(sentence), sentence)
    event = Event(
        doc_id=doc_id,
        event_type=event_type,
        evidence=Evidence(sentence, 0, len(sentence)),
        trigger="hit",
        trigger_start=8,
        modality=modality,
        date=day,
        date_precision="day",
        fatalities=fatalities,
        confidence=confidence,
        source_actor=source,
        target_actor=Actor("soldiers", "soldiers", "IRQ", "military"),
        location=Place(place, lat, lon, "IRQ", "Salah ad Din", None, precision),
    )
    return Result(doc, [s0], [], [event])


@pytest.fixture
def make_result():
    return build_result


@pytest.fixture
def db_path(tmp_path) -> str:
    return str(tmp_path / "events.duckdb")


@pytest.fixture
def store(db_path):
    from eventwire.store import Store

    with Store(db_path) as s:
        yield s


@pytest.fixture
def write_rules(db_path):
    """Write a rule file next to the test database (where ingest looks for it); returns its path."""

    def write(rules: list[dict], deliver: list | None = None, path: Path | None = None) -> Path:
        path = path or Path(db_path).parent / "eventwire-watch.yaml"
        data = {"version": 1, "rules": rules}
        if deliver is not None:
            data["deliver"] = deliver
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return write


class FlakyServer:
    """An HTTP server on 127.0.0.1 that answers `fail_status` to the first `failures` POSTs, then 204;
    `received` holds the JSON bodies it accepted, `attempts` counts every POST."""

    def __init__(self, failures: int = 0, fail_status: int = 503):
        self.failures, self.fail_status = failures, fail_status
        self.attempts, self.received = 0, []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                server.attempts += 1
                if server.attempts <= server.failures:
                    self.send_response(server.fail_status)
                else:
                    server.received.append(json.loads(body))
                    self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):  # keep test output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def __enter__(self) -> FlakyServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def flaky_server():
    servers = []

    def start(failures: int = 0, fail_status: int = 503) -> FlakyServer:
        server = FlakyServer(failures, fail_status).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__()
