"""Toponym resolution: candidates from the gazetteer, ranked by a hand-weighted score (`settings.ResolveWeights`).

Evidence, in order of strength: an explicit container ("Elm Falls, Ardenne", "Springfield, Ill."), the kind of
place (countries, first-order divisions, capitals and curated facilities get priors; "the city of X" wants a town,
"X Health Minister" a division or country), population, the document's wording (local-news cues of the US,
Canada and the UK: dollar sums and North American phone numbers count for both the US and Canada), the
document's dominant countries and admin1 divisions (from the other toponyms), geographic proximity to the
other toponyms, and the dateline. Every mention of the same name in a document gets the same reading; a bare
name beside "<name> County" is that county unless it reads as a town inside it.

Modules: `names` (a mention's candidates), `priors` (context-free scores), `wording` (country evidence from the
text), `context` (agreement between readings), `core` (`resolve`), `acceptor` (the weak pass's context test).
"""

from __future__ import annotations

from .acceptor import make_acceptor
from .context import plausible
from .core import Resolution, resolve
from .names import alternate_only, base_name, candidates
from .priors import BROAD_CODES, priors
from .settings import WEIGHTS, ResolveWeights
from .wording import demonym_countries, locale_bonus

__all__ = [
    "BROAD_CODES",
    "WEIGHTS",
    "Resolution",
    "ResolveWeights",
    "alternate_only",
    "base_name",
    "candidates",
    "demonym_countries",
    "locale_bonus",
    "make_acceptor",
    "plausible",
    "priors",
    "resolve",
]
