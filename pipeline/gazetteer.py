"""Word lists searched all at once: an Aho-Corasick automaton over the lexicon's words.

A `Gazetteer` maps words to payloads and finds every occurrence in one pass over a string (the
automaton is built once per lexicon), so scanning a document for hundreds of titles, units or
labels costs one pass, not one regex per word.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any, Generic, TypeVar

import ahocorasick

T = TypeVar("T")


class Gazetteer(Generic[T]):
    def __init__(self, entries: Mapping[str, T] | Iterable[tuple[str, T]]) -> None:
        items = list(entries.items()) if isinstance(entries, Mapping) else list(entries)
        self.words: dict[str, T] = {}
        for word, payload in items:
            if word:
                self.words[word] = payload
        self.max_len = max((len(w) for w in self.words), default=0)
        # the lengths the words have, longest first: starting_at and ending_at try only these
        self._lengths = sorted({len(w) for w in self.words}, reverse=True)
        # the characters words open and close with: most positions of a text hold none, and are
        # ruled out by one set lookup instead of a probe per word length
        self._firsts = frozenset(w[0] for w in self.words)
        self._lasts = frozenset(w[-1] for w in self.words)
        self._automaton = ahocorasick.Automaton()
        for word, payload in self.words.items():
            self._automaton.add_word(word, (len(word), payload))
        if self.words:
            self._automaton.make_automaton()

    def __contains__(self, word: object) -> bool:
        return word in self.words

    def __len__(self) -> int:
        return len(self.words)

    def get(self, word: str) -> T | None:
        return self.words.get(word)

    def iter(self, s: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, T]]:
        """Every occurrence (start, end, payload) in s[start:end], overlapping ones included,
        ordered by end position."""
        if not self.words:
            return
        end = len(s) if end is None else end
        for last, (length, payload) in self._automaton.iter(s, start, end):
            yield last + 1 - length, last + 1, payload

    def occurrences(self, s: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, T]]:
        """Every occurrence (start, end, payload) in s[start:end], as `iter`, in one list."""
        if not self.words:
            return []
        end = len(s) if end is None else end
        return [(last + 1 - length, last + 1, payload)
                for last, (length, payload) in self._automaton.iter(s, start, end)]

    def longest(self, s: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, T]]:
        """Non-overlapping occurrences, longest first where they overlap, leftmost on ties."""
        end = len(s) if end is None else end
        return longest_of(self.occurrences(s, start, end), start, end)

    def starting_at(self, s: str, pos: int, end: int | None = None) -> tuple[int, T] | None:
        """The longest word that starts at `pos` (its end and payload)."""
        end = len(s) if end is None else end
        if 0 <= pos < len(s) and s[pos] not in self._firsts:
            return None
        limit = end - pos
        for length in self._lengths:
            if length > limit:
                continue
            payload = self.words.get(s[pos:pos + length])
            if payload is not None:
                return pos + length, payload
        return None

    def ending_at(self, s: str, pos: int, start: int = 0) -> tuple[int, T] | None:
        """The longest word that ends at `pos` (its start and payload)."""
        if 0 < pos <= len(s) and s[pos - 1] not in self._lasts:
            return None
        limit = pos - start
        for length in self._lengths:
            if length > limit:
                continue
            payload = self.words.get(s[pos - length:pos])
            if payload is not None:
                return pos - length, payload
        return None


def longest_of(hits: list[tuple[int, int, T]], start: int, end: int) -> list[tuple[int, int, T]]:
    """Of occurrences found in [start, end), the non-overlapping ones, longest first where they
    overlap, leftmost on ties."""
    if len(hits) <= 1:
        return list(hits)
    # most lists hold no overlap at all (one title, two units apart): then every hit is kept
    ordered = sorted(hits, key=_START)
    last = ordered[0][1]
    for k in range(1, len(ordered)):
        if ordered[k][0] < last:
            break
        last = ordered[k][1]
    else:
        return ordered
    hits = sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0]))
    taken = bytearray(end - start + 1)  # positions already covered (linear in the range)
    out: list[tuple[int, int, T]] = []
    for a, b, payload in hits:
        if taken.find(1, a - start, b - start) != -1:
            continue
        taken[a - start:b - start] = b"\x01" * (b - a)
        out.append((a, b, payload))
    out.sort(key=_START)
    return out


_START = itemgetter(0)


class SharedScan:
    """Several gazetteers' words in one automaton: one pass over a text finds the occurrences of
    them all. A document's view is read for its titles, the words that are not titles and its
    units: one pass, not one per gazetteer (a pass costs by the text's length, the root's many
    first characters make each step slow, and one automaton over the three costs little more
    than the largest alone)."""

    def __init__(self, members: Sequence[Gazetteer[Any]], keep: int = 2) -> None:
        self.size = len(members)
        entries: dict[str, list[tuple[int, Any]]] = {}
        for k, g in enumerate(members):
            for word, payload in g.words.items():
                entries.setdefault(word, []).append((k, payload))
        self._automaton = ahocorasick.Automaton()
        for word, found in entries.items():
            self._automaton.add_word(word, (len(word), tuple(found)))
        self._empty = not entries
        if entries:
            self._automaton.make_automaton()
        self._keep = keep
        self._texts: dict[str, list[list[tuple[int, int, Any]]]] = {}

    def occurrences(self, s: str) -> list[list[tuple[int, int, Any]]]:
        """Each member's occurrences in the whole of s, as its `occurrences(s)` lists them (the
        members' words at one end come longest first in either automaton). Kept for the last few
        texts; the lists are shared, not to be changed."""
        found = self._texts.get(s)
        if found is None:
            found = [[] for _ in range(self.size)]
            if not self._empty:
                for last, (length, entries) in self._automaton.iter(s):
                    a, b = last + 1 - length, last + 1
                    for k, payload in entries:
                        found[k].append((a, b, payload))
            if len(self._texts) >= self._keep:
                del self._texts[next(iter(self._texts))]  # the text seen first
            self._texts[s] = found
        return found


class Occurrences(Generic[T]):
    """A gazetteer's occurrences in one text, found by one pass and then asked by range: a
    document's view is searched once rather than once per range a stage asks about."""

    def __init__(self, hits: list[tuple[int, int, T]]) -> None:
        self.hits = hits  # ordered by end, as the automaton reports them
        self.ends = [b for _, b, _ in hits]

    def within(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The occurrences inside [start, end), as `Gazetteer.occurrences(s, start, end)`."""
        hits = self.hits
        out: list[tuple[int, int, T]] = []
        for k in range(bisect_right(self.ends, start), len(hits)):  # (a loop, not a generator: one step less per hit)
            hit = hits[k]
            if hit[1] > end:
                break
            if hit[0] >= start:
                out.append(hit)
        return out

    def any_within(self, start: int, end: int) -> bool:
        """Does [start, end) hold an occurrence?"""
        return next(self._inside(start, end), None) is not None

    def _inside(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        hits = self.hits
        for k in range(bisect_right(self.ends, start), len(hits)):
            hit = hits[k]
            if hit[1] > end:
                return
            if hit[0] >= start:
                yield hit


@lru_cache(maxsize=256)
def word_matcher(words: tuple[str, ...]) -> Gazetteer[bool]:
    """A matcher over a list of words (payload True), built once per list rather than once per
    document: the extractors derive the same few lists from the lexicon for every document."""
    return Gazetteer({w: True for w in words})
