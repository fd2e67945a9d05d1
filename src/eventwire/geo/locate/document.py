"""The document-country fallback: where a sentence and its neighbours name no place, its event is placed in the
dateline's country, else in the country most of the document's places lie in. A dateline says where the report
was filed, and only its country is likely to be the event's; a report with no dateline is still about somewhere."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from ...model import Place, Toponym
from ..gazetteer import Gazetteer, get_gazetteer
from ..resolve import demonym_countries
from .tokens import place_of

MAIN_COUNTRY_SHARE = 0.5


def document_country(datelines: list[Toponym], main_place: Place | None) -> Place | None:
    """The dateline's country (basis "document"), else with no dateline the country of `main_place`."""
    country = country_of(place_of(datelines[0])) if datelines else None
    if country is None and not datelines and main_place is not None:
        country = country_of(main_place)
    return replace(country, basis="document") if country is not None else None


def main_place(toponyms: list[Toponym]) -> Place | None:
    """A place in the country most of the document's toponyms lie in, when at least `MAIN_COUNTRY_SHARE` of them
    do: a report with no dateline is still about somewhere, and an event it tells far from any place name most
    likely happened there."""
    by_country: dict[str, list[Toponym]] = {}
    for t in toponyms:
        country = place_of(t).country
        if country:
            by_country.setdefault(country, []).append(t)
    if not by_country:
        return None
    best = max(by_country.values(), key=len)
    return best[0].place if len(best) >= MAIN_COUNTRY_SHARE * len(toponyms) else None


def demonym_home(gaz: Gazetteer, doc: Doc) -> str | None:
    """The country a report with no place name is about, from its country adjectives ("Chilean police said ...
    in the capital"): the one most written, when no other is written as often."""
    weights = sorted(demonym_countries(gaz, doc).items(), key=lambda kv: -kv[1])
    if not weights or len(weights) > 1 and weights[1][1] == weights[0][1]:
        return None
    return weights[0][0]


def country_of(place: Place) -> Place | None:
    """The country `place` lies in, as a place of precision "country" (None outside any country)."""
    gaz = get_gazetteer()
    row = gaz.country_row(place.country) if place.country else None
    return gaz.place(row, precision="country") if row is not None else None
