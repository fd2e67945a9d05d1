"""Time stage: the publication date of a report and the date of each event relative to it."""

from .dates import date_mentions, find_publication_date, parse_iso_date, resolve_date_text, resolve_event_date
from .local import date_owners, resolve_trigger_date, setting_noun, trigger_date

__all__ = [
    "date_mentions",
    "date_owners",
    "find_publication_date",
    "parse_iso_date",
    "resolve_date_text",
    "resolve_event_date",
    "resolve_trigger_date",
    "setting_noun",
    "trigger_date",
]
