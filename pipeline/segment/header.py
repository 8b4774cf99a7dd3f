"""The header block: title, 時間, 地點, 主席, 紀錄, 出席, 列席 ... before the first section.

Labels may be spaced (主 席), several may share a line (主席: 陳志銘 紀錄: 陳慧玲), a web page may
put a label and its value on separate lines, and a numbered list may carry them (1、開會時間:).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.document import Document, as_written, compact_range
from pipeline.grammar.dates import BARE_HOUR, find_dates, find_times, to_24h
from pipeline.grammar.headings import parse_marker
from pipeline.grammar.names import NameHit, clean_title, find_titles, parse_token
from pipeline.grammar.numerals import DIGIT, NUMERAL, parse_int
from pipeline.models import Meeting, Span
from pipeline.profiles import Profile

if TYPE_CHECKING:
    from pipeline.context import Context

HEADER_MAX_LINES = 80
_MEETING_WORD = re.compile(r"(?:會議|會報|院會|大會|臨時會|定期會|議事錄|紀錄|記錄|座談會|審查會|審議會)")
_ORDINAL = re.compile(
    rf"第?[{NUMERAL}]+次(?!會議紀錄$)|第[{NUMERAL}]+(?:屆|會期|學期|期)|[{DIGIT}]{{2,4}}學?年度|[{DIGIT}]{{2,4}}年"
)
_SESSION = re.compile(rf"第?(?P<n>[{NUMERAL}]+)次")
_TITLE_SUFFIX = re.compile(r"(?:紀錄|記錄|議事錄|決議|紀要|記要|會議紀錄摘要)(?:\(.*\))?$")
_GENERIC_NAMES = {"", "會議", "會"}
_SPLIT = re.compile(r"[、,，;；]|\s{2,}|\u3000")
_PAREN = re.compile(r"\(([^()]*)\)")
# 主席：丁局長育群(黃一平代): someone else chaired in the named chair's place
PROXY = re.compile(r"\((?P<name>[^()]{2,4}?)代(?:理)?\)")


@dataclass
class LabelHit:
    field: str
    label: str
    cstart: int  # compact range of the value
    cend: int
    line: int


@dataclass
class HeaderPerson:
    hit: NameHit
    role: str  # the header field it was listed under
    label: str


@dataclass
class Header:
    meeting: Meeting = field(default_factory=Meeting)
    start: int = 0
    end: int = 0  # text offset where the first section starts
    title_span: Span | None = None
    labels: list[LabelHit] = field(default_factory=list)
    people: list[HeaderPerson] = field(default_factory=list)
    date_kind: str | None = None
    looks_like_minutes: bool = False
    ref_date: date | None = None
    value_spans: dict[str, list[Span]] = field(default_factory=dict)

    @property
    def dropped_units(self) -> bool:
        """The header date was written without 年月日: the converter dropped those characters."""
        return self.date_kind == "compact"

    def resolve_times(self, ctx: Context) -> None:
        """The end time from the adjournment line (散會(10時50分)), when the header has none."""
        if self.meeting.end_time:
            return
        doc = ctx.doc
        for sec in ctx.sections:
            if sec.kind != "adjournment":
                continue
            cs, ce = compact_range(doc, sec.heading_span[0], sec.heading_span[1])
            times = find_times(doc.compact[cs:ce])
            if times:
                t = times[0]
                self.meeting.end_time = f"{t.hour:02d}:{t.minute:02d}"
                self.meeting.spans["end_time"] = doc.span(cs + t.start, cs + t.end)
                return


def _label_pairs(profile: Profile) -> tuple[str, ...]:
    return tuple(sorted({lab for labs in profile.header_labels.values() for lab in labs}, key=len, reverse=True))


@lru_cache(maxsize=16)
def _label_regexes(labels: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The header labels followed by a colon, and the same labels standing bare (a table row)."""
    alts = "|".join(re.escape(lab) for lab in labels)
    return re.compile(rf"(?P<label>{alts})(?P<colon>[:：])"), re.compile(rf"(?P<label>{alts})(?P<colon>)")


def _label_field(profile: Profile, label: str) -> str:
    for f, labs in profile.header_labels.items():
        if label in labs:
            return f
    return "other"


def read_header(doc: Document, profile: Profile) -> Header:
    from pipeline.segment.outline import heading_candidate

    head = Header()
    label_rx, bare_rx = _label_regexes(_label_pairs(profile))
    all_labels = {lab for labs in profile.header_labels.values() for lab in labs}
    comp = doc.compact
    lines = doc.lines
    pending_label: tuple[str, str] | None = None
    last_hit: LabelHit | None = None
    header_lines: list[int] = []
    end_line = None
    seen = 0
    title_line = _find_title_line(doc)
    for i, (s, e) in enumerate(lines):
        if i >= HEADER_MAX_LINES:
            break
        if i in doc.noise_lines:
            continue
        cs, ce = compact_range(doc, s, e)
        line = comp[cs:ce]
        if not line:
            continue
        if pending_label is not None:
            lab, fld = pending_label
            hit = LabelHit(fld, lab, cs, ce, i)
            head.labels.append(hit)
            last_hit, pending_label = hit, None
            header_lines.append(i)
            continue
        body_cs = cs
        marker = parse_marker(line)
        if marker and marker.style in ("ar", "cn", "ar_dot") and (
                label_rx.match(comp, cs + marker.end, ce) or bare_rx.match(comp, cs + marker.end, ce)):
            body_cs = cs + marker.end  # 1、開會時間:...
        hits = [m for m in label_rx.finditer(comp, body_cs, ce)]
        hits = [m for m in hits if m.start() == body_cs or _label_boundary(doc, m.start())]
        if not hits:
            bare = bare_rx.match(comp, body_cs, ce)
            if bare and bare.end() < ce and doc.gap(bare.end()) != 0:
                # 四、列席人員 潘國全 （秘書長）, or a table row: 開會地點 臺大凝態中心 主 席 葉永烜 記錄
                hits = [bare] + [m for m in bare_rx.finditer(comp, bare.end(), ce)
                                 if doc.gap(m.start()) != 0 and (m.end() == ce or doc.gap(m.end()) != 0)]
        if hits and hits[0].start() == body_cs:
            for k, m in enumerate(hits):
                vend = hits[k + 1].start() if k + 1 < len(hits) else ce
                fld = _label_field(profile, m["label"])
                hit = LabelHit(fld, m["label"], m.end(), vend, i)
                head.labels.append(hit)
                last_hit = hit
            header_lines.append(i)
            seen += 1
            continue
        if line in all_labels or line.rstrip(":") in all_labels:
            lab = line.rstrip(":")
            pending_label = (lab, _label_field(profile, lab))
            seen += 1
            continue
        if (title_line is None or i > title_line) and heading_candidate(
                line, profile, header_seen=seen, raw=doc.text[s:e]):
            end_line = i
            break
        if last_hit is not None and last_hit.field in ("attendees", "absentees", "observers", "recorder",
                                                       "other") and not re.search(r"[:：，。；;]", line):
            # a continuation line of a multi-line list (出席委員, 列席, 紀錄 ...)
            cont = LabelHit(last_hit.field, last_hit.label, cs, ce, i)
            head.labels.append(cont)
            header_lines.append(i)
    if end_line is None:
        end_line = (max(header_lines) + 1) if header_lines else 0
    head.end = lines[end_line][0] if end_line < len(lines) else len(doc.text)
    _read_title(doc, head, profile, end_line)
    _read_fields(doc, head, profile)
    head.looks_like_minutes = bool(head.meeting.name or head.meeting.title) or len(
        {h.field for h in head.labels}) >= 2
    return head


def _label_boundary(doc: Document, cpos: int) -> bool:
    """A label inside a line counts only after a gap: 主席: 陳志銘 紀錄: 陳慧玲."""
    return doc.gap(cpos) != 0


def _title_score(line: str) -> int | None:
    if not line or len(line) > 60 or re.search(r"[:：，,。；;]", line) or not _MEETING_WORD.search(line):
        return None
    marker = parse_marker(line)
    if marker is not None and marker.style != "bullet":
        return None  # a numbered line is a heading or an item, not the title
    body_first = 0 if _ORDINAL.match(line) else 2  # a title that names its body first
    return 2 + body_first + (3 if _SESSION.search(line) else 0) + min(len(line), 40) // 8


def _find_title_line(doc: Document, max_lines: int = 40) -> int | None:
    """The line that names the meeting: a meeting word, preferably a session number."""
    best: tuple[int, int] | None = None
    comp = doc.compact
    for i, (s, e) in enumerate(doc.lines[:max_lines]):
        if i in doc.noise_lines:
            continue
        cs, ce = compact_range(doc, s, e)
        score = _title_score(comp[cs:ce])
        if score is not None:
            score -= i // 8  # titles come first; later lines are more often body text
        if score is not None and (best is None or score > best[0]):
            best = (score, i)
    return best[1] if best else None


def _read_title(doc: Document, head: Header, profile: Profile, end_line: int) -> None:
    comp = doc.compact
    named = next((h for h in head.labels if h.field == "title" and h.cend > h.cstart), None)
    if named is not None:
        i, cs, ce = named.line, named.cstart, named.cend  # 會議名稱 in a table
    else:
        found = _find_title_line(doc, max(end_line, 1) + 1)
        if found is None:
            return
        i = found
        cs, ce = compact_range(doc, *doc.lines[i])
    head.title_span = doc.span(cs, ce)
    title = as_written(doc, cs, ce)
    head.meeting.title = title
    head.meeting.spans["title"] = head.title_span
    core = _TITLE_SUFFIX.sub("", comp[cs:ce])
    if re.search(r"(?:會議|大會|會報|院會|臨時會|定期會)會議$", core):
        core = core[:-2]  # 委員會議會議紀錄, 會員大會會議紀錄: the meeting is named once
    ordinals = list(_ORDINAL.finditer(core))
    sessions = [m for m in ordinals if _SESSION.fullmatch(m.group(0))]
    if sessions:
        head.meeting.session = parse_int(_SESSION.fullmatch(sessions[-1].group(0))["n"])  # type: ignore[index]
    chunks: list[tuple[int, int]] = []
    pos = 0
    for m in ordinals:
        chunks.append((pos, m.start()))
        pos = m.end()
    chunks.append((pos, len(core)))
    chunks = [c for c in chunks if c[1] > c[0]]
    if not chunks:
        return
    name_idx = len(chunks) - 1
    # 第2次定期大會第2次會議: the name is 定期大會; but 委員會第59次會議 names its body first
    while name_idx > 1 and core[chunks[name_idx][0]:chunks[name_idx][1]] in _GENERIC_NAMES:
        name_idx -= 1
    if not ordinals and len(chunks) == 1:
        # 國立臺灣大學行政會議: no number to split at; the body ends where an organisation word ends
        split = _body_name_split(core)
        if split:
            head.meeting.body = as_written(doc, cs, cs + split)
            head.meeting.name = as_written(doc, cs + split, cs + len(core))
        else:
            head.meeting.name = as_written(doc, cs + chunks[0][0], cs + chunks[0][1])
            head.meeting.body = _body_line_above(doc, i)
        return
    head.meeting.name = as_written(doc, cs + chunks[name_idx][0], cs + chunks[name_idx][1])
    body = "".join(as_written(doc, cs + a, cs + b) for k, (a, b) in enumerate(chunks)
                   if k != name_idx and core[a:b] not in _GENERIC_NAMES and k < name_idx)
    head.meeting.body = body or _body_line_above(doc, i)


_ORG_END = re.compile(r"(?:府|處|局|會|院|部|署|所|校|學|中心|公司|公所|小學|國小|國中|高中|大學|學院)$")


def _body_name_split(core: str) -> int | None:
    """Where the body ends in a title without numbers (中華民國天文學會理監事會議 -> 12)."""
    if not re.search(r"(?:會議|會報|大會|院會)$", core):
        return None
    for length in range(4, 9):  # the shortest name after a body that ends an organisation's name
        k = len(core) - length
        if k >= 2 and _ORG_END.search(core[:k]):
            return k
    return None


def _body_line_above(doc: Document, title_line: int) -> str | None:
    """A title set on two lines (臺北市政府秘書處 / 第107次處務會議紀錄) names its body above."""
    for i in range(title_line - 1, max(-1, title_line - 3), -1):
        if i in doc.noise_lines:
            continue
        cs, ce = compact_range(doc, *doc.lines[i])
        line = doc.compact[cs:ce]
        if not line:
            continue
        if len(line) <= 24 and _ORG_END.search(line) and not _MEETING_WORD.search(line) \
                and not re.search(r"[:：，,。；;、()]", line) and parse_marker(line) is None:
            return as_written(doc, cs, ce)
        return None
    return None


def _tokens(doc: Document, cs: int, ce: int, profile: Profile) -> list[tuple[int, int]]:
    """Split a list value into entries at 、 , ; and at spaces, then glue back what a spaced
    layout split (科 長 鮑夏明, 副 市 長 侯友宜, 吳 局長宗榮). A line break ends an entry when the
    next line starts a new one (議員陳政聞…, (理事)…, 海洋局局長…), not when it wraps one (廖婉君委\n員)."""
    comp = doc.compact
    raw: list[tuple[int, int]] = []
    start = cs
    for k in range(cs, ce + 1):
        at_end = k == ce
        sep = not at_end and comp[k] in "、,，;；"
        between = doc.text[doc.compact_index[k - 1] + 1: doc.compact_index[k]] if 0 < k < len(comp) else ""
        if at_end:
            split = False
        elif "\n" in between:
            split = k > start and (comp[k] == "(" or bool(find_titles(comp, profile, k, min(ce, k + 8))))
        else:
            split = k > start and doc.gap(k) != 0 and comp[k] != "("
        if at_end or sep or split:
            if k > start:
                raw.append((start, k))
            start = k + 1 if sep else k
    out: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None
    prefixes = _title_prefixes(profile)
    for a, b in raw:
        tok = comp[a:b]
        if pending is not None:
            head = comp[pending[0]:pending[1]]
            joined = comp[pending[0]:b]
            head_is_title = any(m.end() == len(head) for m in profile.title_regex.finditer(head))
            if (head in prefixes or head_is_title
                    or (len(head) == 1 and profile.title_regex.match(tok))) and doc.gap(a) != 0:
                a, tok = pending[0], joined
            else:
                out.append(pending)
        pending = None
        ends_in_title = any(m.end() == len(tok) for m in profile.title_regex.finditer(tok))
        if (a, b) != raw[-1] and "(" not in tok and (tok in prefixes or ends_in_title or len(tok) == 1):
            pending = (a, b)
            continue
        out.append((a, b))
    if pending is not None:
        out.append(pending)
    return out


@lru_cache(maxsize=8)
def _prefix_set(titles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t[:k] for t in titles for k in range(1, len(t)))


def _title_prefixes(profile: Profile) -> frozenset[str]:
    return _prefix_set(tuple(profile.titles))


def _written(doc: Document, hit: NameHit) -> NameHit:
    """The hit with its name as written in the text (峯, 台), not as folded for matching."""
    name = "".join(as_written(doc, a, b) for a, b in hit.name_parts) if hit.name_parts else hit.name
    return NameHit(hit.start, hit.end, name, hit.title, hit.name_parts)


def _persons_in(doc: Document, profile: Profile, cs: int, ce: int) -> list[NameHit]:
    return [_written(doc, h) for h in _persons_raw(doc, profile, cs, ce)]


def _title_in_note(note: str, profile: Profile) -> str | None:
    for part in re.split(r"[；;，,、]", note):
        titles = [m for m in profile.title_regex.finditer(part) if m.end() == len(part)]
        if titles:
            return clean_title(titles[-1].group(0))
    return None


def _persons_raw(doc: Document, profile: Profile, cs: int, ce: int) -> list[NameHit]:
    comp = doc.compact
    hits: list[NameHit] = []
    last_title: str | None = None
    for a, b in _tokens(doc, cs, ce, profile):
        tok = comp[a:b]
        # 市政府－社會局局長張乃千等（如簽到簿）: drop the parent and the notes, read the inner proxy
        dash = max(tok.rfind("-"), -1)
        if dash >= 0:
            a, tok = a + dash + 1, tok[dash + 1:]
        inner: list[tuple[int, str]] = []
        for pm in _PAREN.finditer(tok):
            inner.append((a + pm.start(1), pm.group(1)))
        cut = tok.find("(")
        if cut >= 0:
            if ")" not in tok[cut:]:
                inner.append((a + cut + 1, tok[cut + 1:]))  # a note that runs onto the next line
            tok = tok[:cut]
        lead = re.match(r"\(([^()]{2,8})\)", tok)
        if lead and profile.title_regex.fullmatch(lead.group(1)):
            # (常務理事) 許瑞榮、曾耀寰: the title in front covers the names after it
            last_title = clean_title(lead.group(1))
            a, tok = a + lead.end(), tok[lead.end():]
            inner = [x for x in inner if x[0] >= a]
            cut = tok.find("(")
            if cut >= 0:
                tok = tok[:cut]
        tok_clean = re.sub(r"等.*$", "", tok)
        hit = parse_token(tok_clean, profile, a)
        if hit is not None and hit.title is None and inner:
            # 呂聖元(秘書長；請假), 許瑞榮(成功大學物理系；共同主席): the note names the post
            role = _title_in_note(inner[0][1], profile)
            if role:
                hit = NameHit(hit.start, hit.end, hit.name, role, hit.name_parts)
        if hit is not None:
            if hit.title is None and last_title is not None:
                hit = NameHit(hit.start, hit.end, hit.name, last_title, hit.name_parts)
            elif hit.title is not None and hit.name_parts and hit.name_parts[0][0] > hit.start:
                last_title = hit.title  # 議員陳信瑜、康裕成: a title before the first name covers the list
            hits.append(hit)
        for off, inner_text in inner:
            shift = off + (1 if inner_text.startswith("由") else 0)
            inner_text = re.sub(r"代理?$", "", re.sub(r"^由", "", inner_text))
            ih = parse_token(inner_text, profile, shift)
            if ih is not None and ih.title is not None:
                hits.append(ih)
    return hits


def _read_fields(doc: Document, head: Header, profile: Profile) -> None:
    comp = doc.compact
    m = head.meeting
    by_field: dict[str, list[LabelHit]] = {}
    for h in head.labels:
        by_field.setdefault(h.field, []).append(h)
        head.value_spans.setdefault(h.field, []).append(doc.span(h.cstart, h.cend))
    for h in by_field.get("date", []):
        value = comp[h.cstart:h.cend]

        def spaced(i: int, base: int = h.cstart) -> bool:
            return doc.gap(base + i) != 0

        found = [d for d in find_dates(value, None, spaced=spaced) if d.kind in ("absolute", "compact")]
        if found and m.date is None:
            d = found[0]
            m.date = d.value.isoformat()
            head.ref_date = d.value
            head.date_kind = d.kind
            m.spans["date"] = doc.span(h.cstart + d.start, h.cstart + d.end)
        times = find_times(value, spaced)
        if times and m.start_time is None:
            t = times[0]
            m.start_time = f"{t.hour:02d}:{t.minute:02d}"
            m.spans["start_time"] = doc.span(h.cstart + t.start, h.cstart + t.end)
            if len(times) > 1 and "至" in value[t.end: times[1].start + 1]:
                t2 = times[1]
                hour = t2.hour if t2.hour >= t.hour else to_24h(t2.hour, "下午")
                m.end_time = f"{hour:02d}:{t2.minute:02d}"
                m.spans["end_time"] = doc.span(h.cstart + t2.start, h.cstart + t2.end)
        elif m.start_time is None:
            bare = BARE_HOUR.search(value)
            if bare:
                m.start_time = f"{to_24h(int(bare['h']), bare['ap']):02d}:00"
                m.spans["start_time"] = doc.span(h.cstart + bare.start(), h.cstart + bare.end())
    if m.date is None and head.title_span is not None:
        cs, ce = compact_range(doc, *head.title_span)
        found = [d for d in find_dates(comp[cs:ce], None) if d.kind == "absolute"]
        if found:
            m.date = found[0].value.isoformat()
            head.ref_date = found[0].value
            m.spans["date"] = doc.span(cs + found[0].start, cs + found[0].end)
    for h in by_field.get("location", [])[:1]:
        s, e = doc.span(h.cstart, h.cend)
        if e > s:
            m.location = doc.text[s:e].strip()
            m.spans["location"] = (s, e)
    for fld in ("chair", "recorder"):
        hits = [h for h in by_field.get(fld, []) if h.cend > h.cstart]
        if not hits:
            continue
        first = hits[0]
        raw = comp[first.cstart:first.cend]
        persons = _persons_in(doc, profile, first.cstart, first.cend)
        proxied = fld == "chair" and PROXY.search(raw) is not None
        for lh in hits:
            for p in (persons if lh is first else _persons_in(doc, profile, lh.cstart, lh.cend)):
                head.people.append(HeaderPerson(p, "nominal_chair" if proxied else fld, first.label))
        if not persons:
            continue
        if fld == "chair":
            # a proxy chaired (丁局長育群(黃一平代)): the nominal chair is not who chaired
            proxy = PROXY.search(raw)
            if proxy:
                ps = first.cstart + proxy.start("name")
                head.people.append(HeaderPerson(_written(doc, NameHit(ps, ps + len(proxy["name"]), proxy["name"], None,
                                                                      ((ps, ps + len(proxy["name"])),))),
                                                "chair", first.label))
                continue
            m.chair = persons[0].name
            m.spans["chair"] = doc.span(persons[0].start, persons[0].end)
        else:
            if len(persons) > 1 and all(p.title is None for p in persons):
                m.recorder = "、".join(p.name for p in persons)
                m.spans["recorder"] = doc.span(persons[0].start, persons[-1].end)
            else:
                m.recorder = persons[0].name
                m.spans["recorder"] = doc.span(persons[0].start, persons[0].end)
    for fld, attr in (("attendees", "attendees"), ("absentees", "absentees"), ("observers", "observers")):
        names: list[str] = []
        for h in _joined(by_field.get(fld, [])):
            for p in _persons_in(doc, profile, h.cstart, h.cend):
                names.append(p.name)
                # 陳文章委員 in a members' roll: the title is the membership the label states, not a
                # post; such rolls are lists of members, not people named with a role
                member_roll = p.title is not None and len(p.name_parts) == 1 and p.name_parts[0][0] == p.start \
                    and p.end == p.name_parts[0][1] + len(p.title)
                if not member_roll:
                    head.people.append(HeaderPerson(p, fld, h.label))
        setattr(m, attr, names)
    for h in by_field.get("other", []):
        for p in _persons_in(doc, profile, h.cstart, h.cend):
            if p.title is None and h.label in profile.titles:
                p = NameHit(p.start, p.end, p.name, h.label, p.name_parts)
            if p.title is not None:
                head.people.append(HeaderPerson(p, "other", h.label))


def _joined(hits: list[LabelHit]) -> list[LabelHit]:
    """A list that runs over several lines is one value: 廖婉君委\n員 is one entry."""
    out: list[LabelHit] = []
    for h in hits:
        if out and out[-1].label == h.label and h.line == out[-1].line + 1:
            prev = out[-1]
            out[-1] = LabelHit(prev.field, prev.label, prev.cstart, h.cend, h.line)
        else:
            out.append(h)
    return out


def infer_year(dates: list[date]) -> int | None:
    """The year most absolute dates in a document fall in, for month/day mentions without one."""
    if not dates:
        return None
    return Counter(d.year for d in dates).most_common(1)[0][0]
