"""What a name is, for the person grammar (`pipeline.grammar.persons`): the readings it makes
(`PersonHit`), whether a string is a personal name and how likely (`Names`), what bounds a name in
running text (`Edges`), and the shapes of names the readers of entries and of running text both
step over.

Names: a surname (single, compound such as 張簡 歐陽 范姜, or a woman's two surnames 呂陳) and a
given name of one or two characters; indigenous and transliterated names whose parts are joined
by a dot (巴干‧巴萬) or carry a romanised part (鄭天財Sra Kacaw); romanised names in rosters.

Kept apart from the readers (`pipeline.grammar.entries`, `pipeline.grammar.rosters`,
`pipeline.grammar.persons`) because all of them, and the extractors, ask it; it asks none of them.
Everything runs on the compact view (folded, no whitespace); offsets are compact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from pipeline.chars import CJK_CLASS, NAME_DOTS, is_cjk
from pipeline.lexicon import Lexicon
from pipeline.memo import PROCESS_MEMO_LIMIT, Memo
from pipeline.words import Words

# the heads of a group an association or a school names by its task (文宣組長, 活動組長, 總務股長)
GROUP_HEADS = frozenset({"組長", "股長", "副組長"})
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]*(?:[.\-][A-Z][A-Za-z'\-]*)*(?:[A-Z][a-z][A-Za-z'\-]*)*")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'\-]*(?:\.[A-Za-z][A-Za-z'\-]*)*")
_NAME_PART = f"[{CJK_CLASS}]"
# the parts of a transliterated name joined by dots (撒韵·武荖)
_DOTTED_NAME = re.compile(f"{_NAME_PART}{{1,6}}(?:[{re.escape(NAME_DOTS)}]{_NAME_PART}{{1,6}})+")


class PersonHit(NamedTuple):
    """A reading of one person (immutable; a named tuple because the grammar makes tens of
    thousands of them per corpus and a frozen dataclass costs several times more to create)."""
    start: int  # compact offsets of the whole mention, title included
    end: int
    name: str  # the name on the compact view
    name_parts: tuple[tuple[int, int], ...]
    title: str | None
    form: str
    score: float
    division: tuple[int, int] | None = None  # a unit written with the person (社會局局長張乃千)
    absent: bool = False
    stand_in_for: str | None = None  # this person attended for that one (李小華 for 王大明)
    evidence: tuple[str, ...] = ()


class Names:
    """Is a string a personal name, and how likely: surnames and their frequency decide."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        self.foreign = lex.foreign_surnames
        self.not_in_names = lex.words_of("not_in_names")
        self.particles = frozenset("於和與的及或並但在向對")
        self.courtesy = lex.courtesy
        # 0 when a string cannot be a name; else a weight in (0, 1] (each string's kept)
        self.score: Callable[[str], float] = Memo(self._score, PROCESS_MEMO_LIMIT).__getitem__
        # … and of a string that a list bounds on both sides (a roster's entry): there 和 or 於 ends
        # the name, not a phrase running on (黃朝和)
        self.entry_score: Callable[[str], float] = Memo(self._entry_score, PROCESS_MEMO_LIMIT).__getitem__
        # (the grammars ask these of the same few thousand strings again and again: kept too)
        self.is_surname: Callable[[str], bool] = Memo(self._is_surname, PROCESS_MEMO_LIMIT).__getitem__
        self.cjk_ok: Callable[[str], bool] = Memo(self._cjk_ok, PROCESS_MEMO_LIMIT).__getitem__

    def surname_weight(self, s: str) -> float:
        rank = self.surnames.get(s)
        if rank is None:
            return 0.0
        return 1.0 if rank <= 100 else 0.85 if rank <= 300 else 0.7 if rank <= 1000 else 0.5

    def surname_lengths(self, s: str) -> list[int]:
        """Surname lengths a string may start with, compound first."""
        out = []
        if s[:2] in self.compound:
            out.append(2)
        if s[:1] in self.surnames:
            out.append(1)
        return out

    def _is_surname(self, s: str) -> bool:
        return s in self.compound or (len(s) == 1 and s in self.surnames) or self.double(s)

    def double(self, s: str) -> bool:
        """Two common surnames written together: the rarer double surnames (簡張, 劉張) the
        lexicon does not list, and a married woman's two surnames (呂陳)."""
        return len(s) == 2 and s[0] != s[1] and all(self.surnames.get(c, 10 ** 6) <= 200 for c in s)

    def _cjk_ok(self, s: str) -> bool:
        """Every character of s is an ideograph that may stand in a name."""
        return bool(s) and all(is_cjk(c) and c not in self.not_in_names for c in s)

    def _entry_score(self, s: str) -> float:
        return self._score(s, bounded=len(s) == 3)  # (a surname and a two-character given name)

    def _score(self, s: str, bounded: bool = False) -> float:
        if not s:
            return 0.0
        if any(c in NAME_DOTS for c in s[1:-1]) or any("A" <= c <= "z" for c in s):
            return self._mixed_score(s)
        if not self.cjk_ok(s) or not 2 <= len(s) <= 4:
            return 0.0
        if self.lex.titles.get(s[1:]) is not None or self.lex.titles.get(s[2:]) is not None \
                or self.lex.titles.get(s) is not None:
            return 0.0  # 陳市長, 黃主任委員: a surname and a title, not a name (nor 校長 alone)
        if s.endswith(self.lex.org_words) and len(s) >= 3:
            return 0.0  # 經發局, 工務處: a unit's name, not a person's
        if len(s) >= 3 and s.endswith(self.courtesy):
            return 0.0  # 左帥同學, 王小姐: a name and a courtesy form, not a name
        if s in self.compound:
            return 0.3  # 張廖, 歐陽: a compound surname, rarely a whole name
        if len(s) == 2 and s[0] == s[1]:
            return 0.0  # 謝謝, 剛剛: a doubled character is a word, not a surname and a given name
        best = 0.0
        if s[:2] in self.compound and 1 <= len(s) - 2 <= 2:
            best = 0.95
        if any(s[:k] in self.foreign for k in range(max(1, len(s) - 2), len(s))):
            best = max(best, 0.8)
        w = self.surname_weight(s[0])
        if s[-1] in self.particles and not bounded:
            w *= 0.5  # 鄧翔於: a name in running text rarely ends with 於, 和, 的
        if w and 1 <= len(s) - 1 <= 2:
            best = max(best, w)
        elif w and len(s) == 4 and self.surname_weight(s[1]):
            best = max(best, 0.6 * w)  # a married woman's name with both surnames (呂陳玉女)
        return best

    def _mixed_score(self, s: str) -> float:
        """巴干‧巴萬, 鄭天財SraKacaw, Sufin.Siluko, KolasYotaka."""
        m = re.match(r"^([^\x00-\x7f]*)(.*)$", s)
        assert m is not None
        cjk, latin = m.group(1), m.group(2)
        if latin and not _LATIN_NAME.fullmatch(latin):
            return 0.0
        if cjk:
            parts = [p for p in re.split(f"[{re.escape(NAME_DOTS)}]", cjk) if p]
            if len(parts) >= 2:
                if cjk.endswith(self.lex.org_words):
                    return 0.0  # 阿洛‧武荖消防局: a name glued to a unit
                return 0.9 if all(1 <= len(p) <= 8 and all(is_cjk(c) for c in p) for p in parts) else 0.0
            if latin:
                return self.score(cjk) if len(latin) >= 2 else 0.0  # 鄭天財Sra Kacaw weighs as 鄭天財
            return 0.0
        if latin.isupper():
            return 0.0  # PDIS, AIT, NCC: an acronym names an organisation, not a person
        return 0.75 if latin and len(latin) >= 4 else 0.0


@dataclass
class Edges:
    """What bounds a name in running text: `left(i)` is true when a name may start at compact
    position i, `right(i)` when a name may end right before i, `hard(i)` when nothing written
    runs across i (punctuation, a line or column break, the end). The people extractor builds
    them from the document (gaps, punctuation, units and titles it found, function words and
    the language's vocabulary)."""
    left: Callable[[int], int]  # 0 no, 1 the vocabulary says so, 2 surely
    right: Callable[[int], int]
    hard: Callable[[int], bool]
    split: Callable[[int], bool]  # a break inside a word cannot be: punctuation, a line break
    spaced: Callable[[int], bool] = lambda i: False  # one space (no line break) between i-1 and i

    def broken(self, a: int, b: int) -> bool:
        """A break inside (a, b): the characters do not read as one name."""
        return any(map(self.split, range(a + 1, b)))  # (no Python step per position where split is a memo)



def unit_like(s: str, lex: Lexicon) -> bool:
    """Does `s` end in a unit or an organisation word (交通部公路局, 政風室, 考試院)?"""
    if not s:
        return False
    if lex.known_units.ending_at(s, len(s)) is not None:
        return True
    return s.endswith(lex.org_words)


def latin(s: str) -> bool:
    return bool(s) and all(c.isascii() and (c.isalpha() or c in ".-'") for c in s)


def function_surname(ch: str, names: Names, words: Words) -> bool:
    """A character far more often a verb, adverb or preposition of the language than a surname
    (應, 向, 常: ranked past the hundredth surname, and frequent as words)."""
    entry = words.get(ch)
    rank = names.surnames.get(ch)
    return entry is not None and entry.freq >= 10000 and entry.tag in ("v", "d", "p", "c") \
        and (rank is None or rank > 100)


def starts_before(comp: str, end: int, lo: int) -> list[int]:
    """Where a name ending at `end` may start: two to four characters back, or back over a
    romanised part (周立鳳Sufin.Biho) or the dotted parts of a transliterated name (撒韵·武荖)."""
    core_end = end
    k = end
    while k > lo and (comp[k - 1].isascii() and (comp[k - 1].isalpha() or comp[k - 1] in ".-'")):
        k -= 1
    if k < end and k > lo and is_cjk(comp[k - 1]):
        core_end = k  # a romanised part: the Chinese name stands before it
    starts: list[int] = []
    k = core_end
    while k - 1 > lo and is_cjk(comp[k - 1]):
        j = k
        while j > lo and is_cjk(comp[j - 1]) and k - j < 6:
            j -= 1
        if j > lo and comp[j - 1] in NAME_DOTS and j - 1 > lo and is_cjk(comp[j - 2]):
            k = j - 1  # 撒韵·武荖: step back over the dot to the part before it
            continue
        break
    if k < core_end:
        starts += [k - n for n in (2, 3, 1, 4) if k - n >= lo]  # the first part of a dotted name
    else:
        starts += [core_end - n for n in (3, 2, 4) if core_end - n >= lo]
    return starts


def ends_after(comp: str, start: int, hi: int) -> list[int]:
    """Where a name starting at `start` may end: after two to four characters, after its
    romanised part, or after the dotted parts of a transliterated name."""
    m = _DOTTED_NAME.match(comp, start, hi)
    if m is not None:
        last_dot = max(comp.rfind(d, start, m.end()) for d in NAME_DOTS)
        return [last_dot + 1 + n for n in (2, 1, 3, 4, 5, 6) if last_dot + 1 + n <= m.end()]
    ends = [start + n for n in (3, 2, 4) if start + n <= hi and all(is_cjk(c) for c in comp[start:start + n])]
    for n in (3, 2, 4):
        latin = LATIN_RUN.match(comp, start + n) if start + n < hi else None
        if latin is not None and latin.end() - latin.start() >= 2 and all(is_cjk(c) for c in comp[start:start + n]):
            ends.insert(0, latin.end())
            break
    return ends
