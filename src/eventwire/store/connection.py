"""Opening the DuckDB file and its schema. Kept apart from the reads and writes so that every part of the
store (and tests of an older schema) share one definition of the tables and of how a connection fails."""

from __future__ import annotations

from importlib import resources
from typing import Any

import duckdb

from ..errors import Errors, StoreError


def _schema() -> str:
    """schema.sql, then every schema_*.sql (one per feature: dedup, watch, ...), in name order."""
    folder = resources.files("eventwire.store")
    names = ["schema.sql"] + sorted(
        p.name for p in folder.iterdir() if p.name.startswith("schema_") and p.name.endswith(".sql")
    )
    return "\n".join((folder / n).read_text(encoding="utf-8") for n in names)


SCHEMA = _schema()


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`, its tables created (or brought up to date) unless `read_only`;
    a DuckDB error is E010 naming the file."""
    try:
        con = duckdb.connect(path, read_only=read_only)
        if not read_only:
            con.execute(SCHEMA)
    except duckdb.Error as err:
        raise StoreError(Errors.E010.format(path=path, reason=str(err).splitlines()[0])) from None
    return con


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The one value of an aggregate query (an aggregate always returns a row)."""
    row = con.execute(sql, params).fetchone() if params is not None else con.execute(sql).fetchone()
    assert row is not None
    return row[0]
