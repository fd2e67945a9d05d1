"""Fixtures of the API tests: a temp DuckDB with synthetic events and TestClient apps over it."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.config import Config

_spec = importlib.util.spec_from_file_location("api_synthetic", Path(__file__).with_name("synthetic.py"))
synthetic = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(synthetic)

TOKEN = "s3cret-write-token"
N_EVENTS = 60


def stub_processor(documents):
    """Codes each posted document as one ASSAULT on its first sentence (no NLP)."""
    from eventwire.model import Event, Evidence, Result, Sentence

    out = []
    for d in documents:
        end = d.text.find(".") + 1 or len(d.text)
        out.append(
            Result(
                d,
                [Sentence(d.doc_id, 0, 0, end, d.text[:end])],
                [],
                [
                    Event(
                        doc_id=d.doc_id,
                        event_type="ASSAULT",
                        evidence=Evidence(d.text[:end], 0, end),
                        date=d.publication_date,
                        date_precision="day" if d.publication_date else None,
                    )
                ],
            )
        )
    return out


@pytest.fixture
def stub():
    """The stub coder (`stub_processor`), for tests that wrap it."""
    return stub_processor


@pytest.fixture(scope="session")
def synthetic_db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "events.duckdb")
    synthetic.build_db(path, N_EVENTS)
    return path


@pytest.fixture(scope="session")
def read_client(synthetic_db):
    """Read-only use of the shared synthetic database (no token: writes disabled)."""
    from eventwire.api import create_app

    with TestClient(create_app(synthetic_db, Config()), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def make_client(tmp_path):
    """Factory: a client on a fresh copy of the synthetic data with the given config overrides."""
    from eventwire.api import create_app

    clients = []

    def make(n_events: int = 10, processor=stub_processor, **overrides) -> TestClient:
        path = str(tmp_path / f"db{len(clients)}.duckdb")
        synthetic.build_db(path, n_events)
        config = replace(Config(), **{"api_token": TOKEN, **overrides})
        client = TestClient(create_app(path, config, processor=processor), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture(scope="session")
def results():
    return synthetic.synthetic_results(N_EVENTS)
