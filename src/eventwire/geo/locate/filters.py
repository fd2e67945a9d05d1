"""Which toponyms may be an event's place at all. One test shared by the sentence's own place and the nearby
sentences' places, so that a credit line, an origin or a country named as a party is ruled out the same way in
both."""

from __future__ import annotations

from spacy.tokens import Doc

from ...model import Toponym
from .credits import names_outlet
from .origins import names_origin_of
from .parties import names_actor, placed, speaks_or_targeted
from .tokens import place_of, span_of


def may_locate(doc: Doc, top: Toponym) -> bool:
    """The toponym may be where an event happened: not the dateline, not a country named as a party ("US
    officials", "Death to America") and not a government speaking or pressed ("Moscow said", "sanctions on Tehran")."""
    if top.is_dateline:
        return False
    span = span_of(doc, top)  # once: the checks below read the same span
    if names_outlet(span) or names_origin_of(span):
        return False
    return not (
        place_of(top).precision == "country" and (names_actor(span) or not placed(span))
    ) and not speaks_or_targeted(top, span)
