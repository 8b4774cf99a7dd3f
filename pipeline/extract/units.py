"""Divisions: the internal units of the body holding the meeting, and collectives (各組室).

Which units count depends on the kind of body: a city government's units are its 局 and 處, a
bureau's its 科 and 室, a school's its 處, 室 and 組. Candidates come from three places, in order
of trust: the body's profile (its units and aliases), the lexicon's lists of units for that kind
of body, and words ending in one of that kind's unit words (中心, 委員會, 科 ...), whose left
edge stops at a function word, a parent body (本府, 市府), a known body or a title: in 但教育局,
期待教育局 and 根據剛剛衛生局 the unit is 教育局 / 衛生局. Known bodies of other kinds (內政部 in a
city's minutes) are outside bodies: not divisions, but they bound words and type assignees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from pipeline.chars import CLOSE_BRACKETS, COLONS, LIST_SEPARATORS, is_cjk
from pipeline.context import Context
from pipeline.document import GapKind, as_written
from pipeline.extract.registry import component
from pipeline.fold import fold
from pipeline.gazetteer import Gazetteer, longest_of, word_matcher
from pipeline.grammar.directives import Directives
from pipeline.grammar.names import Names
from pipeline.lexicon import KnownUnit, Lexicon
from pipeline.models import Division
from pipeline.words import Words, common_words

MAX_NAME = 14
# the units of the governments a council oversees are outside bodies to the council
OVERSEEN = frozenset({"municipal_units", "ministry_units", "township_units", "district_units"})
_OVERSIGHT_KINDS = ("council", "legislature", "school")
# lists of bodies.yaml that name units (not bodies such as ministries or city governments)
UNIT_LISTS = frozenset({"municipal_units", "township_units", "district_units", "school_units", "university_units",
                        "council_units", "hospital_units", "ministry_units", "legislative_committees"})
# 各組室, 相關局處, 各受檢單位 ...: a qualifier only before a two-character noun (各分組 is "each
# subgroup", not a collective of units); the qualifier is no unit word nor preposition (請各組依
# 委員會…: 各組 is asked according to the committee)
_UNIT_CHARS = "局處室組科課股隊部會系所館"
# the nouns of a collective, one after another (各學院系所, 各處室館)
_COLLECTIVE_NOUNS = "局處室|局處|處室|組室|科室|課室|處館|部會|中心|委員會|院系所|系所|學系|學院"
# (the qualifier: up to three characters, none a unit's character nor a preposition; `extra`, more
# characters it may not hold)
def _qualifier(extra: str = "") -> str:
    return rf"(?:(?![{_UNIT_CHARS}依於在就向對將與及和{extra}])[\u4e00-\u9fff]){{0,3}}?"


_COLLECTIVE = re.compile(rf"(?:各|有關|相關)(?:{_qualifier()}(?P<noun>(?:{_COLLECTIVE_NOUNS})(?:{_COLLECTIVE_NOUNS}|館)*)"
                         rf"|(?P<single>[{_UNIT_CHARS}]))(?!長)")
# 各單位, 各受檢單位: every unit of the body, by the generic noun (not 相關單位, any agency concerned);
# 各機關: every agency, the units of a government or a ministry whose units are agencies
# (not 各相關單位, 各有關機關, 各方權責單位: those concerned, whoever they are)
_EACH_UNIT = re.compile(rf"各{_qualifier('相有方')}(?P<noun>單位|機關)(?![長首])")
# what stands right before a roster's entry: a list's separator, a colon, a closing bracket
_ENTRY_BOUNDS = LIST_SEPARATORS + COLONS + CLOSE_BRACKETS
_NUMBERED = re.compile(r"第?(?:[一二三四五六七八九十]{1,3}|(?<=第)\d{1,2})$")
_ARABIC_ORDINAL = re.compile(r"第\d{1,2}$")
# words that count or point before a number (這一組, 每一科, 同一處): no unit's number
_DEMONSTRATIVES = frozenset("這那每同哪任此該另")


@dataclass(frozen=True)
class UnitHit:
    start: int  # compact offsets
    end: int
    canonical: str | None = None
    collective: bool = False
    outside: bool = False  # a known body that is not one of this body's units


_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "vn", "an", "j", "nrt", "ng"})


def _nouns(s: str, vocab: Words) -> bool:
    """Can `s` be read as nouns of the language (胸腔, 交通 資訊), not a verb (交交通局)?"""
    if not s:
        return True
    if s[0] in "及與暨" and len(s) > 1:
        return _nouns(s[1:], vocab)  # 僑生及陸生: nouns joined inside one name
    for k in (4, 3, 2):
        e = vocab.get(s[:k]) if len(s) >= k else None
        if e is not None and e.tag in _NOUN_TAGS and _nouns(s[k:], vocab):
            return True
    return False


def _made_of(noun: str, suffixes: tuple[str, ...]) -> bool:
    """Is `noun` one or two of these unit words (局處 = 局 + 處)?"""
    if noun in suffixes:
        return True
    return any(noun[:k] in suffixes and noun[k:] in suffixes for k in range(1, len(noun)))


def body_kind(ctx: Context) -> str:
    """The kind of the body holding the meeting: the profile's, a central body's the lexicon
    names (a council of the Executive Yuan is an agency), else the profile's patterns over its
    body, name and title."""
    m = ctx.head.meeting
    named = ctx.lex.central_body_kind(re.sub(r"\s+", "", m.body)) if m.body and not ctx.profile.body_kind else None
    return named or ctx.profile.body_kind_for(m.body, m.name, m.title)


def _allowed_lists(ctx: Context, kind: str) -> frozenset[str]:
    return frozenset(ctx.lex.section_words("unit_words", "unit_lists_by_body_kind", kind))


def find_units(ctx: Context, cstart: int = 0, cend: int | None = None) -> list[UnitHit]:
    """Unit mentions (and outside bodies) in a compact range, non-overlapping."""
    doc, lex, profile = ctx.doc, ctx.lex, ctx.profile
    comp = doc.compact
    cend = len(comp) if cend is None else cend
    kind = body_kind(ctx)
    allowed = _allowed_lists(ctx, kind)
    suffixes = lex.unit_words_by_kind.get(kind, lex.unit_words_by_kind.get("unknown", ()))
    if kind == "unknown":
        suffixes = _evidenced(doc.compact, suffixes, lex)
    closed = profile.units_closed
    taken = bytearray(cend - cstart + 1)
    hits: list[UnitHit] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a - cstart:b - cstart])

    def add(h: UnitHit) -> None:
        if comp.startswith(lex.school_ends, h.end):
            return  # 宜蘭縣公館|國民小學: the place a school is named after, no unit (館)
        if h.end - h.start >= 2 and free(h.start, h.end):
            hits.append(h)
            taken[h.start - cstart:h.end - cstart] = b"\x01" * (h.end - h.start)

    vocab = common_words()
    # (the document's view is scanned once for its units, titles and words that are not titles)
    units = lex.view_scan.occurrences(comp)[2]
    if cstart > 0 or cend < len(comp):
        units = [h for h in units if h[0] >= cstart and h[1] <= cend]
    known: list[tuple[int, int, KnownUnit]] = longest_of(units, cstart, cend)
    known_at_end = {b: unit for _, b, unit in known}
    known_ends = set(known_at_end)
    bounds = _Bounds(ctx, known_ends)
    body = fold(re.sub(r"\s+", "", ctx.head.meeting.body or ""))
    for a, b, unit in known:
        # (an agency whose parent body holds the meeting is one of its units: 國土管理署 at 內政部)
        own = "profile" in unit.kinds or (not closed and (bool(unit.kinds & allowed) or body in unit.parents))
        if not own and not closed and unit.kinds <= UNIT_LISTS and comp.endswith(suffixes, a, b) \
                and not (kind in _OVERSIGHT_KINDS and unit.kinds & OVERSEEN):
            own = True  # 人事室, 資訊室: a unit name of another kind of body, with this kind's unit word
            # (not the departments of a government that a council oversees or that oversees a
            # school: 教育處 in a junior high's minutes is the county's)
        start = bounds.left_edge(a, b, cstart) if own and not closed and "profile" not in unit.kinds \
            and not _made_of(comp[a:b], lex.org_words) else a
        if start < a and doc.gap(a) and bounds.unspaced(a, b):
            start = a  # 陸、報告事項 教務處: a space before a known unit written whole ends the name
        if start < a and not _made_of(comp[start:a], lex.org_words) and _nouns(comp[start:a], vocab):
            add(UnitHit(start, b))  # 胸腔內科, 交通資訊中心: a known unit word ends a longer name
            continue
        add(UnitHit(a, b, unit.canonical_in(allowed | {"profile"}), outside=not own))
    for m in _COLLECTIVE.finditer(comp, cstart, cend):
        # 各組室, 相關局處: a collective of this body's own kind of units (各機關, 相關單位 are
        # any agencies, not the body's units)
        noun = m.group("noun") or m.group("single")
        if closed or _made_of(noun, suffixes):
            add(UnitHit(m.start(), m.end(), collective=True))
    for m in _EACH_UNIT.finditer(comp, cstart, cend):
        if kind in lex.section_words("unit_words", "each_unit_kinds", m["noun"]):
            add(UnitHit(m.start(), m.end(), collective=True))
    if closed or not suffixes:
        return sorted(hits, key=lambda h: h.start)
    for name in _named_after_self(comp, lex, vocab):
        # 本院國際事務小組臨時報告: the unit the body names as its own, wherever it is written
        i = comp.find(name, cstart, cend)
        while i != -1:
            add(UnitHit(i, i + len(name)))
            i = comp.find(name, i + len(name), cend)
    for m in lex.unit_before_head.finditer(comp, cstart, cend):
        # 生科處黃處長, 科國處李處長: a roster's unit before its head, an abbreviation the dictionary
        # does not know, bounded by the list's separator or the line's start
        w_at = m.start("w")
        entry = _roster_entry_start(comp, w_at, bounds, cstart)
        if m["w"] in suffixes and entry is not None and comp[entry:w_at + 1] not in lex.not_units \
                and not _of_another_body(known_at_end.get(entry), body, lex):
            add(UnitHit(entry, w_at + 1))
    not_after = lex.section_words("unit_words", "not_after_suffix")
    group_words = frozenset(lex.section_words("unit_words", "named_group_words"))
    not_unit_words = tuple(lex.not_units)  # (one str.endswith over them rules most names out)
    handling = lex.grammar(Directives).handling
    # academic units (學院, 學系, 研究所 ...) are named in open-ended phrases; only known ones count
    academic = set(lex.section_words("bodies", "university_units", "academic_suffixes"))
    open_suffixes = [w for w in suffixes if w not in academic]
    for a, b, _ in word_matcher(tuple(open_suffixes)).longest(comp, cstart, cend):
        if not free(a, b):
            continue
        if b - a == 1 and b < len(comp) and (comp.startswith(not_after, b) or vocab.common(comp[a:b + 1], 50)):
            continue  # 組織, 處理, 科技: the suffix character starts another word
        start = bounds.left_edge(a, b, cstart)
        start = bounds.past_name(start, a)
        arabic = _ARABIC_ORDINAL.search(comp, max(cstart, start - 4), start) if start == a else None
        if arabic is not None:
            start = arabic.start()  # 第5審查會, 第2組: the edge stops at the digits (not CJK)
        numbered = _NUMBERED.search(comp, start, a)
        if numbered is not None and comp[numbered.start()] != "第" \
                and comp[numbered.start() - 1:numbered.start()] in _DEMONSTRATIVES:
            continue  # 這一組, 每一組: a group counted, not a numbered unit
        if numbered is not None and not (2 <= numbered.start() - start <= 4
                                         and _nouns(comp[start:numbered.start()], vocab)):
            # 一科, 第二科: numbered sections, whatever stands before, but a noun before the
            # number names the section (調查一組, 業務二科)
            start = numbered.start()
        title = lex.titles.ending_at(comp, a, max(cstart, a - 5))
        if title is not None and (comp[a:b] == "室" or (start == a and b - a == 1 and (
                title[0] == cstart or comp[title[0] - 1] in _ENTRY_BOUNDS or bounds.doc.breaks_line(title[0])))):
            start = title[0]  # 局長室, 秘書室: the office of a post; 記錄:秘書組: a unit named by its post
        name = comp[start:b]
        # a generic word that is one of this kind's own unit words (a university's 辦公室) ends
        # named units (策略發展辦公室), where alone it is a room
        if start == a or name in lex.not_units or (name.endswith(not_unit_words)
                                                   and _generic_end(name, lex, group_words, suffixes)):
            continue
        if _made_of(name, lex.org_words) or (b - a == 1 and (
                (comp.startswith(lex.org_words, b) and lex.titles.starting_at(comp, b) is None)
                or _made_of(comp[a - 1:b], lex.org_words))):
            continue  # 課室, 處室: a noun of unit words, not a unit's name (製作處室牌)
        if lex.titles.get(name) is not None or (numbered is None and vocab.verbal(name)) \
                or handling.starting_at(comp, start, b):
            continue  # 研處, 辦理組…: a verb, not a unit's name
        if lex.modifiers.ending_at(comp, a, start) is not None and lex.titles.starting_at(comp, a) is not None:
            continue  # 郭代組主任子仙: a title's modifier, then the title (組主任), not a unit
        if _of_another_body(known_at_end.get(start), body, lex):
            add(UnitHit(start, b, outside=True))  # 農業部農業科技園區管理中心: that body's unit, not ours
            continue
        add(UnitHit(start, b))
    # (a bare 所 ends offices of any body, 戶政事務所: only 研究所 names an institute here)
    ends = sorted((w for w in suffixes if w in academic and w != "所"), key=len, reverse=True)
    founding = lex.section_words("unit_words", "founding_verbs")
    for a, b, _ in word_matcher(tuple(ends)).longest(comp, cstart, cend):
        # 中國文學系 is 中國文學 + 系, 昆蟲學系 昆蟲 + 學系: each way the suffix may be read
        starts = (_academic_start(comp, b - len(w), b, bounds, vocab, cstart, founding)
                  for w in ends if comp.endswith(w, a, b))
        found = next((x for x in starts if x is not None), None)
        if found is not None and free(found, b) and comp[found:b] not in lex.not_units \
                and not _made_of(comp[found:b], tuple(ends)):  # (學位學程 alone names no unit)
            add(UnitHit(found, b))
    for name in {comp[h.start:h.end] for h in hits if not h.outside and not h.collective and h.end - h.start >= 4}:
        # 請社會福利組分送…: a unit read once (in a roster) is the unit wherever it is written again,
        # where a word boundary alone left it in doubt (組分 is a word)
        i = comp.find(name, cstart, cend)
        while i != -1:
            add(UnitHit(i, i + len(name)))
            i = comp.find(name, i + len(name), cend)
    return sorted(hits, key=lambda h: h.start)


def _roster_entry_start(comp: str, a: int, bounds: _Bounds, limit: int) -> int | None:
    """Where a unit name of two to four characters ending before `a` starts, if a list's
    separator or a line's start stands right before it."""
    for start in range(a - 2, max(limit, a - 4) - 1, -1):
        if not all(map(is_cjk, comp[start:a])):
            return None
        if start == limit or comp[start - 1] in _ENTRY_BOUNDS or bounds.doc.breaks_line(start):
            return start
    return None


def _named_after_self(comp: str, lex: Lexicon, vocab: Words) -> set[str]:
    """The units a text names after its word for itself, reporting or listed (本院秘書處報告,
    本會第一組、…): names of nouns, not a room or a common word (本會會議室)."""
    group_words = frozenset(lex.section_words("unit_words", "named_group_words"))
    out = set()
    for m in lex.unit_after_self.finditer(comp):
        name = m["name"]
        stem = name[:-len(m["w"])]  # (預算規劃與執行小組: no function word inside; not 函請各處室)
        plain = "請" not in stem and not any(vocab.grammatical(stem[i:i + 2]) for i in range(len(stem) - 1))
        if name not in lex.not_units and (_nouns(stem, vocab) or plain) and not _generic_end(name, lex, group_words):
            out.add(name)
    return out


def _evidenced(comp: str, suffixes: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """An unknown body's unit words, with those its text shows before their heads (人文處黃處長:
    處 names its units) or after its word for itself (本院秘書處報告)."""
    shown = {m["w"] for rx in (lex.unit_before_head, lex.unit_after_self) for m in rx.finditer(comp)} - set(suffixes)
    return tuple(sorted((*suffixes, *shown), key=len, reverse=True)) if shown else suffixes


def _of_another_body(prefix: KnownUnit | None, body: str, lex: Lexicon) -> bool:
    """Is `prefix` (the known name written right before a unit) a body other than the one holding
    the meeting, and not one it belongs to (臺北市政府教育局 at 臺北市政府 is its own)?"""
    if prefix is None or prefix.kinds & UNIT_LISTS or "profile" in prefix.kinds:
        return False
    own = lex.known_units.get(body)
    return not body or (prefix.canonical != (own.canonical if own else body) and body not in prefix.parents
                        and not (own is not None and prefix.canonical in own.parents))


def _academic_start(comp: str, a: int, b: int, bounds: _Bounds, vocab: Words, limit: int,
                    founding: tuple[str, ...]) -> int | None:
    """Where a college, department, institute or programme's name begins (工學院, 中國文學系,
    電機資訊學院, 景觀與遊憩碩士學位學程): bounded on the left like any unit, and made of nouns of the
    language, or one character before 學院 (理學院, 醫學院). Names of open phrases (本學院, 該系) and
    what a verb runs into are not units."""
    start = bounds.left_edge(a, b, limit)
    start = bounds.past_name(start, a)
    name = comp[start:a]
    if not name or len(name) > 8 or name.endswith("性") or (b < len(comp) and comp[b] in "長生"):
        return None  # (院長, 系主任 stay titles; 研究所生 is a student; 功能性學院 is a kind of college)
    if comp.endswith(founding, max(limit, start - 3), start) \
            or _founded_in_quotes(founding).search(comp, max(limit, start - 16), start):
        # 設立國家重點領域研究學院, 設立「國立臺灣大學重點科技學院」: a unit to be founded is not yet
        # one of the body's
        return None
    boundary = start == limit or not is_cjk(comp[start - 1]) or comp[start - 1] in "、及與暨和" \
        or bounds.doc.breaks_line(start)
    if len(name) == 1:
        entry = vocab.get(name)
        return start if comp[a:b] == "學院" and boundary and entry is not None and entry.tag in _NOUN_TAGS else None
    if _nouns(name, vocab) or _nouns(name.replace("碩士", "").replace("博士", ""), vocab):
        return start
    # 人社學院, 生科學院: a short name the dictionary does not know (an abbreviation) counts where a
    # list's separator or a line's start bounds it, as in a roster
    return start if boundary and len(name) <= 4 and not vocab.verbal(name[:2]) else None


@lru_cache(maxsize=8)
def _founded_in_quotes(founding: tuple[str, ...]) -> re.Pattern[str]:
    """A founding verb, then an open quote and a name running up to the unit word."""
    return re.compile("(?:" + "|".join(map(re.escape, founding)) + r")「[^，,。；;」「]{0,12}$")


def _generic_end(name: str, lex: Lexicon, group_words: frozenset[str], own_words: tuple[str, ...] = ()) -> bool:
    """Does `name` end in a generic word that is no unit (會議室, 活動中心), other than one of this
    kind's own unit words or a group word after a name (監察小組)?"""
    return any(name.endswith(w) for w in lex.not_units
               if len(w) > 1 and w not in own_words and not _named_group(name, w, group_words))


def _named_group(name: str, generic: str, group_words: frozenset[str]) -> bool:
    """監察小組, 午餐小組: a name of two or more characters before a group word is a named group,
    where 小組 or 專案小組 alone is any group."""
    return generic in group_words and len(name) - len(generic) >= 2


class _Bounds:
    """Where a unit's name cannot run further left."""

    def __init__(self, ctx: Context, known_ends: set[int]) -> None:
        self.doc = ctx.doc
        self.comp = ctx.doc.compact
        self.not_in = ctx.lex.words_of("not_in_units")
        self.before = ctx.lex.gazetteer_of("before_names", "parent_words")
        self.known_ends = known_ends
        self.titles = ctx.lex.titles
        self.org_words = ctx.lex.org_words
        self.words = common_words()
        self.reporting = ctx.lex.grammar(Directives).reporting
        self.names = ctx.lex.grammar(Names)

    def _before_word(self, p: int, lo: int) -> bool:
        return before_word(self.before, self.words, self.comp, p, lo)

    def _adjective_opening(self, p: int, limit: int) -> bool:
        """Is comp[p - 1] one adjective character (新, 舊) standing right after a list's separator or
        a line's start, where no word can end before it?"""
        if p - 1 < limit or p - 1 == 0:
            return False
        entry = self.words.get(self.comp[p - 1])
        return entry is not None and entry.tag == "a" and (self.comp[p - 2] in "、," or self.doc.breaks_line(p - 1))

    def past_name(self, start: int, a: int) -> int:
        """處長林嘉洋財務管理科科長: a title, a person's name, then the unit; the unit starts after
        the name."""
        if self.titles.ending_at(self.comp, start, max(0, start - 6)) is None:
            return start
        for n in (3, 2):
            if a - (start + n) >= 2 and self.names.score(self.comp[start:start + n]) >= 0.85:
                return start + n
        return start

    def short_conjunct(self, k: int, limit: int) -> bool:
        """Is the conjunction at k inside one name: the words before it back to a boundary are a
        short noun phrase, not a unit of its own (公管中心及市民服務組 joins two units)."""
        comp = self.comp
        j = k
        while j > limit and k - j < 6 and is_cjk(comp[j - 1]) and comp[j - 1] not in self.not_in \
                and not self._before_word(j, max(limit, j - 4)) and self.doc.gap(j) != GapKind.HARD:
            j -= 1
        part = comp[j:k]
        return 1 <= len(part) <= 5 and not part.endswith(self.org_words) and (
            j == limit or not is_cjk(comp[j - 1]) or self._before_word(j, max(limit, j - 4))
            or comp[j - 1] in self.not_in or self.doc.gap(j) == GapKind.HARD)

    def unspaced(self, a: int, b: int) -> bool:
        """Is comp[a:b] written without a gap inside (a name written whole, not letter-spaced)?"""
        return not any(self.doc.gap(q) for q in range(a + 1, b))

    def name_before(self, p: int, limit: int) -> bool:
        """A person's name (two or three characters) ends at p."""
        return any(p - n >= limit and self.names.score(self.comp[p - n:p]) >= 0.85 for n in (3, 2))

    def function_before(self, p: int) -> bool:
        """A preposition, conjunction, adverb or pronoun ends at p and no word runs across (a verb
        does not: 照護, 管制 and 研究 stand inside units' names)."""
        comp, words = self.comp, self.words
        if words.common(comp[p - 1:p + 1], 20):
            return False
        for k in (3, 2, 1):
            if p - k >= 0 and words.grammatical(comp[p - k:p]) and not words.common(comp[p - k:p + 1], 20):
                return True
        return False

    def org_end(self, p: int) -> bool:
        """An organisation's name ends at p (研討會|公館), not a common word (社會|救助科)."""
        comp = self.comp
        if not comp.endswith(self.org_words, max(0, p - 3), p):
            return False  # (one test over all of them first: most positions end none)
        for w in self.org_words:
            if comp.endswith(w, max(0, p - 3), p):
                word = self.words.get(comp[p - 1:p + 1]) if len(w) == 1 else None
                if word is not None and word.freq >= 50 and word.tag.startswith("n"):
                    return False  # 科|技法律學院: the character starts a noun (科技), it ends no name
                return len(w) > 1 or not self.words.common(comp[p - 2:p], 50)
        return False

    def left_edge(self, a: int, b: int, limit: int) -> int:
        comp = self.comp
        p = a
        while p > limit and b - p < MAX_NAME:
            ch = comp[p - 1]
            if ch in "及與暨":
                if p != a and self.short_conjunct(p - 1, limit):
                    p -= 1  # 家庭暴力及性侵害防治中心, 僑生及陸生輔導組: a conjunction inside the name
                    continue
                break  # 公管中心及|市民服務組: the conjunction joins two units
            if not is_cjk(ch) or ch in self.not_in:
                break
            if self.doc.gap(p) == GapKind.HARD:
                break
            if p != a and self.doc.gap(p) and self.name_before(p, limit) and self.unspaced(p, b):
                break  # 綜合企劃組 顏國昌 教育文化組 陳思穎: a name, a space, the next unit
            if self.doc.breaks_line(p) and "、" in comp[max(limit, p - 5):p]:
                break  # …、崔萱傑 / 法規研究室: a list of names ends its line
            if self._adjective_opening(p, limit):
                p -= 1  # 、新校區推動小組: an adjective right after a list's separator opens the name
                continue
            if (p != a and p in self.known_ends) or self._before_word(p, max(limit, p - 4)) \
                    or self.titles.ending_at(comp, p, max(limit, p - 5)):
                break
            if p != a and self.org_end(p):
                break  # 研討會公館: a name does not run over another organisation's name
            if self.function_before(p):
                break  # 已向|水質保護科, 並|工務局: a preposition, adverb or conjunction ends here
            if self.comp.endswith(self.reporting, max(limit, p - 4), p):
                break  # 議員報告|保安委員會審查意見: a verb of reporting ends here
            p -= 1
        else:
            if p > limit:
                return a  # nothing bounds the name on the left: a phrase, not a unit's name
        return p


def before_word(before: Gazetteer[bool], words: Words, comp: str, p: int, lo: int) -> bool:
    """A word after which a name or a unit begins ends at p: 經, 由, 請 … (but not the 經 of
    神經內科: a one-character word counts only where it does not end a longer word)."""
    hit = before.ending_at(comp, p, lo)
    if hit is None:
        return False
    if p - hit[0] == 1 and words.common(comp[p - 1:p + 1], 20):
        return False  # 經費簽報: the word runs on (經費), it does not end at p
    return p - hit[0] > 1 or not words.common(comp[p - 2:p], 20)


def _excluded(ctx: Context) -> list[tuple[int, int]]:
    """Compact ranges where unit words are not the body's units: title, date and place values,
    and what a web page puts before the title (its publisher, its menus)."""
    doc, head = ctx.doc, ctx.head
    spans = [head.title_span, (0, head.title_span[0])] if head.title_span else []
    for fld in ("date", "location", "title", "publisher"):
        spans += head.value_spans.get(fld, [])
    return [(doc.to_compact(s), doc.to_compact(e)) for s, e in spans]


_GROUP_END = re.compile(r"[-:]")


def _other_bodies_groups(ctx: Context) -> list[tuple[int, int]]:
    """Compact ranges of a roster listed under another body: 列席人員：縣府—財政處處長… 府外—審計室…
    本會—議事組主任…, or 臺南市政府：\n都市發展局 … 本會：. A group label opens a line (or follows a
    gap) and ends in a dash or colon; the units under a label that is not this body (本會, the
    body's own name) are that body's units, not divisions."""
    doc, comp, lex = ctx.doc, ctx.doc.compact, ctx.lex
    own = lex.words_of("self_references")
    body = fold(ctx.head.meeting.body or "")
    line_starts = doc.compact_line_start_set
    out: list[tuple[int, int]] = []
    for f in ctx.head.fields:
        if f.field not in ("attendees", "observers", "absentees"):
            continue
        labels: list[tuple[int, int, bool]] = []  # (start, end, is another body)
        for m in _GROUP_END.finditer(comp, f.value_start, f.value_end):
            k = m.start()
            a = next((p for p in range(k - 1, max(f.value_start, k - 12) - 1, -1)
                      if p == f.value_start or p in line_starts or comp[p - 1] in "、,;"), None)
            if a is None or k - a < 2:
                continue
            label = comp[a:k]
            if label in own or (body and (label == body or body.endswith(label))):
                labels.append((a, m.end(), False))
            elif label in lex.words_of("other_body_groups") or label.endswith(lex.org_words):
                labels.append((a, m.end(), True))
        for i, (_, end, other) in enumerate(labels):
            if other:
                out.append((end, labels[i + 1][0] if i + 1 < len(labels) else f.value_end))
    return out


@component("divisions", requires=("head",), provides=("divisions", "outside_bodies"))
def divisions_component(ctx: Context) -> dict[str, Any]:
    doc = ctx.doc
    excluded = _excluded(ctx)
    others = _other_bodies_groups(ctx)
    out: list[Division] = []
    outside: list[Division] = []
    meeting = ctx.head.meeting
    own_names = tuple(n for n in (re.sub(r"\s+", "", meeting.body or ""), meeting.name) if n)
    for h in find_units(ctx):
        if any(a <= h.start < b for a, b in excluded):
            continue
        unit = doc.compact[h.start:h.end]
        if unit in own_names or (own_names and own_names[0].endswith(unit)):
            continue  # the body holding the meeting (學生輔導委員會 in its own minutes) is not its unit
        if any(a <= h.start < b for a, b in others):
            h = replace(h, outside=True)  # 縣府—財政處: the government's unit at a council's meeting
        s, e = doc.span(h.start, h.end)
        d = Division(text=doc.text[s:e], span=(s, e), name=as_written(doc, h.start, h.end),
                     canonical=h.canonical, collective=h.collective)
        (outside if h.outside else out).append(d)
    return {"divisions": out, "outside_bodies": outside}
