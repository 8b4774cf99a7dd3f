"""Character error rate for the benches: Levenshtein distance on whitespace-free NFKC text."""

from __future__ import annotations

import re
import unicodedata


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, row by row in numpy: within a row, insertions are a running minimum of
    (value - column), so each row is a few vector operations."""
    import numpy as np

    if not a:
        return len(b)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    cols = np.arange(len(b) + 1)
    prev = cols.copy()
    for i, ca in enumerate(a, 1):
        sub = prev[:-1] + (bb != ord(ca))
        tmp = np.empty_like(prev)
        tmp[0] = i
        tmp[1:] = np.minimum(prev[1:] + 1, sub)
        prev = np.minimum.accumulate(tmp - cols) + cols
    return int(prev[-1])


def cer(expected: str, got: str) -> float:
    """Edit distance / len(expected) on whitespace-free NFKC text."""
    a, b = norm(expected), norm(got)
    if not a:
        return 0.0 if not b else 1.0
    return edit_distance(a, b) / len(a)
