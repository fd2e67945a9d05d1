"""The words and codes event location reads, kept apart from the rules that use them (STYLE.md: language data in
small modules of its own). The open lists (speech verbs, media words, origin phrases, ...) are data in
`data/geo/event_place.yaml`; the closed ones (prepositions, feature codes, precision ranks) are written here."""

from __future__ import annotations

from ...resources import load_words, load_yaml
from .. import sources

LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "outside",
        "inside",
        "into",
        "across",
        "around",
        "throughout",
        "within",
        "toward",
        "towards",
        "along",
        "over",
        "off",
        "between",
        "to",
        "from",
    }
)
STRONG_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "on", "around", "throughout", "within"})
# Prepositions that put something inside a country ("in Iraq", "across Iraq"); "Death to America", "talks between the
# US and Iran", "a strike by America" name it as a party.
COUNTRY_PLACING = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "into",
        "over",
        "on",
        "off",
        "along",
    }
)
ACTOR_HEADS = frozenset(
    {
        "forces",
        "force",
        "troops",
        "army",
        "government",
        "officials",
        "official",
        "police",
        "military",
        "soldiers",
        "militants",
        "authorities",
        "ministry",
        "minister",
        "president",
        "leaders",
        "leader",
        "embassy",
        "navy",
        "regime",
        "spokesman",
        "media",
        "state",
    }
)
PRECISION_RANK = {"point": 4, "city": 3, "relative": 3, "admin1": 2, "country": 1}
COARSER = {"point": "city", "city": "admin1", "relative": "relative", "admin1": "country", "country": "country"}

_LEXICON = load_yaml("geo/event_place.yaml")
SPEECH_VERBS = load_words("words/speech_verbs.yaml", "government_speech_verbs")
PRESSURE_NOUNS = frozenset(str(w) for w in _LEXICON["pressure_nouns"])
WATER_WORDS = frozenset(str(w) for w in _LEXICON["water_words"])
MEDIA_WORDS = frozenset(str(w) for w in _LEXICON["media_words"])
NEWS_AGENCIES = frozenset(str(w) for w in _LEXICON["news_agencies"])
ORIGIN_AFTER = frozenset(str(w) for w in _LEXICON["origin_after"])
ORIGIN_BEFORE = frozenset(str(w) for w in _LEXICON["origin_before"])
ORIGIN_PEOPLE = load_words("words/people_nouns.yaml", "origin_people")
KIND_OF_WORDS = frozenset(str(w) for kind in _LEXICON["kind_of"].values() for w in kind)

WATER_CODES = frozenset({"LK", "SEA", "OCN", "GULF", "STRT", "STM", "BAY", "CNL", "RSV", "LGN"})
# Governments speak through their capitals and countries ("Washington said", "sanctions on Tehran").
METONYM_CODES = frozenset({sources.CAPITAL, sources.COUNTRY})
