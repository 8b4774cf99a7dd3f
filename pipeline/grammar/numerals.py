"""Numbers as minutes write them: 107, 一○七, 一百零七, 第二七五0次, 1 6 (spaced digits).

Parse only spans a rule has already found: forms with 十百千 are read by their units (一百零七,
十二, 兩千), digit-by-digit forms (一一〇 = 110) positionally. Numbers in minutes stay below 萬
(years, days, sessions, case numbers), so no general numeral library is needed.
"""

from __future__ import annotations

from functools import lru_cache

# one regex character class for "a digit as written", after folding (○ and 零 fold to 〇)
DIGIT = "0-9〇一二三四五六七八九"
NUMERAL = DIGIT + "十百千兩廿卅"
_POSITIONAL = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
               "兩": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
# 廿 and 卅 are 二十 and 三十 in one character (廿四日, 卅日: 教育部《異體字字典》)
_TENS = str.maketrans({"廿": "二十", "卅": "三十"})


@lru_cache(maxsize=4096)
def parse_int(s: str) -> int | None:
    """The value of a numeral span (folded, whitespace removed), or None."""
    s = "".join(s.split()).translate(_TENS)
    if not s:
        return None
    if s.isascii():
        return int(s) if s.isdigit() else None
    if not any(c in _UNITS for c in s):
        value = 0
        for c in s:
            if c.isdigit():
                value = value * 10 + int(c)
            elif c in _POSITIONAL:
                value = value * 10 + _POSITIONAL[c]
            else:
                return None
        return value
    return _parse_units(s)


def _parse_units(s: str) -> int | None:
    """十百千 numerals: each unit multiplies the digit before it (one when none is written)."""
    total, current = 0, 0
    for c in s:
        if c in _POSITIONAL or c.isdigit():
            current = _POSITIONAL[c] if c in _POSITIONAL else int(c)
        elif c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        else:
            return None
    return total + current
