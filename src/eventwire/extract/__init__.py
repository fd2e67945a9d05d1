"""Extraction stage: PLOVER event coding of a parsed document."""

from .core import extract_events
from .lexicon import load_all as load_data

__all__ = ["extract_events", "load_data"]
