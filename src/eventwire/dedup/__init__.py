"""Dedup stage: decide when several reports tell the same happening, and when documents are copies of one
wire story. Pure functions over typed records; the store (`eventwire.store.merging`) persists the result and
applies them incrementally at ingest time."""

from .fatalities import FatalityReport, Reconciled, reconcile_fatalities
from .near_dup import NEAR_DUP_THRESHOLD, band_keys, minhash_signature, signature_similarity
from .rules import MergeKey, MergeRules, key_from_event, match_score

__all__ = [
    "FatalityReport",
    "Reconciled",
    "reconcile_fatalities",
    "NEAR_DUP_THRESHOLD",
    "band_keys",
    "minhash_signature",
    "signature_similarity",
    "MergeKey",
    "MergeRules",
    "key_from_event",
    "match_score",
]
