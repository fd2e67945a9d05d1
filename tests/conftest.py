"""Shared fixtures: sample report, a fresh store, saved inputs under tests/data/."""

from __future__ import annotations

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
