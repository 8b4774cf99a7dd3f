"""The title grammar: [year scope] body [term] [session] name suffix.

    臺北市政府秘書處第107次處務會議紀錄      body 臺北市政府秘書處, session 107, name 處務會議
    113年度臺中市都市計畫委員會第一次會議紀錄  year 113年度, body 臺中市都市計畫委員會, session 1, name 會議
    金門縣金城鎮民代表會第十二屆第七次定期大會第三次會議紀錄
                                            term 第十二屆, name 定期大會, session 3
    雲林縣北港鎮第21屆鎮民代表會第5、6次臨時大會議事錄
                                            body 雲林縣北港鎮鎮民代表會, name 臨時大會 (two sessions)
    中華民國天文學會九十四年度會員大會         body 中華民國天文學會 (the year is not the body's)

Runs on a compact, folded title; offsets index that string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.grammar.numerals import DIGIT, NUMERAL, parse_int
from pipeline.lexicon import Lexicon, words
from pipeline.words import common_words

_N = f"[{NUMERAL}]+"
# a year scope before a title's body (113年度, 100學年度第2學期, 105學年度上學期)
YEAR_SCOPE = re.compile(rf"[{NUMERAL}]{{2,5}}學?年度(?:第{_N}學期|[上下]學期)?")
# and with the point of the term a school's meeting is held at (期初校務會議 names it; on a line of
# its own after the body, 栗林國小105學年度第一學期期初, it is part of the scope)
TERM_SCOPE = re.compile(rf"{YEAR_SCOPE.pattern}(?:期初|期中|期末)?")
# ordinals and scopes that cut a title into chunks (the body, the name, the rest)
ORDINAL = re.compile(
    rf"第(?P<sessions>{_N}(?:[、,及和與]{_N})+)次"  # 第5、6次: several sessions
    rf"|第(?P<session>[{NUMERAL}A-Za-z\-]+)次"  # 第107次, 第104-A-12次
    rf"|第{_N}(?:屆|會期|學期|期|次會期|季)"  # (第3季: a quarterly meeting's quarter)
    rf"|{YEAR_SCOPE.pattern}|[{DIGIT}]{{2,4}}年(?:{_N}月(?:{_N}日)?)?"
    rf"|(?<![{NUMERAL}])(?P<bare>{_N})次"  # 二七五0次 without 第
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2024-04-02 防災演練檢討會議: a date written before the name
    r"|(?<!\d)(?:19|20)\d{2}(?:0[1-9]|1[0-2])[0-3]\d(?!\d)-?"  # 20140402-…家長會: the same without separators
)


_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


@dataclass
class TitleParts:
    body: str | None = None
    name: str | None = None
    session: int | None = None
    year_scope: str | None = None
    term: str | None = None
    body_spans: list[tuple[int, int]] = field(default_factory=list)  # offsets into the title
    name_span: tuple[int, int] | None = None


class TitleGrammar:
    def __init__(self, lex: Lexicon) -> None:
        node = lex.files.get("meetings") or {}
        self.meeting_words = tuple(sorted(set(words(node.get("meeting_words"))), key=len, reverse=True))
        self.suffixes = tuple(sorted(set(words(node.get("title_suffixes"))), key=len, reverse=True))
        self.generic = frozenset(words(node.get("generic_names")))
        self.boards = tuple(words(node.get("board_words")))
        self.org_ends = tuple(sorted(set(words(node.get("organisation_ends"))), key=len, reverse=True))
        self.purpose = tuple(words(node.get("purpose_openers")))
        self.openings = tuple(words(node.get("opening_phrases"))) + tuple(words(node.get("meeting_references")))
        self.words = common_words()
        # a meeting word written before 會議 (委員會議會議紀錄 once its suffix is cut): one
        # str.endswith over them all
        self.doubled = tuple(w + "會議" for w in self.meeting_words if w != "會議")

    def strip_suffix(self, title: str) -> str:
        """The title without 紀錄 / 議事錄 ... and a trailing note in brackets."""
        core = _TRAILING_NOTE.sub("", title)
        for suffix in self.suffixes if core.endswith(self.suffixes) else ():  # (one test rules most titles out)
            if core.endswith(suffix) and len(core) > len(suffix):
                # 會議紀錄 ends the name of a meeting unless the name is only 會議 (…會議會議紀錄)
                kept = suffix[:2] if suffix.startswith("會議") and not core[:-len(suffix)].endswith(
                    self.meeting_words) else ""
                core = core[: len(core) - len(suffix)] + kept
                break
        if core.endswith("會議") and core.endswith(self.doubled):
            return core[:-2]  # 委員會議會議紀錄: the meeting is named once
        if core.endswith("會議會議"):
            return core[:-2]
        return core

    def score(self, line: str) -> int | None:
        """How much a line reads as the title of minutes (None: not a title): it names a meeting
        (and ends with that name), carries 紀錄 / 議事錄, a session number and a body."""
        if not line or len(line) > 70 or re.search(r"[:：，,。；;]", line):
            return None
        named = any(w in line for w in self.meeting_words)
        if not named and not line.endswith(self.suffixes) and not self.called_for_a_purpose(line):
            return None
        core = self.strip_suffix(line)
        if not named and len(core) < 4 and not ORDINAL.search(line):
            return None  # 瀏覽記錄 (a page's browsing history): a record of no meeting
        parts = self.parse(line)
        score = 2
        if core.endswith(self.meeting_words):
            score += 3
        if line.endswith(self.suffixes) or re.search(r"[紀記]錄\([^()]*\)$", line):
            score += 2
        if parts.session is not None or ORDINAL.search(line):
            score += 2
        if parts.body:
            score += 2
        return score + min(len(line), 40) // 10

    def called_for_a_purpose(self, line: str) -> bool:
        """第二次研商電子競技選手培育…相關事宜: a session number, then what the meeting is called to do."""
        return any((m["session"] or m["bare"]) and line.startswith(self.purpose, m.end()) for m in ORDINAL.finditer(line))

    def parse(self, title: str) -> TitleParts:
        core = self.strip_suffix(title)
        parts = TitleParts()
        chunks: list[tuple[int, int]] = []
        pos = 0
        sessions: list[int | None] = []
        # (a date in brackets, 第20次(102年5月6日)行政會議, notes when the meeting was held: it is cut
        # out, as a blank, before the title is read)
        masked = _BRACKETED_DATE.sub(lambda d: " " * len(d.group()), core)
        for m in ORDINAL.finditer(masked):
            chunks.append((pos, m.start()))
            pos = m.end()
            text = m.group(0)
            if m["sessions"]:
                sessions.append(None)
            elif m["session"] or m["bare"]:
                raw = m["session"] or m["bare"]
                numbers = re.findall(rf"{_N}", raw)
                sessions.append(parse_int(numbers[-1]) if numbers else None)
            elif "年" in text and parts.year_scope is None:
                parts.year_scope = text
            elif "屆" in text:
                parts.term = text
        chunks.append((pos, len(core)))
        # (a date written before the title, 2016-11-17 第二次…, is no part of the body's name; an
        # empty pair of brackets where a form left a blank, 100學年度()鳳山國中, is no part of any)
        chunks = [_trimmed(masked, a, b) for a, b in chunks]
        chunks = [(a, b) for a, b in chunks if b > a and not re.fullmatch(r"[\d\s./\-年月日]+", masked[a:b])]
        if sessions:
            parts.session = sessions[-1]
        if not chunks:
            return parts
        name_idx = len(chunks) - 1
        # 第七次定期大會第三次會議: a generic last name gives way to the name before it
        # (but 臺南市都市更新及爭議處理審議會第二次會議: a board's name that is all the title holds
        # before the session, after no term or session of its own, is the body)
        while name_idx > 0 and core[slice(*chunks[name_idx])] in self.generic:
            before = core[slice(*chunks[name_idx - 1])]
            if before.endswith(self.meeting_words) and (
                    name_idx > 1 or not before.endswith(self.boards)
                    or re.search(r"(?:屆|次|會期|期)$", core[:chunks[name_idx - 1][0]])):
                name_idx -= 1
            else:
                break
        a, b = chunks[name_idx]
        body_chunks = [c for k, c in enumerate(chunks) if k < name_idx]
        if not body_chunks and not any(m.end() <= a and not YEAR_SCOPE.fullmatch(m.group()) for m in ORDINAL.finditer(core)):
            # 國立臺灣大學行政會議: the body is the name's head; but after a session (第2次課程發展
            # 委員會會議) the committee names the meeting, and the body is written elsewhere
            split = self._dash_split(core[a:b]) or self._body_split(core[a:b])
            if split:
                body_chunks, a = [(a, a + split)], a + split
                while a < b and core[a] in "- ":
                    a += 1  # (the dash between them is neither's)
        parts.name = core[a:b]
        parts.name_span = (a, b)
        parts.body_spans = body_chunks
        parts.body = "".join(core[x:y] for x, y in body_chunks) or None
        return parts

    def _dash_split(self, chunk: str) -> int | None:
        """田尾公路花園休閒農業區-輔導會議 -> 12: a dash between the body and the meeting it holds
        (the dash is then trimmed from the name)."""
        m = _DASH_SPLIT.fullmatch(chunk)
        if m is None or not m["name"].endswith(self.meeting_words):
            return None
        return m.start("dash")

    def _body_split(self, chunk: str) -> int | None:
        """國立臺灣大學行政會議 -> 6: the body ends where an organisation's name ends, and the
        rest names a meeting."""
        word = next((w for w in self.meeting_words if chunk.endswith(w)), None)
        if word is None:
            return None
        # the shortest meeting name after an organisation's name, holding at least the longest
        # meeting word it ends with (局務會議, not 務會議)
        for length in range(len(word), 12):
            k = len(chunk) - length
            name = chunk[k:]
            body = chunk[:k]
            if k >= 2 and body.endswith(self.org_ends) and (len(body) == 3 or not body.endswith(("縣", "市"))) and (
                    name in self.meeting_words or self.words.get(name[:2]) is not None):
                # the name starts with a word (處務會議, 理監事會議), not mid-word (爭議處|理審議會); a
                # county or a city alone is the body (金門縣|道路交通安全聯席會報), not 都市 (臺南市都市|更新…)
                return k
        return None


# a body, a dash and a meeting's name (no other dash: 2016-11-17 is a date, not a separator)
_DASH_SPLIT = re.compile(r"(?P<body>[\u4e00-\u9fff]{2,24})(?P<dash>\s*-\s*)(?P<name>[\u4e00-\u9fff]{2,20})")
# separators, a form's empty brackets, a short note in brackets opening a chunk (第一次(期初)環境
# 保護小組例行會議: when in the term the meeting falls, no part of its name), and a post's or a file's
# number joined by an underscore (101_公館國小…)
_BRACKETED_DATE = re.compile(r"[(（][\d./\-年月日○〇零一二三四五六七八九十 ]{3,16}[)）]")
_BLANK = re.compile(r"^(?:[-~、 ]|\(\)|\([\u4e00-\u9fff]{1,4}\)|\d{1,4}_)+|(?:[-~、 ]|\(\))+$")


def _trimmed(core: str, a: int, b: int) -> tuple[int, int]:
    """A chunk without separators and empty brackets at its ends."""
    while True:
        m = _BLANK.search(core[a:b])
        if m is None or m.end() == m.start():
            return a, b
        if m.start() == 0:
            a += m.end()
        else:
            b = a + m.start()
