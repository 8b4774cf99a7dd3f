"""The Document carrier: text never rewritten, views that match and ground exactly."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import Document, GapKind
from pipeline.fold import fold
from pipeline.models import SourceInfo


def make(text: str) -> Document:
    return Document(text=text, source=SourceInfo(path="t", sha256="0", format="text"))


def find(doc: Document, pattern: str) -> str:
    m = re.search(pattern, doc.compact)
    assert m, pattern
    s, e = doc.span(m.start(), m.end())
    return doc.text[s:e]


def test_spaced_dates_and_words_match_and_ground() -> None:
    doc = make("市長就職七周年記者會訂於 12 月 24 日假西門紅樓舉行，本府 110 年度公務 人員\n專書")
    assert find(doc, r"12月24日") == "12 月 24 日"
    assert find(doc, r"110年度公務人員") == "110 年度公務 人員"


def test_compatibility_ideographs_fold_but_text_is_kept() -> None:
    # U+F98E is a compatibility form of 年, U+F9E4 of 理: a reader sees 年 and 理
    text = "中華民國 100 \uf98e 10 月 6 日 處\uf9e4"
    doc = make(text)
    assert doc.text == text
    assert find(doc, r"100年10月6日") == "100 \uf98e 10 月 6 日"
    assert "處理" in doc.compact


def test_variants_fold_to_one_form() -> None:
    assert fold("台北市政府") == "臺北市政府"
    assert fold("第五○三次") == "第五〇三次"
    assert fold("（一）１２：３０") == "(一)12:30"


def test_markdown_and_page_numbers_leave_the_compact_view() -> None:
    doc = make("- (二)列管案號9903、9904\n\n 2\n- 、10502及10606賡續列管。\n**文書組高組長補充報告**:")
    assert "9904、10502及10606賡續列管" in doc.compact
    assert "文書組高組長補充報告:" in doc.compact


def test_gaps_tell_wraps_from_columns() -> None:
    doc = make("民政局局長   江俊霆     財政局局長   呂衛青\n請市 民服務組洽邀")
    c = doc.compact
    assert doc.gap(c.index("江")) == GapKind.HARD
    assert doc.gap(c.index("民服")) == GapKind.SOFT
    assert doc.gap(c.index("政局")) == GapKind.NONE


@given(st.text(alphabet=st.sampled_from(list("年月日 \n\t\u3000臺台○０１2- *•\uf98e")), max_size=60))
def test_fold_keeps_length_and_compact_maps_into_text(text: str) -> None:
    doc = make(text)
    assert len(doc.folded) == len(text)
    assert len(doc.compact) == len(doc.compact_index)
    for ci, ti in enumerate(doc.compact_index):
        assert fold(text[ti]) == doc.compact[ci]
