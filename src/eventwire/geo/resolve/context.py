"""Document context: readings that agree with each other's places, countries and divisions."""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np

from ...geodesy import haversine_km_array
from .. import sources
from ..gazetteer import Gazetteer
from .priors import BROAD_CODES
from .settings import WEIGHTS, ResolveWeights


def plausible(gaz: Gazetteer, ids: tuple[int, ...], prior: np.ndarray, weights: ResolveWeights = WEIGHTS) -> list[int]:
    """The point-like readings of a name (towns, not countries or seas) within `plausible_gap` of its best prior."""
    if not ids:
        return []
    best = float(prior.max())
    return [
        i
        for n, i in enumerate(ids)
        if prior[n] >= best - weights.plausible_gap
        and gaz.feature_code[i] not in BROAD_CODES
        and gaz.feature_code[i] != sources.ADM1
    ]


def colocation(
    gaz: Gazetteer,
    keys: list[str],
    cands: dict[str, tuple[int, ...]],
    priors: dict[str, np.ndarray],
    weights: ResolveWeights = WEIGHTS,
) -> dict[str, np.ndarray]:
    """Bonus for readings near a plausible reading of another name, before any pick is made: "Springfield" next
    to "Chicopee" starts as Springfield, Massachusetts, though alone it leans to the bigger Springfields. Readings
    within `coloc_near_km` of each other get more: "Richmond" beside "Ardley County" is the Richmond inside that
    county, not the one 80 km from another Ardley County. The first pick then starts from readings that agree with
    each other; the context passes decide from there."""
    w = weights
    pts = {key: plausible(gaz, cands[key], priors[key], w) for key in keys}
    out = {}
    for key in keys:
        others = [i for k2 in keys if k2 != key for i in pts[k2]]
        bonus = np.zeros(len(cands[key]))
        if others and cands[key]:
            idx = np.fromiter(cands[key], dtype=np.int64)
            oth = np.fromiter(others, dtype=np.int64)
            d = haversine_km_array(
                gaz.lat[idx][:, None], gaz.lon[idx][:, None], gaz.lat[oth][None, :], gaz.lon[oth][None, :]
            )
            dmin = d.min(axis=1)
            bonus = np.where(dmin < w.coloc_near_km, w.coloc_near_bonus, w.coloc_bonus * (dmin < w.coloc_km))
        out[key] = bonus
    return out


def context_pass(
    gaz: Gazetteer,
    keys: list[str],
    groups: dict[str, list[int]],
    cands: dict[str, tuple[int, ...]],
    evidence: dict[str, np.ndarray],
    pick: dict[str, int | None],
    date_key: str | None,
    countries: dict[str, float],
    weights: ResolveWeights = WEIGHTS,
) -> tuple[dict[str, int | None], dict[str, float]]:
    """New picks (and their confidence) from `evidence` (priors plus containers) and the context the current picks
    give: the share of the document's weight in each reading's country and division, and its nearest other place."""
    w = weights
    cc_w: dict[str, float] = defaultdict(float, countries)
    a1_w: dict[tuple[str, str], float] = defaultdict(float)
    points = []
    for key in keys:
        n = pick[key]
        if n is None:
            continue
        i = cands[key][n]
        weight = _name_weight(key, groups, date_key, w)
        cc = gaz.country[i]
        if cc:
            cc_w[cc] += weight
        if gaz.admin1[i]:
            a1_w[(cc, gaz.admin1[i])] += weight
        if gaz.feature_code[i] not in BROAD_CODES and gaz.feature_code[i] != sources.ADM1:
            points.append((key, float(gaz.lat[i]), float(gaz.lon[i])))
    new_pick: dict[str, int | None] = {}
    scores: dict[str, float] = {}
    for key in keys:
        ids = cands[key]
        if not ids:
            new_pick[key] = None
            continue
        own = pick[key]
        own_id = ids[own] if own is not None else None
        own_w = _name_weight(key, groups, date_key, w)
        total = sum(cc_w.values()) - own_w
        ctx = np.zeros(len(ids))
        idx = np.fromiter(ids, dtype=np.int64)
        if total > 0:
            for n, i in enumerate(ids):
                cc = gaz.country[i]
                wc = cc_w.get(cc, 0.0) - (own_w if own_id is not None and gaz.country[own_id] == cc else 0.0)
                ctx[n] += w.country_weight * wc / total
                a1 = gaz.admin1[i]
                if a1:
                    wa = a1_w.get((cc, a1), 0.0) - (
                        own_w if own_id is not None and gaz.country[own_id] == cc and gaz.admin1[own_id] == a1 else 0.0
                    )
                    ctx[n] += w.admin1_weight * wa / total
        others = [(la, lo) for k2, la, lo in points if k2 != key]
        if others:
            olat = np.array([p[0] for p in others])
            olon = np.array([p[1] for p in others])
            d = haversine_km_array(gaz.lat[idx][:, None], gaz.lon[idx][:, None], olat[None, :], olon[None, :])
            ctx += _proximity(d.min(axis=1), w)
        total_score = evidence[key] + ctx
        new_pick[key] = int(np.argmax(total_score))
        srt = np.sort(total_score)
        margin = float(srt[-1] - srt[-2]) if len(srt) > 1 else w.single_candidate_margin
        scores[key] = round(1.0 / (1.0 + math.exp(-margin)), 3)
    return new_pick, scores


def _name_weight(key: str, groups: dict[str, list[int]], date_key: str | None, w: ResolveWeights) -> float:
    """A name's weight in the document's distribution: more for the dateline, more for each further mention."""
    return 1.0 + (w.dateline_weight if key == date_key else 0.0) + w.repeat_weight * (len(groups[key]) - 1)


def _proximity(d: np.ndarray, w: ResolveWeights) -> np.ndarray:
    """Bonus by distance to the nearest other place: the nearest tier whose radius it is within, else 0."""
    out = np.zeros(len(d))
    for km, bonus in reversed(w.proximity_tiers):
        out = np.where(d < km, bonus, out)
    return out
