"""eventwire: political and conflict event data from raw news, every field traceable to its sentence."""

from .model import Actor, Document, Event, Evidence, Place, Sentence, Toponym
from .pipeline import extract, process, process_batch

__version__ = "0.1.0"
__all__ = [
    "extract",
    "process",
    "process_batch",
    "Event",
    "Actor",
    "Place",
    "Document",
    "Sentence",
    "Toponym",
    "Evidence",
    "__version__",
]
