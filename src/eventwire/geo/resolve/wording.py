"""Country evidence from a document's wording: local-news cues and country adjectives."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from .. import sources
from ..gazetteer import Gazetteer
from .settings import WEIGHTS, ResolveWeights

# Wording only one country's local news uses: each kind found tips ambiguous names towards that country's readings
# ("Dublin" in a story about a township board and dollar grants is Dublin, Ohio; "London" in a story quoting
# "Const." officers and "the province" is London, Ontario). Capped so a named container still wins.
_LOCALE_CUES = {
    "USA": (
        re.compile(
            r"\b(?:Township|township|[Cc]ounty (?:[Cc]ommission|[Ss]heriff|[Bb]oard|[Cc]ourthouse)|Sheriff's)\b"
        ),
        re.compile(r"\b(?:Rep|Sen|Gov|Del)\. [A-Z][a-z]+"),
        re.compile(r"\b(?:City Council|[Bb]oard of [Ee]ducation|[Ss]chool [Bb]oard|Board of Supervisors|Elks|PTA)\b"),
    ),
    "CAN": (
        re.compile(r"\bConst\. [A-Z]"),
        re.compile(r"\b(?:RCMP|OPP|MPP|MNA|Crown attorney)\b"),
        re.compile(r"\b(?:[Tt]he province|provincial government|[Pp]remier [A-Z][a-z]+)\b"),
    ),
    "GBR": (
        re.compile(r"£\s?\d"),
        re.compile(r"\b(?:NHS|[Cc]ouncil tax|Borough Council|GCSEs?|A-levels?)\b"),
    ),
}
# North American phone numbers ("call 555-014-2231", "(555) 014-2231"): local news of the US or Canada, both.
_NANP_PHONE = re.compile(r"(?:\(\d{3}\)\s?|\b\d{3}[-.])\d{3}-\d{4}\b")
_DOLLARS = re.compile(r"\$\s?\d")
NANP_COUNTRIES = ("USA", "CAN")


def locale_bonus(text: str, weights: ResolveWeights = WEIGHTS) -> dict[str, float]:
    """Country -> bonus from the document's wording (local-news wording of the US, Canada and the UK)."""
    out = {}
    # Dollar sums and phone numbers are North American (US and Canadian) wording alike.
    shared = (_NANP_PHONE.search(text) is not None) + (_DOLLARS.search(text) is not None)
    for country, cues in _LOCALE_CUES.items():
        hits = sum(1 for rx in cues if rx.search(text)) + (shared if country in NANP_COUNTRIES else 0)
        if hits:
            out[country] = min(weights.locale_cue_cap, weights.locale_cue_bonus * hits)
    return out


def demonym_countries(gaz: Gazetteer, doc: Doc, weights: ResolveWeights = WEIGHTS) -> dict[str, float]:
    """Country -> context weight from the country adjectives of a parsed document ("French", "Canadian"): they
    are not toponyms by default, but they say which countries the story is about."""
    forms: dict[int, int] = defaultdict(int)
    for tok in doc:
        if tok.text[:1].isupper() and tok.is_alpha:
            row = gaz.adjectival_place(tok.text)
            if row is not None and gaz.feature_code[row] == sources.COUNTRY:
                forms[row] += 1
    out: dict[str, float] = defaultdict(float)
    for row, n in forms.items():
        out[gaz.country[row]] += weights.demonym_weight + weights.demonym_repeat_weight * (n - 1)
    return dict(out)
