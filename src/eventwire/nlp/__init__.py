"""NLP stage: one spaCy pipeline, loaded once per process, with eventwire's registered components."""

from .pipeline import MODEL_NAME, get_nlp, parse_one, pipe

__all__ = ["get_nlp", "pipe", "parse_one", "MODEL_NAME"]
