"""A meeting named in a summary's opening sentence, where a page has no title or header fields:

    監察院第三屆第十一次會議於本(八十八)年十二月十四日上午九時,在本院議事廳舉行,由錢 院長復親自主持。
    「第二屆監察委員提名審荐小組」第十次會議於今(十七)日下午三時在總統府舉行。會議由李副總統元簇先生主持

The government's press summaries of a meeting (院會, a group's meetings) open so: the meeting, when,
where it was held, who chaired. Only the compact ranges are found here; the header reads them as it
reads a title and its fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.chars import QUOTE_MARKS
from pipeline.document import Document

_OPENING = re.compile(
    r"(?P<meeting>[^,，。:：;；]{4,40}?(?:會議|會報|院會|大會|座談會))於(?P<when>[^,，。;；]{2,30}?)[,，]?"
    r"在(?P<place>[^,，。;；]{2,24}?)(?:舉行|召開)[。,，]?(?:會議)?由(?P<chair>[^,，。;；]{2,16}?)(?:親自)?主持"
)
SEARCHED = 600  # compact characters from the start where a summary opens
# the chair's first words name the meeting and its session (現在開始進行第六次籌備委員會會議, 今天我們開全國
# 司法改革籌備會第一次會議): a record with no title names its meeting so
_CHAIR_OPENS = re.compile(
    r"(?:現在|今天|今日)(?:我們)?(?:正式)?(?:開始)?(?:進行|召開|開)"
    r"(?P<meeting>[^,，。:：;；「」]{0,20}?第[一二三四五六七八九十\d]{1,3}次[^,，。:：;；「」]{0,12}?(?:會議|會報|大會))"
)


@dataclass(frozen=True)
class SummaryOpening:
    meeting: tuple[int, int]  # compact ranges
    when: tuple[int, int]
    place: tuple[int, int]
    chair: tuple[int, int]


def find_opening(doc: Document) -> SummaryOpening | None:
    comp = doc.compact
    m = _OPENING.search(comp, 0, min(len(comp), SEARCHED))
    if m is None:
        return None
    a, b = m.span("meeting")
    starts = [p for p in doc.compact_line_starts if a < p < b]
    if starts:
        a = starts[-1]  # the sentence opens its line (跳到主要內容區塊 / 監察院第三屆…: a page's menu above)
    while a < b and comp[a] in QUOTE_MARKS:
        a += 1  # 「第二屆…小組」第十次會議: the quotes around the group's name are no part of it
    return SummaryOpening((a, b), m.span("when"), m.span("place"), m.span("chair"))


def find_meeting_in_opening_words(doc: Document, start: int) -> tuple[int, int] | None:
    """The compact range of the meeting the chair's first words name, in the body's first
    `SEARCHED` characters from `start`."""
    m = _CHAIR_OPENS.search(doc.compact, start, min(len(doc.compact), start + SEARCHED))
    return m.span("meeting") if m is not None else None
