"""The context test of the weak pass: does the document support reading a name as a place?"""

from __future__ import annotations

import numpy as np

from ...geodesy import haversine_km_array
from .. import sources
from ..detect import Acceptor, Mention
from ..gazetteer import Gazetteer
from ..normalize import name_key, plain_key
from .context import plausible
from .core import Resolution
from .names import alternate_only, base_name, candidates
from .priors import BROAD_CODES, priors
from .settings import WEIGHTS, ResolveWeights


def make_acceptor(
    gaz: Gazetteer, mentions: list[Mention], resolutions: list[Resolution], weights: ResolveWeights = WEIGHTS
) -> Acceptor:
    """A test for weak mentions: accept a name already read as a place in this document, a prominent name, or
    one with a reading in an admin1 division or within `weak_radius_km` of a place the document mentions."""
    w = weights
    known = {name_key(m.text) for m in mentions}
    regions, pts = set(), []
    for r in resolutions:
        if r.place_id is None:
            continue
        i = r.place_id
        if gaz.admin1[i]:
            regions.add((gaz.country[i], gaz.admin1[i]))
        if gaz.feature_code[i] not in BROAD_CODES and gaz.feature_code[i] != sources.ADM1:
            pts.append((float(gaz.lat[i]), float(gaz.lon[i])))
    alt = _alternative_points(gaz, mentions, w)
    plat = np.array([p[0] for p in pts])
    plon = np.array([p[1] for p in pts])

    def accept(text: str, strict: bool = False, relaxed: bool = False) -> bool:
        key = name_key(text)
        if key in known or key in gaz.prominent or _country_acronym(gaz, text):
            return True
        if strict:
            return False
        # A weak mention needs a town of that very name: alternate names alone are too often people or words.
        base = name_key(base_name(gaz, text))
        ids = tuple(i for i in candidates(gaz, text, w) if not alternate_only(gaz, i, base))
        if not ids:
            return False
        if relaxed and any(
            int(gaz.population[i]) >= w.relaxed_population
            or gaz.feature_code[i] in BROAD_CODES
            or gaz.feature_code[i] in (sources.ADM1, sources.ADM2)
            for i in ids
        ):
            return True
        if any((gaz.country[i], gaz.admin1[i]) in regions for i in ids):
            return True
        if pts:
            idx = np.fromiter(ids, dtype=np.int64)
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], plat[None, :], plon[None, :])
            if (d < w.weak_radius_km).any():
                return True
        if alt.size:
            idx = np.fromiter(ids, dtype=np.int64)
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], alt[None, :, 0], alt[None, :, 1])
            return bool((d < w.alt_radius_km).any())
        return False

    return accept


def _country_acronym(gaz: Gazetteer, text: str) -> bool:
    """True for a country's initials ("U.S.", "UK", "USA"), too short to be prominent but never a person."""
    letters = text.replace(".", "")
    return (
        letters.isupper()
        and 2 <= len(letters) <= 4
        and any(gaz.feature_code[i] == sources.COUNTRY for i in gaz.lookup(text))
    )


def _alternative_points(gaz: Gazetteer, mentions: list[Mention], w: ResolveWeights) -> np.ndarray:
    """(lat, lon) rows of the close alternative readings of the place entities: "Wexcombe" supports reading
    "Farleigh" as the English town even where a Canadian one was picked before Wexcombe was found. Only towns of
    some size and a tight radius: every name has some village namesake near something."""
    rows = []
    for m in mentions:
        if m.label not in ("GPE", "LOC"):
            continue
        ids = candidates(gaz, m.text, w)
        if len(ids) > 1:
            rows += [
                (float(gaz.lat[i]), float(gaz.lon[i]))
                for i in plausible(gaz, ids, priors(gaz, ids, plain_key(base_name(gaz, m.text)), weights=w), w)
                if int(gaz.population[i]) >= w.alt_population
            ]
    return np.array(rows).reshape(-1, 2)
