"""Time stage: the publication date of a report and the date of each event relative to it."""
from .dates import find_publication_date, resolve_event_date, resolve_date_text

__all__ = ["find_publication_date", "resolve_event_date", "resolve_date_text"]
