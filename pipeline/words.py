"""Common words of Chinese: where a name or a unit's name cannot run on.

A name in running text must not be glued to the words around it: 經費簽報市長 is not 費簽報 and a
市長, 院長施政報告 is not a person 施政, 王組長補充報告 is not 王補充. Such checks need the
vocabulary of the language, not a list made for minutes: jieba's dictionary (MIT licence, about
350,000 words of Modern Chinese with their frequency and part of speech, in Simplified
characters) read from the installed `jieba` package and looked up through OpenCC's Traditional
to Simplified conversion. Only the dictionary file is read; jieba's segmenter is not used.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.memo import PROCESS_MEMO_LIMIT, Memo

# jieba's part-of-speech tags for names of people (its tagging of given names is loose, so a
# word tagged as a name is never taken as evidence against one)
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nz"})
# tags of words that do not continue a noun phrase: verbs, adverbs, prepositions, conjunctions,
# particles, pronouns, auxiliaries, numerals and measure words, time and place words
FUNCTION_TAGS = frozenset({"v", "d", "p", "c", "u", "ul", "uj", "uz", "uv", "ud", "ug", "r", "rr", "rz",
                           "m", "mq", "q", "t", "f", "y", "e", "o", "ad", "vd", "zg"})


GRAMMATICAL_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "d", "r", "rr", "rz", "y", "ad"})
PARTICLE_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "y"})
# tags of verbal nouns, adjectives and set phrases: words that are not given names either
VERBAL_TAGS = frozenset({"vn", "a", "an", "l", "i", "vg", "ag"})


@dataclass(frozen=True)
class Entry:
    freq: int
    tag: str


class Words:
    def __init__(self, entries: dict[str, Entry]) -> None:
        import opencc

        self._entries = entries
        self._to_simplified = opencc.OpenCC("t2s")
        # a word's entry, None where the dictionary lacks it (the same few thousand strings are
        # asked again and again: each answer is kept)
        self.get: Callable[[str], Entry | None] = Memo(self._look_up, PROCESS_MEMO_LIMIT).__getitem__

    def _look_up(self, word: str) -> Entry | None:
        if not word or len(word) > 4:
            return None
        return self._entries.get(self._to_simplified.convert(word))

    def common(self, word: str, min_freq: int = 3) -> bool:
        """A word of the language that is not (also) a name."""
        if not 2 <= len(word) <= 4:
            return False  # (one character: see `particle`, `grammatical`; the dictionary is read to four)
        e = self.get(word)
        return e is not None and e.freq >= min_freq and e.tag not in NAME_TAGS

    def verbal(self, word: str, min_freq: int = 3) -> bool:
        """A verb, an adverb, a function word or an idiom: not a given name (補充, 協助, 其中)."""
        e = self.get(word)
        return e is not None and e.freq >= min_freq and (e.tag in FUNCTION_TAGS or e.tag in VERBAL_TAGS)

    def grammatical(self, word: str) -> bool:
        """A preposition, conjunction, particle, adverb or pronoun: never inside a noun phrase's
        name (向, 並, 已經, 其他)."""
        e = self.get(word)
        if e is None or e.tag not in GRAMMATICAL_TAGS:
            return False
        if len(word) == 1:
            return e.tag in ("p", "c", "u", "uj", "ul")  # one character's tag is loose (務, 究 as adverbs)
        return e.tag != "d"  # 長期照護科: a two-character adverb may modify a name

    def particle(self, ch: str) -> bool:
        """A character that is above all a preposition, conjunction, particle or adverb (於, 和,
        的, 再, 已): words that follow a name."""
        e = self.get(ch)
        return e is not None and (e.tag in PARTICLE_TAGS or e.tag == "d")

    def preposition(self, ch: str) -> bool:
        """A character that is above all a preposition or a conjunction (向, 由, 和): a weak surname."""
        e = self.get(ch)
        return e is not None and e.tag in ("p", "c")

    def function(self, word: str) -> bool:
        """A verb, adverb, preposition, pronoun ... (not part of a unit's or a person's name)."""
        e = self.get(word)
        return e is not None and e.tag in FUNCTION_TAGS


@lru_cache(maxsize=1)
def common_words() -> Words:
    """The dictionary, read once per process (about a second)."""
    # the package's data file, found without importing jieba (its segmenter is not used)
    spec = importlib.util.find_spec("jieba")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = next((Path(f) / "dict.txt" for f in folders if (Path(f) / "dict.txt").is_file()), None)
    if path is None:
        raise RuntimeError(
            "the word list of the `jieba` package is missing: pip install jieba (a dependency of minutes)")
    text = path.read_text(encoding="utf-8")
    tokens = text.split()
    entries = {w: Entry(int(f), t) for w, f, t in zip(tokens[0::3], tokens[1::3], tokens[2::3], strict=True)
               if len(w) < 5}
    return Words(entries)
