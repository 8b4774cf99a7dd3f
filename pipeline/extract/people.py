"""People: persons named with a title or a role, in the header and in the text.

Forms: 主席: 陳志銘 (a role label), 議長許崑源 (title, name), 黃妙英股長 (name, title), 許議長崑源
(surname, title, given name: the council form), 涂組長 (surname and title alone), 議員陳信瑜、康裕成
(one title for a list, in the header).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pipeline.context import Context
from pipeline.document import GapKind, as_written
from pipeline.grammar.names import clean_title, find_titles, has_surname, is_cjk, name_chars_ok
from pipeline.models import Person
from pipeline.segment.header import PROXY

_ENGLISH = re.compile(r"(?P<title>Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Professor)[ \t]+"
                      r"(?P<name>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){1,2})")
_NOTED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,3})\((?P<note>[^()]{1,30})\)")


@dataclass
class Hit:
    start: int  # compact offsets of the whole mention
    end: int
    name: str
    title: str
    full: bool  # a full name, not a surname alone


class _Scanner:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.comp = ctx.doc.compact
        self.profile = ctx.profile
        self.unit_ends = {self.doc.to_compact(d.span[1]) for d in ctx.divisions}
        self.titles = find_titles(self.comp, self.profile)
        self.title_ends = {e for _, e in self.titles}
        self.title_starts = {s for s, _ in self.titles}
        self.title_start_list = sorted(self.title_starts)
        self.title_end_list = sorted(self.title_ends)
        self.left_words = (*self.profile.stop_words, *self.profile.person_left_words)
        self.after_words = tuple(self.profile.after_title_words)
        self.by_surname: dict[str, list[str]] = {}

    # ---- boundaries ----------------------------------------------------------------------
    def left_boundary(self, i: int) -> bool:
        """Nothing of a name can stand before compact position i."""
        if i <= 0:
            return True
        ch = self.comp[i - 1]
        if not is_cjk(ch) or ch in self.profile.stop_set:
            return True
        if self.doc.gap(i) == GapKind.HARD or i in self.unit_ends or i in self.title_ends:
            return True
        if ch in self.profile.org_end_chars:
            return True  # 內政部廖部長, 都市發展局盧局長維屏
        return self.comp.endswith(self.left_words, 0, i)

    def in_stop_word(self, a: int, b: int) -> bool:
        """Part of 謝謝, 我們 ...: not a name."""
        for w in self.profile.stop_words:
            k = self.comp.find(w, max(0, a - len(w) + 1), b + len(w) - 1)
            if k != -1 and k < b and k + len(w) > a:
                return True
        return False

    def right_boundary(self, i: int) -> bool:
        """A name may end before compact position i."""
        if i >= len(self.comp):
            return True
        ch = self.comp[i]
        if not is_cjk(ch) or ch in self.profile.stop_set or i in self.title_starts:
            return True
        if self.doc.gap(i) == GapKind.HARD:
            return True
        return self.comp.startswith(self.after_words, i)

    def written(self, a: int, b: int) -> str:
        return as_written(self.doc, a, b)

    def strong_right(self, i: int) -> bool:
        """A name after a title in running text ends at punctuation, a gap, 等 or a known word."""
        if i >= len(self.comp):
            return True
        ch = self.comp[i]
        if not is_cjk(ch) or ch in "、等及與和" or i in self.title_starts:
            return True
        if self.doc.gap(i) == GapKind.HARD:
            return True
        return self.comp.startswith(self.after_words, i)

    def no_title_inside(self, a: int, b: int) -> bool:
        """No title starts or ends strictly inside (a, b) (bisect: long documents stay linear)."""
        k = bisect_right(self.title_start_list, a)
        if k < len(self.title_start_list) and self.title_start_list[k] < b:
            return False
        k = bisect_right(self.title_end_list, a)
        return not (k < len(self.title_end_list) and self.title_end_list[k] < b)

    def chars_ok(self, a: int, b: int) -> bool:
        """CJK name characters, not broken by a hard gap."""
        return all(is_cjk(self.comp[k]) and self.comp[k] not in self.profile.name_breaker_set
                   for k in range(a, b)) and all(self.doc.gap(k) != GapKind.HARD for k in range(a + 1, b))

    # ---- forms -------------------------------------------------------------------------
    def given_after(self, te: int, roster: set[str], surname: str) -> str | None:
        """The given name after 許議長 (崑源), '' for none (涂組長補充報告), None if unclear."""
        comp = self.comp
        if self.right_boundary(te):
            return ""
        for given in self.by_surname.get(surname, ()):
            if comp.startswith(given, te):
                return given
        for n in (2, 1):
            if te + n <= len(comp) and self.chars_ok(te, te + n) and self.right_boundary(te + n) \
                    and self.no_title_inside(te, te + n + 1):
                return comp[te:te + n]
        return None

    def noted(self, start: int) -> list[Hit]:
        """許瑞榮(成功大學物理系；共同主席), 蔡錦俊(成大理學院院長): a name and a note naming the post."""
        comp, prof = self.comp, self.profile
        out: list[Hit] = []
        for m in _NOTED.finditer(comp, start):
            a, b = m.span("name")
            name = comp[a:b]
            if not (has_surname(name, prof) and name_chars_ok(name, prof) and self.left_boundary(a)):
                continue
            note = m.group("note")
            for part in reversed(re.split(r"[；;，,、]", note)):
                titles = [t for t in prof.title_regex.finditer(part) if t.end() == len(part)]
                if titles:
                    out.append(Hit(a, m.end(), self.written(a, b), clean_title(titles[-1].group(0)), True))
                    break
        return out

    def scan(self, start: int, roster: set[str], end: int | None = None) -> list[Hit]:
        comp, prof = self.comp, self.profile
        self.by_surname = {}
        for full in sorted(roster, key=len, reverse=True):
            for sl in (1, 2):
                if len(full) > sl:
                    self.by_surname.setdefault(full[:sl], []).append(full[sl:])
        hits: list[Hit] = []
        for ts, te in self.titles:
            if ts < start or (end is not None and ts >= end):
                continue
            title = clean_title(self.written(ts, te))
            hit = None
            # surname (1-2 chars), title, given name
            for sl in (1, 2):
                a = ts - sl
                if a < start or not self.chars_ok(a, ts) or not self.left_boundary(a):
                    continue
                sur = comp[a:ts]
                if not has_surname(sur, prof) or (sl == 2 and not all(c in prof.surname_set for c in sur)):
                    continue
                if sur[0] == comp[ts]:
                    continue  # 區區長, 局局長: the unit's last character, not a surname
                if self.in_stop_word(a, ts) or self.doc.gap(ts) == GapKind.HARD:
                    continue
                given = self.given_after(te, roster, sur)
                if given is None:
                    continue
                name = self.written(a, ts) + self.written(te, te + len(given))
                hit = Hit(a, te + len(given), name, title, bool(given))
                break
            if hit is None:
                # full name, then title: 黃妙英股長, 琬婷老師
                for nl in (3, 2):
                    a = ts - nl
                    if a < start or not self.chars_ok(a, ts) or not self.left_boundary(a):
                        continue
                    name = comp[a:ts]
                    given_only = any(comp.endswith(w, 0, a) for w in prof.given_name_only_after)
                    if (name_chars_ok(name, prof) and (has_surname(name, prof) or given_only)
                            and name[-1] not in prof.org_end_chars and not self.in_stop_word(a, ts)
                            and self.doc.gap(ts) != GapKind.HARD):
                        hit = Hit(a, te, self.written(a, ts), title, True)
                        break
            if hit is None and self.left_boundary(ts) and not any(
                    comp.startswith(w, te) for w in prof.after_title_words):
                # title, then name: 議長許崑源, 理事長鈴木勝利率領
                for nl in (2, 3, 4):
                    b = te + nl
                    if b > len(comp) or not self.chars_ok(te, b) or not self.no_title_inside(te, b + 1):
                        continue
                    name = comp[te:b]
                    if not self.strong_right(b) or self.doc.gap(te) == GapKind.HARD:
                        continue
                    if name_chars_ok(name, prof) and has_surname(name, prof) \
                            and name[-1] not in prof.org_end_chars and not self.in_stop_word(te, b):
                        hit = Hit(ts, b, self.written(te, b), title, True)
                    break
            if hit is not None:
                hits.append(hit)
        return hits


def extract_people(ctx: Context) -> list[Person]:
    doc = ctx.doc
    out: list[Person] = []
    roster: set[str] = set()
    header_ranges: list[tuple[int, int]] = []
    ends = _division_ends(ctx)
    for hp in ctx.head.people:
        titles = [hp.hit.title] if hp.hit.title else []
        if hp.role in ("chair", "recorder"):
            # 主席：丁副校長詩同 names a person by the role and by the post: both are true
            titles.append(hp.label)
        if not titles:
            continue
        roster.add(hp.hit.name)
        s, e = doc.span(hp.hit.start, hp.hit.end)
        header_ranges.append((hp.hit.start, hp.hit.end))
        for title in dict.fromkeys(clean_title(t) for t in titles):
            out.append(Person(text=doc.text[s:e], span=(s, e), name=hp.hit.name, title=title,
                              division=_division_before(ctx, s, ends)))
    scanner = _Scanner(ctx)
    start = doc.to_compact(ctx.head.end)
    for h in scanner.noted(start):
        s, e = doc.span(h.start, h.end)
        header_ranges.append((h.start, h.end))
        roster.add(h.name)
        out.append(Person(text=doc.text[s:e], span=(s, e), name=h.name, title=h.title, division=None))
    for m in _ENGLISH.finditer(doc.text, ctx.head.end):
        # Prof. Andrew Fabian, Dr. Donald Goldsmith: visitors named the English way
        s, e = m.span()
        out.append(Person(text=doc.text[s:e], span=(s, e), name=m["name"], title=m["title"]))
    first = scanner.scan(start, roster)
    roster |= {h.name for h in first if h.full and len(h.name) >= 2}
    for h in scanner.scan(start, roster):
        if any(a <= h.start < b for a, b in header_ranges):
            continue
        s, e = doc.span(h.start, h.end)
        out.append(Person(text=doc.text[s:e], span=(s, e), name=h.name, title=h.title,
                          division=_division_before(ctx, s, ends)))
    _chair_from_value(ctx, scanner, roster, out)
    _chair_from_speaker(ctx, out)
    return out


def _chair_from_value(ctx: Context, scanner: _Scanner, roster: set[str], people: list[Person]) -> None:
    """主席：教育委員會第一召集人陳議員信瑜: a value the list reader cannot split is read as text."""
    m = ctx.head.meeting
    if m.chair is not None or "chair" in m.spans:
        return
    hit_label = next((h for h in ctx.head.labels if h.field == "chair" and h.cend > h.cstart), None)
    if hit_label is None or PROXY.search(ctx.doc.compact[hit_label.cstart:hit_label.cend]):
        return
    found = scanner.scan(hit_label.cstart, roster, end=hit_label.cend)
    if not found:
        return
    h = found[0]
    s, e = ctx.doc.span(h.start, h.end)
    m.chair, m.spans["chair"] = h.name, (s, e)
    for title in dict.fromkeys((h.title, hit_label.label)):
        people.append(Person(text=ctx.doc.text[s:e], span=(s, e), name=h.name, title=title))


def _division_before(ctx: Context, pos: int, ends: tuple[list[int], list[str]] | None = None) -> str | None:
    """The unit written right before a person: 總務組黃妙英股長, 社會局局長張乃千."""
    ends = ends or _division_ends(ctx)
    k = bisect_right(ends[0], pos) - 1
    if k >= 0 and not ctx.doc.text[ends[0][k]:pos].strip():
        return ends[1][k]
    return None


def _division_ends(ctx: Context) -> tuple[list[int], list[str]]:
    pairs = sorted((d.span[1], d.name) for d in ctx.divisions)
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _chair_from_speaker(ctx: Context, people: list[Person]) -> None:
    """A transcript names its chair as a speaker (主席洪若珊：...) when the header does not."""
    m = ctx.head.meeting
    if m.chair is not None or "chair" in m.spans:
        return
    text = ctx.doc.text
    for p in people:
        if p.title == "主席" and p.span[0] >= ctx.head.end:
            line_start = text.rfind("\n", 0, p.span[0]) + 1
            if not text[line_start:p.span[0]].strip() and text[p.span[1]:p.span[1] + 1] in (":", "："):
                m.chair = p.name
                m.spans["chair"] = p.span
                return
