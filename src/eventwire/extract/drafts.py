"""The records a sentence's coding passes between its parts: trigger candidates and the drafts of events built
from them. Kept apart from `core` so that `roles`, `references` and `casualty_links` can use them without importing
the module that imports them."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .triggers import Match


@dataclass
class Candidate:
    match: Match
    source: Token | None = None
    target: Token | None = None
    content_of: Match | None = None
    background: bool = False


@dataclass
class Draft:
    """An event being assembled from one or more trigger matches of one type in one sentence."""

    sent: Span
    event_type: str
    cands: list[Candidate] = field(default_factory=list)
    content: list[Candidate] = field(default_factory=list)  # triggers folded in as its content (a protest's demand)
