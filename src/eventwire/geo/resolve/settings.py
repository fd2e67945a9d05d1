"""Every weight and penalty of toponym resolution, in one typed object, with what it encodes and how it was set.

How they were set: by hand, one at a time, each when the rule it belongs to was added, reading the whole geo dev
set's errors (no half was held out then, and no weight is learned); the round numbers are deliberate, so that a
score can be read as "a container beats a kind-of-place prior beats population". The commit that introduced each
is named; where a later change would refit them, it should be on half A of the dev set, reporting half B.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import sources


def _type_prior() -> dict[str, float]:
    return {
        sources.COUNTRY: 5.0,
        sources.CONTINENT: 5.0,
        sources.ADM1: 3.0,
        sources.CAPITAL: 1.5,
        sources.ADM2: 0.5,
        sources.AIRBASE: 3.0,
        sources.AIRPORT: 0.5,
        "RGN": 4.0,
        "MILB": 4.0,
        "ZN": 4.0,
        "BDG": 3.0,
        "SQR": 3.0,
        "PSTB": 3.0,
        "SEA": 4.0,
        "OCN": 4.0,
        "GULF": 4.0,
        "STRT": 4.0,
        "LK": 3.0,
        "STM": 3.0,
        "CNL": 3.0,
        "ST": 2.0,
    }


@dataclass(frozen=True)
class ResolveWeights:
    # -- Candidates (745194c, the first resolver).
    max_candidates: int = 40  # the most populous readings kept per name
    # -- Priors: what a reading is worth before the document is read (745194c; the ADM1 rules 08341c8).
    # By kind of place: a country, a first-order division or a capital is what a bare name usually means in news.
    type_prior: dict[str, float] = field(default_factory=_type_prior)
    population_weight: float = 0.55  # per factor of 10 people: log10(population + 10)
    small_adm1_population: int = 1_000_000  # a first-order division smaller than this gets only...
    small_adm1_prior: float = 1.5  # ...this prior (a small state rarely beats a town of its name)
    big_city_population: int = 300_000  # a city this big (or a capital) is what its division's name means...
    named_after_city_penalty: float = 2.5  # ...so its division's prior drops by this ("Baghdad", "New York")
    exact_spelling_bonus: float = 1.0  # the name as written is the reading's own name
    # An alternate-name-only match of a town (66d7cf5): GeoNames alternate names are noisy.
    alt_only_penalty: float = 2.0
    # Small namesakes (069dec1, 0c4fcac): a town under this population named like a region or sea loses
    # `namesake_penalty`; named like a national capital, `capital_namesake_penalty` (not in a country whose
    # local-news wording the document uses).
    namesake_population: int = 100_000
    namesake_penalty: float = 3.0
    capital_namesake_penalty: float = 1.5
    spelling_penalty: float = 1.0  # matches only once folded while a well-known place is spelled exactly (0c4fcac)
    # -- How the name is written (745194c, 08341c8): "Washington state", "the town of X", "X Health Minister".
    division_bonus: float = 5.0  # as big as a country's prior: the wording decides the kind
    # -- Container after a comma ("Elm Falls, Ardenne"; 745194c): strongest evidence, above any prior gap.
    contain_same_admin1: float = 7.0
    contain_same_country: float = 4.0  # the container is the country itself
    contain_country_only: float = 2.0  # same country, another division
    contain_elsewhere: float = -2.0
    # -- The document's wording (66d7cf5): per kind of local-news cue of one country, capped below a container.
    locale_cue_bonus: float = 1.5
    locale_cue_cap: float = 3.0
    demonym_weight: float = 1.0  # a country adjective weighs like one mention of the country (66d7cf5)
    demonym_repeat_weight: float = 0.25  # each further use of it
    # -- Context passes (745194c): the document's countries, divisions and places as the other readings give them.
    context_passes: int = 2  # more passes changed no reading on the dev set; a stable pick stops early
    country_weight: float = 3.0  # times the share of the document's weight in the reading's country
    admin1_weight: float = 3.0  # the same for its first-order division ("Dublin" among Ohio towns) (a7b76f9)
    dateline_weight: float = 1.5  # extra weight of the dateline's reading in the document's distribution
    repeat_weight: float = 0.25  # extra weight per further mention of the same name
    # Nearest other place within km -> bonus, nearest first.
    proximity_tiers: tuple[tuple[float, float], ...] = ((50.0, 1.5), (200.0, 1.0), (600.0, 0.4))
    single_candidate_margin: float = 5.0  # the score margin of a name with one reading (score ~0.99)
    # -- Co-location before the first pick (069dec1; the near tier eacd3a1).
    plausible_gap: float = 1.0  # readings this close to a name's best prior lend support to others
    coloc_km: float = 100.0
    coloc_bonus: float = 1.0
    coloc_near_km: float = 40.0  # a town and its county, two neighbouring villages
    coloc_near_bonus: float = 1.5
    # -- A bare name beside "<name> County" (eacd3a1): the county unless its own reading lies this close to it.
    county_radius_km: float = 60.0
    # -- The weak pass's context test (745194c, a7b76f9, 069dec1).
    weak_radius_km: float = 150.0  # a reading this close to a place of the document supports a weak mention
    relaxed_population: int = 20_000  # a town this size is named in an organisation's name without other support
    alt_radius_km: float = 50.0  # a close alternative reading of a place entity supports a weak mention too...
    alt_population: int = 10_000  # ...when it is a town of this size


WEIGHTS = ResolveWeights()
