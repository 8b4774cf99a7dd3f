"""The date grammar: real lines from the corpora, and every supported form parsed back (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.grammar.dates import find_dates, find_relative, find_times
from pipeline.grammar.numerals import parse_int

REF = date(2021, 12, 16)  # 臺北市政府秘書處第107次處務會議
DIGITS = "〇一二三四五六七八九"


def cn_units(n: int) -> str:
    """28 -> 二十八, 10 -> 十, 110 -> 一百一十 (the 十百 form)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("〇" + DIGITS[rest] if rest < 10 else "一" + cn_units(rest) if rest < 20
                                 else cn_units(rest))
    return DIGITS[n // 100] + "百" + tail


def cn_positional(n: int) -> str:
    """110 -> 一一〇 (digit by digit)."""
    return "".join(DIGITS[int(c)] for c in str(n))


def values(s: str, ref: date | None = None) -> list[tuple[date, date | None]]:
    return [(r.value, r.until) for r in find_dates(s, ref)]


roc_dates = st.dates(min_value=date(1912, 1, 1), max_value=date(2099, 12, 31))


@given(roc_dates, st.booleans())
def test_roc_arabic(d: date, era: bool) -> None:
    era = era or d.year - 1911 < 10  # 民國9年 needs its era word; a bare 9年 is a count
    s = f"{'民國' if era else ''}{d.year - 1911}年{d.month}月{d.day}日"
    assert values(s) == [(d, None)]


@settings(deadline=None)
@given(roc_dates, st.booleans())
def test_roc_chinese_numerals(d: date, positional: bool) -> None:
    y = d.year - 1911
    year = cn_positional(y) if positional and y >= 10 else cn_units(y)
    s = f"中華民國{year}年{cn_units(d.month)}月{cn_units(d.day)}日"
    assert values(s) == [(d, None)]


def cn_tens_char(n: int) -> str:
    """24 -> 廿四, 30 -> 卅, 31 -> 卅一 (廿 and 卅 for 二十 and 三十), other days as cn_units."""
    if 20 <= n < 40:
        return "廿卅"[n // 10 - 2] + (DIGITS[n % 10] if n % 10 else "")
    return cn_units(n)


@settings(deadline=None)
@given(roc_dates)
def test_roc_days_written_with_nian_and_sa(d: date) -> None:
    s = f"中華民國{cn_units(d.year - 1911)}年{cn_units(d.month)}月{cn_tens_char(d.day)}日"
    assert values(s) == [(d, None)]


@given(st.dates(min_value=date(1921, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from([".", "/", "-"]))
def test_roc_numeric(d: date, sep: str) -> None:
    s = f"日期:{d.year - 1911}{sep}{d.month:02d}{sep}{d.day:02d}"
    assert values(s) == [(d, None)]


@given(roc_dates)
def test_roc_seven_digits(d: date) -> None:
    y = d.year - 1911
    if y < 100:
        return
    assert values(f"民國{y}{d.month:02d}{d.day:02d}") == [(d, None)]


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_gregorian(d: date) -> None:
    assert values(f"{d.year}年{d.month:02d}月{d.day:02d}日") == [(d, None)]
    assert values(f"{d.isoformat()} 09:00:00") == [(d, None)]


@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2021, 12, 31)))
def test_month_day_takes_the_meeting_year(d: date) -> None:
    ref = date(2021, 6, 15)
    assert values(f"預定於{d.month}月{d.day}日開標", ref) == [(d, None)]
    assert values(f"• {d.month}/{d.day}林副市長巡視", ref) == [(d, None)]


@given(st.integers(min_value=-1, max_value=1), st.dates(min_value=date(2000, 1, 2), max_value=date(2099, 12, 30)))
def test_relative_days_resolve_against_the_meeting(offset: int, ref: date) -> None:
    word = {-1: "昨", 0: "今", 1: "明"}[offset]
    target = ref + timedelta(days=offset)
    found = find_relative(f"{word}({target.day})日下午", ref)
    assert [r.value for r in found] == [target]


@pytest.mark.parametrize(("line", "expected"), [
    ("時間:民國 110 年 12 月 16 日 10 時 0 分".replace(" ", ""), [(date(2021, 12, 16), None)]),
    ("民政委員會通知12月20至24日進行第2輪預算審查", [(date(2021, 12, 20), date(2021, 12, 24))]),
    ("請於12月底前完成招標作業並保留決標", [(date(2021, 12, 31), None)]),
    ("水溝蓋板廠商預計於17日補足", [(date(2021, 12, 17), None)]),
    ("111年度預定上網招標採購案件", []),
    ("第106次處務會議結論事項辦理情形報告", []),
    ("中華民國九十一年十月二十八日上午九時", [(date(2002, 10, 28), None)]),
    ("日期:90-09-05", [(date(2001, 9, 5), None)]),
])
def test_real_lines(line: str, expected: list[tuple[date, date | None]]) -> None:
    assert values(line, REF) == expected


def test_weekday_is_kept_apart_for_checking() -> None:
    (r,) = find_dates("中華民國109年3月25日(星期三)上午9時1分至12時8分", None)
    assert r.weekday == "(星期三)" and r.value.weekday() == 2
    assert [(t.hour, t.minute) for t in find_times("上午9時1分至12時8分")] == [(9, 1), (12, 8)]


def test_week_words() -> None:
    found = find_relative("預定本週六及週日2天搬遷完成", REF)
    assert [r.value for r in found] == [date(2021, 12, 18), date(2021, 12, 19)]
    assert [r.value for r in find_relative("下週一開會", REF)] == [date(2021, 12, 20)]


def test_damaged_dates_only_where_the_converter_dropped_units() -> None:
    ref = date(2017, 10, 21)
    assert values("自10691日起實施", ref) == []
    assert [r.value for r in find_dates("自10691日起實施;於617日", ref, dropped_units=True)] == [
        date(2017, 9, 1), date(2017, 6, 17)]


def test_times() -> None:
    assert [(t.hour, t.minute) for t in find_times("散會(10時50分)")] == [(10, 50)]
    assert [(t.hour, t.minute) for t in find_times("下午3時53分")] == [(15, 53)]
    assert [(t.hour, t.minute) for t in find_times("參、散會(十二時)")] == [(12, 0)]
    assert find_times("8小時以上的環境教育時數") == []


def test_numerals() -> None:
    assert parse_int("二七五0") == 2750
    assert parse_int("五〇三") == 503
    assert parse_int("一百零三") == 103
    assert parse_int("1 6") == 16


def test_shares_are_not_dates() -> None:
    import pipeline

    text = "某會議紀錄\n時間：民國102年12月27日\n壹、討論事項\n一、地號面積 6平方公尺（市有持分 5/10），擬處分。\n"
    m = pipeline.extract_bytes(text.encode(), "t.txt")
    assert [d.value for d in m.dates] == ["2013-12-27"]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(min_value=367, max_value=3000),
       st.sampled_from(["至", "到", "~"]), st.booleans())
def test_a_span_of_years_written_whole_is_one_range(start: date, days: int, link: str, numeric: bool) -> None:
    """109/6/19 至 111/1/29, 99年1月1日至101年12月31日: both ends with their years, linked."""
    end = start + timedelta(days=days)

    def written(d: date) -> str:
        return f"{d.year - 1911}/{d.month}/{d.day}" if numeric else f"{d.year - 1911}年{d.month}月{d.day}日"
    found = find_dates(f"期間{written(start)}{link}{written(end)}，平均價", REF)
    assert [(d.value, d.until) for d in found] == [(start, end)]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=25), st.integers(min_value=1, max_value=3),
       st.sampled_from(["日", "號"]))
def test_days_of_one_month_listed_with_one_day_word(month: int, day: int, later: int, word: str) -> None:
    """12月18、21日: two days of the month, the first written without 日."""
    second = day + later
    found = find_dates(f"並於{month}月{day}、{second}{word}辦理", REF)
    assert [(d.value.month, d.value.day) for d in found] == [(month, day), (month, second)]
