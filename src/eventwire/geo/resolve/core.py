"""Resolution of a document's mentions: one reading per name, from priors, containers, wording and context."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ...geodesy import haversine_km
from .. import sources
from ..detect import Mention
from ..gazetteer import Gazetteer
from ..normalize import name_key, plain_key
from .context import colocation, context_pass
from .names import QUALIFIER_CODES, base_name, mention_candidates, settlement_suffix
from .priors import BROAD_CODES, priors
from .settings import WEIGHTS, ResolveWeights

NOT_SETTLEMENT = frozenset({sources.COUNTRY, sources.CONTINENT, sources.ADM1})
GOVERNED_CODES = frozenset({sources.COUNTRY, sources.ADM1})
COUNTY_WORDS = ("county", "parish")


@dataclass
class Resolution:
    place_id: int | None
    score: float


def resolve(
    gaz: Gazetteer,
    mentions: list[Mention],
    dateline: int | None = None,
    locale: dict[str, float] | None = None,
    countries: dict[str, float] | None = None,
    weights: ResolveWeights = WEIGHTS,
) -> list[Resolution]:
    """One `Resolution` per mention (same order). `dateline` is the index of the dateline mention, if any;
    `locale` a country -> bonus map from the document's wording (`locale_bonus`); `countries` extra country
    weights for the document context (`demonym_countries`)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for k, m in enumerate(mentions):
        # "Elm Falls Village" and "Elm Falls" in one story are one place: one group, one reading, no self-support.
        groups[name_key(base_name(gaz, m.text)) + ("#adj" if m.label == "ADJ" else "")].append(k)
    keys = list(groups)
    cands = {key: mention_candidates(gaz, [mentions[k] for k in groups[key]], weights) for key in keys}
    local = frozenset(locale or ())
    prior = {
        key: priors(gaz, cands[key], plain_key(base_name(gaz, mentions[groups[key][0]].text)), local, weights)
        for key in keys
    }
    contain = {key: _containers(gaz, mentions, groups[key], cands[key], weights) for key in keys}
    date_key = next((key for key in keys if dateline in groups[key]), None) if dateline is not None else None
    for key in keys:
        prior[key] = _add_written_kind(gaz, [mentions[k] for k in groups[key]], cands[key], prior[key], weights)
    if locale:
        for key in keys:
            prior[key] = prior[key] + np.array([locale.get(gaz.country[i], 0.0) for i in cands[key]])
    coloc = colocation(gaz, keys, cands, prior, weights)
    pick = {key: (int(np.argmax(prior[key] + contain[key] + coloc[key])) if cands[key] else None) for key in keys}
    evidence = {key: prior[key] + contain[key] for key in keys}
    scores: dict[str, float] = {}
    for _ in range(weights.context_passes):
        new_pick, scores = context_pass(gaz, keys, groups, cands, evidence, pick, date_key, countries or {}, weights)
        if new_pick == pick:
            break
        pick = new_pick
    out = [Resolution(None, 0.0)] * len(mentions)
    chosen = {key: (cands[key][picked] if (picked := pick[key]) is not None else None) for key in keys}
    for key in keys:
        pid = _own_county(gaz, key, chosen, weights)
        for k in groups[key]:
            out[k] = Resolution(pid, scores.get(key, 0.0))
    return out


def _containers(
    gaz: Gazetteer, mentions: list[Mention], group: list[int], ids: tuple[int, ...], w: ResolveWeights
) -> np.ndarray:
    """Container evidence: "X, Y" -> candidates of X inside one of Y's readings score higher, others lower."""
    out = np.zeros(len(ids))
    quals = [q for k in group if (q := mentions[k].qualifier) is not None]
    if not quals or not ids:
        return out
    qids = [
        q for qk in quals for q in gaz.lookup_qualifier(mentions[qk].text) if gaz.feature_code[q] in QUALIFIER_CODES
    ]
    inside = {(gaz.country[q], gaz.admin1[q] if gaz.feature_code[q] != sources.COUNTRY else "") for q in qids}
    for n, i in enumerate(ids):
        cc, a1 = gaz.country[i], gaz.admin1[i]
        if (cc, a1) in inside and a1:
            out[n] = w.contain_same_admin1
        elif (cc, "") in inside:
            out[n] = w.contain_same_country
        elif any(c == cc for c, _ in inside):
            out[n] = w.contain_country_only
        else:
            out[n] = w.contain_elsewhere
    return out


def _add_written_kind(
    gaz: Gazetteer, group: list[Mention], ids: tuple[int, ...], prior: np.ndarray, w: ResolveWeights
) -> np.ndarray:
    """`prior` plus the bonus from how the name is written: before a government title, as a division, as a town
    (added term by term, as the dev-set figures were measured)."""
    out = prior
    codes = [gaz.feature_code[i] for i in ids]
    if any(m.governed for m in group) and not any(m.settlement for m in group):
        # "Ardenne Health Minister": the province (or a country), whose government it is, not the city
        out = out + np.array([w.division_bonus * (c in GOVERNED_CODES) for c in codes])
    if any(m.division for m in group):  # "Washington state": the division, not the city
        out = out + np.array([w.division_bonus * (c == sources.ADM1) for c in codes])
    elif any(m.settlement or settlement_suffix(gaz, m.text) for m in group):
        # "the town of Wexcombe", "Quebec City": a town, not a district nor a country or a division ("the city of
        # Turkey" is Turkey, Texas)
        out = out + np.array(
            [w.division_bonus * c.startswith("PPL") - w.division_bonus * (c in NOT_SETTLEMENT) for c in codes]
        )
    return out


def _own_county(gaz: Gazetteer, key: str, chosen: dict[str, int | None], w: ResolveWeights) -> int | None:
    """The reading of name `key`; where the document also names "<key> County" ("unincorporated Ardley" beside "the
    Ardley County Commission"), the bare name is that county when its own reading lies far from it."""
    pid = chosen[key]
    for word in COUNTY_WORDS:
        county = chosen.get(f"{key} {word}")
        if county is None or gaz.feature_code[county] != sources.ADM2:
            continue
        if pid is None or gaz.feature_code[pid] in BROAD_CODES or gaz.feature_code[pid] == sources.ADM1:
            return pid if pid is not None else county
        d = haversine_km(gaz.lat[pid], gaz.lon[pid], gaz.lat[county], gaz.lon[county])
        return county if d > w.county_radius_km else pid
    return pid
