"""Text ingest: encodings, HTML, and bad input that must give typed errors, never tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import FIXTURES

import pipeline
from pipeline.errors import EmptyDocumentError, NotMinutesError, UnsupportedFormatError
from pipeline.ingest import ingest_bytes, sniff_format

SAMPLE = (FIXTURES / "ly_judiciary_committee_10_1_10_proceedings.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp950", "big5"])
def test_encodings_give_the_same_text(encoding: str) -> None:
    text = SAMPLE.replace("\u00a0", " ")
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot encode the sample")  # not expected for these encodings
    doc = ingest_bytes(data, f"x.{encoding}.txt")
    assert doc.text == text
    assert doc.source.encoding


def test_big5_minutes_extract_the_same_meeting() -> None:
    text = SAMPLE.replace("\u00a0", " ")
    m_utf8 = pipeline.extract_bytes(text.encode("utf-8"), "a.txt")
    m_big5 = pipeline.extract_bytes(text.encode("cp950"), "b.txt")
    assert m_big5.meeting == m_utf8.meeting
    assert [p.name for p in m_big5.people] == [p.name for p in m_utf8.people]


def test_html_becomes_text_with_boilerplate_outside_sections() -> None:
    html = ("<html><head><title>會議紀錄</title><script>var a='<p>x</p>';</script></head><body>"
            "<nav>跳到主要內容區塊</nav><h1>某某局第12次局務會議紀錄</h1><p>時間：民國110年3月4日上午9時</p>"
            "<p>主席：王局長大明</p><p>壹、報告事項</p><p>一、請秘書室於3月底前完成盤點。</p></body></html>")
    m = pipeline.extract_bytes(html.encode("utf-8"), "page.html")
    assert m.source.format == "html"
    assert "var a" not in m.text
    assert m.meeting.date == "2021-03-04" and m.meeting.session == 12
    assert m.text.index("跳到主要內容區塊") < m.sections[0].span[0]
    (ask,) = m.action_items
    assert ask.assignees == ["秘書室"] and ask.deadline == "2021-03-31"


def test_empty_and_binary_input_give_typed_errors() -> None:
    with pytest.raises(EmptyDocumentError):
        ingest_bytes(b"", "empty.txt")
    with pytest.raises(EmptyDocumentError):
        ingest_bytes(b" \n\t\n", "blank.txt")
    with pytest.raises(UnsupportedFormatError):
        ingest_bytes(bytes(range(256)) * 20, "junk.bin")


def test_text_that_is_not_minutes() -> None:
    recipe = "番茄炒蛋的做法：先把蛋打散，番茄切塊，熱鍋下油後炒蛋，再加入番茄拌炒即可。".encode()
    with pytest.raises(NotMinutesError):
        pipeline.extract_bytes(recipe, "recipe.txt")
    m = pipeline.extract_bytes(recipe, "recipe.txt", require_minutes=False)
    assert not m.is_minutes


def test_format_is_read_from_content() -> None:
    assert sniff_format(b"%PDF-1.7\n...") == "pdf"
    assert sniff_format(b"\x89PNG\r\n\x1a\n....") == "image"
    assert sniff_format("主席：王大明".encode()) == "text"


def test_compatibility_ideographs_from_pdf_text(tmp_path: Path) -> None:
    # the kcc corpus writes 年 as U+F98E: dates still parse and ground to the characters as written
    text = "高雄市議會第1屆第2次定期大會第2次會議紀錄\n日 期：中華民國 100 \uf98e 10 月 6 日上午 10 時\n甲、報告事項\n"
    m = pipeline.extract_bytes(text.encode("utf-8"), "k.txt")
    assert m.meeting.date == "2011-10-06"
    (d,) = m.dates
    assert m.text[d.span[0]:d.span[1]] == "中華民國 100 \uf98e 10 月 6 日"
