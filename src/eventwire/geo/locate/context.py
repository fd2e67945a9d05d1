"""What locating needs of one document, computed once: every event of a document is located against the same
text, sentences and toponyms, and recomputing them per event would be quadratic in the document's length
(`Doc.text` is rebuilt from the tokens at each access)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise

from spacy.tokens import Doc

from ...model import Toponym
from ..capital import capital_toponyms
from ..gazetteer import Gazetteer, get_gazetteer
from .credits import names_outlet
from .document import demonym_home, main_place
from .parties import names_actor
from .tokens import place_of, span_of

FALLBACK_SENTENCES = 2


class DocContext:
    """What `locate_event` needs of one document and its toponyms: the resolved toponyms (with "the capital"
    phrases added), the datelines, the document's main place and the sentence bounds, with range look-ups."""

    def __init__(self, doc: Doc, toponyms: list[Toponym]):
        self.text = doc.text
        # An adjectival toponym ("Iraqi forces") names who acts, never where: it does not locate an event.
        gaz = get_gazetteer()
        self.resolved = [
            t
            for t in toponyms
            if t.place is not None and t.place.lat is not None and gaz.adjectival_place(t.text) is None
        ]
        self.starts = [t.start for t in self.resolved]
        # geoparse returns toponyms in text order; any other order is searched linearly (same results)
        self.in_text_order = all(a <= b for a, b in pairwise(self.starts))
        self.datelines = [t for t in self.resolved if t.is_dateline]
        self.main_place = main_place(
            [t for t in self.resolved if not names_actor(s := span_of(doc, t)) and not names_outlet(s)]
        )
        self._add_capitals(doc, gaz)
        sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in sents]
        self.sent_ends = [s.end_char for s in sents]

    def _add_capitals(self, doc: Doc, gaz: Gazetteer) -> None:
        """Add "the [Lurovian] capital" phrases that overlap no toponym, as toponyms of the capital city."""
        if "capital" not in self.text:
            return
        home = self.datelines[0].place if self.datelines else self.main_place
        phrases = capital_toponyms(doc, gaz, home.country if home is not None else demonym_home(gaz, doc))
        # "Peru's capital" holds the toponym "Peru": the phrase is the more exact place and replaces it.
        inner = {
            id(t)
            for c in phrases
            for t in self.resolved
            if c.start <= t.start
            and t.end <= c.end
            and place_of(t).precision == "country"
            and place_of(t).country == place_of(c).country
        }
        kept = [t for t in self.resolved if id(t) not in inner]
        phrases = [c for c in phrases if not any(t.start < c.end and c.start < t.end for t in kept)]
        if not phrases:
            return
        replaced = {
            i
            for i in inner
            if any(c.start <= t.start and t.end <= c.end for c in phrases for t in self.resolved if id(t) == i)
        }
        self.resolved = sorted([t for t in self.resolved if id(t) not in replaced] + phrases, key=lambda t: t.start)
        self.starts = [t.start for t in self.resolved]
        self.in_text_order = True

    def inside(self, lo: int, hi: int) -> list[Toponym]:
        """Resolved toponyms within [lo, hi], in input order."""
        if not self.in_text_order:
            return [t for t in self.resolved if lo <= t.start and t.end <= hi]
        return [t for t in self.resolved[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)] if t.end <= hi]

    def starting_in(self, lo: int, hi: int) -> list[Toponym]:
        """Resolved toponyms starting in [lo, hi), in input order."""
        if not self.in_text_order:
            return [t for t in self.resolved if lo <= t.start < hi]
        return self.resolved[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    def earlier_sentences_start(self, start_char: int) -> int | None:
        """Start of the first of the (up to) FALLBACK_SENTENCES last sentences ending by `start_char`."""
        k = bisect_right(self.sent_ends, start_char)  # sentence ends grow with the index: those are a prefix
        return self.sent_starts[max(0, k - FALLBACK_SENTENCES)] if k else None
