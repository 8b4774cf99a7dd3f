"""A memo of answers by key, for the questions the grammars ask again and again.

The people grammar asks the same few thousand positions and strings hundreds of thousands of
times per corpus (can a name start here, is this a name, is this a word). `Memo` is a dict that
computes a missing answer once: its bound `__getitem__` is the question, so an answer already
known costs one lookup in C rather than a Python call and a lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V]):
    """`limit`: at most this many answers are kept (a memo that lives as long as the process, over
    a batch of any size, is emptied when it is full; the answers it held are computed again)."""

    def __init__(self, compute: Callable[[K], V], limit: int | None = None) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> V:
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value


# the bound of a memo kept for the whole process (the corpus's 485 documents ask ~30,000 strings)
PROCESS_MEMO_LIMIT = 200_000
