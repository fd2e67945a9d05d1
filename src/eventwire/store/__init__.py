"""Store stage: the embedded DuckDB database (documents, sentences, events, toponyms, skipped)."""
from .duck import Store, EventFilter

__all__ = ["Store", "EventFilter"]
