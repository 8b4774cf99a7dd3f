"""The date and time grammar: one place for every way minutes write a day or a time.

Everything here runs on the compact view (folded, whitespace removed), so `12 月 24 日`,
`1 0 1 年` and `１２月` are matched by the same patterns; callers map offsets back to text.
All patterns are linear: alternations of fixed classes, no nested quantifiers.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.anchor import anchored
from pipeline.grammar.numerals import parse_int

_CN = "〇一二三四五六七八九十廿卅"  # (廿, 卅: 二十, 三十 in one character: 十時卅分)
YEAR = rf"(?:\d{{1,4}}|[{_CN}百]{{1,4}})"
# (元月 is January, the first month: 教育部《重編國語辭典修訂本》)
MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元)"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九])"
WEEKDAY_CHARS = "一二三四五六日天"
WEEKDAY = rf"(?:\((?:星期|週|周|禮拜)?[{WEEKDAY_CHARS}]\)|(?:星期|週|周|禮拜)[{WEEKDAY_CHARS}])"
RANGE_SEP = r"(?:至|到|~|-)"

FULL_DATE = re.compile(
    rf"(?P<era>中華民國|民國|西元|公元)?(?P<y>{YEAR})年(?P<m>{MONTH})月(?P<d>{DAY})(?:日|號)?"
    rf"(?:{RANGE_SEP}(?:(?P<m2>{MONTH})月)?(?P<d2>{DAY})(?:日|號))?(?P<wd>{WEEKDAY})?"
)
# 12月22日 / 12月20至24日 / 12月20日至24日 / 12月20日至12月24日
MONTH_DAY = re.compile(
    rf"(?<![\d月/{_CN}])(?P<m>{MONTH})月(?P<d>{DAY})"
    rf"(?:(?:日|號)(?:{RANGE_SEP}(?:(?P<m2>{MONTH})月)?(?P<d2>{DAY})(?:日|號))?"
    rf"|{RANGE_SEP}(?:(?P<m3>{MONTH})月)?(?P<d3>{DAY})(?:日|號))(?P<wd>{WEEKDAY})?"
)
# 12月18、21日: days of one month listed, the first without 日
MONTH_DAYS_LISTED = re.compile(rf"(?<![\d月/.{_CN}])(?P<m>{MONTH})月(?P<d>{DAY})、(?P<d2>{DAY})(?:日|號)")
# 106年6月底前: a month's end with its year
YEAR_MONTH_END = re.compile(rf"(?P<era>中華民國|民國|西元|公元)?(?P<y>{YEAR})年(?P<m>{MONTH})月(?:底|末)")
# 去(八十五)年十一月十三日, 本(88)年12月14日: the year in brackets after the word that places it
BRACKETED_YEAR_DATE = re.compile(rf"(?<=[本今去明前])\((?P<y>{YEAR})\)年(?P<m>{MONTH})月(?P<d>{DAY})(?:日|號)")
# 3月16日、17日: more days of the month just named
NEXT_DAY = re.compile(rf"[、及和與](?P<d>{DAY})(?:日|號)")
# 4/25,26: more days of the month a slash date names (not a count: 4/25,30人)
SLASH_NEXT_DAY = re.compile(r"[、,，及和與](?P<d>3[01]|[12]\d|0?[1-9])(?![\d/%.:人位名元件次案個筆天時點分])")
MONTH_END = re.compile(rf"(?<![\d年月{_CN}])(?P<m>{MONTH})月(?:底|末)(?P<before>前|以前|之前)?")
NUMERIC_DATE = re.compile(
    r"(?<![\d./])(?P<y>\d{2,4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
)
# 民國1061021 (a converter dropped 年月日), only after an era word
# a Western date written as eight digits (20231108 會議記錄: ISO 8601's basic form), no digit or
# separator around it
COMPACT_WESTERN = re.compile(r"(?<![\d./\-])(?P<y>19[5-9]\d|20[0-4]\d)(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)(?![\d./\-])")
COMPACT_ROC = re.compile(r"(?P<era>中華民國|民國)(?P<y>\d{2,3})(?P<m>0[1-9]|1[0-2])(?P<d>[0-3]\d)(?!\d)")
SLASH_MONTH_DAY = re.compile(
    r"(?<![A-Za-z0-9/])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?:(?:~|-|至)(?:(?P<m2>1[0-2]|0?[1-9])/)?(?P<d2>3[01]|[12]\d|0?[1-9]))?(?![\d/%.])"
)
# (今日本 is Japan, not today, unless 本 opens the body or the speaker after it: 今日本人, 今日本會)
RELATIVE_DAY = re.compile(r"(?P<w>今|昨|明|本|後)(?:\((?P<n>\d{1,2})\)日|(?:日|天))"
                          r"(?!本(?![人會校府院處局部所署次])|期)")
RELATIVE_MONTH_END = re.compile(r"(?P<w>本|當|下)月(?:底|末)")
RELATIVE_WEEKDAY = re.compile(rf"(?P<w>本|這|下|上|次)(?:週|周|星期|禮拜)(?P<d>[{WEEKDAY_CHARS}])")
FOLLOWING_WEEKDAY = re.compile(rf"(?:及|和|與|、|至|或)(?:週|周|星期|禮拜)(?P<d>[{WEEKDAY_CHARS}])")
BARE_DAY = re.compile(r"(?<=於)(?P<d>3[01]|[12]\d|[1-9])日(?!內|以內|止|起|為限|期)")
# 10691日 / 617日 / 824-26日: a converter dropped 年 and 月 (only used where the header shows it)
DAMAGED_DAY = re.compile(r"(?<![\d年月/.-])(?P<digits>\d{3,5})(?:-(?P<d2>\d{1,2}))?日")

TIME = re.compile(
    rf"(?P<ap>上午|下午|中午|晚上|晚間|凌晨|早上|傍晚)?(?<![小:])(?P<h>[01]?\d|2[0-4]|[{_CN}]{{1,3}})"
    rf"(?:時|點(?!\d))(?:(?P<mi>[0-5]?\d|[{_CN}]{{1,3}})分|(?P<half>半))?(?![間期數段程效代候刻速])"
)
CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?![\d:])")
_AFTERNOON_BEFORE = re.compile(r"(?:下午|晚上|晚間|傍晚|PM|pm|P\.M\.|p\.m\.)$")
BARE_HOUR = re.compile(r"(?P<ap>上午|下午|中午|晚上)(?P<h>1[0-2]|[1-9])$")
# Where a match of a pattern must hold a character: FULL_DATE's 年 stands at most eight characters
# after the start (中華民國 and a four-character year), MONTH_DAY's 月 at most two, NUMERIC_DATE's
# separator at most four (the year's digits), TIME's 時 or 點 at most five (上午 and 十一)
_FULL_DATE_ANCHOR = (re.compile("年"), 8)
_MONTH_DAY_ANCHOR = (re.compile("月"), 2)
_NUMERIC_DATE_ANCHOR = (re.compile("[./-]"), 4)
_TIME_ANCHOR = (re.compile("[時點]"), 5)
# CLOCK's colon follows its hour's last digit, at most one character after the start
_CLOCK_ANCHOR = (re.compile(r"\d(?=:)"), 1)


@dataclass(frozen=True)
class RawDate:
    start: int
    end: int
    value: date
    until: date | None = None
    kind: str = "absolute"
    weekday: str | None = None


@dataclass(frozen=True)
class RawTime:
    start: int
    end: int
    hour: int
    minute: int


def year_value(y: str, era: str | None) -> int | None:
    n = parse_int(y)
    if n is None:
        return None
    if era in ("西元", "公元") or n >= 1900:
        return n if 1900 <= n <= 2100 else None
    return n + 1911 if 1 <= n <= 200 else None


def make_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def weekday_index(written: str) -> int:
    c = written.strip("()")[-1]
    return 6 if c in "日天" else "一二三四五六".index(c)


def year_for_month(ref: date, month: int) -> int:
    """A month named without a year: the year that puts it nearest the meeting (a December
    meeting planning January means next January; a January meeting recalling October, last)."""
    if month - ref.month > 6:
        return ref.year - 1
    if ref.month - month > 6:
        return ref.year + 1
    return ref.year


_DEADLINE_AFTER = ("前", "以前", "之前", "為限", "截止")


def year_for_deadline(ref: date, month: int, s: str, end: int) -> int:
    """A month named without a year in a deadline (10月底前, 12月20日前) lies ahead of the meeting:
    this year's, or next year's when this year's has passed; other mentions take the nearest."""
    if s.startswith(_DEADLINE_AFTER, end):
        return ref.year + (1 if month < ref.month else 0)
    return year_for_month(ref, month)


def _int(s: str | None) -> int | None:
    if s == "元":
        return 1  # 元月
    return parse_int(s) if s else None


def _range_end(start: date, m2: str | None, d2: str | None) -> date | None:
    if not d2:
        return None
    month = _int(m2) or start.month
    day = _int(d2)
    if day is None:
        return None
    year = start.year + (1 if month < start.month else 0)
    end = make_date(year, month, day)
    return end if end and end > start and (end - start).days <= 366 else None


Spaced = Callable[[int], bool]


def _no_space(_: int) -> bool:
    return False


class _Collected:
    """Dates read so far, none overlapping: a date over positions already taken is left out
    (the positions are marked in a bytearray, linear in long texts)."""

    def __init__(self, s: str, found: Sequence[RawDate] = ()) -> None:
        self.found: list[RawDate] = []
        self.taken = bytearray(len(s) + 1)
        for r in found:
            self.found.append(r)
            self.taken[r.start:r.end] = b"\x01" * (r.end - r.start)

    def add(self, r: RawDate) -> None:
        if not any(self.taken[r.start:r.end]):
            self.found.append(r)
            self.taken[r.start:r.end] = b"\x01" * (r.end - r.start)


def absolute_dates(s: str, spaced: Spaced = _no_space) -> list[RawDate]:
    """The dates of compact text `s` that need no reference date (年月日, 民國1061021, 112.4.8),
    not overlapping, in the order find_dates reads them."""
    collected = _Collected(s)
    found, add = collected.found, collected.add
    # (a pattern runs only where the characters it cannot match without stand in the text)
    if "年" in s:
        for m in anchored(FULL_DATE, s, _FULL_DATE_ANCHOR):
            if len(m["y"]) == 1 and not m["era"]:
                continue  # 5年1月 without 民國 is a duration or a count, not a year
            y = year_value(m["y"], m["era"])
            mo, d = _int(m["m"]), _int(m["d"])
            if y is None or mo is None or d is None:
                continue
            v = make_date(y, mo, d)
            if v is None:
                continue
            add(RawDate(m.start(), _end(m), v, _range_end(v, m["m2"], m["d2"]), "absolute", m["wd"]))
        if "月底" in s or "月末" in s:
            for m in YEAR_MONTH_END.finditer(s):
                y = year_value(m["y"], m["era"]) if len(m["y"]) > 1 or m["era"] else None
                mo = _int(m["m"])
                if y and mo:
                    add(RawDate(m.start(), m.end(), month_end(y, mo), None, "month_end"))
        if ")年" in s:
            for m in BRACKETED_YEAR_DATE.finditer(s):
                y, mo, d = year_value(m["y"], None), _int(m["m"]), _int(m["d"])
                v = make_date(y, mo, d) if y and mo and d else None
                if v:
                    add(RawDate(m.start(), m.end(), v, None, "absolute"))
    if "民國" in s:
        for m in COMPACT_ROC.finditer(s):
            y = year_value(m["y"], m["era"])
            v = make_date(y, int(m["m"]), int(m["d"])) if y else None
            if v:
                add(RawDate(m.start(), m.end(), v, None, "compact"))
    for m in anchored(NUMERIC_DATE, s, _NUMERIC_DATE_ANCHOR):
        day, end = m["d"], m.end()
        if len(day) == 2 and spaced(m.start("d") + 1):
            day, end = day[0], m.start("d") + 1  # 112.4.8 14時: the day ends where a space stood
        if end < len(s) and s[end] in "0123456789./:" and not spaced(end):
            continue
        yd = m["y"]
        if len(yd) == 2 and m["sep"] == "." and (len(m["m"]) < 2 or len(day) < 2):
            continue  # 10.5.1 is a list number, not a date
        y = year_value(yd, None)
        v = make_date(y, int(m["m"]), int(day)) if y else None
        if v:
            add(RawDate(m.start(), end, v, None, "absolute"))
    for m in COMPACT_WESTERN.finditer(s):
        v = make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if v:
            add(RawDate(m.start(), m.end(), v, None, "absolute"))
    return found


def find_dates(s: str, ref: date | None, *, dropped_units: bool = False,
               spaced: Spaced = _no_space, absolute: list[RawDate] | None = None) -> list[RawDate]:
    """Every date mention in compact text `s`. Month/day forms need `ref` (the meeting date or a
    year inferred from the document). `spaced(i)` tells whether whitespace stood before s[i] in
    the text, so `2020-12-22 09:00` is a date and a time, not one long number. `absolute`: what
    `absolute_dates(s, spaced)` gave, when the caller has it already."""
    collected = _Collected(s, absolute_dates(s, spaced) if absolute is None else absolute)
    found, add = collected.found, collected.add

    # (a pattern runs only where the characters it cannot match without stand in the text)
    if ref is not None:
        if "月" in s:
            for m in anchored(MONTH_DAY, s, _MONTH_DAY_ANCHOR):
                mo, d = _int(m["m"]), _int(m["d"])
                if mo is None or d is None or (m.start() and s[m.start() - 1] == "." and not spaced(m.start())):
                    continue  # (1.5月: a number; 2. 四月六日: a list's number, spaced, then the date)
                v = make_date(year_for_deadline(ref, mo, s, m.end()), mo, d)
                if v is None:
                    continue
                until = _range_end(v, m["m2"] or m["m3"], m["d2"] or m["d3"])
                add(RawDate(m.start(), _end(m), v, until, "month_day", m["wd"]))
            for m in anchored(MONTH_DAYS_LISTED, s, _MONTH_DAY_ANCHOR):
                # 12月18、21日: two days of one month, the first written without 日
                mo, d1, d2 = _int(m["m"]), _int(m["d"]), _int(m["d2"])
                year = year_for_deadline(ref, mo, s, m.end()) if mo else None
                v1 = make_date(year, mo, d1) if year and mo and d1 else None
                v2 = make_date(year, mo, d2) if year and mo and d2 else None
                if v1 and v2 and v1 < v2:
                    add(RawDate(m.start(), m.start("d2") - 1, v1, None, "month_day"))
                    add(RawDate(m.start("d2"), m.end(), v2, None, "month_day"))
        if "月底" in s or "月末" in s:
            for m in MONTH_END.finditer(s):
                mo = _int(m["m"])
                if mo:
                    year = ref.year + (1 if mo < ref.month else 0) if m["before"] else year_for_month(ref, mo)
                    add(RawDate(m.start(), m.end(), month_end(year, mo), None, "month_end"))
        if "/" in s:
            for m in SLASH_MONTH_DAY.finditer(s):
                if m.start() and s[m.start() - 1] in ".-" and not spaced(m.start()):
                    continue  # 2020.12/18, 3-12/18: part of a longer number (1. 12/18: a list's number, spaced)
                mo, d = int(m["m"]), int(m["d"])
                v = make_date(year_for_month(ref, mo), mo, d)
                if v:
                    add(RawDate(m.start(), m.end(), v, _range_end(v, m["m2"], m["d2"]), "month_day"))
                    more = SLASH_NEXT_DAY.match(s, m.end()) if not m["d2"] else None
                    v2 = make_date(v.year, mo, int(more["d"])) if more is not None else None
                    if more is not None and v2 is not None and v2 > v:
                        add(RawDate(more.start("d"), more.end(), v2, None, "month_day"))
        if "於" in s:
            for m in BARE_DAY.finditer(s):
                d = int(m["d"])
                v = make_date(ref.year, ref.month, d)
                if v:
                    add(RawDate(m.start(), m.end(), v, None, "day"))
        if dropped_units:
            for m in DAMAGED_DAY.finditer(s):
                v2 = _damaged(m["digits"], ref)
                if v2:
                    add(RawDate(m.start(), m.end(), v2, _range_end(v2, None, m["d2"]), "compact"))
    if any(c in s for c in "、及和與"):
        for r in list(found):
            # 3月16日、17日: the days listed after a date are of its month
            p = r.end
            while r.until is None and r.kind in ("absolute", "month_day") and s[r.end - 1] in "日號" \
                    and (listed := NEXT_DAY.match(s, p)) is not None:
                d = _int(listed["d"])
                v = make_date(r.value.year, r.value.month, d) if d else None
                if v is None or v <= r.value:
                    break
                add(RawDate(listed.start() + 1, listed.end(), v, None, r.kind))
                p = listed.end()
    return _merge_ranges(s, sorted(found, key=lambda r: r.start))


_RANGE_LINK = {"至", "到", "~", "-", "至於"}


_LEADING_WEEKDAY = re.compile(rf"^{WEEKDAY}")


def _merge_ranges(s: str, dates: list[RawDate]) -> list[RawDate]:
    """2024/05/24 – 2024/05/26 and 12月20日至12月24日 are one range."""
    out: list[RawDate] = []
    for r in dates:
        prev = out[-1] if out else None
        # (98年4月21日(二)~98年4月22日: the first day's weekday stands before the link)
        link = _LEADING_WEEKDAY.sub("", s[prev.end:r.start], count=1) if prev is not None else ""
        # (a span of years needs both ends written whole and a word that links them: 109/6/19 至
        # 111/1/29; 12月20日-1月5日 is read within a year)
        whole = prev is not None and prev.kind == r.kind == "absolute" and link in ("至", "到", "~")
        if (prev is not None and prev.until is None and r.until is None and link in _RANGE_LINK
                and prev.value < r.value and ((r.value - prev.value).days <= 366 or whole)):
            out[-1] = RawDate(prev.start, r.end, prev.value, r.value, prev.kind, prev.weekday)
            continue
        out.append(r)
    return out


def _end(m: re.Match[str]) -> int:
    """The end of a date match without its written weekday (kept apart as `weekday`)."""
    return m.start("wd") if m["wd"] else m.end()


def _damaged(digits: str, ref: date) -> date | None:
    """Read a digit run whose 年/月 were dropped; only an unambiguous reading is taken."""
    readings: set[date] = set()
    roc = ref.year - 1911
    candidates: list[tuple[int, str]] = [(ref.year, digits)]
    for yl in (2, 3):
        if len(digits) > yl + 1 and abs(int(digits[:yl]) - roc) <= 1:
            candidates.append((int(digits[:yl]) + 1911, digits[yl:]))
    for year, rest in candidates:
        if rest is digits and len(digits) > 4:
            continue
        for cut in (1, 2):
            mo, dd = rest[:cut], rest[cut:]
            if not dd or len(dd) > 2 or mo.startswith("0") or dd.startswith("0"):
                continue
            v = make_date(year, int(mo), int(dd))
            if v:
                readings.add(v)
    return readings.pop() if len(readings) == 1 else None


# a header's date value whose 年, 月 (and maybe the spaces between) the text layer lost: 101 5 30 日,
# 105616日; and its time: 上午1010 (10:10)
LOST_UNITS_DATE = re.compile(r"(?:中華民國|民國)?(?P<digits>\d{5,7})(?:日|(?=\())")
LOST_UNITS_TIME = re.compile(r"(?P<ap>上午|下午|中午|晚上)(?P<h>1[0-2]|0?[1-9])(?P<mi>[0-5]\d)(?!\d)")


def lost_units_dates(digits: str, breaks: frozenset[int]) -> set[date]:
    """The readings of a ROC date written as digits whose 年 and 月 were lost: split where spaces
    stood (101 5 30), else every way a 2- or 3-digit year, a month and a day can be cut (100831 is
    100/8/31 or 10/08/31; the caller takes a single reading, or the one its context agrees with)."""
    readings: set[date] = set()
    for yl in (2, 3):
        for cut in (1, 2):
            y, mo, dd = digits[:yl], digits[yl:yl + cut], digits[yl + cut:]
            if not dd or len(dd) > 2:
                continue
            if breaks and breaks != {yl, yl + cut}:
                continue
            year = year_value(y, None)
            v = make_date(year, int(mo), int(dd)) if year else None
            if v:
                readings.add(v)
    return readings


def find_relative(s: str, ref: date) -> list[RawDate]:
    """今(16)日, 昨日, 明日, 本週六 ... resolved against the meeting date."""
    out: list[RawDate] = []
    offsets = {"今": 0, "本": 0, "昨": -1, "明": 1, "後": 2}
    for m in RELATIVE_DAY.finditer(s):
        w = m["w"]
        if w == "後" and m["n"] is None:
            continue  # 後天 is rare and 後日 means "later"
        v = ref + timedelta(days=offsets[w])
        if m["n"] is not None and int(m["n"]) != v.day:
            # trust the written day when it is near: 明(17)日 written the day before
            cand = make_date(ref.year, ref.month, int(m["n"]))
            if cand is None or abs((cand - ref).days) > 3:
                continue
            v = cand
        out.append(RawDate(m.start(), m.end(), v, None, "relative"))
    for m in RELATIVE_MONTH_END.finditer(s):
        # 本月底前: the last day of the meeting's month (下月底: of the next)
        y, mo = (ref.year, ref.month) if m["w"] != "下" else (
            ref.year + (ref.month == 12), ref.month % 12 + 1)
        out.append(RawDate(m.start(), m.end(), month_end(y, mo), None, "month_end"))
    for m in RELATIVE_WEEKDAY.finditer(s):
        monday = ref - timedelta(days=ref.weekday())
        week = {"本": 0, "這": 0, "下": 7, "次": 7, "上": -7}[m["w"]]
        v = monday + timedelta(days=week + weekday_index(m["d"]))
        out.append(RawDate(m.start(), m.end(), v, None, "relative"))
        follow = FOLLOWING_WEEKDAY.match(s, m.end())
        if follow:
            v2 = monday + timedelta(days=week + weekday_index(follow["d"]))
            out.append(RawDate(follow.start() + 1, follow.end(), v2, None, "relative"))
    return out


def find_times(s: str, spaced: Spaced = _no_space) -> list[RawTime]:
    out: list[RawTime] = []
    # (a pattern runs only where the characters it cannot match without stand in the text)
    for m in anchored(TIME, s, _TIME_ANCHOR):
        hs = m.start("h")
        if hs > 0 and s[hs - 1].isdigit() and not spaced(hs):
            continue  # the tail of a longer number, unless a space stood before it (106/06/23 10時)
        h = parse_int(m["h"])
        mi = 30 if m["half"] else (parse_int(m["mi"]) if m["mi"] else 0)
        if h is None or mi is None or h > 24 or mi > 59:
            continue
        h = to_24h(h, m["ap"])
        out.append(RawTime(m.start(), m.end(), h, mi))
    for m in anchored(CLOCK, s, _CLOCK_ANCHOR) if ":" in s else ():
        k, hour = m.start(), m["h"]
        if len(hour) == 2 and spaced(k + 1):
            k, hour = k + 1, hour[1]  # 2020/12/1 9:30: the day's digit, a space, then the hour
        elif k > 0 and not spaced(k) and (s[k - 1].isdigit() or (s[k - 1] == ":" and k > 1 and s[k - 2].isdigit())):
            continue  # the tail of 09:00:00
        # PM1:30, 下午 1:30: an afternoon clock written on the twelve-hour dial
        afternoon = _AFTERNOON_BEFORE.search(s, max(0, k - 4), k) is not None
        out.append(RawTime(k, m.end(), to_24h(int(hour), "下午" if afternoon else None), int(m["mi"])))
    return sorted(out, key=lambda t: t.start)


def to_24h(h: int, ap: str | None) -> int:
    if ap in ("下午", "晚上", "晚間", "傍晚") and h < 12:
        return h + 12
    if ap == "凌晨" and h == 12:
        return 0
    return h


def infer_year(dates: list[date]) -> int | None:
    """The year most absolute dates in a document fall in, for month/day mentions without one."""
    if not dates:
        return None
    return Counter(d.year for d in dates).most_common(1)[0][0]


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
