"""Store stage: the embedded DuckDB database (documents, sentences, events, toponyms, skipped)."""

from .duck import EventFilter, Store

__all__ = ["Store", "EventFilter"]
