"""Each extractor on real minutes text from the corpora (shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import DEV, KCC

import pipeline
from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import Minutes, SourceInfo


def run_text(text: str) -> Minutes:
    doc = Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text"))
    return analyse(doc, require_minutes=False)


@pytest.fixture(scope="module")
def secretariat() -> Minutes:
    return pipeline.extract(DEV / "taipei_secretariat_107.md")


def grounded(m: Minutes) -> None:
    for field in ("dates", "times", "case_numbers", "divisions", "people", "action_items"):
        for x in getattr(m, field):
            assert m.text[x.span[0]:x.span[1]] == x.text, (field, x)


def test_secretariat_header(secretariat: Minutes) -> None:
    mt = secretariat.meeting
    assert (mt.body, mt.name, mt.session, mt.date) == ("臺北市政府秘書處", "處務會議", 107, "2021-12-16")
    assert (mt.start_time, mt.end_time, mt.location) == ("10:00", "10:50", "視訊會議")
    assert (mt.chair, mt.recorder) == ("陳志銘", "陳慧玲")
    assert secretariat.profile == "taipei_secretariat"


def test_secretariat_sections_tolerate_ocr_damage(secretariat: Minutes) -> None:
    # 多、報告事項 is an OCR misreading of 參、; the outline keeps the sequence
    assert [s.kind for s in secretariat.sections] == ["awards", "previous_minutes", "reports", "motions",
                                                       "adjournment"]
    reports = secretariat.sections[2]
    assert reports.marker == "多、"
    speakers = [b.speaker for it in reports.items for b in it.blocks if b.kind == "report"]
    assert "總務組涂組長" in speakers
    assert secretariat.coverage.share_in_sections > 0.9


def test_secretariat_cases(secretariat: Minutes) -> None:
    got = {(c.id, c.status) for c in secretariat.case_numbers}
    closed = {"10601", "10602", "10603", "10604", "10605", "10607"}
    continued = {"9903", "9904", "10502", "10606"}
    assert got == {(c, "closed") for c in closed} | {(c, "continued") for c in continued}


def test_secretariat_action_items(secretariat: Minutes) -> None:
    by_text = {a.text.replace(" ", "").replace("\n", ""): a for a in secretariat.action_items}
    ask = next(a for t, a in by_text.items() if "請公管中心及市民服務組向資訊局確認" in t)
    assert ask.assignees == ["公管中心", "市民服務組"]  # not 資訊局: it is only mentioned
    tender = next(a for t, a in by_text.items() if "12月底前完成招標作業" in t)
    assert tender.assignees == ["各組室"] and tender.deadline == "2021-12-31"
    assert tender.section == "reports" and tender.block == "會議結論"
    assert not any("建請秘書長獎勵" in t for t in by_text)  # a recommendation, not a directive
    grounded(secretariat)


def test_secretariat_people_and_units(secretariat: Minutes) -> None:
    people = {(p.name, p.title) for p in secretariat.people}
    assert {("涂", "組長"), ("黃妙英", "股長"), ("康晏洲", "書記"), ("林美娟", "專門委員")} <= people
    names = {d.name for d in secretariat.divisions}
    assert {"公管中心", "各組室", "秘書長室", "政風室"} <= names
    assert "資訊局" not in names and "市長室" not in names
    canon = {d.name: d.canonical for d in secretariat.divisions}
    assert canon["公管中心"] == "市政大樓公共事務管理中心"


def test_council_forms() -> None:
    m = pipeline.extract(KCC / "kcc_t1_r02_m02.txt")
    people = {(p.name, p.title) for p in m.people}
    assert ("許崑源", "議長") in people  # 許議長崑源
    assert ("康裕成", "議員") in people  # 請假：議員陳信瑜、康裕成
    assert ("盧維屏", "局長") in people  # 都市發展局盧局長維屏
    assert not any(name == "宣告" for name, _ in people)  # 主席宣告開會: a verb after a title
    assert m.meeting.end_time == "17:59"
    assert not m.action_items  # 請大家鼓掌歡迎, 請同意案: procedure, not directives
    grounded(m)


def test_proposal_titles_are_not_directives() -> None:
    m = pipeline.extract(KCC / "kcc_t1_x10_m05.txt")
    assert all("審議" not in a.text[:4] for a in m.action_items)
    asks = [a for a in m.action_items if a.trigger != "應"]
    assert len(asks) == 9 and {tuple(a.assignees) for a in asks} == {("市政府",)}
    assert all(a.block == "決議" and a.section == "discussion" for a in asks)
    assert not m.case_numbers  # 編號 20 至編號 37 are proposals, not 列管 cases


def test_executive_yuan() -> None:
    m = pipeline.extract(DEV / "executive_yuan_meeting_2750.txt")
    assert (m.meeting.body, m.meeting.session, m.meeting.date) == ("行政院", 2750, "2001-09-05")
    assert [s.kind for s in m.sections] == ["chair_remarks", "reports", "discussion"]
    asks = [a.assignees for a in m.action_items]
    assert ["農委會", "環保署"] in asks  # not 相關單位 (會同 ...)
    assert ["經濟部", "內政部", "農委會"] in asks  # 等相關機關 is an apposition
    # 請各機關逐項檢視,送請經建會彙整: a second ask of someone new (as the gold reads it)
    assert ["各機關"] in asks and ["經建會"] in asks


def test_spaced_labels_and_officials() -> None:
    m = pipeline.extract(DEV / "ly_judiciary_committee_10_1_10_proceedings.txt")
    mt = m.meeting
    # several recorders are joined with 、 (shared/gold/FORMAT.md)
    assert (mt.start_time, mt.end_time, mt.chair, mt.recorder) == ("09:01", "12:08", "李貴敏", "彭定民、薛復寧、鮑夏明")
    people = {(p.name, p.title) for p in m.people}
    assert {("鮑夏明", "科長"), ("呂理正", "首席參事兼組長"), ("李繼玄", "秘書長")} <= people
    asks = [a.assignees for a in m.action_items]
    assert ["考試院", "監察院"] in asks and ["相關機關"] in asks


def test_chinese_numerals_everywhere() -> None:
    m = pipeline.extract(DEV / "taipei_urban_planning_committee_503.txt")
    assert (m.meeting.session, m.meeting.date, m.meeting.end_time) == (503, "2002-10-28", "12:00")
    assert len(m.dates) == 16
    people = {(p.name, p.title) for p in m.people}
    assert ("黃呂錦茹", "委員") in people and ("黃台生", "委員") in people  # as written, not 臺
    ask = next(a for a in m.action_items if "專案小組詳予審查" in a.text)
    assert len(ask.assignees) == 8


def test_transcript_chair_and_no_directives() -> None:
    m = pipeline.extract(DEV / "lieyu_township_council_10_1_proceedings.txt")
    assert m.meeting.chair == "洪若珊"
    assert not m.action_items  # 請發言, 請上報告台, 請問: a debate, not directives
    assert ("洪成發", "鄉長") in {(p.name, p.title) for p in m.people}


def test_year_inferred_without_meeting_date() -> None:
    m = pipeline.extract(DEV / "taipei_udd_management_meeting_317.txt")
    assert m.meeting.date is None
    assert {d.value for d in m.dates} >= {"2009-11-18", "2009-12-03"}


def test_html_boilerplate_is_outside_sections() -> None:
    m = pipeline.extract(DEV / "executive_yuan_meeting_2750.txt")
    first = m.sections[0].span[0]
    assert m.text.index("友善列印") < first


def test_weekday_mismatch_is_flagged() -> None:
    m = run_text("某某會議紀錄\n時間：中華民國109年3月25日(星期五)上午9時\n壹、報告事項\n一、本案同意備查。\n")
    (d,) = [d for d in m.dates if d.value == "2020-03-25"]
    assert d.weekday_mismatch
    assert any("星期五" in w for w in m.warnings)


def test_case_ranges_and_new_cases() -> None:
    m = run_text("處務會議紀錄\n壹、報告事項\n會議結論：列管案號11001至11003解除列管；列管案號11004新增列管。\n")
    assert {(c.id, c.status) for c in m.case_numbers} == {
        ("11001", "closed"), ("11002", "closed"), ("11003", "closed"), ("11004", "new")}


@pytest.mark.parametrize("name", sorted(p.name for p in DEV.glob("*") if p.suffix in (".txt", ".md")))
def test_every_dev_document_is_grounded(name: str) -> None:
    grounded(pipeline.extract(Path(DEV / name), require_minutes=False))


def test_title_set_on_two_lines() -> None:
    m = run_text("臺北市政府秘書處\n第107次處務會議紀錄\n時間：民國110年12月16日上午10時\n壹、報告事項\n一、同意備查。\n")
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == ("臺北市政府秘書處", "處務會議", 107)
    assert m.profile == "taipei_secretariat"


@pytest.mark.parametrize(("title", "body", "name"), [
    ("國立臺灣大學行政會議紀錄", "國立臺灣大學", "行政會議"),
    ("中華民國天文學會理監事會議紀錄", "中華民國天文學會", "理監事會議"),
    ("臺北市政府秘書處處務會議紀錄", "臺北市政府秘書處", "處務會議"),
    ("校務會議紀錄", None, "校務會議"),
])
def test_titles_without_numbers(title: str, body: str | None, name: str) -> None:
    m = run_text(f"{title}\n時間：113年3月5日\n壹、報告事項\n一、洽悉。\n")
    assert (m.meeting.body, m.meeting.name) == (body, name)
