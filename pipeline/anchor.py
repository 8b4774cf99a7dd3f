"""Whole-text searches anchored on a character their matches must hold.

A pattern that `finditer` tries at every position of a document costs a step per position; most
patterns cannot match without one character (a colon, a bracket, 年 or 號) at most a few
characters after their start. Those characters are found first, by one fast search, and the
pattern is tried only at the few starts within reach before each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def anchored(pattern: re.Pattern[str], s: str, anchor: tuple[re.Pattern[str], int],
             start: int = 0) -> Iterator[re.Match[str]]:
    """pattern.finditer(s, start), for a pattern that matches nothing empty, looks behind no
    further than `start` allows, and whose every match holds a match of `anchor`'s pattern at most
    its reach after the match's start: the pattern is tried only at the starts within reach before
    each anchor, not at every position (leftmost first, none overlapping, as finditer finds them)."""
    chars, reach = anchor
    pos = start  # where the next match may start
    tried = start  # every start below this was tried
    for a in chars.finditer(s, start):
        k = a.start()
        for p in range(max(pos, tried, k - reach), k + 1):
            m = pattern.match(s, p)
            if m is not None:
                yield m
                pos = m.end()
                break
        tried = max(tried, k + 1)
