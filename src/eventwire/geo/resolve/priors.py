"""Context-free scores of a name's readings: kind of place, population, spelling, namesakes."""

from __future__ import annotations

import math

import numpy as np

from .. import sources
from ..gazetteer import Gazetteer
from ..normalize import name_key
from .names import ALT_NAME_CODES, alternate_only
from .settings import WEIGHTS, ResolveWeights

BROAD_CODES = frozenset({sources.COUNTRY, sources.CONTINENT, "RGN", "SEA", "OCN", "GULF", "STM"})
SPELLING_CODES = frozenset({sources.COUNTRY, sources.ADM1, sources.CAPITAL})


def priors(
    gaz: Gazetteer,
    ids: tuple[int, ...],
    plain: str,
    local: frozenset[str] = frozenset(),
    weights: ResolveWeights = WEIGHTS,
) -> np.ndarray:
    """Context-free score of each candidate: population, kind of place, exact spelling, primary-name match.
    `local`: countries whose local-news wording the document uses (their capitals' namesakes are not penalised)."""
    w = weights
    out = np.zeros(len(ids))
    key = name_key(plain)
    # Penalise alternate-name matches only where some candidate bears the name as its own: a name known only as
    # an alternate ("Bombay") keeps its ranking by population.
    alt = [alternate_only(gaz, i, key) for i in ids]
    penalise = not all(alt)
    # Divisions named after their big city ("Baghdad", "New York"): the bare name means the city.
    big_cities = {
        gaz.country[i]
        for i in ids
        if gaz.feature_code[i] in (sources.CITY, sources.CAPITAL)
        and (int(gaz.population[i]) >= w.big_city_population or gaz.feature_code[i] == sources.CAPITAL)
    }
    # A region or sea of exactly this name ("Middle East", "Pacific") outranks the small towns named after it: the
    # towns would otherwise win on the country context the region, having no country, never gets.
    broad = any(gaz.feature_code[i] in BROAD_CODES and gaz.plain[i] == plain for i in ids)
    capital = any(gaz.feature_code[i] == sources.CAPITAL and gaz.plain[i] == plain for i in ids)
    respelled = _respelled(gaz, ids, plain, key, w)
    for n, i in enumerate(ids):
        fcode = gaz.feature_code[i]
        pop = int(gaz.population[i])
        prior = w.type_prior.get(fcode, 0.0)
        if fcode == sources.ADM1:
            if pop < w.small_adm1_population:
                prior = w.small_adm1_prior
            if gaz.country[i] in big_cities:
                prior -= w.named_after_city_penalty
        score = w.population_weight * math.log10(pop + 10) + prior
        named_after_city = fcode == sources.ADM1 and gaz.country[i] in big_cities
        if gaz.plain[i] == plain and not named_after_city or gaz.plain[i] in (plain + " city", plain + " town"):
            score += w.exact_spelling_bonus  # "New York" is spelled like the city ("New York City") it means
        if penalise and alt[n]:
            score -= w.alt_only_penalty
        if fcode in ALT_NAME_CODES and pop < w.namesake_population:
            # A national capital's small namesakes rank lower ("Lima" in a story full of U.S. places is still
            # Lima, Peru), except in a country whose local-news wording the document uses.
            score -= (
                w.namesake_penalty
                if broad
                else w.capital_namesake_penalty
                if capital and (gaz.country[i] not in local)
                else 0.0
            )
        if respelled[n]:
            score -= w.spelling_penalty
        out[n] = score
    return out


def _respelled(gaz: Gazetteer, ids: tuple[int, ...], plain: str, key: str, w: ResolveWeights) -> list[bool]:
    """Per candidate: True when its own name matches `plain` only after folding while a well-known candidate is
    spelled exactly `plain` (`SPELLING_CODES`, or at least `namesake_population` people): "Samarra" is not Samara."""
    exact = any(
        gaz.plain[i] == plain
        and (int(gaz.population[i]) >= w.namesake_population or gaz.feature_code[i] in SPELLING_CODES)
        for i in ids
    )
    if not exact:
        return [False] * len(ids)
    return [gaz.plain[i] != plain and name_key(gaz.name[i]) == key for i in ids]
