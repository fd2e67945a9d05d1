"""NLP stage: one spaCy pipeline, loaded once per process, with eventwire's registered components."""
from .pipeline import get_nlp, parse, MODEL_NAME

__all__ = ["get_nlp", "parse", "MODEL_NAME"]
