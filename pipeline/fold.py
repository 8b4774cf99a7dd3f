"""Character folding for the matching views.

Every function here maps one character to exactly one character, so a folded string has the
same length as the text it came from and an offset in one is an offset in the other.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

# Variant pairs that minutes, converters and OCR engines mix freely. The right-hand form is the
# one rules are written against. Only single characters, and only forms a reader takes as the
# same character: 台/臺 and friends, and the few simplified forms OCR engines emit for
# Traditional text (a full s2t conversion would rewrite proper names, e.g. 涂 to 塗).
VARIANTS: dict[str, str] = {
    "台": "臺",
    "着": "著",
    "爲": "為",
    "组": "組",
    "没": "沒",
    "峯": "峰",
    "綫": "線",
    "衞": "衛",
    "衆": "眾",
    "敎": "教",
    "眞": "真",
    "叁": "參",
    "叄": "參",
    "参": "參",
    "贰": "貳",
    "陆": "陸",
    "记": "記",
    "录": "錄",
    "议": "議",
    "会": "會",
    "决": "決",
    "债": "債",
    "请": "請",
    "际": "際",
    "务": "務",
    "处": "處",
    "纪": "紀",
    "时": "時",
    "间": "間",
    "点": "點",
    "报": "報",
    "项": "項",
    "讨": "討",
    "论": "論",
    "临": "臨",
    "动": "動",
    # the bopomofo letter typed for the numeral one (第ㄧ次會議: the two look alike in most fonts)
    "ㄧ": "一",
    # zeros written in numerals: 一一○年, 第五○三次, 二七五0
    "○": "〇",
    "◯": "〇",
    "Ｏ": "〇",
    "零": "〇",
    # dashes and tildes a converter may pick for ranges
    "－": "-",
    "—": "-",
    "–": "-",
    "─": "-",
    "～": "~",
    "〜": "~",
    "﹘": "-",
    # brackets OCR swaps for one another
    "〈": "(",
    "〉": ")",
    "﹝": "(",
    "﹞": ")",
    "【": "(",
    "】": ")",
    "［": "(",
    "］": ")",
    "︰": ":",
}

# Characters that carry no content for a reader: whitespace, zero-width marks, the BOM.
INVISIBLE = frozenset(" \t\r\n\f\v\u00a0\u3000\u200b\u200c\u200d\u2060\ufeff\u2028\u2029")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """One character to its matching form (always one character)."""
    if ch in INVISIBLE:
        return " " if ch not in "\n" else "\n"
    v = VARIANTS.get(ch)
    if v is not None:
        return v
    if ord(ch) < 0x80:
        return ch
    n = unicodedata.normalize("NFKC", ch)
    if len(n) == 1:
        return VARIANTS.get(n, n)
    return ch


class _FoldTable(dict[int, str]):
    """str.translate's table, filled on first sight of each code point: folding runs in C."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


# a text at least this long is folded by numpy, through a table of the whole BMP (made on first
# use): one array lookup instead of str.translate's dictionary lookup per character
_BULK_FOLD = 256


def fold(text: str) -> str:
    """The same-length folded key of `text`."""
    if len(text) < _BULK_FOLD:
        return text.translate(_TABLE)
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if codes.max() > 0xFFFF:
        return text.translate(_TABLE)  # (a character past the BMP: rare, folded the slow way)
    folded: str = _bmp_table()[codes].tobytes().decode("utf-32-le", "surrogatepass")
    return folded


@lru_cache(maxsize=1)
def _bmp_table() -> Any:
    """fold_char of every BMP code point, as code points (a numpy array)."""
    import numpy as np

    return np.fromiter((ord(fold_char.__wrapped__(chr(c))) for c in range(0x10000)), dtype=np.uint32, count=0x10000)


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or ch == "〇"
