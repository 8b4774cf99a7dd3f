"""The outline (sections, items, blocks) on classes of layout, each generated in variants: numbering
styles, heading words, label forms. The truth is written beside each generator, not read from the
pipeline."""

from __future__ import annotations

import itertools

import pytest

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import Item, Minutes, SourceInfo

HEADER = "某市政府第3次業務會議紀錄\n時間：113年3月5日上午9時\n地點：本府會議室\n主席：王主任委員大明\n"
TOP_MARKERS = [("壹、", "貳、", "參、", "肆、"), ("一、", "二、", "三、", "四、"), ("甲、", "乙、", "丙、", "丁、")]
CHILD_MARKERS = [("(一)", "(二)", "(三)"), ("1.", "2.", "3."), ("（一）", "（二）", "（三）")]
REPORT_LABELS = ["文書組報告：", "總務科報告：", "人事室補充報告："]  # (after 會計室報告：)
CONCLUSIONS = ["決定：洽悉。", "決議：照案通過。", "主席裁示：請依規定辦理。"]


def run(text: str) -> Minutes:
    doc = Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text"))
    return analyse(doc, require_minutes=False)


def items_at(m: Minutes, pos: int) -> list[Item]:
    """The chain of items holding text offset pos, outermost first."""
    sec = next(s for s in m.sections if s.span[0] <= pos < s.span[1])
    chain, items = [], sec.items
    while True:
        hit = next((it for it in items if it.span[0] <= pos < it.span[1]), None)
        if hit is None:
            return chain
        chain.append(hit)
        items = hit.children


@pytest.mark.parametrize(("tops", "kids", "report", "conclusion"),
                         list(itertools.product([TOP_MARKERS[0], TOP_MARKERS[2]], CHILD_MARKERS, REPORT_LABELS,
                                                CONCLUSIONS)))
def test_a_block_after_the_last_child_belongs_to_the_parent(tops: tuple[str, ...], kids: tuple[str, ...],
                                                            report: str, conclusion: str) -> None:
    # a speaker's report, its points, then the next speaker: the second report and the decision
    # are the reported item's, as the first report is
    text = (HEADER + f"{tops[0]}報告事項\n一、各組業務報告。\n會計室報告：\n{kids[0]}採購案依期程辦理。\n"
            f"{kids[1]}小額採購請儘速核銷。\n{report}請各組於3月20日前更新電腦。\n{conclusion}\n"
            f"二、人事室報告。\n{tops[1]}散會\n")
    m = run(text)
    for later in (text.index(report), text.index(conclusion)):
        chain = items_at(m, later)
        assert [it.heading for it in chain] == ["一、各組業務報告。"], (later, [it.heading for it in chain])


@pytest.mark.parametrize(("marker", "words", "kind"), [
    ("貳、", "「某某自治條例（草案）」審查案，決議如下：", "discussion"),
    ("貳、", "「某某補助辦法」修正方向研議案，\n決議如下：", "discussion"),
    ("貳、", "各單位業務\n報告。", "reports"),
    ("貳、", "臨時動議", "motions"),
])
def test_a_marker_alone_on_its_line_takes_its_kind_from_the_next_lines(marker: str, words: str, kind: str) -> None:
    m = run(HEADER + f"壹、報告事項\n一、業務報告。\n{marker}\n{words}\n一、照案通過。\n")
    assert m.sections[-1].kind == kind, [(s.heading, s.kind) for s in m.sections]
    assert m.sections[-1].heading == marker


@pytest.mark.parametrize("closing", ["散會：11時22分", "閉會：12時25分", "散會（上午11時）", "散會。"])
@pytest.mark.parametrize("meetings", [2, 3])
def test_a_file_of_several_meetings_numbers_each_anew(closing: str, meetings: int) -> None:
    parts = [HEADER]
    for n in range(meetings):
        parts.append(f"第{n + 1}次會議\n甲、報告事項\n一、秘書處報告。\n乙、討論事項\n一、某某案。\n決議：照案通過。\n{closing}\n")
    m = run("".join(parts))
    assert [s.kind for s in m.sections] == ["reports", "discussion", "adjournment"] * meetings


@pytest.mark.parametrize("label", ["議程：", "議  程：", "會議議程：", "議事日程："])
def test_an_agenda_label_introduces_the_sections_and_is_none(label: str) -> None:
    m = run(HEADER + f"{label}\n一、報告事項\n(一)秘書處報告。\n二、討論提案\n(一)某某案。\n三、臨時動議\n四、散會\n")
    assert [s.kind for s in m.sections] == ["reports", "discussion", "motions", "adjournment"]


@pytest.mark.parametrize("words", ["閉會期間，請各委員踴躍提案。", "散會後請各組留下。"])
def test_adjournment_words_inside_a_sentence_end_nothing(words: str) -> None:
    m = run(HEADER + f"壹、報告事項\n一、業務報告。\n{words}\n貳、討論事項\n一、某某案。\n參、散會\n")
    assert [s.kind for s in m.sections] == ["reports", "discussion", "adjournment"]


@pytest.mark.parametrize(("heading", "kind"), [
    ("一、二、三讀會(計3案)", "discussion"),
    ("審議113年度總預算案", "discussion"),
    ("頒發第七屆委員聘書", "other"),
    ("委員聘函頒發", "other"),
    ("績優人員頒獎", "awards"),
])
def test_section_kinds_from_heading_words(heading: str, kind: str) -> None:
    m = run(HEADER + f"壹、{heading}\n一、內容。\n貳、散會\n")
    assert m.sections[0].kind == kind


REMARKS = [("院 長 提 示：", "chair_remarks"), ("主席裁示：", "chair_remarks"), ("報告事項：", "reports")]
ENTRIES = ["本院秘書長等一行四人，上週至美國訪問，闡揚\n    我大陸政策，頗受各界稱許。",
           "教育部召開的教育改革之檢討與改進會議，已於上\n    週順利完成，請各部會參考。",
           "司法院大法官於十二月十四日\n    作成解釋，請法務部研議。"]


@pytest.mark.parametrize(("heading", "kind"), REMARKS)
@pytest.mark.parametrize("markers", [("一、", "二、", "三、"), ("1.", "2.", "3.")])
def test_numbered_sentences_under_a_named_heading_are_its_items(heading: str, kind: str,
                                                                 markers: tuple[str, ...]) -> None:
    body = "\n".join(f"  {mk}{entry}" for mk, entry in zip(markers, ENTRIES, strict=True))
    m = run(f"某某院第2765次院會決議\n時間：90年12月20日\n{heading}\n{body}\n")
    assert [s.kind for s in m.sections] == [kind]
    assert [it.marker for it in m.sections[0].items] == list(markers)


def test_numbered_headings_naming_kinds_stay_sections() -> None:
    m = run(HEADER + "院長提示：\n一、報告事項\n本週工作。\n二、討論事項\n請審議。\n三、臨時動議\n無。\n")
    assert [s.kind for s in m.sections][-3:] == ["reports", "discussion", "motions"]


@pytest.mark.parametrize("bullet", ["•", "●", "-"])
def test_a_transcripts_turns_are_not_sections(bullet: str) -> None:
    """• 主秘\\n  主秘\\n  主席、各位長官…: a verbatim record opens each turn with its speaker; the
    turns are no sections."""
    turns = [("主秘", "我們現在就開始本部第五次部務會議。"), ("唐鳳", "謝謝。像我今天受訪也都扣合主題。"),
             ("主秘", "第一個報告案，請策略司報告。"), ("策略司", "報告部長，列管案件共十案。"), ("唐鳳", "好，謝謝。")]
    body = "\n".join(f" {bullet} {who}\n  {who}\n  {said}" for who, said in turns)
    m = run(f"數位發展部第五次部務會議逐字稿\n\n{body}\n")
    assert [s.kind for s in m.sections if s.kind == "other"] == []


@pytest.mark.parametrize(("first", "again"), [("報告事項", "報 告 事 項"), ("• 報告事項", "報告事項"), ("討論事項：", "討 論 事 項")])
def test_a_heading_written_again_goes_on_with_its_section(first: str, again: str) -> None:
    """報告事項 (the agenda's list) … 報告事項 (the minutes): one section, where 報告事項 then 業務報告
    are two."""
    text = (HEADER + f"{first}\n一、經濟部部長報告業務概況。\n{again}\n經濟部部長報告業務概況，委員詢答。\n"
            "臨時動議\n無。\n")
    kinds = [s.kind for s in run(text).sections]
    assert kinds.count(kinds[0]) == 1 and kinds[-1] == "motions"
    other = run(HEADER + "報告事項\n一、上次會議紀錄確認。\n業務報告\n各組報告。\n")
    assert [s.kind for s in other.sections] == ["reports", "reports"]
