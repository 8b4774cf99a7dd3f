"""Character classes: the one home for what kind of character a rule is looking at.

Everything here is about single characters of the folded view (see `pipeline.fold`), so the
classes hold the folded forms only (臺 not 台, 〇 not ○).
"""

from __future__ import annotations

import re

# CJK ideographs: the unified block, extension A, the supplementary planes, and the zero that
# numerals write as an ideograph.
CJK_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0002ffff〇"
CJK = re.compile(f"[{CJK_CLASS}]")
# quote marks that may enclose a name in a title (「第二屆…小組」第十次會議)
QUOTE_MARKS = "「」『』\"“”"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or ch == "〇"


# The dots that join the parts of an indigenous or transliterated name (巴干‧巴萬, 瓦歷斯·貝林).
NAME_DOTS = "‧·•・.．"
# Punctuation that ends a sentence, a clause, or an entry of a list.
SENTENCE_END = "。；;!?！？"
CLAUSE_END = ",，"
LIST_SEPARATORS = "、,，;；/"
COLONS = ":："
OPEN_BRACKETS = "(「『《"
CLOSE_BRACKETS = ")」』》"
# Characters that never stand inside a name, a title or a unit: punctuation, brackets, digits.
PUNCTUATION = SENTENCE_END + CLAUSE_END + "、" + COLONS + OPEN_BRACKETS + CLOSE_BRACKETS + "\"'“”‘’…~-"
