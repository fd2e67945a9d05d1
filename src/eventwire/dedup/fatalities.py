"""Reconciling the death tolls of several reports of one happening.

Rule: syndicated copies count once (per document cluster, the highest-confidence report is kept). Of those,
the reports whose confidence is within `CONFIDENCE_BAND` of the best are "the highest-confidence reports",
and the merged toll is their low median (a number some report actually gave, never an average). The lowest and
highest figures of all reports are kept as the range, so a disputed toll stays visible.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

CONFIDENCE_BAND = 0.1


@dataclass(frozen=True)
class FatalityReport:
    count: int | None
    confidence: float = 0.5
    cluster_id: str = ""


@dataclass(frozen=True)
class Reconciled:
    fatalities: int | None
    low: int | None
    high: int | None


def reconcile_fatalities(reports: Iterable[FatalityReport]) -> Reconciled:
    """The merged toll and the range of all reported tolls (None when no report gives a number)."""
    known = [r for r in reports if r.count is not None]
    if not known:
        return Reconciled(None, None, None)
    per_cluster: dict[str, FatalityReport] = {}
    for r in known:
        kept = per_cluster.get(r.cluster_id)
        if kept is None or (r.confidence, r.count) > (kept.confidence, kept.count):
            per_cluster[r.cluster_id] = r
    best = max(r.confidence for r in per_cluster.values())
    top = [r.count for r in per_cluster.values() if r.confidence >= best - CONFIDENCE_BAND and r.count is not None]
    counts = [r.count for r in known if r.count is not None]  # all of them: `known` holds only counted reports
    return Reconciled(statistics.median_low(top), min(counts), max(counts))
