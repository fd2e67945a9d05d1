"""DuckDB store: `Store`, one connection to a DuckDB file (or ':memory:') with its writes and queries. The class
is assembled here from one module per job, so none of them grows into a god file: `connection` (opening the
file, the schema), `writes` (documents in one transaction, merging), `queries` (records, counts), `filters`
(the WHERE clause of `EventFilter`) and `rows` (records as table rows). Queries are parameterised, never built
from user strings. The names this module has always offered are re-exported."""

from __future__ import annotations

import duckdb

from .connection import SCHEMA, connect
from .filters import EventFilter
from .queries import StoreQueries
from .rows import ProcessedDocument
from .writes import StoreWrites

__all__ = ["SCHEMA", "EventFilter", "ProcessedDocument", "Store"]


class Store(StoreWrites, StoreQueries):
    """A DuckDB file (or ':memory:') holding eventwire's tables. Use as a context manager."""

    con: duckdb.DuckDBPyConnection

    def __init__(self, path: str = "eventwire.duckdb", read_only: bool = False):
        self.path = path
        self.con = connect(path, read_only=read_only)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()
