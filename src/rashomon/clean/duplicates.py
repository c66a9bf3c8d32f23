"""Near-duplicates: syndicated copies of one article, found with MinHash over word shingles."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from datasketch import MinHash, MinHashLSH

THRESHOLD = 0.8  # estimated Jaccard similarity of word shingles at which a text is a near-copy
SHINGLE = 3  # words per shingle
PERMUTATIONS = 128

_WORD = re.compile(r"\w+")


def minhash(text: str) -> MinHash:
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    signature = MinHash(num_perm=PERMUTATIONS, seed=1)
    signature.update_batch([s.encode("utf-8") for s in shingles if s])
    return signature


def near_duplicates(texts: Sequence[str]) -> list[int | None]:
    """For each text, the index of the first earlier text it nearly copies, else None."""
    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS, params=_bands())
    signatures = [minhash(t) for t in texts]
    result: list[int | None] = []
    for i, signature in enumerate(signatures):
        candidates = sorted(int(key) for key in index.query(signature))
        # LSH only proposes candidates; the signature estimate decides.
        match = next((j for j in candidates if signatures[j].jaccard(signature) >= THRESHOLD), None)
        result.append(match)
        index.insert(str(i), signature)
    return result


@cache
def _bands() -> tuple[int, int]:
    """LSH bands and rows for THRESHOLD; datasketch integrates to find them, so do it once."""
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    return lsh.b, lsh.r
