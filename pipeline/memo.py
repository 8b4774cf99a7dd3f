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
    def __init__(self, compute: Callable[[K], V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: K) -> V:
        value = self[key] = self.compute(key)
        return value
