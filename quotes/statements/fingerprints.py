"""Fingerprints of statement words: winnowed hashes of word 3-shingles.

Each run of ``SHINGLE`` consecutive words is hashed (a stable 64-bit hash,
the same in every process); of each ``WINDOW`` consecutive shingle hashes the
smallest is kept (winnowing, as in Schleimer, Wilkerson and Aiken 2003). Two
texts that share a run of ``GUARANTEED`` words or more then share at least one
fingerprint, whatever surrounds the run: an excerpt of a longer quote, one half
of a split quote and a lightly edited copy all find each other through an
index of fingerprints, without comparing every pair. A text shorter than one
window keeps its smallest shingle hash; one shorter than a shingle has none.

Everything is computed on numpy arrays for many texts at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

SHINGLE = 3
WINDOW = 3
GUARANTEED = SHINGLE + WINDOW - 1
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], np.uint64)
_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_word_hashes: dict[str, int] = {}


def _word_hash(word: str) -> int:
    value = _word_hashes.get(word)
    if value is None:
        if len(_word_hashes) > 2_000_000:
            _word_hashes.clear()
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        value = _word_hashes[word] = int.from_bytes(digest, "little")
    return value


def _mix(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: every input bit moves every output bit."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def fingerprints(texts: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
    """The fingerprints of each word list in ``texts``, as two arrays of the same length:
    the index of the text (``int64``, ascending) and a fingerprint (``int64``, so SQLite
    stores it as an integer), each fingerprint once per text."""
    lengths = np.fromiter((len(words) for words in texts), np.int64, len(texts))
    total = int(lengths.sum())
    words = np.fromiter((_word_hash(w) for ws in texts for w in ws), np.uint64, total)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    starts = np.cumsum(lengths) - lengths
    local = np.arange(total, dtype=np.int64) - starts[owner] if total else owner
    valid = local <= lengths[owner] - SHINGLE
    if not valid.any():
        return np.empty(0, np.int64), np.empty(0, np.int64)
    index = np.flatnonzero(valid)
    hashes = _MULTIPLIERS[0] * words[index]
    for offset in range(1, SHINGLE):
        hashes = hashes + _MULTIPLIERS[offset] * words[index + offset]
    return _winnow(owner[index], _mix(hashes), local[index])


def _winnow(owner: np.ndarray, hashes: np.ndarray, local: np.ndarray) -> tuple[np.ndarray, ...]:
    """The smallest hash of each window of ``WINDOW`` shingles (the rightmost on ties)."""
    count = len(hashes)
    shingles = np.bincount(owner, minlength=int(owner[-1]) + 1)[owner]
    start = local <= np.maximum(shingles - WINDOW, 0)
    best = np.arange(count)
    for offset in range(1, WINDOW):
        other = np.minimum(np.arange(count) + offset, count - 1)
        same = (owner[other] == owner) & (np.arange(count) + offset < count)
        value = np.where(same, hashes[other], _MAX)
        better = same & (value <= hashes[best])
        best = np.where(better, other, best)
    chosen = best[start]
    owner, hashes = owner[chosen], hashes[chosen].view(np.int64)
    order = np.lexsort((hashes, owner))
    owner, hashes = owner[order], hashes[order]
    first = np.r_[True, (owner[1:] != owner[:-1]) | (hashes[1:] != hashes[:-1])]
    return owner[first], hashes[first]
