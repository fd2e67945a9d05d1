"""An event's `confidence`: the probability that an analyst would keep the record, from the evidence behind it.

A logistic function of a few general signals: how clearly the trigger words name the happening (lexicon weight),
how probable the learned model finds the event's type in its sentence, whether the doer and the one acted on are
known, the modality, and whether the happening is only named inside another one. Its weights live in
`settings.CONFIDENCE` and were fitted by `scripts/calibrate_confidence.py` on dev half A (records that match a gold
event of their document against those that do not), then checked on half B (calibration error, precision at
thresholds). Mentions of one happening pool their confidence later (`pooling.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .settings import CONFIDENCE, ConfidenceWeights

MODALITIES = ("claimed", "denied", "threatened", "hypothetical")


@dataclass(frozen=True)
class ConfidenceEvidence:
    trigger_weight: float
    model_probability: float | None  # None: the model did not read the sentence (a referenced happening)
    source_known: bool  # a doer with a country or sector
    target_known: bool
    modality: str
    referenced: bool

    def vector(self) -> list[float]:
        """The features, in the order of `ConfidenceWeights.weights` (see FEATURE_NAMES)."""
        p = self.model_probability
        return [
            self.trigger_weight,
            p if p is not None else 0.0,
            1.0 if p is None else 0.0,
            float(self.source_known),
            float(self.target_known),
            *(float(self.modality == m) for m in MODALITIES),
            float(self.referenced),
        ]


FEATURE_NAMES = (
    "trigger_weight",
    "model_probability",
    "model_unread",
    "source_known",
    "target_known",
    *(f"modality_{m}" for m in MODALITIES),
    "referenced",
)


def confidence(evidence: ConfidenceEvidence, weights: ConfidenceWeights | None = None) -> float:
    """P(the record is one an analyst keeps), rounded to 3 places."""
    weights = weights or CONFIDENCE
    score = weights.bias + sum(w * x for w, x in zip(weights.weights, evidence.vector(), strict=True))
    return round(1.0 / (1.0 + math.exp(-score)), 3)
