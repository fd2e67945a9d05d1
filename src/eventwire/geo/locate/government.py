"""A government speaking through its capital or country name ("Tehran has condemned the strike", "Moscow said")
in a sentence that places nothing else: the statement was made in that country, not at the place of the sentences
before it (a reaction in a report about an attack elsewhere), so this comes before the nearby-sentence fallback."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ...model import Place
from .context import DocContext
from .document import country_of
from .tokens import place_of, span_of
from .words import METONYM_CODES, SPEECH_VERBS


def speaking_government(ctx: DocContext, sent: Span) -> Place | None:
    """The country (basis "named") of a capital or country that is the subject of a speech verb in `sent`."""
    for top in ctx.inside(sent.start_char, sent.end_char):
        if top.is_dateline or place_of(top).feature_code not in METONYM_CODES:
            continue
        span = span_of(sent.doc, top)
        if span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_.lower() in SPEECH_VERBS:
            country = country_of(place_of(top))
            return replace(country, basis="named") if country is not None else None
    return None
