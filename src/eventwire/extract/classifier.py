"""The learned part of the event-type decision: a multinomial logistic model over `clause_features`.

It reads one sentence and gives a probability to each PLOVER type of its main happening and to NONE (no codable
happening), and separately to each modality. The lexicon proposes candidate triggers; this model says which of
their types the sentence is really about (or that it is about none). It was trained by `make train`
(`train/train_event_classifier.py`) on the project's own annotated sentences (`train/events/*.jsonl`), never on
evaluation data, and ships in the package as one small `.npz` file (vocabulary, weights, labels); no download.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
from spacy.tokens import Span

from ..errors import DataFileError, Errors
from ..resources import data_path
from .clause_features import sentence_features
from .triggers import Match

MODEL = "models/event_types.npz"
NO_EVENT = "NONE"


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)

    def probabilities(self, rows: list[int], values: list[float]) -> dict[str, float]:
        scores = self.bias.astype(np.float64).copy()
        if rows:
            scores += np.asarray(values, dtype=np.float64) @ self.weights[rows].astype(np.float64)
        scores -= scores.max()
        exp = np.exp(scores)
        probs = exp / exp.sum()
        return {label: float(p) for label, p in zip(self.labels, probs, strict=True)}


@dataclass(frozen=True)
class Models:
    vocabulary: dict[str, int]
    event_type: LinearModel
    modality: LinearModel


@dataclass(frozen=True)
class SentenceReading:
    """What the model reads in one sentence: P(type of its main happening) with NONE, and P(modality)."""

    types: dict[str, float]
    modality: dict[str, float]

    def best_type(self) -> tuple[str, float]:
        label = max(self.types, key=self.types.__getitem__)
        return label, self.types[label]

    def best_modality(self) -> tuple[str, float]:
        label = max(self.modality, key=self.modality.__getitem__)
        return label, self.modality[label]


@cache
def models() -> Models:
    path = data_path(MODEL)
    try:
        with np.load(path, allow_pickle=False) as data:
            vocab = [str(v) for v in data["vocabulary"]]
            event_type = LinearModel(
                tuple(str(v) for v in data["type_labels"]), data["type_weights"], data["type_bias"]
            )
            modality = LinearModel(
                tuple(str(v) for v in data["modality_labels"]), data["modality_weights"], data["modality_bias"]
            )
    except (OSError, KeyError, ValueError) as err:
        raise DataFileError(Errors.E009.format(path=path, where="", reason=f"unreadable model ({err})")) from None
    return Models({name: i for i, name in enumerate(vocab)}, event_type, modality)


def vectorise(features: dict[str, float], vocabulary: dict[str, int]) -> tuple[list[int], list[float]]:
    """Known features as (rows, values); values are log-scaled counts so a repeated word does not dominate."""
    rows, values = [], []
    for name, value in features.items():
        row = vocabulary.get(name)
        if row is not None:
            rows.append(row)
            values.append(math.log1p(value))
    return rows, values


def read_sentence(sent: Span, matches: list[Match]) -> SentenceReading:
    """The model's reading of `sent`, given its lexicon matches."""
    loaded = models()
    rows, values = vectorise(sentence_features(sent, matches), loaded.vocabulary)
    return SentenceReading(loaded.event_type.probabilities(rows, values), loaded.modality.probabilities(rows, values))
