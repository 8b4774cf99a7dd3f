"""Heading markers at every level: 壹、 甲、 一、 (一) 1. (1) 案由一 第一案 • ... on a compact line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.grammar.dates import TIME
from pipeline.grammar.numerals import parse_int

_TG = "壹貳參肆伍陸柒捌玖拾"
_JIA = "甲乙丙丁戊己庚辛壬癸"
_CN = "一二三四五六七八九十"
# OCR and converters misread 參 as 多 and 叁; the fold table maps the variants, 多 stays here
_TG_OCR = {"多": "參"}

_CASE_WORDS = ("案由", "討論事項", "提案", "報告案", "討論案", "議案")
_MARKER_BULLETS = "◎•●■□◆▲▪○◇☆★※-–"
MARKER = re.compile(
    rf"(?P<tg>[{_TG}多]{{1,2}})[、.．]"
    rf"|(?P<jia>[{_JIA}])[、.．]"
    rf"|(?P<cn>[{_CN}]{{1,3}})(?P<cnp>[、.．])"
    rf"|\((?P<pcn>[{_CN}]{{1,3}})\)"
    r"|(?P<ar>\d{1,3})(?P<arp>[、.．](?!\d)|\)(?!\d))"
    r"|\((?P<par>\d{1,3})\)"
    rf"|(?P<case>(?:{'|'.join(_CASE_WORDS)})(?:第)?(?P<caseno>[{_CN}\d]{{1,3}})(?:案)?"
    rf"|第(?P<caseno2>[{_CN}\d]{{1,3}})案)"
    rf"|(?P<bullet>[{re.escape(_MARKER_BULLETS)}])"
)
# the characters MARKER may start with (a decimal digit aside): a line that opens with none of them
# has no marker, answered without slicing the line or asking the memo
_MARKER_FIRSTS = frozenset(_TG + "多" + _JIA + _CN + "(" + "".join(w[0] for w in _CASE_WORDS) + "第" + _MARKER_BULLETS)


@dataclass(frozen=True)
class Marker:
    style: str
    ordinal: int | None
    end: int  # compact offset where the heading text starts
    text: str  # the marker as written (compact)


def tg_value(s: str) -> int | None:
    s = "".join(_TG_OCR.get(c, c) for c in s)
    if s == "拾":
        return 10
    if len(s) == 2 and s[0] == "拾":
        return 10 + _TG.index(s[1]) + 1 if s[1] in _TG else None
    if len(s) == 1 and s in _TG:
        return _TG.index(s) + 1
    return None


# MARKER reads at most ten characters into a line (討論事項第十二案, or a digit after 12.), so a
# line's first sixteen decide its marker
_MARKER_REACH = 16


def parse_marker(line: str) -> Marker | None:
    """The heading marker at the start of a compact line, if any."""
    first = line[:1]
    if first not in _MARKER_FIRSTS and not first.isdecimal():
        return None
    return _parse_marker(line[:_MARKER_REACH])


@lru_cache(maxsize=8192)
def _parse_marker(line: str) -> Marker | None:
    """parse_marker on a line's first characters, kept: the stages ask the same line starts again
    (a Marker is immutable)."""
    m = MARKER.match(line)
    if not m:
        return None
    if m["tg"]:
        return Marker("tg", tg_value(m["tg"]), m.end(), m.group(0))
    if m["jia"]:
        return Marker("jia", _JIA.index(m["jia"]) + 1, m.end(), m.group(0))
    if m["cn"]:
        style = "cn" if m["cnp"] == "、" else "cn_dot"
        return Marker(style, parse_int(m["cn"]), m.end(), m.group(0))
    if m["pcn"]:
        return Marker("pcn", parse_int(m["pcn"]), m.end(), m.group(0))
    if m["ar"]:
        style = "ar" if m["arp"] == "、" else ("ar_paren" if m["arp"] == ")" else "ar_dot")
        return Marker(style, int(m["ar"]), m.end(), m.group(0))
    if m["par"]:
        return Marker("par", int(m["par"]), m.end(), m.group(0))
    if m["case"]:
        return Marker("case", parse_int(m["caseno"] or m["caseno2"] or ""), m.end(), m.group(0))
    return Marker("bullet", None, m.end(), m.group(0))


TOP_STYLES = ("tg", "jia")
_RAW_BULLET = re.compile(r"^(?P<indent>[ \t\u3000]*)(?P<b>[-*+•●▪・])[ \t\u3000]+")
_LABEL_LINE = re.compile(r"^(?P<label>[^:：,，。；;]{2,16})[:：]$")
# a short label of CJK words right before its colon (審議案：, 校長報告:), wherever it stands
LABEL_BEFORE_COLON = r"(?P<label>[\u4e00-\u9fff]{2,8})(?=[:：])"
# a top-level marker whose 、 a transcription lost, before such a label (…蔡欣慧壹校長報告:)
BARE_TOP_MARKER = r"[壹貳參肆伍陸柒捌玖拾](?=[\u4e00-\u9fff]{2,8}[:：])"
# a top-level marker inside a flattened line (出席:如簽到簿 壹、 主席報告:, …廖櫻玉壹、主席報告, …蔡欣慧壹校長報告:)
MIDLINE_TOP = re.compile(rf"(?:[壹貳參肆伍陸柒捌玖拾]{{1,2}}|[甲乙丙丁])[、.．]|{BARE_TOP_MARKER}")
BARE_TOP = re.compile("[壹貳參肆伍陸柒捌玖拾]")  # a top-level marker character, written without its 、
# a line this long that holds several sections is a flattened page (a PDF's text run together)
RUN_ON_LINE = 160


_BRACKETED = re.compile(r"\([^()]*\)|（[^（）]*）")
# a short label, its colon, then at least a clause of content
_LABEL_WITH_CONTENT = re.compile(r"(?P<label>[^:：()（）\s]{1,8})\s*[:：]\s*(?P<content>.{12,})", re.S)


class HeadingRules:
    """What makes a line a heading and which kind of section it opens: the section-kind
    patterns and keyword headings of a profile, and the header labels of the lexicon (a header
    label line is a field, not a heading)."""

    def __init__(self, section_kinds: list[tuple[str, str]], keyword_headings: str,
                 header_labels: tuple[str, ...], conclusion_labels: tuple[str, ...],
                 section_keywords: dict[str, tuple[str, ...]] | None = None,
                 agenda_labels: tuple[str, ...] = (), wrapper_headings: tuple[str, ...] = ()) -> None:
        self.kinds = [(k, re.compile(p)) for k, p in section_kinds]
        # the lexicon's section words, read where the profile's patterns name no kind
        self.keywords = sorted(((w, k) for k, ws in (section_keywords or {}).items() for w in ws),
                               key=lambda wk: -len(wk[0]))
        self.keyword_words = tuple(w for w, _ in self.keywords)
        self.keyword = re.compile(keyword_headings)
        labels = "|".join(re.escape(x) for x in sorted(header_labels, key=len, reverse=True))
        self.labelish = re.compile(rf"^(?:{labels})(?:[:：]|$)") if labels else re.compile(r"(?!)")
        self.conclusion_labels = conclusion_labels
        self.agenda_labels = frozenset(agenda_labels)
        self.wrapper_headings = frozenset(wrapper_headings)
        closing = sorted({"散會", *(section_keywords or {}).get("adjournment", ())}, key=len, reverse=True)
        # the line that ends a meeting (散會, 閉會, 會議結束): what follows it is not the meeting's
        # (and only as the line's first word: 閉會期間 is a recess, not the close)
        # (…or after the hour it was said at: 下午5時30分散會, 十二時散會, 晚間九點,結束…)
        self.adjournment = re.compile(rf"^(?:{TIME.pattern}[,，]?)?(?:" + "|".join(map(re.escape, (*closing, "結束"))) + ")"
                                      r"(?=$|[:：(（。，,\s0-9一二三四五六七八九十上下中晚凌於本])")
        by_length = sorted(conclusion_labels, key=len, reverse=True)
        # a line that is a conclusion label (決議：, 會議結論) opens a block
        self.conclusion_line = re.compile("^(?:" + "|".join(map(re.escape, by_length)) + ")(?::|$)")

    def kind_of(self, text: str) -> str:
        text = text.strip("*:：~ ")
        # a note in brackets (審議案：(並當場確認會議紀錄)共二案) says how, not what: the words
        # outside it name the kind, when they name one
        bare = _BRACKETED.sub("", text)
        if bare != text and bare.strip("*:：~ "):
            kind = self.kind_of(bare)
            if kind != "other":
                return kind
        # a label and its content on one line (結論: (一)本站…協商結果報告): a label that names a
        # kind, or the conclusions, names the section, not the words of what follows it (but a
        # label of no kind, 內容: 1.討論…, leaves it to them)
        labelled = _LABEL_WITH_CONTENT.match(text)
        if labelled is not None:
            label = labelled["label"]
            kind = self.kind_of(label)
            if kind != "other" or label in self.conclusion_labels or any(w in label for w in self.agenda_labels):
                return kind  # (確認議程變更議程: 1.…併案討論: the agenda settled, no discussion)
        for kind, rx in self.kinds:
            if rx.search(text):
                return kind
        if self.adjournment.match(text):
            return "adjournment"  # (晚間九點,結束本次會議)
        return next((k for w, k in self.keywords if w in text), "other")

    def heading_kind(self, line: str) -> str:
        marker = parse_marker(line)
        return self.kind_of(line[marker.end:] if marker else line)

    def midline_headings(self, comp: str, a: int, b: int, *, run_on: bool) -> list[int]:
        """Where a top-level heading of a known kind opens inside comp[a:b] (a flattened line). In a
        run-on line a bare marker before a section word counts too (…張涬雯壹報告事項一主席報告)."""
        # a top marker of a known kind opens a section; so do the markers in sequence with it
        # (壹、宣布開會 貳、確定議程 參、確認上次會議紀錄 …: 壹 and 貳 name no kind), but not a header's
        # field (壹、時間：…): runs of markers numbered one after another are kept or dropped whole
        out: list[int] = []
        run: list[int] = []
        run_known = False
        last: int | None = None
        for m in MIDLINE_TOP.finditer(comp, a, b):
            marker = parse_marker(comp[m.start():m.start() + _MARKER_REACH])
            text = comp[m.end():m.end() + 12]
            ordinal = marker.ordinal if marker is not None and marker.style == "tg" else None
            known = self.kind_of(text) != "other"
            if self.labelish.match(text) is not None:
                ordinal = None  # (a field chains to nothing)
            if ordinal is None or last is None or ordinal != last + 1:
                out += run if run_known else []
                run, run_known = [], False
            if ordinal is None and not known:
                last = None
                continue
            run.append(m.start())
            run_known = run_known or known
            last = ordinal
        out += run if run_known else []
        if run_on:
            out += [m.start() for m in BARE_TOP.finditer(comp, a, b)
                    if m.start() not in out and comp.startswith(self.keyword_words, m.end())]
        return sorted(out)

    def is_keyword(self, text: str) -> bool:
        return self.keyword.match(text.strip("*:：~ ")) is not None

    def is_heading(self, line: str, *, raw: str | None = None) -> bool:
        """Does this compact line open a section of the body (ends the header)?"""
        marker = parse_marker(line)
        rest = line[marker.end:] if marker else line
        if self.labelish.match(rest):
            return False  # 一、開會時間：… is a header field
        if marker and marker.style in TOP_STYLES:
            return True
        if self.is_keyword(line) or self.is_keyword(rest) or self.adjournment.match(rest) is not None:
            return True
        if marker and marker.style in ("cn", "ar", "case") and self.kind_of(rest) != "other":
            return True
        m = _LABEL_LINE.match(line)
        if m and self.kind_of(m["label"]) != "other":
            return True
        if raw is not None and _RAW_BULLET.match(raw) and self.kind_of(rest) != "other":
            return True
        # ### 會議結論： after the header's fields (a markdown heading, emphasis): the body's decisions
        return raw is not None and raw.lstrip().startswith(("#", "*")) \
            and self.conclusion_line.match(rest.lstrip("#*>")) is not None
