"""Who a directive asks: the units, bodies, people and posts named in the text (`_Mentions`), read
where a frame puts them (`Assignees`: after 請/送請/責成/交由, joined by 、 及 與 …, or the one
named before 應/負責); a party no extractor knows (`unnamed_party`, `by_whom`); the subject that
opens a sentence when the directive names no one (`subject`); and what kind of assignee a name is
(`typed`).

Kept apart from `pipeline.extract.actions`, which decides which clauses open a directive and
what belongs to it, because this part only reads names at a position it is given.
"""

from __future__ import annotations

import bisect
import re

from pipeline.chars import is_cjk
from pipeline.context import Context
from pipeline.document import Document, GapKind, as_written
from pipeline.extract.sentences import strip_lead
from pipeline.fold import fold
from pipeline.gazetteer import longest_of
from pipeline.grammar.directives import Directives
from pipeline.grammar.titles import find_titles
from pipeline.models import Assignee, Person
from pipeline.words import Words, common_words

_ROLE_UNITS = ("單位", "機關")  # 開闢單位, 執行機關: a unit named by what it does
# a branch written after its organisation: its place or number, then the branch word (國民教育法's
# 分校; 分局, 分院, 分署 … of agencies)
_BRANCH = re.compile(r"[\u4e00-\u9fff]{1,6}?分(?:校|局|院|署|處|所|會|隊|館)")


def asked_as(doc: Document, p: Person) -> str:
    """How a person is named as the one asked: by the name, or as written where the mention is a
    surname and a post only (請林局長暫兼 asks 林局長, not 林)."""
    a, b = doc.compact_span(p.span)
    return as_written(doc, a, b) if p.title and len(p.name) <= 2 and doc.compact[a:b] == p.name + p.title else p.name


class _Mentions:
    """The units, bodies, people and posts named in the text, by where they start."""

    def __init__(self, ctx: Context) -> None:
        doc = ctx.doc
        self.ctx = ctx
        self.doc = doc
        self.comp = doc.compact
        self.people = {doc.to_compact(p.span[0]): (asked_as(doc, p), doc.to_compact(p.span[1])) for p in ctx.people}
        self.units: dict[int, tuple[str, int]] = {}
        for d in (*ctx.divisions, *ctx.outside_bodies):
            self.units[doc.to_compact(d.span[0])] = (d.name, doc.to_compact(d.span[1]))
        # the parties a directive asks by their role or short name (市府, 實施者, 主管機關), where no
        # unit or person was read
        taken = sorted((a, e) for a, (_, e) in (*self.units.items(), *self.people.items()))
        starts = [a for a, _ in taken]
        # (the addressees of unit_words, found in the pass that found the view's titles and units)
        for a, b, _ in longest_of(ctx.lex.view_scan.occurrences(self.comp)[3], 0, len(self.comp)):
            k = bisect.bisect_right(starts, a) - 1
            if (k >= 0 and taken[k][1] > a) or (k + 1 < len(taken) and taken[k + 1][0] < b):
                continue
            self.units[a] = (as_written(doc, a, b), b)
        # (民政、財政局: where a unit written without its last word begins, the pair it opens)
        self.shared = self._shared_pairs(ctx)
        self.starts = frozenset(self.people) | frozenset(self.units) | frozenset(self.shared)
        self.ends = frozenset(e for _, e in (*self.units.values(), *self.people.values()))
        # (a school asked, 請金湖鎮正義國小辦理: the words that end a school's name, meetings.yaml)
        self.org_words = tuple(sorted({*ctx.lex.org_words, *ctx.lex.school_ends}, key=len, reverse=True))
        self.school_ends = frozenset(ctx.lex.school_ends) - frozenset(ctx.lex.org_words)
        self._collective = frozenset(doc.to_compact(d.span[0]) for d in ctx.divisions if d.collective)
        self._spans = sorted((a, e) for a, (_, e) in (*self.units.items(), *self.people.items()))
        self._span_starts = [a for a, _ in self._spans]

    def _shared_pairs(self, ctx: Context) -> dict[int, tuple[list[str], int]]:
        """Two units of one kind written with their last word once, before a joiner and a unit that
        has it (教育、社會局, 工務及交通局): where the first begins -> both names and the end of the
        second. The first with the word is a unit the lexicon knows, without it none, nor a post
        (秘書及總務處: the secretary, and a unit); so 請教育、社會局 is 請 and two units, not 請教."""
        known, comp = ctx.lex.known_units, self.comp
        out: dict[int, tuple[list[str], int]] = {}
        for a, (name, end) in self.units.items():
            if a < 3 or comp[a - 1] not in "、及與和":
                continue
            word = next((w for w in _SHARED_WORDS if name.endswith(w)), None)
            if word is None:
                continue
            for k in (2, 3, 4):
                first = comp[a - 1 - k:a - 1]
                if first + word in known and first not in known and ctx.lex.titles.get(first) is None:
                    out[a - 1 - k] = ([first + word, name], end)
                    break
        return out

    def collective(self, p: int) -> bool:
        return p in self._collective

    def covers(self, p: int) -> bool:
        """Is p inside (not at the start of) a unit or a person's mention?"""
        k = bisect.bisect_left(self._span_starts, p) - 1
        return k >= 0 and self._spans[k][0] < p < self._spans[k][1]

    def unit_at(self, p: int, limit: int) -> tuple[str, int] | None:
        """A unit at p, with the units written right after it as one (經濟部水利署, 縣政府民政處)."""
        hit = self.units.get(p)
        if hit is None:
            return None
        end = hit[1]
        while end < limit and end in self.units and (self.doc.gap(end) == GapKind.NONE or (
                self.doc.gap(end) == GapKind.SOFT and self.doc.breaks_line(end))):
            end = self.units[end][1]  # (行政院\n原住民族委員會: a line wrapped between the two)
        return as_written(self.doc, p, end), end


# the last words two units of one kind may share (民政、財政局, 工務及交通局)
_SHARED_WORDS = ("局", "處", "室", "科", "組", "課", "中心")
_SHARED_SUFFIX = re.compile(r"(?P<numbers>第?[一二三四五六七八九十]{1,2}(?:[、及與]第?[一二三四五六七八九十]{1,2})+)"
                           r"(?P<word>[科組課股室隊])(?![長員])")


class Assignees:
    """Reads the ones asked, where a frame puts them."""

    def __init__(self, ctx: Context, rules: Directives) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.comp = ctx.doc.compact
        self.rules = rules
        self.mentions = _Mentions(ctx)
        self.parents = sorted(ctx.lex.words_of("parent_words"), key=len, reverse=True)
        self.parent_tuple = tuple(self.parents)  # (one str.startswith over them rules most places out)
        self.stop = ctx.lex.words_of("not_in_units")
        self.long_org_words = [w for w in ctx.lex.org_words if len(w) > 1]
        self.counterpart_joiners = rules.words_of("counterpart_joiners")
        self.meeting_verbs = tuple(rules.words_of("meeting_verbs"))
        self.words = common_words()

    def one_at(self, p: int, limit: int) -> tuple[str, int] | None:
        comp = self.comp
        m = self.mentions
        start = p
        for prefix in self.parents if comp.startswith(self.parent_tuple, p) else ():
            if comp.startswith(prefix, p) and p + len(prefix) not in m.starts:
                org = self.org_at(p, limit)
                if org is not None and org[0].endswith(_ROLE_UNITS) and org[1] > p + len(prefix):
                    return org  # 市府開闢單位, 市府交通單位: the body's unit named by its role
            if comp.startswith(prefix, p) and (p + len(prefix) in m.starts):
                p += len(prefix)  # 縣政府民政處, 本府教育局: the unit after the parent
                if prefix.startswith("本"):
                    start = p  # 本院研考會 is 研考會: the body refers to itself
                break
        if p in m.people:
            return m.people[p]
        unit = m.unit_at(p, limit)
        if unit is not None:
            return as_written(self.doc, start, unit[1]), unit[1]
        group = self.rules.group.match(comp, p, limit)
        if group is not None:
            org = self.org_at(p, limit)
            if org is not None and org[1] > group.end():
                return org  # 各領域課程綱要研修小組: one body whose name opens like a group
            return as_written(self.doc, p, group.end()), group.end()
        titles = find_titles(comp, self.ctx.lex, p, min(limit, p + 8))
        if titles and titles[0].start == p and not self.words.verbal(comp[p:titles[0].end]):
            return as_written(self.doc, p, titles[0].end), titles[0].end  # 請理事長連絡…: a post asked
        return self.org_at(p, limit)

    def org_at(self, p: int, limit: int) -> tuple[str, int] | None:
        """An organisation the extractors did not name: the longest run of characters ending in
        an organisation word of two or more characters (臺灣自來水公司, 市府開闢單位), not running
        over a verb that governs what follows it (由自來水事業處委託漢洋建設公司)."""
        comp = self.comp
        if p >= limit or comp[p] in "於將在自由向與和及以依就對" or self.words.grammatical(comp[p:p + 2]):
            return None  # 請於…, 請正式簽…: no one is named
        for e in range(p + 2, min(limit, p + 16) + 1):
            ch = comp[e - 1]
            if not is_cjk(ch) or ch in self.stop or self.doc.gap(e - 1) == GapKind.HARD:
                break
            word = next((w for w in self.mentions.org_words if comp.endswith(w, p, e)), None) \
                if comp.endswith(self.mentions.org_words, p, e) else None
            if word is None or (e < limit and comp[e] in "長員"):
                continue
            if len(word) == 1 and e - 2 > p and self.words.function(comp[e - 2:e]):
                continue  # 與會: the character ends a verb, not an organisation's name
            inner = comp[p:e - len(word)]
            if word in self.mentions.school_ends and len(inner) < 2:
                continue  # 國中教育科: a school's level naming a unit, not a school (正義國小)
            role = word in _ROLE_UNITS  # 開闢單位, 執行機關: a verb before 單位 names the unit by its role
            if not role and any((w := self.words.get(inner[k:k + 2])) is not None and w.tag in ("v", "vn")
                                for k in range(len(inner) - 2)):
                break  # a verb inside, not right before the organisation word: 委託漢洋建設公司
            if len(word) > 1 or self.boundary(e, limit):
                # a post that opens the name or stands right before the organisation word (請局長
                # 辦公室…) names a person's office; one inside a name does not (…工程顧問股份有限公司)
                if any(t.start == p or t.end == e - len(word) for t in find_titles(comp, self.ctx.lex, p, e)):
                    return None
                branch = _BRANCH.match(comp, e, limit)
                if branch is not None:
                    e = branch.end()  # 賢庵國小垵湖分校, 警察局三民第一分局: the branch of it
                return as_written(self.doc, p, e), e  # the shortest: 警察局|研處見復
        return None

    def boundary(self, e: int, limit: int) -> bool:
        """Does what follows an organisation's name show that the name ends at e?"""
        comp = self.comp
        if e >= limit or not is_cjk(comp[e]):
            return True
        if comp.startswith(self.rules.joiners, e) or comp.startswith(self.rules.appositions, e):
            return True
        if self.rules.handling.starting_at(comp, e, limit) is not None:
            return True
        return comp[e] in "於向在就依針對為將" or self.words.particle(comp[e])

    def read(self, p: int, limit: int) -> tuple[list[str], int]:
        names: list[str] = []
        comp = self.comp
        while p < limit:
            pair = self.mentions.shared.get(p)
            if pair is not None:
                names += pair[0]  # 民政、財政局: two units written with their last word once
                p = pair[1]
                joiner = next((j for j in self.rules.joiners if comp.startswith(j, p)), None)
                if joiner is None:
                    break
                p += len(joiner)
                continue
            shared = _SHARED_SUFFIX.match(comp, p, limit)
            if shared is not None:
                # 請二、四科…, 第一、三組: numbered units written with their unit word once
                word = shared["word"]
                ordinal = "第" if shared["numbers"].startswith("第") else ""  # 第一、三組: 第一組, 第三組
                names += [f"{ordinal}{n}{word}" for n in re.findall(r"[一二三四五六七八九十]+", shared["numbers"])]
                p = shared.end()
                joiner = next((j for j in self.rules.joiners if comp.startswith(j, p)), None)
                if joiner is None:
                    break
                p += len(joiner)
                continue
            hit = self.one_at(p, limit)
            if hit is None:
                break
            names.append(hit[0])
            p = hit[1]
            for a in self.rules.appositions:
                if comp.startswith(a, p):
                    p += len(a)
                    break
            joiner = next((j for j in self.rules.joiners if comp.startswith(j, p)), None)
            if joiner is None:
                break
            nxt = self.one_at(p + len(joiner), limit)
            if nxt is None:
                break  # 請交通局及早…: a joiner word that joins no one
            if joiner in self.counterpart_joiners and comp.startswith(self.meeting_verbs, nxt[1]):
                break  # 請衛生局與上級單位開會時: the counterpart of a meeting is not asked
            p += len(joiner)
        return list(dict.fromkeys(names)), p

    def before(self, p: int) -> list[str]:
        """The person or unit named right before `p` (…陳林文理事負責, 各處室應…)."""
        title = self.ctx.lex.titles.ending_at(self.comp, p, max(0, p - 8))
        ends = {p, title[0]} if title is not None else {p}  # 許瑞榮常務理事負責: the name before the post
        for person in self.ctx.people:
            if self.doc.to_compact(person.span[1]) in ends:
                return [person.name]
        for unit in (*self.ctx.divisions, *self.ctx.outside_bodies):
            if self.doc.to_compact(unit.span[1]) == p:
                return [unit.name]
        return []



# what opens a date or a time after 於 (於12/18前, 於下次會議, 於本週五前)
_DATE_OPENERS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十○〇元本下明今次每")
# prepositions, determiners and adverbs that never stand in a party's short name (請依上述決議辦理,
# 請本於…, 處已辦理)
_NOT_IN_PARTY = frozenset("於將在自由向與和及以依就對本其該此各每已均皆亦也都再")


def unnamed_party(ctx: Context, reader: Assignees, rules: Directives, p: int,
                   limit: int) -> tuple[list[str], int] | None:
    """請永大電梯執行…, 請保家詳查…, 請茶改場將…: a party no extractor knows (a firm, a short name of
    an outside body) between 請 and what it is asked to do: two to six characters, none of them
    a function word, then a handling verb or a word that follows the one asked (將, 儘速)."""
    comp = ctx.doc.compact
    for q in range(p + 2, min(limit, p + 7)):
        if not is_cjk(comp[q - 1]):
            return None
        dated = comp.startswith("於", q) and comp[q + 1:q + 2] in _DATE_OPENERS  # 請茶改場於12/18前…
        if dated or comp.startswith(rules.party_ends, q) or rules.handling.starting_at(comp, q, q + 6) is not None:
            who = comp[p:q]
            words = reader.words
            if any(c in _NOT_IN_PARTY for c in who) or words.common(who, 1000) or _holds_function_word(words, who) \
                    or any(words.verbal(who[i:i + 2], 10) for i in range(len(who) - 1)) \
                    or reader.ctx.lex.titles.get(who) is not None:
                return None
            return [as_written(ctx.doc, p, q)], q
    return None


def by_whom(ctx: Context, reader: Assignees, trigger: int) -> list[str]:
    """排版由彥廷負責, 茶會文案由茶會工人群負責: who stands between 由 and 負責, a name or a group
    the extractors did not read."""
    comp = ctx.doc.compact
    k = comp.rfind("由", max(0, trigger - 9), trigger)
    who = comp[k + 1:trigger] if k != -1 else ""
    if not 2 <= len(who) <= 8 or not all(map(is_cjk, who)) or _holds_function_word(reader.words, who):
        return []
    return [as_written(ctx.doc, k + 1, trigger)]


def _holds_function_word(words: Words, who: str) -> bool:
    """Is a preposition, conjunction or particle (one character or two) part of `who`: no party's name."""
    return any(words.grammatical(who[i:i + 2]) or words.grammatical(who[i]) for i in range(len(who)))


def subject(ctx: Context, reader: Assignees, a: int, b: int, trigger: int) -> list[str]:
    """A unit that opens the sentence is who is asked when the directive names no one:
    各組室…，請於12月底前…; 各處室應有準備."""
    comp = ctx.doc.compact
    p = strip_lead(comp, a, b)
    clause = max(comp.rfind("，", a, trigger), comp.rfind(",", a, trigger)) + 1 or p
    for start in dict.fromkeys((clause, p)):
        group = reader.rules.group.match(comp, start, trigger)
        if group is not None:
            return [as_written(ctx.doc, start, group.end())]  # 各位理、監事亦請努力…
        unit = reader.mentions.unit_at(start, trigger)
        if unit is not None and unit[1] <= trigger and (start == clause or reader.mentions.collective(start)):
            return [unit[0]]  # 各組室…，請於12月底前… (a unit that opens another clause is its subject)
    if comp[trigger:trigger + 1] == "應":
        # 惟開發單位應就…: an organisation named by its role right before 應 is who should act
        start = clause + 1 if comp[clause:clause + 1] in "惟但並另且而" else clause
        org = reader.org_at(start, trigger)
        if org is not None and org[1] == trigger:
            return [org[0]]
    return []



def typed(ctx: Context, name: str) -> Assignee:
    """What kind of assignee a name is: a person, one of the body's units, a collective, a post
    asked as such, or an outside body; its canonical form is the profile's or the lexicon's name,
    else the name folded (台糖公司 → 臺糖公司; a person's name is kept as written)."""
    folded = fold(name)
    for p in ctx.people:
        if name in (p.name, asked_as(ctx.doc, p)):
            return Assignee(text=name, canonical=name, type="person")
    for d in ctx.divisions:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical or folded, type="collective" if d.collective else "unit")
    for d in ctx.outside_bodies:
        if d.name == name:
            return Assignee(text=name, canonical=d.canonical or folded, type="outside_body")
    titles = find_titles(folded, ctx.lex)
    if titles and titles[0].start == 0 and titles[-1].end == len(folded):
        return Assignee(text=name, canonical=folded, type="role")
    if name.startswith(("各", "全體", "相關", "有關")):
        return Assignee(text=name, canonical=folded, type="collective")
    known = ctx.lex.known_units.get(folded)
    if known is not None:
        return Assignee(text=name, canonical=known.canonical, type="outside_body")
    if folded.endswith(ctx.lex.org_words):
        return Assignee(text=name, canonical=folded, type="outside_body")
    return Assignee(text=name, canonical=None, type="unknown")
