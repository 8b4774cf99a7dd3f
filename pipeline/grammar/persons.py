"""The person grammar, one for the header and the body: names and how minutes pair them with
titles.

Names: a surname (single, compound such as 張簡 歐陽 范姜, or a woman's two surnames 呂陳) and a
given name of one or two characters; indigenous and transliterated names whose parts are joined
by a dot (巴干‧巴萬) or carry a romanised part (鄭天財Sra Kacaw); romanised names in rosters.

Forms (T = a title from `pipeline.grammar.titles`):
    name T      黃妙英股長          T name      組長王大明, 社會局局長張乃千
    sur T given 許議長崑源          sur T       涂組長
A list entry (a roster, a header value) is bounded by separators, so it is read with every form;
running text is read only where a title stands, and the name's edges must agree with the words
around it (`Edges`).

Everything runs on the compact view (folded, no whitespace); offsets are compact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from pipeline.chars import CJK_CLASS, NAME_DOTS, is_cjk
from pipeline.grammar.titles import Title, find_titles
from pipeline.lexicon import Lexicon
from pipeline.memo import PROCESS_MEMO_LIMIT, Memo
from pipeline.words import Words

# the heads of a group an association or a school names by its task (文宣組長, 活動組長, 總務股長)
_GROUP_HEADS = frozenset({"組長", "股長", "副組長"})
# words that make the unit after them any or every such unit (各村, 本里, 該處)
_EACH = frozenset("各每該本全")
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'\-]*(?:[.\-][A-Z][A-Za-z'\-]*)*(?:[A-Z][a-z][A-Za-z'\-]*)*")
_SEAT_CODE = re.compile(r"(?:[A-Za-z]{0,2}\d{1,3}[.、:)]?|\(\d{1,3}\)|[一二三四五六七八九十]{1,3}[、.])")
_PAREN = re.compile(r"\(([^()]*)\)")
_LEAD_NOTE = re.compile(r"\(([^()]{1,10})\)")  # a short note in brackets opening an entry
_NOTES = re.compile(r"\(([^()]+)\)")
_NOTE_PART = re.compile(r"[^,，;；、]+")  # a note's parts, between its separators
_ABSENT = ("請假", "缺席", "公假", "事假", "病假", "未出席")
_PROXY_END = ("代理", "代")
_ETC = re.compile(r"等(?:\d+|[一二三四五六七八九十百]+)?(?:人|位|名)?(?:\(.*)?$")
_PROXY_NOTE = re.compile(r"^(?:由)?(?P<who>.{2,12}?)(?:代理|代表|代為|代)(?:列席|出席|參加|主持)?[。.]?$")


# what one more entry costs when whitespace-separated pieces are glued into entries: a spaced
# layout (鄭 校長 元順) reads as one entry unless two entries read clearly better
ENTRY_COST = 0.5
# and what gluing pieces across a line break costs (a wrapped entry, 廖婉君委\n員, still glues)
NEWLINE_GLUE_COST = 0.4


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

    def _score(self, s: str) -> float:
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
        if s[-1] in self.particles:
            w *= 0.5  # 鄧翔於: a name rarely ends with 於, 和, 的
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

    def broken(self, a: int, b: int) -> bool:
        """A break inside (a, b): the characters do not read as one name."""
        return any(map(self.split, range(a + 1, b)))  # (no Python step per position where split is a memo)


def unit_prefix(comp: str, a: int, title: Title) -> tuple[int, int] | None:
    """民政課長: the unit is 民政課, its last character shared with the title (課長)."""
    head = comp[title.head_start:title.end]
    if a < title.start and title.start == title.head_start and len(head) == 2 and head[1] == "長":
        return a, title.head_start + 1
    return None


def parse_entry(comp: str, a: int, b: int, lex: Lexicon, names: Names, *,
                label_title: str | None = None) -> list[PersonHit]:
    """The people in one list entry: 陳志銘 / 代理校長大維 / 許議長崑源 / 簡任秘書彭定民 /
    康晏洲書記 / 社會局局長張乃千 / 王大明(李小華代) / 呂聖元(秘書長；請假) / (常務理事)許瑞榮."""
    while a < b and comp[a] in "、,，;；:：.。-*":
        a += 1
    while b > a and comp[b - 1] in "、,，;；:：.。-*等":
        b -= 1
    seat = _SEAT_CODE.match(comp, a, b)
    if seat and seat.end() < b:
        a = seat.end()
    dash = comp.rfind("-", a, b)
    if dash != -1 and comp.find("(", a, dash) == -1:
        a = dash + 1  # 市政府-市長陳菊, 本會-秘書長徐隆盛: the parent body, then the entry
    etc = _ETC.search(comp, a, b)
    if etc is not None:
        b = etc.start()  # 議員陳政聞等60人(如簽到簿): a name and the others it stands for
    if a >= b:
        return []
    notes: list[tuple[int, int]] = []
    core_end = b
    lead_title: str | None = None
    lead_note = _LEAD_NOTE.match(comp[a:b])
    if lead_note:
        titles = find_titles(comp, lex, a + 1, a + lead_note.end() - 1)
        if titles and titles[-1].end == a + lead_note.end() - 1:
            lead_title = titles[-1].text
            a += lead_note.end()
    first_paren = comp.find("(", a, b)
    if first_paren != -1:
        core_end = first_paren
        for m in _PAREN.finditer(comp, first_paren, b):
            notes.append((m.start(1), m.end(1)))
        if comp.find(")", first_paren, b) == -1:
            notes.append((first_paren + 1, b))  # a note that runs past the entry
    absent = any(w in comp[x:y] for x, y in notes for w in _ABSENT)
    hits: list[PersonHit] = []
    # 王大明李小華代 (no brackets) or 丁局長育群(黃一平代): someone attended for the named person
    stand_in: list[PersonHit] = []
    for x, y in notes:
        # (李小華代), (請假,由柏副部長鴻輝代表列席。): who attended in the named person's place
        for part in _NOTE_PART.finditer(comp[x:y]):
            proxy = _PROXY_NOTE.search(part.group(0))
            if proxy is not None:
                off = x + part.start() + proxy.start("who")
                stand_in += _core(comp, off, off + len(proxy["who"]), lex, names, None)
    courtesy = next((w for w in names.courtesy if comp.endswith(w, a, core_end)), None) \
        if comp.endswith(names.courtesy, a, core_end) else None
    if courtesy is not None and core_end - len(courtesy) - a >= 2:
        core_end -= len(courtesy)  # 學生代表左帥同學: the courtesy form after the name is no part of it
    core = comp[a:core_end]
    if not notes and core.endswith(_PROXY_END):
        cut = core_end - (2 if core.endswith("代理") else 1)
        split = _split_proxy(comp, a, cut, lex, names)
        if split is not None:
            core_end = split[0]
            stand_in += split[1]
        else:
            # 唐雪舫代: a stand-in, for someone the entry does not name
            stand_in += [_with(h, stand_in_for="") for h in _core(comp, a, cut, lex, names, None)]
            core_end = a
    main = _core(comp, a, core_end, lex, names, lead_title or label_title)
    if main and main[0].title is None:
        for x, y in notes:
            title = _title_in_note(comp, x, y, lex)
            if title is not None:
                main = [_with(main[0], title=title, evidence=("note",))]
                break
    if courtesy is not None and main and main[0].title is None:
        main = []  # 簡萬山同學: named by a courtesy form only, which is no title
    if not main and not stand_in and len(notes) == 1:
        main = _role_over_names(comp, a, core_end, notes[0], lex, names)
    for p in main:
        hits.append(_with(p, absent=absent))
    for p in stand_in:
        hits.append(_with(p, stand_in_for=main[0].name if main else None))
    return hits


def _role_over_names(comp: str, a: int, b: int, note: tuple[int, int], lex: Lexicon,
                     names: Names) -> list[PersonHit]:
    """廠商代表(吳淑惠、謝雲忠、塗素紅): a role, then the names that hold it in brackets."""
    titles = find_titles(comp, lex, a, b)
    if not titles or titles[-1].end != b or not 2 <= b - a <= 6 or not all(map(is_cjk, comp[a:b])):
        return []
    role = comp[a:b] if titles[0].start != a or len(titles) > 1 else titles[0].text
    out = []
    x, y = note
    for part in re.finditer(r"[^、,，;；\s]+", comp[x:y]):
        s, e = x + part.start(), x + part.end()
        score = names.score(comp[s:e]) if 2 <= e - s <= 4 else 0.0
        if not score or score < 0.6:
            return []  # (a note that is not a list of names: 家長代表(請假))
        out.append(PersonHit(s, e, comp[s:e], ((s, e),), role, "role_names", 0.8 * score))
    return out


def _split_proxy(comp: str, a: int, b: int, lex: Lexicon, names: Names) -> tuple[int, list[PersonHit]] | None:
    """徐國勇邱委員昌嶽 (…代): where the named person ends and the stand-in begins (the cut that
    reads best on both sides)."""
    best: tuple[float, int, list[PersonHit]] | None = None
    for cut in range(a + 2, b - 1):
        left = _core(comp, a, cut, lex, names, None)
        right = _core(comp, cut, b, lex, names, None)
        if left and right and left[0].score >= 0.5 and right[0].score >= 0.5:
            score = left[0].score + right[0].score + 0.3 * (right[0].title is not None)
            if best is None or score > best[0]:
                best = (score, cut, right)
    return (best[1], best[2]) if best else None


def _title_in_note(comp: str, x: int, y: int, lex: Lexicon) -> str | None:
    """呂聖元(秘書長；請假), 許瑞榮(成功大學物理系；共同主席): the note names a post."""
    for part in _NOTE_PART.finditer(comp[x:y]):
        titles = find_titles(comp, lex, x + part.start(), x + part.end())
        if titles and titles[-1].end == x + part.end():
            return titles[-1].text
    return None


def _core(comp: str, a: int, b: int, lex: Lexicon, names: Names, default_title: str | None) -> list[PersonHit]:
    """One entry without its notes: a name and its title in any order, maybe after a unit."""
    if b <= a:
        return []
    text = comp[a:b]
    if "/" in text:
        slashed = _slash_pair(comp, a, b, lex, names)
        if slashed is not None:
            return [slashed]
    titles = [t for t in find_titles(comp, lex, a, b)]
    if not titles:
        score = names.score(text)
        if score:
            return [PersonHit(a, b, text, ((a, b),), default_title, "bare", score * 0.9)]
        if default_title is not None and default_title.endswith("委員") and b - a >= 4 and text[1] == "委" \
                and is_cjk(text[0]) and names.score(text[2:]) >= 0.7:
            # 出席委員：財委張麗君、環委翁瓊玲: a member's post cut to its first character and 委
            # (財務委員, 環保委員), before the name
            return [PersonHit(a, b, text[2:], ((a + 2, b),), text[:2], "title_name", names.score(text[2:]) * 0.8)]
        # 政風室郭昆哲 / 交通部公路局王大明: a unit, then the name
        for n in (3, 2, 4):
            if b - n > a and names.score(comp[b - n:b]) >= 0.7 and unit_like(comp[a:b - n], lex):
                return [PersonHit(b - n, b, comp[b - n:b], ((b - n, b),), default_title, "unit_name",
                                  names.score(comp[b - n:b]) * 0.7, division=(a, b - n))]
        return []
    best: PersonHit | None = None
    for t in reversed(titles):
        before, after = comp[a:t.start], comp[t.end:b]
        cands: list[PersonHit] = []
        if (after and not before) or (after and before and not names.is_surname(before)):
            # 組長王大明 / 社會局局長張乃千 / 民政課長蔡向榮
            s = names.score(after)
            if s:
                div = None
                if before:
                    if unit_like(before, lex):
                        div = (a, t.start)
                    else:
                        div = unit_prefix(comp, a, t)
                        if div is None:
                            div = (a, t.start)
                            s *= 0.6  # 王大明局長李小華: more likely two entries glued
                cands.append(PersonHit(t.start if not before else a, b, after, ((t.end, b),), t.text,
                                       "title_name", s, division=div))
        if after and not before and not cands and 2 <= len(after) <= 3 and names.cjk_ok(after):
            # 代理校長大維: a name written without its surname, after its title
            cands.append(PersonHit(t.start, b, after, ((t.end, b),), t.text, "title_given", 0.5))
        given = after.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-'")
        romanised = after[len(given):]  # 鄭委員天財Sra Kacaw: the given name keeps its romanised part
        if before and after and names.is_surname(before) and 1 <= len(given) <= 2 and names.cjk_ok(given) \
                and (not romanised or _latin(romanised)):
            # 許議長崑源 (the council form)
            s = names.score(before + given) or 0.5 * names.surname_weight(before[:1])
            cands.append(PersonHit(a, b, before + after, ((a, t.start), (t.end, b)), t.text,
                                   "surname_title_given", max(s, 0.6)))
        if before and not after:
            s = names.score(before)
            if s and before not in names.compound:
                cands.append(PersonHit(a, b, before, ((a, t.start),), t.text, "name_title", s))
            elif names.is_surname(before):
                cands.append(PersonHit(a, b, before, ((a, t.start),), t.text, "surname_title",
                                       0.8 * max(names.surname_weight(before[:1]), 0.7 if len(before) == 2 else 0)))
            else:
                # 靜宜大學李名鏞助理教授: a unit, a name, its title (考試院秘書長 alone: no person)
                for n in (3, 2, 4):
                    x = t.start - n
                    if x > a and names.score(comp[x:t.start]) >= 0.7 and unit_like(comp[a:x], lex):
                        cands.append(PersonHit(x, b, comp[x:t.start], ((x, t.start),), t.text, "unit_name_title",
                                               names.score(comp[x:t.start]), division=(a, x)))
                        break
                if not cands and t.text in _GROUP_HEADS and len(before) >= 4:
                    # 王妤喬文宣組長: a name, then the head of a group named by its task (文宣組)
                    x = t.start - 2
                    if is_cjk(comp[x]) and is_cjk(comp[x + 1]) and names.score(comp[a:x]) >= 0.7:
                        cands.append(PersonHit(a, b, comp[a:x], ((a, x),), comp[x:b], "name_title",
                                               0.8 * names.score(comp[a:x])))
                if not cands:
                    # 李念祖第四分組委員: a name, its numbered panel or group, its title (a named unit
                    # there, 劉秀玲環境保護局局長, is more often the next entry's, title before name)
                    for n in (3, 2, 4):
                        x = a + n
                        if comp.startswith("第", x) and t.start - x >= 3 and names.score(comp[a:x]) >= 0.7 \
                                and unit_like(comp[x:t.start], lex):
                            cands.append(PersonHit(a, b, comp[a:x], ((a, x),), t.text, "name_unit_title",
                                                   0.9 * names.score(comp[a:x]), division=(x, t.start)))
                            break
        if before and after and not names.is_surname(before) and 1 <= len(after) <= 2 and names.cjk_ok(after):
            # 本會劉秘書師政: a unit, then the council form
            for sl in (2, 1):
                x = t.start - sl
                if x > a and names.is_surname(comp[x:t.start]) and unit_like(comp[a:x], lex):
                    cands.append(PersonHit(x, b, comp[x:t.start] + after, ((x, t.start), (t.end, b)), t.text,
                                           "surname_title_given", 0.9, division=(a, x)))
                    break
        if not before and not after:
            continue
        for c in cands:
            if best is None or c.score > best.score:
                best = c
        if best is not None:
            break
    if best is None and default_title is not None:
        # a title we could not place: 王大明 委 員 glued wrongly; read the bare name if it is one
        score = names.score(text)
        if score:
            return [PersonHit(a, b, text, ((a, b),), default_title, "bare", score * 0.8)]
    return [best] if best is not None else []


def _slash_pair(comp: str, a: int, b: int, lex: Lexicon, names: Names) -> PersonHit | None:
    """科長/詹康琴, 王聞淨/科長, 聘用助理/吳映慧(小PO), 經濟部 專員/陳嘉豪: a title and a name joined by
    a slash, in either order, a unit perhaps before the first."""
    k = comp.find("/", a, b)
    if k <= a or k + 1 >= b or comp.find("/", k + 1, b) != -1:
        return None
    for (ts, te), (ns, ne) in (((a, k), (k + 1, b)), ((k + 1, b), (a, k))):
        if comp[ne - 1] == ")" and (o := comp.rfind("(", ns, ne)) > ns:
            ne = o  # (陳嘉豪(PO): the name's note)
        title = next((t for t in find_titles(comp, lex, ts, te) if t.end == te), None)
        if title is None:
            continue
        division = None
        if title.start - ts > 2:
            if not unit_like(comp[ts:title.start], lex):
                continue
            division, ts = (ts, title.start), title.start  # 經濟部專員/陳嘉豪: the unit, then the title
        score = names.score(comp[ns:ne])
        if score < 0.5:
            # 農委會王聞淨/科長: the name after its unit
            cut = next((x for x in (ne - 3, ne - 2) if x > ns and names.score(comp[x:ne]) >= 0.7
                        and unit_like(comp[ns:x], lex)), None)
            if cut is None:
                continue
            division, ns, score = (ns, cut), cut, names.score(comp[cut:ne])
        return PersonHit(a, b, comp[ns:ne], ((ns, ne),), comp[ts:te],
                         "title_name" if ns > ts else "name_title", score * 0.9, division=division)
    return None


def _with(p: PersonHit, **changes: Any) -> PersonHit:
    return p._replace(**changes)


@lru_cache(maxsize=64)
def _up_to_four(words: frozenset[str]) -> tuple[str, ...]:
    """The words of one to four characters, as a tuple for one str.startswith over them all (made
    once per word list, not once per document)."""
    return tuple(w for w in words if 0 < len(w) <= 4)


def scan_text(comp: str, titles: list[Title], names: Names, edges: Edges, lex: Lexicon,
              known: dict[str, list[str]] | None = None, words: Words | None = None) -> list[PersonHit]:
    """People in running text, read at the titles: the best reading at each title.

    `known` maps a surname to given names already read in the document (the roster), so that
    許議長崑源 is read whole even where the given name is followed by more text. `words`, the
    language's vocabulary, keeps names from being glued to the words around them."""
    known = known or {}
    known_full = {sur + g for sur, gs in known.items() for g in gs}
    after_words = lex.words_of("after_titles")
    short_after_words = _up_to_four(after_words)
    after_numbers = lex.words_of("after_numbers")
    out: list[PersonHit] = []
    n = len(comp)

    def glued(a: int, b: int) -> bool:
        """The name comp[a:b] is part of a word rather than a name: 經費簽報, 施政報告."""
        if words is None:
            return False
        # a word across the name's edge, unless the edge is sure (a title's end: 隊長|孫崇, not 長孫)
        if a > 0 and edges.left(a) < 2 and words.common(comp[a - 1:a + 1], 20):
            return True
        if b < n and edges.right(b) < 2 and words.common(comp[b - 1:b + 1], 20):
            return True
        for k in (3, 4):
            if b < a + k <= n and not edges.broken(a, a + k) and words.common(comp[a:a + k], 3):
                return True
        return False

    def wordy(s: str) -> bool:
        """A verb, adverb or function word of the language (補充, 其中): a name only where the text
        ends right after it."""
        return words is not None and len(s) >= 2 and words.verbal(s)

    def name_ok(a: int, b: int) -> bool:
        if edges.broken(a, b):
            return False
        if comp[a:b] in known_full:
            return True
        if words is not None and b - a == 2 and not edges.hard(b) and words.common(comp[a:b], 1000):
            return False  # 主席宣告開會: a frequent word running on in the sentence, not a two-character name
        if words is not None and b - a == 2 and words.common(comp[a:b], 300) \
                and (names.surnames.get(comp[a]) or 10 ** 6) > 50:
            return False  # 市議員資訊…, 稽核查處: a word of the language whose first character is a rare surname
        if words is not None and b - a == 3 and wordy(comp[a + 1:b]) and words.common(comp[a + 1:b], 100) \
                and _function_surname(comp[a], names, words):
            return False  # 紀錄應分開: a verb or adverb (應, 將) that is also a rare surname, then a verb
        if words is not None and b - a == 3 and words.grammatical(comp[a + 1:b]):
            return False  # 官其中, 之以及: a pronoun or conjunction is no given name
        # (a rare doubled character, 玲玲 or 婷婷, is a given name although the dictionary tags it;
        # the frequent ones, 常常 or 剛剛, were turned away above)
        doubled = b - a == 2 and comp[a] == comp[a + 1]
        return not glued(a, b) and (not wordy(comp[a:b]) or edges.hard(b) or doubled)

    def sure(strength: int) -> float:
        return 1.0 if strength >= 2 else 0.85

    def given_at(p: int, sur: str) -> tuple[str, float]:
        """The given name after 許議長 (崑源), '' for none (涂組長補充報告), and how surely."""
        for given in known.get(sur, ()):
            if comp.startswith(given, p) and not edges.broken(p, p + len(given)) and not edges.split(p):
                return given, 1.0
        best: tuple[str, float] = ("", 0.0)
        if edges.split(p):
            return best
        # a word that follows titles, one to three characters long, starting at p
        one, two, three = comp[p:p + 1] in after_words, comp[p:p + 2] in after_words, comp[p:p + 3] in after_words
        for g in (2, 1):
            if p + g > n or not names.cjk_ok(comp[p:p + g]):
                continue
            # (a one-character word after titles, 和, starts a given name the text closes at once:
            # 紀委員和均:)
            if two or (g == 2 and three) or (one and (g == 1 or not edges.hard(p + g))):
                continue
            latin = _LATIN_RUN.match(comp, p + g)
            if latin and latin.end() - latin.start() >= 2 and edges.right(latin.end()):
                return comp[p:latin.end()], 1.0  # 呂秘書芬廷Sufin.Sing: with the romanised part
            if g == 1 and words is not None and (words.common(comp[p:p + 2], 3) or words.grammatical(comp[p])):
                continue  # 議員妥為說明, 院長依…: one character of a word, or a function word
            strength = edges.right(p + g)
            if strength and sure(strength) > best[1] and name_ok(p, p + g):
                best = (comp[p:p + g], sure(strength))
        return best

    def surname_ok(a: int, sur: str) -> bool:
        if a > 0 and comp[a - 1].isdigit() and sur in after_numbers:
            return False  # 12月30日市長: the day of a date, not a surname
        return True

    before_words = sorted(lex.words_of("before_names"), key=len, reverse=True)
    before_set = frozenset(before_words)
    before_tuple = tuple(before_words)  # (one str.startswith over all of them rules most places out)
    for k, t in enumerate(titles):
        ts, te = t.start, t.end
        prev_end = titles[k - 1].end if k else 0
        next_start = titles[k + 1].start if k + 1 < len(titles) else n
        cands: list[PersonHit] = []
        # surname before the title (涂組長 / 許議長崑源); none where a break stands before the title
        for sl in () if edges.hard(ts) else (2, 1):
            a = ts - sl
            sur = comp[a:ts]
            if a < prev_end or not names.is_surname(sur) or not surname_ok(a, sur) or edges.broken(a, ts) \
                    or not edges.left(a):
                continue
            if sl == 1 and a > 0 and (comp[a - 1] in "各每" or (sur == t.text[:1] and comp[a - 1] in _EACH)):
                break  # 各村村長, 各班導師, 本里里長: the head of every such unit, nobody named
            weight = (0.95 if sur in names.compound else 0.7) if sl == 2 else names.surname_weight(sur)
            if sl == 1 and sur in before_set:
                # 並向議員說明: 向 is far more often "to" than a surname (the lexicon's words before
                # names, in Traditional use: 于 is a surname there, the preposition is written 於)
                weight *= 0.5
            given, given_sure = given_at(te, sur) if te < next_start else ("", 0.0)
            left_sure = sure(edges.left(a))
            if given:
                cands.append(PersonHit(a, te + len(given), sur + given, ((a, ts), (te, te + len(given))), t.text,
                                       "surname_title_given", 0.85 * max(weight, 0.6) * left_sure * given_sure))
            else:
                cands.append(PersonHit(a, te, sur, ((a, ts),), t.text, "surname_title", 0.8 * weight * left_sure))
            break
        # a full name before the title (黃妙英股長, 撒韵·武荖秘書, 周立鳳Sufin.Biho副處長)
        if not edges.split(ts):
            for a in _starts_before(comp, ts, prev_end):
                s = names.score(comp[a:ts])
                if s and comp[a:ts] not in before_set and edges.left(a) and name_ok(a, ts):
                    lead = next((w for w in before_words if comp.startswith(w, a) and a + len(w) < ts), None) \
                        if comp.startswith(before_tuple, a) else None
                    if lead is not None:
                        s *= 0.6  # 經傅雲秘書長, 謝謝顏局長: a word that comes before names, then the name
                    cands.append(PersonHit(a, te, comp[a:ts], ((a, ts),), t.text, "name_title",
                                           0.9 * s * sure(edges.left(a))))
            u = ts - 2  # 王妤喬文宣組長: the head of a named group (文宣組), a word before its 組長
            if t.text in _GROUP_HEADS and u - 2 >= prev_end and is_cjk(comp[u]) and is_cjk(comp[u + 1]) \
                    and not edges.split(u) and all(c.form == "surname_title" for c in cands):
                for a in _starts_before(comp, u, prev_end):
                    s = names.score(comp[a:u])
                    if s >= 0.7 and edges.left(a) and name_ok(a, u):
                        # (not 宣組長, a surname and the title: the name stands before the group's word)
                        cands = [PersonHit(a, te, comp[a:u], ((a, u),), comp[u:te], "name_title",
                                           0.8 * s * sure(edges.left(a)))]
                        break
        # a full name after the title (組長王大明, 社會局局長張乃千, 代理主任伊萬·納威)
        if te < n and not edges.split(te) and not comp.startswith(short_after_words, te) \
                and edges.left(ts):  # (not before a word that follows titles: 理事長|連絡上屆…)
            after: list[PersonHit] = []
            for b in _ends_after(comp, te, next_start):
                s = names.score(comp[te:b])
                if s and edges.right(b) and name_ok(te, b):
                    after.append(PersonHit(ts, b, comp[te:b], ((te, b),), t.text, "title_name",
                                           0.9 * s * sure(edges.right(b)) * sure(edges.left(ts))))
            if after:
                cands.append(max(after, key=lambda c: c.score))  # the first of the best: ends come in order
        given_reading = next((c for c in cands if c.form == "surname_title_given"), None)
        if given_reading is not None:
            # 黃呂委員錦茹: two surnames, the title, the given name; not the two-character name 黃呂
            cands = [c for c in cands if not (c.form == "name_title" and c.start == given_reading.start
                                              and len(c.name) == 2)]
        if cands:
            out.append(max(cands, key=lambda c: (c.score, c.end - c.start)))
    return out


def _function_surname(ch: str, names: Names, words: Words) -> bool:
    """A character far more often a verb, adverb or preposition of the language than a surname
    (應, 向, 常: ranked past the hundredth surname, and frequent as words)."""
    entry = words.get(ch)
    rank = names.surnames.get(ch)
    return entry is not None and entry.freq >= 10000 and entry.tag in ("v", "d", "p", "c") \
        and (rank is None or rank > 100)


def unit_like(s: str, lex: Lexicon) -> bool:
    """Does `s` end in a unit or an organisation word (交通部公路局, 政風室, 考試院)?"""
    if not s:
        return False
    if lex.known_units.ending_at(s, len(s)) is not None:
        return True
    return s.endswith(lex.org_words)


def _latin(s: str) -> bool:
    return bool(s) and all(c.isascii() and (c.isalpha() or c in ".-'") for c in s)


def split_entries(comp: str, a: int, b: int, gap: Callable[[int], int], lex: Lexicon,
                  names: Names, newline: Callable[[int], bool] | None = None) -> list[tuple[int, int]]:
    """A list value cut into entries: at 、 , ; and, inside those, at whitespace where the
    pieces are entries of their own (王大明 李小华) but not where a spaced layout split one
    entry (科 長 鮑夏明, 陳 市 長, 廖婉君委\\n員). `gap(p)` is what separates p-1 and p in the text,
    false where nothing does (a document's `gap`: GapKind.NONE is 0)."""
    newline = newline or (lambda _: False)
    out: list[tuple[int, int]] = []
    depth = 0
    seg_start = a
    segments: list[tuple[int, int]] = []
    for i in range(a, b):
        ch = comp[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、,，;；|:：":
            if i > seg_start:
                sub = _sub_label(comp, seg_start, i, lex, newline) if ch in ":：" else None
                if sub is not None:
                    segments.append((seg_start, sub))  # …范毅軍\n監事：李靜媚: a title labels the next names
                    seg_start = sub
                segments.append((seg_start, i))
            seg_start = i + 1
    if b > seg_start:
        segments.append((seg_start, b))
    for sa, sb in segments:
        cuts = [p for p in range(sa + 1, sb) if gap(p) and comp.count("(", sa, p) == comp.count(")", sa, p)]
        if not cuts:
            out += _name_run(comp, sa, sb, lex, names) or [(sa, sb)]
            continue
        pieces = [(x, y) for x, y in zip([sa, *cuts], [*cuts, sb], strict=True)
                  if not _SEAT_CODE.fullmatch(comp, x, y)]  # C1 王大明: the seat code is no entry
        glued: list[tuple[int, int]] = []
        for x, y in pieces:
            if glued and _LATIN_RUN.match(comp, x) and _latin(comp[glued[-1][1] - 1]):
                glued[-1] = (glued[-1][0], y)  # 鄭天財Sra Kacaw: a romanised name holds spaces
            elif glued and not newline(x) and _note_of_previous(comp, x, y, lex):
                glued[-1] = (glued[-1][0], y)  # 朱有花 (中研院天文所), 江國興 (請假): the name's note
            else:
                glued.append((x, y))
        out += _best_segmentation(comp, _letter_spaced_names(comp, glued, names, newline), lex, names, newline)
    return out


def _letter_spaced_names(comp: str, pieces: list[tuple[int, int]], names: Names,
                         newline: Callable[[int], bool]) -> list[tuple[int, int]]:
    """倪 明 宗 校長: a run of two to four one-character pieces on one line that together read as a
    name is one name set letter-spaced, never a name and a surname with the next piece's title."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(pieces)
    while i < n:
        j = i
        while j < n and pieces[j][1] - pieces[j][0] == 1 and is_cjk(comp[pieces[j][0]]) \
                and (j == i or not newline(pieces[j][0])):
            j += 1
        if 2 <= j - i <= 4 and names.score(comp[pieces[i][0]:pieces[j - 1][1]]) > 0:
            out.append((pieces[i][0], pieces[j - 1][1]))
            i = j
        else:
            out.append(pieces[i])
            i += 1
    return out


def _name_run(comp: str, a: int, b: int, lex: Lexicon, names: Names) -> list[tuple[int, int]] | None:
    """黃富源曹汶龍江翠如蔡墩銘: names run together where a letter-spaced transcription lost the
    spaces between them; cut into names of two to four characters that all read as names, three
    characters preferred (the common length of Taiwanese names), or None."""
    n = b - a
    if n < 5 or n > 80 or not all(map(is_cjk, comp[a:b])) or find_titles(comp, lex, a, b):
        return None
    prior = {2: -0.15, 3: 0.0, 4: -0.3}
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 2, -1, -1):
        options = []
        for k in (2, 3, 4):
            rest = best[i + k] if i + k <= n else None
            if rest is None:
                continue
            score = names.score(comp[a + i:a + i + k])
            if score >= 0.9:
                options.append((rest[0] + prior[k] + score - 1.0, i + k))
        best[i] = max(options) if options else None
    if best[0] is None:
        return None
    out, i = [], 0
    while i < n:
        step = best[i]
        assert step is not None
        out.append((a + i, a + step[1]))
        i = step[1]
    return out if len(out) >= 2 else None


def _note_of_previous(comp: str, x: int, y: int, lex: Lexicon) -> bool:
    """Is comp[x:y] a bracketed note (an affiliation, 請假) rather than a bracketed title that heads
    the names after it ((理事), (常務監事))?"""
    notes = list(_NOTES.finditer(comp[x:y]))
    if not notes or sum(m.end() - m.start() for m in notes) != y - x:
        return False  # only bracketed notes: (清華大學天文所及物理系)(請假)
    for m in notes:
        titles = find_titles(comp, lex, x + m.start(1), x + m.end(1))
        if len(titles) == 1 and titles[0].start == x + m.start(1) and titles[0].end == x + m.end(1):
            return False
    return True


def _sub_label(comp: str, a: int, colon: int, lex: Lexicon, newline: Callable[[int], bool]) -> int | None:
    """Where a label of the names after its colon starts, when it opens a new line inside the
    segment comp[a:colon]: a title (陳貞玟、范毅軍\n監事：李靜媚) or a header label (…\n請假人員：…)."""
    for t in reversed(find_titles(comp, lex, a, colon)):
        if t.end == colon and t.start > a and newline(t.start):
            return t.start
        break
    for p in range(max(a + 1, colon - 6), colon - 1):
        if newline(p) and lex.labels.get(comp[p:colon]) is not None:
            return p
    return None


def _entry_quality(comp: str, x: int, y: int, lex: Lexicon, names: Names) -> float:
    """How well comp[x:y] reads as one list entry: a person with a title reads best, a bare
    name well, a unit or a lone title (the name comes in the next entry) a little."""
    hits = _core(comp, x, y, lex, names, None)
    if hits:
        quality = hits[0].score + (0.3 if hits[0].title is not None else 0.0)
    elif unit_like(comp[x:y], lex) or find_titles(comp, lex, x, y):
        quality = 0.1
    else:
        quality = -1.0
    return quality - ENTRY_COST


def _best_segmentation(comp: str, pieces: list[tuple[int, int]], lex: Lexicon, names: Names,
                       newline: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Glue whitespace-separated pieces into entries so that the entries read best in all
    (dynamic programming over the pieces; an entry spans at most five pieces)."""
    n = len(pieces)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i, min(n, i + 5)):
            if j > i and newline(pieces[j][0]) and comp[pieces[j][0] - 1] == ")":
                break  # 朱有花 (中研院天文所)\n(常務理事) 呂聖元: a note closing its line ends the entry
            q = _entry_quality(comp, pieces[i][0], pieces[j][1], lex, names)
            if j > i and newline(pieces[j][0]):
                q -= NEWLINE_GLUE_COST  # a line break ends an entry more often than it wraps one
            options.append((q + best[j + 1][0], j + 1))
        best[i] = max(options, key=lambda o: (o[0], -o[1]))
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = best[i][1]
        out.append((pieces[i][0], pieces[j - 1][1]))
        i = j
    return out


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'\-]*(?:\.[A-Za-z][A-Za-z'\-]*)*")
_NAME_PART = f"[{CJK_CLASS}]"
# the parts of a transliterated name joined by dots (撒韵·武荖)
_DOTTED_NAME = re.compile(f"{_NAME_PART}{{1,6}}(?:[{re.escape(NAME_DOTS)}]{_NAME_PART}{{1,6}})+")


def _starts_before(comp: str, end: int, lo: int) -> list[int]:
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


def _ends_after(comp: str, start: int, hi: int) -> list[int]:
    """Where a name starting at `start` may end: after two to four characters, after its
    romanised part, or after the dotted parts of a transliterated name."""
    m = _DOTTED_NAME.match(comp, start, hi)
    if m is not None:
        last_dot = max(comp.rfind(d, start, m.end()) for d in NAME_DOTS)
        return [last_dot + 1 + n for n in (2, 1, 3, 4, 5, 6) if last_dot + 1 + n <= m.end()]
    ends = [start + n for n in (3, 2, 4) if start + n <= hi and all(is_cjk(c) for c in comp[start:start + n])]
    for n in (3, 2, 4):
        latin = _LATIN_RUN.match(comp, start + n) if start + n < hi else None
        if latin is not None and latin.end() - latin.start() >= 2 and all(is_cjk(c) for c in comp[start:start + n]):
            ends.insert(0, latin.end())
            break
    return ends
