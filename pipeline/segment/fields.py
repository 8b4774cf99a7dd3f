"""Labelled fields wherever they stand: 時間：…, 主 席：…, 一、開會時間:…, 壹、會議地點：…,
`會議時間<TAB>113年4月7日` in a table row, several on one line, a label alone with its value on
the next line, a roster running over several lines.

A label from the lexicon counts where a field can begin (the start of a line, after a list
marker, after a gap or the end of a sentence) and where a value follows it (a colon, a column
gap, or the end of its line). Its value runs to the next field, or to the end of its line for a
one-line field, or over the lines that continue a list.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pipeline.document import Document, GapKind
from pipeline.grammar.headings import BARE_TOP_MARKER
from pipeline.lexicon import Lexicon

# a list marker that may stand before a label: 一、 壹、 1. 1、 (一) (1) 甲、
_COLON = re.compile("[:：]")
_MARKER_BEFORE = re.compile(
    r"(?:(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,3}|[壹貳參肆伍陸柒捌玖拾]{1,2}|[甲乙丙丁戊己庚辛]"
    r"|(?<![\d:])\d{1,2})[、.．]$|\((?:[一二三四五六七八九十]{1,3}|\d{1,2})\)$")
_NEXT_FIELD = re.compile(r"(?<![一二三四五六七八九十、])[一二三四五六七八九十]{1,2}、[^、,，:：()]{1,8}[:：]"
                         rf"|{BARE_TOP_MARKER}|[壹貳參肆伍陸柒捌玖拾]、")
_NEXT_ENTRY = re.compile(r"。|(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2}、|[壹貳參肆伍陸柒捌玖拾]、"
                         # (a marker whose 、 a transcription lost, before a label: …蔡欣慧壹校長報告:)
                         rf"|{BARE_TOP_MARKER}")
# a list may run over several lines (出席委員, 列席, and 紀錄 when several staff keep the minutes)
LIST_FIELDS = ("attendees", "absentees", "observers", "recorder", "other")


_TITLE_ENDS = ("紀錄", "記錄", "議程", "紀要")
# what may stand before a label at a line's start: markdown quote, heading and emphasis marks, brackets
_DECORATION = ">#*-_(【[「"
_MEETING_ENDS = ("會議", "會")


@dataclass(frozen=True)
class Field:
    field: str  # date, location, chair, recorder, attendees, absentees, observers, title, other
    label: str  # the label on the compact view (出席委員); a label whose first glyph was lost, as read (主席)
    start: int  # compact offset where the field begins (its marker, if any)
    label_start: int
    label_end: int
    value_start: int  # compact range of the value
    value_end: int


def find_fields(doc: Document, lex: Lexicon, start: int, end: int, *, fields: tuple[str, ...] | None = None,
                stop: int | None = None) -> list[Field]:
    """Labelled fields whose label starts in compact [start, end); values may run to `stop`."""
    comp = doc.compact
    stop = len(comp) if stop is None else stop
    line_starts = doc.compact_line_start_set
    parents = lex.words_of("parent_words")
    colon_only = lex.section_words("labels", "colon_only_labels")
    found: list[tuple[int, int, int, str]] = []  # (field start, label start, label end, field)
    # every label occurrence is tried, longest first: 視訊會議|主持人 must not be lost to 會議主持人
    taken = bytearray(max(0, end - start) + 1)
    hits = sorted(lex.labels.iter(comp, start, end), key=lambda h: (-(h[1] - h[0]), h[0]))
    glued: list[tuple[int, int, str]] = []  # labels with no room before them (…紀錄時間:, 宗仁紀錄:)
    in_row: list[tuple[int, int, int, str]] = []  # spaced mid-line labels without a colon (a form's row)
    for a, b, fld in hits:
        if any(taken[a - start:b - start]):
            continue
        opening = _field_begin(doc, comp, a, line_starts, parents, fld)
        if opening is None:
            glued.append((a, b, fld))
            continue
        begin, needs_colon = opening
        b = _label_end(comp, b, lex)
        colon = b < len(comp) and comp[b] in ":："
        if (needs_colon or comp[a:b] in colon_only) and not colon:
            continue  # (會議記錄 alone on its line heads the record; 會議記錄：莊其蓁 names its recorder)
        if not colon:
            at_line_start = begin in line_starts or _after_marker(comp, a) is not None
            gap = doc.gap(b) if b < len(comp) else GapKind.HARD
            line_end = b >= len(comp) or b in line_starts
            # without a colon: at the start of a line, before a gap (出席委員 邱臣遠 陳歐珀 …, a table
            # row 會議時間<TAB>…) or with the value on the next line
            if not (gap != GapKind.NONE or line_end):
                continue
            if not at_line_start:
                if b - a >= 4 and doc.gap(a) != GapKind.NONE:
                    in_row.append((begin, a, b, fld))  # 會議類別 防災演練檢討會議 開會日期 2024-04-02
                continue
        found.append((begin, a, b, fld))
        taken[a - start:b - start] = b"\x01" * (b - a)
    lost = _lost_glyph_labels(doc, comp, lex, start, end, line_starts, taken, {f[3] for f in found})
    found += [(a, a, b, fld) for a, _, b, fld, _ in lost]
    read_as = {a: label for a, _, _, _, label in lost}  # 席: → 主席
    # a form's row of label and value pairs (會議地點 校長室 會議主席 楊麗美校長): a spaced label of four
    # or more characters on a line that opens with such a field
    row_lines = {doc.line_of(doc.compact_index[f[0]]) for f in found if f[0] in line_starts and not (
        f[2] < len(comp) and comp[f[2]] in ":：")}
    for begin, a, b, fld in in_row:
        if doc.line_of(doc.compact_index[a]) in row_lines and not any(taken[a - start:b - start]):
            found.append((begin, a, b, fld))
            taken[a - start:b - start] = b"\x01" * (b - a)
    # a flattened header line (…會議紀錄時間:93年12月10日…地點:行政大樓…主席:張校長宗仁紀錄:廖櫻玉):
    # a label with its colon on a line that holds another field, or right after the title's 紀錄
    field_lines = {doc.line_of(doc.compact_index[f[0]]) for f in found}
    for a, b, fld in sorted(glued):
        if any(taken[a - start:b - start]):
            continue
        b2 = _label_end(comp, b, lex)
        if b2 >= len(comp) or comp[b2] not in ":：":
            continue
        if doc.line_of(doc.compact_index[a]) in field_lines or comp.endswith(_TITLE_ENDS, max(0, a - 3), a):
            found.append((a, a, b2, fld))
            taken[a - start:b - start] = b"\x01" * (b - a)
            field_lines.add(doc.line_of(doc.compact_index[a]))
    found.sort()
    out: list[Field] = []
    for k, (begin, a, b, fld) in enumerate(found):
        if fields is not None and fld not in fields:
            continue  # (a field not asked for still ends the one before it: 列席…\n主席：…)
        v0 = b
        if v0 + 1 < len(comp) and comp[v0] == comp[b - 1] and comp[v0 + 1] in ":：":
            v0 += 1  # 主 席 席:, 時 間 間: a label written whole, then its last glyph again (a mirror's text)
        while v0 < len(comp) and comp[v0] in ":：|":
            v0 += 1  # (日期: | 102年11月24日 |: a table's cell separator before the value)
        limit = found[k + 1][0] if k + 1 < len(found) else stop
        v1 = _value_end(doc, comp, fld, v0, limit)
        out.append(Field(fld, read_as.get(a, comp[a:b]), begin, a, b, v0, v1))
    return out


def _lost_glyph_labels(doc: Document, comp: str, lex: Lexicon, start: int, end: int, line_starts: frozenset[int],
                       taken: bytearray, have: set[str]) -> list[tuple[int, int, int, str, str]]:
    """間:101 5 30 日 … 席:余教務長政杰: labels whose first glyph the text layer lost, each read as the
    first label its last glyph can end whose field the header has not given yet (席: 主席, then 出席,
    then 列席); none unless two stand there. Each comes with the label it stands for."""
    tails = lex.lost_glyph_labels
    if not tails:
        return []
    # (the positions before a colon, found by a regex rather than a step per character)
    spots = [a for a in (m.start() - 1 for m in _COLON.finditer(comp, start + 1, min(end, len(comp) - 1) + 1))
             if comp[a] in tails and not taken[a - start]
             and (a == 0 or a in line_starts or doc.gap(a) != GapKind.NONE)
             and not (a > 0 and comp[a - 1] == comp[a])]  # (主 席 席:: the whole label is there too)
    if len(spots) < 2:
        return []
    out: list[tuple[int, int, int, str, str]] = []
    given = set(have)
    for a in spots:
        reading = next(((w, f) for w, f in tails[comp[a]] if f not in given), None)
        if reading is not None:
            label, fld = reading
            given.add(fld)
            out.append((a, a, a + 1, fld, label))
            taken[a - start] = 1
    return out


# words that extend a label: 出席單位及人員, 列席人員姓名, 出席議員, 請假理事 (a label, then a title)
# (and a short note in brackets right before the colon: 列席單位(人員):, 出席者(依姓氏筆畫排序):)
_LABEL_TAIL = re.compile(r"(?:及|與|和|、|暨)?(?:單位|人員|姓名|名單|機關|代表|團體)"
                         # (and a gloss in another language: 時間(Time):, 紀錄(note taker):)
                         r"|[(（][\u4e00-\u9fff、及與A-Za-z.'\-]{1,24}[)）](?=[:：])")


def _label_end(comp: str, b: int, lex: Lexicon) -> int:
    """Where a label really ends: after the words and the title that may follow it."""
    for _ in range(3):
        m = _LABEL_TAIL.match(comp, b)
        if m is not None:
            b = m.end()
            continue
        # a post, or a post joined to the label (出列席單位及委員：), or a second role (主持人兼司儀：),
        # before the colon or a space
        joined = b + 1 if b < len(comp) and comp[b] in "及與和、暨兼" else b
        title = lex.titles.starting_at(comp, joined, min(len(comp), joined + 6))
        if title is not None and (title[1] == "post" or comp[b] == "兼") and title[0] < len(comp) \
                and comp[title[0]] in (":：" if joined > b else ":： "):
            b = title[0]
            continue
        if joined == b and title is not None and title[1] == "post" and (title[0] >= len(comp) or comp[title[0]] in ":："):
            b = title[0]
        break
    return b


def _after_marker(comp: str, a: int) -> int | None:
    """The start of a list marker that ends at `a` (一、 before 開會時間), if any."""
    m = _MARKER_BEFORE.search(comp, max(0, a - 6), a)
    return m.start() if m else None


def _field_begin(doc: Document, comp: str, a: int, line_starts: frozenset[int],
                 parents: frozenset[str], fld: str) -> tuple[int, bool] | None:
    """Where a field whose label starts at `a` begins, and whether the label needs its colon there;
    None where no field can begin."""
    marker = _after_marker(comp, a)
    if marker is not None:
        return marker, False  # 一、開會時間 / …19日二、開會地點: a marker opens a field wherever it stands
    if a in line_starts or a == 0:
        return a, False
    for k in range(max(0, a - 3), a - 1):
        if k in line_starts and comp[k:a] in parents:
            return k, False  # 本府出席人員: the body's own people
    if doc.gap(a) != GapKind.NONE or comp[a - 1] in "。;；)）":
        return a, False  # 主席：陳志銘  紀錄：陳慧玲
    line_start = doc.compact_line_start(a)
    lead = comp[line_start:a].lstrip(_DECORATION)
    if line_start < a and (not lead or (fld == "date" and len(lead) <= 10 and lead.endswith(_MEETING_ENDS))):
        # > （時間：…）, **地點**: a quote mark, a bracket or emphasis before the label; （會前會時間：
        # 2021/10/6 10:00）: the time of the meeting the line names
        return line_start, True
    if doc.spaced_at(a):
        # 紀 錄 時 間 :102 年…: in a letter-spaced line, a label with its colon; 貳 地 點 :… the marker
        # whose 、 the transcription lost opens the field
        lost_marker = comp[a - 1] in "壹貳參肆伍陸柒捌玖拾" and (doc.spaced_at(a - 1) or doc.gap(a - 1) != GapKind.NONE)
        return (a - 1 if lost_marker else a), True
    return None


def _value_end(doc: Document, comp: str, fld: str, v0: int, limit: int) -> int:
    """A one-line field ends with its line (after a first non-empty line); a list field may run
    over the lines that continue it, up to the next field or `limit`."""
    if fld not in LIST_FIELDS:
        # the value ends with its line (a label that ends its line has its value on the next),
        # or where a flattened line goes on with the next numbered entry (…吳育美七、司儀:…)
        k = bisect_right(doc.compact_line_starts, v0)
        end = min(limit, doc.compact_line_starts[k] if k < len(doc.compact_line_starts) else limit)
        m = _NEXT_ENTRY.search(comp, v0 + 1, end)
        if m is not None:
            end = m.start()
        return _before_closing_tags(comp, v0, max(v0, end))
    # a markdown heading (### 議題分析表…) ends a list
    k = bisect_right(doc.compact_line_starts, v0)
    while k < len(doc.compact_line_starts) and doc.compact_line_starts[k] < limit:
        ls, _ = doc.lines[doc.line_of(doc.compact_index[doc.compact_line_starts[k]])]
        if doc.text.startswith("#", ls):
            limit = doc.compact_line_starts[k]
            break
        k += 1
    # a flattened line goes on with a numbered field whose label we do not know (…吳育美七、司儀:…)
    m = _NEXT_FIELD.search(comp, v0 + 1, limit)
    return _before_closing_tags(comp, v0, max(v0, m.start() if m is not None else limit))


# markup a web page's or a markdown file's line ends with (郭子仁<br>, 代理)</p>, **, a table cell's |): no
# part of a value
_CLOSING_TAG = re.compile(r"(?:<\s*/?\s*[A-Za-z]{1,6}\s*/?\s*>|\*\*|__|\|)$")


def _before_closing_tags(comp: str, v0: int, end: int) -> int:
    while end > v0 and comp[end - 1] in ">*_|" and (m := _CLOSING_TAG.search(comp, v0, end)) is not None:
        end = m.start()
    return end
