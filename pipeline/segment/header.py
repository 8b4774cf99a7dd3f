"""The header: the title and the labelled fields before the minutes' body.

Fields are found wherever they stand (`pipeline.segment.fields`); the header ends where the
body's first section begins (a heading of a known kind: 報告事項, 壹、主席致詞, 散會 ...). A
first section of no particular kind (壹、開會紀錄) that opens with the fields keeps them as the
header's. The title is the line (or the part of a line before its first field) that reads
most as the title of minutes, parsed by `pipeline.grammar.meeting_title`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pipeline.chars import QUOTE_MARKS, is_cjk
from pipeline.document import Document, as_written
from pipeline.grammar.dates import (
    BARE_HOUR,
    LOST_UNITS_DATE,
    LOST_UNITS_TIME,
    RawDate,
    find_dates,
    find_times,
    lost_units_dates,
    make_date,
    to_24h,
    weekday_index,
)
from pipeline.grammar.entries import parse_entry
from pipeline.grammar.headings import LABEL_BEFORE_COLON, RUN_ON_LINE, HeadingRules, parse_marker
from pipeline.grammar.meeting_title import ORDINAL, TERM_SCOPE, YEAR_SCOPE, TitleGrammar
from pipeline.grammar.names import Names, unit_like
from pipeline.grammar.numerals import NUMERAL, parse_int
from pipeline.grammar.rosters import split_entries
from pipeline.grammar.titles import find_titles
from pipeline.lexicon import Lexicon
from pipeline.models import Meeting, Span
from pipeline.segment.fields import LIST_FIELDS, Field, find_fields
from pipeline.segment.summary import find_convened, find_meeting_in_opening_words, find_opening

HEADER_MAX_LINES = 80
HEADER_MAX_CHARS = 6000  # compact characters searched for header fields
TITLE_MAX_LINES = 80


@dataclass
class Header:
    meeting: Meeting = field(default_factory=Meeting)
    end: int = 0  # text offset where the body begins
    title_span: Span | None = None
    fields: list[Field] = field(default_factory=list)
    date_kind: str | None = None
    ref_date: date | None = None
    value_spans: dict[str, list[Span]] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)  # why this reads as minutes

    @property
    def dropped_units(self) -> bool:
        """The header date was written without 年月日: the converter dropped those characters."""
        return self.date_kind == "compact"


def read_header(doc: Document, lex: Lexicon, rules: HeadingRules) -> Header:
    head = Header()
    comp = doc.compact
    lines = doc.lines
    limit_line = _nth_line_with_text(doc, HEADER_MAX_LINES)
    zone_end = min(len(comp), doc.to_compact(lines[limit_line - 1][1]) if limit_line else 0, HEADER_MAX_CHARS)
    candidates = find_fields(doc, lex, 0, zone_end)
    title = _find_title(doc, lex, candidates)
    title_end = title[1] if title else 0
    body = _body_start(doc, lex, rules, candidates, title_end, zone_end)
    late = _late_header(doc, lex, candidates, body, zone_end)
    if late is not None:
        # a page or a file whose minutes come after other matter (a proposal form, a site's menu):
        # the minutes' own title and fields are the header
        candidates, title, zone_end = late
        title_end = title[1] if title else candidates[0].start
        body = _body_start(doc, lex, rules, candidates, title_end, zone_end)
    fields_end = body
    later = [f.start for f in candidates if f.start > body]
    if body < len(comp) and len(later) >= 2 and later[0] - body < 400:
        # 壹、開會紀錄 followed by 一、開會時間 …: a first section of no kind opens with the fields
        line_end = doc.to_compact(doc.lines[doc.line_of(doc.compact_index[body])][1])
        if rules.heading_kind(comp[body:min(line_end, later[0])]) == "other":
            fields_end = _body_start(doc, lex, rules, candidates, later[0], zone_end)
    fields = [f for f in candidates if f.start < fields_end]
    head.fields = [_clip(f, fields_end) for f in fields]
    head.end = doc.span(body, body)[0] if body < len(comp) else len(doc.text)
    if title is not None:
        _read_title(doc, lex, head, *title)
    _read_values(doc, head)
    if head.meeting.date is None and title is not None:
        _date_of_listed_title(doc, lex.grammar(TitleGrammar), head)
    if title is not None and (head.meeting.date is None or head.meeting.location is None):
        _read_convened(doc, lex, head)
    if title is None:
        _read_summary(doc, lex, head)
    kinds = {f.field for f in head.fields}
    if head.meeting.title:
        head.evidence.append("title")
    if len(kinds & {"date", "location", "chair", "recorder", "attendees", "observers", "absentees"}) >= 2:
        head.evidence.append("header fields")
    return head


_MEETING_FIELDS = frozenset({"date", "location", "chair", "recorder"})


def _nth_line_with_text(doc: Document, n: int) -> int:
    """How many lines hold the first n lines with text (a page set with blank lines between its
    rows, 列席：\n\n秘書長：…\n\n民政局局長：…, has its header's rows twice as far apart)."""
    seen = 0
    for i, (cs, ce) in enumerate(doc.compact_lines):  # (a line's compact end is where its end maps)
        if ce > cs:
            seen += 1
            if seen == n:
                return i + 1
    return len(doc.lines)


def _late_header(doc: Document, lex: Lexicon, candidates: list[Field], body: int,
                 zone_end: int) -> tuple[list[Field], tuple[int, int] | None, int] | None:
    """The minutes' header further on, when the opening has no meeting date: three or more of
    時間, 地點, 主席, 紀錄 within a few lines, after the body would begin, with the title just
    above them."""
    if any(f.field == "date" and f.start < body for f in candidates):
        return None
    comp = doc.compact
    reach = min(len(comp), HEADER_MAX_CHARS)
    later = [f for f in (candidates if reach <= zone_end else find_fields(doc, lex, 0, reach))
             if f.start >= body]
    for k, f in enumerate(later):
        if f.field not in _MEETING_FIELDS:
            continue
        group = [g for g in later[k:] if g.start - f.start < 300]
        if len({g.field for g in group} & _MEETING_FIELDS) < 3 or not any(g.field == "date" for g in group):
            continue
        first_line = doc.line_of(doc.compact_index[f.start])
        grammar = lex.grammar(TitleGrammar)
        title = None
        for i in range(first_line - 1, max(-1, first_line - 8), -1):
            s, e = doc.lines[i]
            cs, ce = doc.to_compact(s), doc.to_compact(e)
            parts = [(a, b) for a, b in _title_parts(doc, cs, ce, grammar) if grammar.score(comp[a:b]) is not None]
            if parts:
                title = parts[0]
                break
        return later[k:], title, max(zone_end, min(reach, f.start + 3000))
    return None


def _clip(f: Field, limit: int) -> Field:
    if f.value_end <= limit:
        return f
    return Field(f.field, f.label, f.start, f.label_start, f.label_end, f.value_start, max(f.value_start, limit))


def _find_title(doc: Document, lex: Lexicon, fields: list[Field]) -> tuple[int, int] | None:
    """The compact range of the title: a named field (會議名稱), else the best line or line part."""
    named = next((f for f in fields if f.field == "title" and f.value_end > f.value_start), None)
    first_other = min((f.start for f in fields if f.field in ("date", "location", "chair", "recorder")),
                      default=None)
    if named is not None and (first_other is None or named.start < first_other):
        # (a 會議名稱 after the minutes' own 時間, 地點, 主席 is a sign-in sheet's or an attachment's)
        return named.value_start, named.value_end
    grammar = lex.grammar(TitleGrammar)
    comp = doc.compact
    first_field = {doc.line_of(doc.compact_index[f.start]): f.start for f in reversed(fields)}
    # the title stands before the header's fields (or just after the first of them)
    last = min(TITLE_MAX_LINES, min(first_field, default=TITLE_MAX_LINES) + 3)
    best: tuple[int, int, int] | None = None
    for i, (s, e) in enumerate(doc.lines[:last]):
        if i in doc.noise_lines:
            continue
        cs, ce = doc.to_compact(s), doc.to_compact(e)
        ce = min(ce, first_field.get(i, ce))
        marker = parse_marker(comp[cs:ce])
        if marker is not None and marker.style not in ("bullet", "par"):
            continue  # 2. 請內政部確認…場地 (以…會議中心優先): a numbered entry's words ((47)第40次會議 is a title)
        for a, b in _title_parts(doc, cs, ce, grammar):
            score = grammar.score(comp[a:b])
            if score is None or (parse_marker(comp[a:b]) not in (None,) and parse_marker(comp[a:b]).style != "bullet"):  # type: ignore[union-attr]
                continue
            score -= i // 8  # titles come first; later lines are more often body text
            if best is not None and score == best[0] and not grammar.parse(comp[a:b]).body \
                    and _body_line_above(doc, grammar, a) is not None:
                # 第八屆第2次委員會會議紀錄 (a site's heading) … 臺北市政府原住民事務委員會 / 第8屆第2次委員會議紀錄:
                # of two titles alike, the one with its body on the line above is the minutes' own
                score += 1
            if best is None or score > best[0]:
                best = (score, a, b)
    return _session_line_below(doc, grammar, best[1], best[2]) if best else None


def _session_line_below(doc: Document, grammar: TitleGrammar, a: int, b: int) -> tuple[int, int]:
    """A title set on two lines (110年度臺南市都市更新及爭議處理審議會 / 第二次會議紀錄): a title that
    ends its line and has no session, then a line of only a session and a meeting's name, is one
    title over both; so is a title whose next line joins a second meeting to it (暨…會議紀錄)."""
    comp = doc.compact
    i = doc.line_of(doc.compact_index[b - 1])
    if doc.to_compact(doc.lines[i][1]) != b:
        return a, b
    below = _neighbour_line(doc, i, 1)
    if below is None:
        return a, b
    cs, ce = below
    line = comp[cs:ce]
    if line.startswith(_JOINT) and line.endswith(grammar.suffixes) and len(line) <= 30 \
            and comp[a:b].endswith(grammar.meeting_words):
        # …第一次校務會議 / 暨性別平等教育委員會議紀錄: a joint meeting's title runs on to the next line
        return a, ce
    if grammar.parse(comp[a:b]).session is not None:
        return a, b
    parts = grammar.parse(line)
    if parts.session is not None and not parts.body and line.startswith("第") and line.endswith(grammar.suffixes):
        return a, ce
    return a, b


# the words that join a second meeting to a first in one title (校務會議暨性別平等教育委員會議)
_JOINT = ("暨", "併", "及")


def _neighbour_line(doc: Document, i: int, step: int) -> tuple[int, int] | None:
    """The compact range of the nearest line holding text above (step -1) or below (step 1) line
    i, within three lines, page furniture skipped."""
    for j in range(i + step, i + 4 * step, step):
        if not 0 <= j < len(doc.lines) or j in doc.noise_lines:
            continue
        cs, ce = doc.to_compact(doc.lines[j][0]), doc.to_compact(doc.lines[j][1])
        if ce > cs:
            return cs, ce
    return None


_LATIN_LEAD = re.compile(r"[A-Za-z][A-Za-z\"'“”]*[\"'“”]")


def _title_parts(doc: Document, cs: int, ce: int, grammar: TitleGrammar) -> list[tuple[int, int]]:
    """A line, or its parts where a page strings several things on one line: parts split at
    wide gaps and spaced dashes, each cut after its title suffix (…議事錄目錄壹、…)."""
    comp = doc.compact
    cuts = [cs]
    long_line = ce - cs > 40  # a page that strings several things on one line
    for p in range(cs + 1, ce):
        if comp[p] in "-|" and doc.gap(p) and doc.gap(p + 1):
            cuts += [p, p + 1]
        elif doc.gap(p) == 2 or (long_line and doc.gap(p)):
            cuts.append(p)
    cuts.append(ce)
    out = []
    for a, b in itertools.pairwise(cuts):
        while a < b and comp[a] in "-|":
            a += 1
        lead = re.match(r"\(\d{1,3}\)", comp[a:b])
        if lead and b - a > lead.end() + 3:
            a += lead.end()  # (47)第40次會議: an entry number before the title
        digits = a
        while digits < b and comp[digits].isdigit():
            digits += 1
        if a < digits < b and (doc.gap(digits) or doc.spaced_at(digits)) and comp[digits] not in "年學":
            a = digits  # a page number before the title: 1 高雄市立… (not 113 年度…)
        chrome = _LATIN_LEAD.match(comp, a, b)
        if chrome is not None and chrome.end() < b and is_cjk(comp[chrome.end()]):
            a = chrome.end()  # Download "行政院衛生署…紀錄": a mirror's link words before the title
        if b - a < 4:
            continue
        out.append((a, b))
        for suffix in grammar.suffixes:
            k = comp.find(suffix, a, b)
            if k != -1 and k + len(suffix) < b:
                out.append((a, k + len(suffix)))
                break
    return out


def _body_start(doc: Document, lex: Lexicon, rules: HeadingRules, fields: list[Field], title_end: int,
                zone_end: int) -> int:
    """The compact offset where the body begins: the first heading after the title outside the
    fields, or the first line after the fields that does not continue a list; a heading of no
    particular kind that the fields follow (壹、開會紀錄 / 一、開會時間…) is not the body."""
    comp = doc.compact
    # (提案人：… under a proposal is the item's label, not the header's: it does not hold the header open)
    item_labels = frozenset(lex.section_words("labels", "item_labels"))
    field_starts = sorted(f.start for f in fields if f.start >= title_end and f.label not in item_labels)
    field_lines = {doc.line_of(doc.compact_index[f]) for f in field_starts}
    last_field_line = max(field_lines, default=-1)
    prev_field = None
    for i, ((s, e), (cs, ce)) in enumerate(zip(doc.lines, doc.compact_lines, strict=True)):
        if cs >= len(comp) or (cs >= zone_end and i > last_field_line):
            return min(cs, len(comp))
        if ce <= title_end or i in doc.noise_lines or ce <= cs:
            continue
        start = max(cs, title_end)
        line = comp[start:ce]
        on_line = [f for f in fields if start <= f.start < ce]
        if on_line:
            prev_field = on_line[-1]
        # a heading inside a flattened line, after the fields on it
        run_on = ce - cs >= RUN_ON_LINE
        for p in rules.midline_headings(comp, start + 1, ce, run_on=run_on):
            # (a run-on line need not leave a space before it: …紀錄:廖櫻玉壹、主席報告)
            if (doc.gap(p) or run_on) and any(fs < p for fs in field_starts):
                return p
        if on_line:
            inline = _inline_heading(comp, rules, on_line[-1], ce)
            if inline is not None:
                return inline  # 肆、出列席單位：略（詳簽到簿）審議案：共1案: a flattened line goes on with a section
            continue
        if rules.is_heading(line, raw=doc.text[s:e]) or (start == cs and doc.markdown_level(i) is not None):
            return start  # (## CCPRIP: a markdown heading after the fields opens the body)
        if i > last_field_line:
            first = start + _sub_label_length(comp, lex, start, ce)  # 理事：郭麗琴、陳貞玟 under 出席人員：
            continues = prev_field is not None and prev_field.field in LIST_FIELDS and not re.search(
                r"[:：。；;]", comp[first:ce]) and _entry_like(doc, lex, first, ce)
            if not continues:
                return start
    return len(comp)


_INLINE_LABEL = re.compile(r"(?<=[)）。;；])" + LABEL_BEFORE_COLON)


def _inline_heading(comp: str, rules: HeadingRules, f: Field, ce: int) -> int | None:
    """A section keyword with its colon after a field's value closed by a bracket or a stop, on the
    same line (出列席單位：略（詳簽到簿）審議案：…)."""
    for m in _INLINE_LABEL.finditer(comp, f.value_start, ce):
        if rules.kind_of(m["label"]) != "other" and not rules.conclusion_line.match(m["label"] + "："):
            return m.start()
    return None


def _sub_label_length(comp: str, lex: Lexicon, cs: int, ce: int) -> int:
    """The length of a title and its colon opening a line of a roster (監事：…), else 0."""
    titles = find_titles(comp, lex, cs, min(ce, cs + 8))
    if titles and titles[0].start == cs and comp[titles[0].end:titles[0].end + 1] in (":", "："):
        return titles[0].end + 1 - cs
    return 0


def _entry_like(doc: Document, lex: Lexicon, cs: int, ce: int) -> bool:
    """Does a line go on with a list: its first entry reads as a person, a post or a unit
    (廖婉君委員、…, 科長 陳品華), not as a sentence (主席宣告開議)?"""
    comp = doc.compact
    names = lex.grammar(Names)
    for a, b in split_entries(comp, cs, ce, lambda p: doc.gap(p) != 0, lex, names):
        if parse_entry(comp, a, b, lex, names) or unit_like(comp[a:b], lex) \
                or any(t.start == a and t.end == b for t in find_titles(comp, lex, a, b)):
            return True
    return False


def _read_title(doc: Document, lex: Lexicon, head: Header, cs: int, ce: int) -> None:
    grammar = lex.grammar(TitleGrammar)
    comp = doc.compact
    head.title_span = doc.span(cs, ce)
    head.meeting.title = as_written(doc, cs, ce)
    head.meeting.spans["title"] = head.title_span
    core_text = comp[cs:ce]
    parts = grammar.parse(core_text)
    head.meeting.session = parts.session
    if parts.name_span is not None:
        a, b = parts.name_span
        head.meeting.name = as_written(doc, cs + a, cs + b).strip(QUOTE_MARKS)
    if parts.body_spans:
        # (「第二屆…小組」第十次會議: a quote mark around the body's name is no part of it)
        written = "".join(as_written(doc, cs + a, cs + b) for a, b in parts.body_spans)
        body = written.strip(QUOTE_MARKS)
        # (「建立市區道路之綠道路評估系統」第二次工作會議: a quoted name that names no organisation is
        # the meeting's subject, not its body)
        quoted_subject = written[:1] in QUOTE_MARKS and written[-1:] in QUOTE_MARKS \
            and not re.sub(r"\s+", "", body).endswith(grammar.org_ends)
        head.meeting.body = None if quoted_subject else body
        group = _QUOTED_GROUP.fullmatch(written.strip())
        if group is not None and re.sub(r"\s+", "", group["body"]).endswith(grammar.org_ends) \
                and (not head.meeting.name or head.meeting.name in grammar.generic):
            # 高雄國際航空站「航空噪音改善執行小組」第一次會議: the organisation's group in quotes meets
            head.meeting.body = group["body"].strip()
            head.meeting.name = group["group"].strip() + (head.meeting.name or "")
            body = head.meeting.body
        committee = not quoted_subject and re.sub(r"\s+", "", body).endswith(_COMMITTEE_ENDS)
        school = _school_before_committee(lex, body) if committee else None
        if school is not None and (not head.meeting.name or head.meeting.name in grammar.generic):
            # 宜蘭縣中興國小推動環保教育工作委員會第ㄧ次會議: the school's committee meets
            head.meeting.body, head.meeting.name = school, body[len(school):] + (head.meeting.name or "")
        elif committee and parts.session is None \
                and (above := _body_line_above(doc, grammar, cs)) is not None \
                and not re.sub(r"\s+", "", above).endswith(_COMMITTEE_ENDS):
            # 苗栗縣栗林國小105學年度第一學期期初 / 交通安全推行委員會會議紀錄: a committee of the
            # organisation named above, whose meeting this is
            head.meeting.body = above
            head.meeting.name = body + (head.meeting.name or "")
    else:
        head.meeting.body = _body_before_on_line(doc, grammar, cs, ce) or _body_line_above(doc, grammar, cs) \
            or _body_named_in_text(doc, lex, cs, ce)


def _school_before_committee(lex: Lexicon, body: str) -> str | None:
    """The school whose committee a title's body names after it (…國小|推動環保教育工作委員會)."""
    ends = [k + len(e) for e in lex.school_ends if (k := body.find(e)) > 0]
    cut = max((x for x in ends if x + 2 < len(body)), default=0)
    return body[:cut].rstrip() if cut else None


# an organisation, then its group's name in quotes (高雄國際航空站「航空噪音改善執行小組」)
_QUOTED_GROUP = re.compile(r"(?P<body>[^「『]{2,30}?)\s*[「『](?P<group>[^「」『』]{2,30})[」』]")
# the words that end a committee's name: a board of some organisation, not the organisation
_COMMITTEE_ENDS = ("委員會", "小組")
_TITLE_UNIT = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:委員會|小組)")


def _body_named_in_text(doc: Document, lex: Lexicon, cs: int, ce: int) -> str | None:
    """A title that opens with a committee but not its body (建設委員會「…」座談會), where the text
    names the body in full before the committee (臺南市議會建設委員會21日上午召開…): that body."""
    comp = doc.compact
    lead = _TITLE_UNIT.match(comp, cs, ce)
    if lead is None:
        return None
    unit = lead.group()
    p = comp.find(unit, ce, ce + 1500)
    while p >= 0:
        known = lex.known_units.ending_at(comp, p, max(0, p - 12))
        if known is not None and known[1].kinds & _BODY_LISTS:
            return as_written(doc, known[0], p)
        p = comp.find(unit, p + len(unit), ce + 1500)
    return None


# lists of bodies.yaml that name whole bodies (a government, a council, a ministry), not units
_BODY_LISTS = frozenset({"local_council", "local_government", "central"})


def _read_summary(doc: Document, lex: Lexicon, head: Header) -> None:
    """監察院第三屆第十一次會議於…上午九時,在本院議事廳舉行,由錢 院長復親自主持: a page with no title
    or fields whose opening sentence names the meeting, its time, its place and its chair."""
    opening = find_opening(doc)
    if opening is None:
        named = find_meeting_in_opening_words(doc, doc.to_compact(head.end))
        if named is not None:
            _read_title(doc, lex, head, *named)
        return
    comp, m = doc.compact, head.meeting
    _read_title(doc, lex, head, *opening.meeting)
    a, b = opening.when
    times = find_times(comp[a:b])
    if times and m.start_time is None:
        _put_start_time(doc, m, a + times[0].start, a + times[0].end, times[0].hour, times[0].minute)
    found = [d for d in find_dates(comp[a:b], None) if d.kind == "absolute"]
    if found and m.date is None:
        _put_date(doc, head, a, found[0])
    if m.location is None:
        m.location = as_written(doc, *opening.place)
        m.spans["location"] = doc.span(*opening.place)
    hits = parse_entry(comp, *opening.chair, lex, lex.grammar(Names))
    if hits and m.chair is None:
        m.chair = hits[0].name
        m.spans["chair"] = doc.span(hits[0].start, hits[0].end)


def _said_when(text: str) -> bool:
    """Does the text open with a date or a clock time (七月九日晚間七點, 112年3月5日)?"""
    return any(d.start == 0 for d in find_dates(text, _ANY_YEAR)) or any(t.start == 0 for t in find_times(text))


_ANY_YEAR = date(2000, 7, 1)  # (a reference only for telling a month and day from other words)


def _read_convened(doc: Document, lex: Lexicon, head: Header) -> None:
    """七月九日晚間七點,高雄市…協會在…忠孝教室,召開…籌備會: a write-up under the title says when, by
    whom and where the meeting was convened; what the header lacks is read there (a month and day
    in the year the title's scope names)."""
    start = doc.to_compact(head.title_span[1]) if head.title_span else 0
    convened = find_convened(doc, start, _said_when)
    if convened is None:
        return
    comp, m = doc.compact, head.meeting
    a, b = convened.when
    if m.date is None:
        found = [d for d in find_dates(comp[a:b], None) if d.kind == "absolute"] \
            or _month_day_in_scope(doc, head, comp[a:b], lambda i: doc.gap(a + i) != 0)
        found = [d for d in found if d.start == 0]
        if found:
            _put_date(doc, head, a, found[0])
            times = find_times(comp[a + found[0].end:b])
            if times and m.start_time is None:
                t, base = times[0], a + found[0].end
                _put_start_time(doc, m, base + t.start, base + t.end, t.hour, t.minute)
    if m.location is None:
        m.location = as_written(doc, *convened.place)
        m.spans["location"] = doc.span(*convened.place)
    grammar = lex.grammar(TitleGrammar)
    if convened.body is not None:
        body = comp[slice(*convened.body)]
        weak = m.body is None or not re.sub(r"\s+", "", m.body).endswith(grammar.org_ends)
        if weak and body.endswith(grammar.org_ends) and not body.startswith(("本", "該")):
            m.body = as_written(doc, *convened.body)


def _body_before_on_line(doc: Document, grammar: TitleGrammar, cs: int, ce: int) -> str | None:
    """20140402-慈心華福實驗國民中小學第十三屆家長會 第十八次常務委員會會議紀錄: a title cut from a long
    line at a space, whose body stands before it on the line."""
    line_start = doc.compact_line_start(cs)
    if line_start >= cs or not doc.gap(cs):
        return None
    whole = grammar.parse(doc.compact[line_start:ce])
    spans = [(a, b) for a, b in whole.body_spans if line_start + b <= cs]
    if not spans or spans != whole.body_spans:
        return None
    body = "".join(as_written(doc, line_start + a, line_start + b) for a, b in spans).strip(QUOTE_MARKS)
    # (文章 第五屆第七次…委員會議紀錄: a forum's label before the title names no organisation)
    return body if re.sub(r"\s+", "", body).endswith(grammar.org_ends) else None


def _body_line_above(doc: Document, grammar: TitleGrammar, title_cs: int) -> str | None:
    """A title set on two lines (臺北市政府秘書處 / 第107次處務會議紀錄) names its body above."""
    i = doc.line_of(doc.compact_index[title_cs]) if title_cs < len(doc.compact) else len(doc.lines) - 1
    above = _neighbour_line(doc, i, -1)
    if above is not None and YEAR_SCOPE.fullmatch(doc.compact[above[0]:above[1]]):
        # 華興小學學生家長會 / 103學年度 / 第4次會員代表大會: a line of only the year between
        above = _neighbour_line(doc, doc.line_of(doc.compact_index[above[0]]), -1)
    if above is None:
        return None
    cs, ce = above
    line = doc.compact[cs:ce]
    trailing = TERM_SCOPE.search(line)
    if trailing is not None and trailing.end() == len(line) and trailing.start() > 0:
        # 宜蘭縣壯圍鄉壯圍國中100學年度第2學期 / 第1次課程發展委員會會議紀錄: the year after the body
        ce, line = cs + trailing.start(), line[:trailing.start()]
    whole = grammar.parse(line) if grammar.score(line) is not None else None
    if whole is not None and whole.body_spans and whole.session is not None:
        # 100學年度鳳山國中第2次課程發展委員會會議 / 會議名稱：第2次課程發展委員會會議: the title
        # above the field names the body the field leaves out
        return "".join(as_written(doc, cs + a, cs + b) for a, b in whole.body_spans).strip(QUOTE_MARKS)
    scope = YEAR_SCOPE.match(line)
    if scope is not None:  # 113年度 / 臺中市都市設計審議委員會: the year is not the body's
        cs, line = cs + scope.end(), line[scope.end():]
    if len(line) <= 24 and line.endswith(grammar.org_ends) and (
            not line.endswith(grammar.meeting_words) or line.endswith(grammar.boards)) \
            and not re.search(r"[:：，,。；;、()]", line) and parse_marker(line) is None:
        return as_written(doc, cs, ce)
    return None


def _read_values(doc: Document, head: Header) -> None:
    comp = doc.compact
    m = head.meeting
    for f in head.fields:
        head.value_spans.setdefault(f.field, []).append(doc.span(f.value_start, f.value_end))
    for f in (f for f in head.fields if f.field == "date"):
        value = comp[f.value_start:f.value_end]

        def spaced(i: int, base: int = f.value_start) -> bool:
            return doc.gap(base + i) != 0

        found = [d for d in find_dates(value, None, spaced=spaced) if d.kind in ("absolute", "compact")]
        lost = LOST_UNITS_DATE.match(value)
        if not found and lost is not None:
            digits = lost["digits"]
            first = lost.start("digits")
            readings = lost_units_dates(digits, frozenset(i for i in range(1, len(digits)) if spaced(first + i)))
            if len(readings) > 1:  # 100831: 100/8/31 in a title of 100學年度, not 10/08/31
                readings = {v for v in readings if _in_scope(_title_scope(doc, head), v)}
            found = [RawDate(0, lost.end(), readings.pop(), None, "compact")] if len(readings) == 1 else []
        if not found and m.date is None:
            found = _month_day_in_scope(doc, head, value, spaced)
        if found and m.date is None:
            _put_date(doc, head, f.value_start, found[0])
        base = f.value_start
        times = find_times(value, spaced)
        lost_time = LOST_UNITS_TIME.search(value) if not times else None
        if lost_time is not None and m.start_time is None:
            _put_start_time(doc, m, base + lost_time.start(), base + lost_time.end(),
                            to_24h(int(lost_time["h"]), lost_time["ap"]), int(lost_time["mi"]))
        if times and m.start_time is None:
            t = times[0]
            _put_start_time(doc, m, base + t.start, base + t.end, t.hour, t.minute)
            if len(times) > 1 and value[t.end: times[1].start].strip(" ") in ("至", "到", "-", "~", "－", "—"):
                t2 = times[1]
                hour = end_hour(t.hour, t2.hour)
                m.end_time = f"{hour:02d}:{t2.minute:02d}"
                m.spans["end_time"] = doc.span(f.value_start + t2.start, f.value_start + t2.end)
        elif m.start_time is None:
            bare = BARE_HOUR.search(value)
            if bare:
                _put_start_time(doc, m, base + bare.start(), base + bare.end(), to_24h(int(bare["h"]), bare["ap"]), 0)
    if m.date is None and head.fields:
        # a date label we do not know (時問：九十一年十月二十八日…): the first full date in the header
        lo = doc.to_compact(head.title_span[1]) if head.title_span else 0
        hi = max(f.value_end for f in head.fields)
        found = [d for d in find_dates(comp[lo:hi], None) if d.kind == "absolute"]
        if found:
            d = found[0]
            _put_date(doc, head, lo, d)
            line = doc.lines[doc.line_of(doc.compact_index[lo + d.start])]
            le = doc.to_compact(line[1])
            times = [t for t in find_times(comp[lo + d.end:le]) if m.start_time is None]
            if times:
                t = times[0]
                _put_start_time(doc, m, lo + d.end + t.start, lo + d.end + t.end, t.hour, t.minute)
    if m.date is None and head.title_span is not None:
        # a date in the title's line (臺南市政府第420次市政會議紀錄108/12/31), or a line of its own
        # right under the title (內政部114年第45次部務會報 / 中華民國114年11月27日)
        first = doc.line_of(head.title_span[0])
        for k in range(first, min(first + 3, len(doc.lines))):
            cs, ce = doc.to_compact(doc.lines[k][0]), doc.to_compact(doc.lines[k][1])
            if ce <= cs:
                continue
            found = [d for d in find_dates(comp[cs:ce], None) if d.kind == "absolute"]
            if found and (k == first or _DATE_LINE.fullmatch(comp, cs + found[0].end, ce)):
                _put_date(doc, head, cs, found[0])
                break
            if k > first and k > doc.line_of(head.title_span[1] - 1):
                break  # only the title's lines and the one line after them
    for f in (f for f in head.fields if f.field == "location"):
        s, e = doc.span(f.value_start, f.value_end)
        value = _LINK_NOTE.sub("", doc.text[s:e].strip()).rstrip("。.;；，,")
        if value and m.location is None:
            m.location = value
            m.spans["location"] = (s, s + len(doc.text[s:e]) - len(doc.text[s:e].lstrip()) + len(value))


def _date_of_listed_title(doc: Document, grammar: TitleGrammar, head: Header) -> None:
    """A page's list entry above the title, a date before the same session's title (89.11.07第一次
    會議紀錄 above 高雄國際航空站「…」第一次會議會議記錄): the meeting's date."""
    if head.meeting.session is None:
        return
    comp = doc.compact
    first = doc.line_of(head.title_span[0]) if head.title_span else 0
    seen = 0
    for k in range(first - 1, -1, -1):
        cs, ce = doc.to_compact(doc.lines[k][0]), doc.to_compact(doc.lines[k][1])
        if ce <= cs:
            continue
        seen += 1
        if seen > _LISTED_TITLE_REACH:
            return
        found = [d for d in find_dates(comp[cs:ce], None) if d.kind == "absolute" and d.start == 0]
        rest = comp[cs + found[0].end:ce] if found else ""
        if found and grammar.score(rest) is not None and grammar.parse(rest).session == head.meeting.session:
            _put_date(doc, head, cs, found[0])
            return


# how many lines above a title a page's list entry for it may stand
_LISTED_TITLE_REACH = 4


# a note in brackets after a place that links to a map of it (（地圖：https://goo.gl/maps/…）)
_LINK_NOTE = re.compile(r"\s*[(（][^()（）]*(?:https?://|地圖|[Mm]ap)[^()（）]*[)）]\s*$")


def _month_day_in_scope(doc: Document, head: Header, value: str, spaced: Callable[[int], bool]) -> list[RawDate]:
    """A date field whose year is missing or unreadable (時間：中華民國一一學年九月十日(星期一)): its
    month and day in the year the title's scope names (一○一學年度第一學期: a school year runs from
    August to July), kept only when a weekday written with it agrees."""
    scope = _title_scope(doc, head)
    if scope is None or "月" not in value:
        return []
    year, school = scope
    out = []
    for d in find_dates(value, date(year, 7, 1), spaced=spaced):
        if d.kind != "month_day":
            continue
        v = make_date(year + (1 if school and d.value.month < 8 else 0), d.value.month, d.value.day)
        if v is not None and (d.weekday is None or v.weekday() == weekday_index(d.weekday)):
            out.append(RawDate(d.start, d.end, v, None, "absolute", d.weekday))
    return out


def _title_scope(doc: Document, head: Header) -> tuple[int, bool] | None:
    """The year the title's scope names (113年度; 一○一學年度, a school year) and whether it is a
    school year."""
    if head.title_span is None:
        return None
    cs, ce = doc.compact_span(head.title_span)
    # (a title that opens with a year, 102年運動小聯盟…籌備會, is that year's meeting)
    scope = YEAR_SCOPE.search(doc.compact, cs, ce) or _LEADING_YEAR.match(doc.compact, cs, ce)
    digits = re.match(rf"[{NUMERAL}]+", scope.group()) if scope else None
    n = parse_int(digits.group()) if digits else None
    if scope is None or n is None or not 1 <= n <= 200:
        return None
    return n + 1911, "學年" in scope.group()


_LEADING_YEAR = re.compile(rf"[{NUMERAL}]{{2,3}}年(?![{NUMERAL}度])")


def _in_scope(scope: tuple[int, bool] | None, v: date) -> bool:
    """Whether a date falls in the year (or the school year, August to July) a title names."""
    if scope is None:
        return False
    year, school = scope
    return (year, 8) <= (v.year, v.month) <= (year + 1, 7) if school else v.year == year


def _put_date(doc: Document, head: Header, base: int, d: RawDate) -> None:
    """The meeting's date, read at compact offset `base` + the date's own offsets."""
    head.meeting.date, head.ref_date, head.date_kind = d.value.isoformat(), d.value, d.kind
    head.meeting.spans["date"] = doc.span(base + d.start, base + d.end)


def _put_start_time(doc: Document, m: Meeting, cs: int, ce: int, hour: int, minute: int) -> None:
    m.start_time = f"{hour:02d}:{minute:02d}"
    m.spans["start_time"] = doc.span(cs, ce)


# what may follow a date on a line of its own: a weekday, a time, closing punctuation
_DATE_LINE = re.compile(r"[()（）星期週周一二三四五六日天上下午晚間時點分\d:：0-9至到~\-。.]*")


def end_hour(start_hour: int, hour: int) -> int:
    """An end time read as earlier than the start is in the afternoon: a meeting from 14時
    至6時30分 ends at 18:30 (a written 下午 was already applied)."""
    if hour < start_hour and hour < 12:  # (12時 is noon, never 24:00)
        return hour + 12
    return hour


def looks_like_minutes(head: Header, sections: int, doc: Document | None = None,
                       lex: Lexicon | None = None) -> tuple[float, list[str]]:
    """How sure we are that this is minutes, and why (a title, header fields, sections, or at least
    a meeting named in the opening text: 「…小組」第十次會議於今(十七)日下午三時…舉行, a summary)."""
    reasons = list(head.evidence)
    if sections:
        reasons.append(f"{sections} sections")
    score = min(1.0, 0.4 * ("title" in reasons) + 0.4 * ("header fields" in reasons) + 0.3 * bool(sections))
    if not reasons and doc is not None and lex is not None and _names_a_meeting(doc, lex):
        reasons.append("a meeting named in the text")
        score = 0.2
    return round(score, 2), reasons


def _names_a_meeting(doc: Document, lex: Lexicon, reach: int = 600) -> bool:
    """A session shortly before a meeting word in the opening text (第十次會議, 第3次委員會議,
    第一次的部務會議), or the words that open a meeting (主席宣布開會, 會議準時開始)."""
    comp = doc.compact[:reach]
    grammar = lex.grammar(TitleGrammar)
    if any(w in comp for w in grammar.openings):
        return True
    return any(any(comp.startswith(grammar.meeting_words, k) for k in range(m.end(), min(len(comp), m.end() + 7)))
               for m in ORDINAL.finditer(comp) if m["session"] or m["sessions"] or m["bare"])
