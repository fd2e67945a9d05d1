"""Places from nearby sentences: a sentence that names no place usually continues the story of the one or two
before it ("Gunmen attacked a market in X. Three people died."), so its event takes the latest place of the
`FALLBACK_SENTENCES` preceding sentences of the same paragraph, one step less exact since it was not written
with the event. A first-level division keeps its precision: one step coarser would be its country, and a record
reading "Kirkuk (country)" names a province at a country's precision (its country is in `country` anyway)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ...model import Place
from .context import DocContext
from .filters import may_locate
from .tokens import place_of
from .words import COARSER, PRECISION_RANK


def nearby_place(ctx: DocContext, sent: Span) -> Place | None:
    """The latest locating place of the preceding sentences of `sent`'s paragraph (a town or division before a
    country), coarsened one step (basis "nearby"); None where they name none."""
    para_start = ctx.text.rfind("\n\n", 0, sent.start_char)
    earlier_start = ctx.earlier_sentences_start(sent.start_char)
    window_start = max(earlier_start if earlier_start is not None else sent.start_char, para_start)
    before = [t for t in ctx.starting_in(window_start, sent.start_char) if may_locate(sent.doc, t)]
    if not before:
        return None
    best = max(before, key=lambda t: (PRECISION_RANK.get(place_of(t).precision, 1) > 1, t.start))
    best_place = place_of(best)
    if best_place.precision == "admin1":
        return replace(best_place, basis="nearby")
    return replace(best_place, precision=COARSER.get(best_place.precision, best_place.precision), basis="nearby")
