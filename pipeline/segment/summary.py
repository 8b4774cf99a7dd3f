"""A meeting named in a summary's opening sentence, where a page has no title or header fields:

    監察院第三屆第十一次會議於本(八十八)年十二月十四日上午九時,在本院議事廳舉行,由錢 院長復親自主持。
    「第二屆監察委員提名審荐小組」第十次會議於今(十七)日下午三時在總統府舉行。會議由李副總統元簇先生主持

The government's press summaries of a meeting (院會, a group's meetings) open so: the meeting, when,
where it was held, who chaired. A write-up of a meeting opens the other way round, with when, who
convened it and where, then the meeting (`find_convened`):

    七月九日晚間七點,高雄市中華生物能醫學氣功協會在高雄市南港社區發展協會忠孝教室,召開102年…籌備會
    本會於112年3月5日上午10時在本會會議室召開第3次委員會議

Only the compact ranges are found here; the header reads them as it reads a title and its fields.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
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


# where and what was convened: 在本會會議室召開第3次委員會議
_WHERE_WHAT = (r"(?:在|於)(?P<place>[^,，。:：;；]{2,30}?)[,，]?(?:召開|舉行|舉辦)"
               r"(?P<meeting>[^,，。:：;；]{2,40}?(?:會議|會報|大會|會))(?=[,，。;；]|$)")
# who convened, when, where, what (本會於112年3月5日上午10時在…召開…); or when, who, where, what
# (七月九日晚間七點,高雄市…協會在…,召開…籌備會)
_CONVENED = (re.compile(rf"(?P<body>[^,，。:：;；]{{0,30}}?)於(?P<when>[^,，。:：;；]{{3,24}}?)[,，]?{_WHERE_WHAT}"),
             re.compile(rf"(?P<when>[^,，。:：;；]{{3,24}}?)[,，]?(?P<body>[^,，。:：;；]{{0,30}}?){_WHERE_WHAT}"))


@dataclass(frozen=True)
class Convened:
    when: tuple[int, int]  # compact ranges
    body: tuple[int, int] | None
    place: tuple[int, int]
    meeting: tuple[int, int]


def find_convened(doc: Document, start: int, said_when: Callable[[str], bool]) -> Convened | None:
    """The first line in `SEARCHED` compact characters from `start` that opens with when, by whom
    and where a meeting was convened; `said_when` tells a date or a time from other words."""
    comp, starts = doc.compact, doc.compact_line_starts
    for line_start in starts[bisect_left(starts, start):bisect_left(starts, start + SEARCHED)]:
        for pattern in _CONVENED:
            m = pattern.match(comp, line_start, min(len(comp), line_start + SEARCHED))
            if m is None or not said_when(m["when"]):
                continue
            body = m.span("body")
            return Convened(m.span("when"), body if body[1] > body[0] else None, m.span("place"),
                            m.span("meeting"))
    return None


def find_meeting_in_opening_words(doc: Document, start: int) -> tuple[int, int] | None:
    """The compact range of the meeting the chair's first words name, in the body's first
    `SEARCHED` characters from `start`."""
    m = _CHAIR_OPENS.search(doc.compact, start, min(len(doc.compact), start + SEARCHED))
    return m.span("meeting") if m is not None else None
