"""One list entry (a roster's, a header value's) read as the people it names: 陳志銘 / 代理校長大維 /
許議長崑源 / 簡任秘書彭定民 / 康晏洲書記 / 社會局局長張乃千 / 王大明(李小華代) / 呂聖元(秘書長；請假).

Forms (T = a title from `pipeline.grammar.titles`):
    name T      黃妙英股長          T name      組長王大明, 社會局局長張乃千
    sur T given 許議長崑源          sur T       涂組長
An entry is bounded by separators, so it is read with every form, with its notes (a stand-in, an
absence, a post) and a unit written before the person. Cutting a list into entries is
`pipeline.grammar.rosters`; names in running text, `pipeline.grammar.persons`.

Everything runs on the compact view (folded, no whitespace); offsets are compact offsets.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.chars import is_cjk
from pipeline.grammar.names import GROUP_HEADS, Names, PersonHit, latin, unit_like
from pipeline.grammar.titles import Title, find_titles
from pipeline.lexicon import Lexicon

SEAT_CODE = re.compile(r"(?:[A-Za-z]{0,2}\d{1,3}[.、:)]?|\(\d{1,3}\)|[一二三四五六七八九十]{1,3}[、.])")
_PAREN = re.compile(r"\(([^()]*)\)")
_LEAD_NOTE = re.compile(r"\(([^()]{1,10})\)")  # a short note in brackets opening an entry
_NOTE_PART = re.compile(r"[^,，;；、]+")  # a note's parts, between its separators
_ABSENT = ("請假", "缺席", "公假", "事假", "病假", "未出席")
_PROXY_END = ("代理", "代")
# 等 and the others an entry's name stands for (議員陳政聞等60人, 古奕元等生治會幹部)
_ETC = re.compile(r"等(?:\d+|[一二三四五六七八九十百]+)?(?:人|位|名)?[\u4e00-\u9fff]{0,8}(?:\(.*)?$")
_PROXY_NOTE = re.compile(r"^(?:由)?(?P<who>.{2,12}?)(?:代理|代表|代為|代)(?:列席|出席|參加|主持)?[。.]?$")


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
    seat = SEAT_CODE.match(comp, a, b)
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
                stand_in += core(comp, off, off + len(proxy["who"]), lex, names, None)
    courtesy = next((w for w in names.courtesy if comp.endswith(w, a, core_end)), None) \
        if comp.endswith(names.courtesy, a, core_end) else None
    if courtesy is not None and core_end - len(courtesy) - a >= 2:
        core_end -= len(courtesy)  # 學生代表左帥同學: the courtesy form after the name is no part of it
    core_text = comp[a:core_end]
    if not notes and core_text.endswith(_PROXY_END):
        cut = core_end - (2 if core_text.endswith("代理") else 1)
        split = _split_proxy(comp, a, cut, lex, names)
        if split is not None:
            core_end = split[0]
            stand_in += split[1]
        else:
            # 唐雪舫代: a stand-in, for someone the entry does not name
            stand_in += [_with(h, stand_in_for="") for h in core(comp, a, cut, lex, names, None)]
            core_end = a
    main = core(comp, a, core_end, lex, names, lead_title or label_title)
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
        left = core(comp, a, cut, lex, names, None)
        right = core(comp, cut, b, lex, names, None)
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


def core(comp: str, a: int, b: int, lex: Lexicon, names: Names, default_title: str | None) -> list[PersonHit]:
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
        score = names.entry_score(text)
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
                and (not romanised or latin(romanised)):
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
                if not cands and t.text in GROUP_HEADS and len(before) >= 4:
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

