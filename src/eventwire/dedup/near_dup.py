"""Near-duplicate documents (syndicated copies of one wire story) with MinHash over word 5-shingles.

Signatures are split into `BANDS` bands of `ROWS` values; documents sharing a band are candidates (the LSH
trick, stored as indexed rows so the lookup scales with the store), and a candidate whose estimated Jaccard
similarity is at least `NEAR_DUP_THRESHOLD` is a copy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 16, 8  # LSH S-curve threshold ≈ (1/16)^(1/8) ≈ 0.71
SHINGLE_WORDS = 5
NEAR_DUP_THRESHOLD = 0.7
_SEED = 1
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    return MinHash(num_perm=NUM_PERM, seed=_SEED).permutations


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


def minhash_signature(text: str) -> list[int]:
    """MinHash signature of a text (NUM_PERM integers below 2**32)."""
    m = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme="affine32")
    m.update_batch(list(shingles(text)))
    return [int(v) for v in m.hashvalues]


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per band (band index included, so equal values in different bands differ)."""
    keys = []
    for b in range(BANDS):
        chunk = np.asarray(signature[b * ROWS : (b + 1) * ROWS], dtype=np.uint64).tobytes()
        digest = hashlib.blake2b(bytes([b]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def signature_similarity(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity of the two documents' shingle sets."""
    return float(np.mean(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64)))
