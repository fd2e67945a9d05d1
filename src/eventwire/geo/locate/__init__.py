"""Event location: which place of a document is where the event of one of its sentences happened.

Preference, in order (each step in its own module, each tried only when the one before finds nothing):
1. `sentence`: the sentence's own toponyms, by a locative preposition ("in", "at", "near", "on"), then the most
   exact kind (facility > city > admin1 > country); "north of X" gives X's coordinates with precision "relative"
   and a direction; "the [Lurovian] capital" counts as the capital city (`geo/capital.py`).
2. `government`: a government speaking through its capital or country ("Tehran has condemned"): its country.
3. `nearby`: the latest place of the two preceding sentences of the same paragraph, one step less exact.
4. `document`: the dateline's country (a dateline says where the report was filed, and only its country is
   likely to be the event's); with no dateline, the country most of the document's places lie in.
Every step drops what `filters.may_locate` rules out: the dateline, credit lines (`credits`), someone's origin
(`origins`), and countries or capitals named as parties (`parties`). The words they read are in `words`, the
per-document data in `context`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ...model import Place, Toponym
from .context import DocContext
from .document import document_country
from .government import speaking_government
from .nearby import nearby_place
from .sentence import sentence_place

__all__ = ["locate_event"]


def locate_event(sent: Span, toponyms: list[Toponym]) -> Place | None:
    """The place where the event of `sent` happened, or None when nothing fits.

    `toponyms` are `geoparse` results for the whole document (offsets into `sent.doc.text`)."""
    ctx = _context(sent.doc, toponyms)
    return (
        sentence_place(ctx, sent)
        or speaking_government(ctx, sent)
        or nearby_place(ctx, sent)
        or document_country(ctx.datelines, ctx.main_place)
    )


# The context of the document being coded (its events are located one after the other). Kept here rather than in
# `Doc.user_data`, which `Doc.to_bytes` would have to serialise; one tuple, read and replaced whole (thread-safe).
_last: tuple[Doc, list[Toponym], int, DocContext] | None = None


def _context(doc: Doc, toponyms: list[Toponym]) -> DocContext:
    """The `DocContext` of `doc` with this very toponym list (same object, same length), built once."""
    global _last
    last = _last
    if last is not None and last[0] is doc and last[1] is toponyms and last[2] == len(toponyms):
        return last[3]
    ctx = DocContext(doc, toponyms)
    _last = (doc, toponyms, len(toponyms), ctx)
    return ctx
