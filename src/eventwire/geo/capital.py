""" "The capital" as an event place: "poured into the Sri Lankan capital", "held in the country's capital".

News names a country's capital by role as often as by name. Such a phrase is where an event happened, so
`locate_event` reads it as the capital city of the country it names (a demonym or a country's possessive), or, for a
bare "the capital", of the document's own country (its dateline's, else the one most of its places lie in). It is
no toponym of `geoparse`: geoparsing corpora do not annotate role phrases, and the city is not named in the text.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Toponym
from ..resources import load_yaml
from . import sources
from .gazetteer import Gazetteer

_LEXICON = load_yaml("geo/event_place.yaml")
MODIFIERS = frozenset(str(w) for w in _LEXICON["capital_modifiers"])
DETERMINERS = frozenset(str(w) for w in _LEXICON["capital_determiners"])
MAX_MODIFIER_TOKENS = 4  # "the Democratic Republic of Congo's capital" is past it: too rare to matter
CAPITAL_SCORE = 0.5  # a role phrase is weaker evidence than a name; the score is informational only


def capital_toponyms(doc: Doc, gaz: Gazetteer, home_country: str | None) -> list[Toponym]:
    """Toponyms (span of the phrase, place the capital city, precision "city") for each "the [X] capital" of
    `doc`; a bare one is the capital of `home_country` (alpha-3) and is skipped when that is None."""
    out = []
    for tok in doc:
        if tok.lower_ != "capital" or tok.pos_ not in ("NOUN", "PROPN") or not tok.text.islower():
            continue
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ == "city":
            end += 1  # "the capital city"
        elif end < len(doc) and (
            doc[end].lower_ == "of" or doc[end].pos_ in ("NOUN", "PROPN") and doc[end].text.islower()
        ):
            continue  # "the capital of Kenya" names it; "capital markets", "capital punishment" are no places
        start, country = _modifiers(doc, gaz, tok.i, home_country)
        if start is None or country is None:
            continue
        row = gaz.capital_row(country)
        if row is None:
            continue
        span = doc[start:end]
        out.append(
            Toponym(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                place=gaz.place(row, precision="city"),
                score=CAPITAL_SCORE,
            )
        )
    return out


def _modifiers(doc: Doc, gaz: Gazetteer, i: int, home_country: str | None) -> tuple[int | None, str | None]:
    """(first token of the phrase, country) for the words before "capital" at token i: a determiner, then only
    demonyms, a country's possessive name or `MODIFIERS`. (None, None) when anything else is there."""
    j = i - 1
    country = None
    while j >= 0 and i - j <= MAX_MODIFIER_TOKENS + 1:
        word = doc[j].lower_
        if word in DETERMINERS:
            return j, country or home_country
        if word in ("'s", "’s") and j > 0:
            named = _country_named(doc, gaz, j)
            if named is not None:
                # "Uganda's capital" needs no article; "the Ugandan capital" does ("Ugandan capital" is a noun phrase
                # of another kind: "Ugandan capital flows")
                first = named[1] + 1
                return (first - 1 if first > 0 and doc[first - 1].lower_ in DETERMINERS else first), named[0]
        if word in MODIFIERS:
            j -= 1
            continue
        named = _demonym_country(doc, gaz, j)
        if named is None:
            return None, None
        country, j = named
    return None, None


def _demonym_country(doc: Doc, gaz: Gazetteer, last: int) -> tuple[str, int] | None:
    """(country, token before it) for a country demonym of up to three words ending at token `last`."""
    for width in (3, 2, 1):
        first = last - width + 1
        if first < 0 or not doc[first].text[:1].isupper():
            continue
        row = gaz.adjectival_place(doc[first : last + 1].text)
        if row is not None and gaz.feature_code[row] == sources.COUNTRY:
            return gaz.country[row], first - 1
    return None


def _country_named(doc: Doc, gaz: Gazetteer, possessive: int) -> tuple[str, int] | None:
    """(country, token before it) for a country name of up to three words before the possessive at `possessive`
    ("Uganda's capital")."""
    for width in (3, 2, 1):
        first = possessive - width
        if first < 0 or not doc[first].text[:1].isupper():
            continue
        rows = [r for r in gaz.lookup(doc[first:possessive].text) if gaz.feature_code[r] == sources.COUNTRY]
        if rows:
            return gaz.country[rows[0]], first - 1
    return None
