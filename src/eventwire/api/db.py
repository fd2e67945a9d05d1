"""DuckDB access for the API: one connection per app; each request works on its own cursor (DuckDB's
snapshot isolation keeps reads consistent while a write commits), and writes are serialised by a lock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..store import Store


class Database:
    """The app's database. `reader()` and `writer()` yield a `Store` bound to a fresh cursor."""

    def __init__(self, path: str):
        self.path = path
        self._store = Store(path)  # creates the tables if the file is new
        self._cursor_lock = threading.Lock()
        self._write_lock = threading.Lock()

    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._cursor_lock:
            cursor = self._store.con.cursor()
        store = object.__new__(Store)  # a Store on this cursor: same methods, its own transaction state
        store.path, store.con = self.path, cursor
        try:
            yield store
        finally:
            cursor.close()

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self._write_lock, self.reader() as store:
            yield store

    def close(self) -> None:
        self._store.close()
