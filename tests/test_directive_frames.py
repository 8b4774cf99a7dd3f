"""Directive frames on classes of text, each generated in variants: a head's directives whose unit in
charge is written in brackets after each entry, and groups asked as a whole (各位家長, 各校). The truth
is written beside each generator, not read from the pipeline."""

from __future__ import annotations

import itertools

import pytest

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import Minutes, SourceInfo

# real unit names of Taiwan's city and county governments (their organisation charts)
UNITS = ["民政處", "社會局", "工務局", "交通局", "教育處", "財政稅務局"]
TITLES = ["某某縣政府第{n}次擴大主管會報縣長裁示事項", "某某市政府第{n}次市政會議市長指示事項"]
OBLIGED = ["春節將近，有關慰問活動要儘早聯繫規劃辦理。", "有關元旦升旗活動相關事宜，應事先做好規劃。",
           "寒假期間校園安全必須事先與學校聯繫做好安排。", "對於公有土地登記管理要加強督導。"]
BRACKETS = ["({u})", "（{u}）", "（主辦單位：{u}）", "(權責單位:{u})"]
# entries that only tell what was done: no directive, whatever the brackets say
DONE = "本月已發放慰問金計50戶。"


def run(text: str) -> Minutes:
    doc = Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text"))
    return analyse(doc, require_minutes=False)


@pytest.mark.parametrize(("title", "bracket", "n"), list(itertools.product(TITLES, BRACKETS, [12, 46])))
def test_unit_in_charge_after_each_entry(title: str, bracket: str, n: int) -> None:
    lines, truth = [title.format(n=n), ""], []
    for k, (unit, sentence) in enumerate(zip(UNITS, itertools.cycle(OBLIGED), strict=False), start=1):
        lines.append(f"{k}、{sentence}{bracket.format(u=unit)}")
        truth.append((sentence.rstrip("。"), unit))
    lines.append(f"{len(UNITS) + 1}、{DONE}{bracket.format(u=UNITS[0])}")
    text = "\n".join(lines) + "\n"
    m = run(text)
    assert [s.kind for s in m.sections] == ["chair_remarks"]
    got = [(a.text, a.assignees) for a in m.action_items]
    assert len(got) == len(truth), got
    for (text_, asked), (sentence, unit) in zip(got, truth, strict=True):
        assert sentence.split("，")[-1] in text_ and asked == [unit]
    for a in m.action_items:
        assert m.text[a.span[0]:a.span[1]] == a.text


def test_a_field_with_a_bracket_is_no_directive() -> None:
    text = ("某市都市計畫委員會第600次委員會議紀錄\n時間：98年9月1日\n討論事項\n"
            "一、申請單位：臺北市政府（捷運工程局）\n二、辦理單位：臺北市政府\n")
    assert run(text).action_items == []


@pytest.mark.parametrize(("sentence", "asked"), [
    ("請各位家長協助宣導交通安全。", ["各位家長"]),
    ("請各位理監事廣為宣傳。", ["各位理監事"]),
    ("請各校於12月25日前提報。", ["各校"]),
    ("請各位主管督促同仁多加留意。", ["各位主管"]),
    ("各領域的成長計畫請於2月25日前寄回教務處。", ["各領域"]),
    ("請相關單位配合辦理。", ["相關單位"]),
    ("請各領域課程綱要研修小組提供回應說明。", ["各領域課程綱要研修小組"]),
])
def test_groups_asked_as_a_whole(sentence: str, asked: list[str]) -> None:
    text = f"某國民小學113學年度第1次校務會議紀錄\n時間：113年9月1日\n主席：王校長\n決議：\n一、{sentence}\n"
    items = run(text).action_items
    assert [a.assignees for a in items] == [asked]


def test_regarding_is_no_group() -> None:
    text = "某國民小學113學年度第1次校務會議紀錄\n時間：113年9月1日\n決議：\n一、有關語文領域部分，請於下次會議提出。\n"
    assert [a.assignees for a in run(text).action_items] == [[]]


# the election commissions of 公職人員選舉罷免法 第8條 and their units (組織規程: 第一組…第四組, 行政室)
COUNTIES = ["彰化縣", "臺南市", "宜蘭縣"]
AGENCY_UNITS = ["第一組", "第四組", "行政室", "監察小組"]


@pytest.mark.parametrize("county", COUNTIES)
def test_an_agency_named_committee_has_units(county: str) -> None:
    lines = [f"{county}選舉委員會第233次委員會議紀錄", "時間：95年3月13日", "討論事項"]
    for k, unit in enumerate(AGENCY_UNITS, start=1):
        lines.append(f"第{k}案 提案單位：{unit}")
        lines.append("案由：本會選務工作時程，提請討論。")
    m = run("\n".join(lines) + "\n")
    assert sorted({d.name for d in m.divisions}) == sorted(AGENCY_UNITS)


def test_a_review_committee_has_no_units() -> None:
    text = ("臺北市都市計畫委員會第600次委員會議紀錄\n時間：98年9月1日\n討論事項\n"
            "第一案 提案單位：第一組\n案由：本案提請審議。\n")
    assert run(text).divisions == []


@pytest.mark.parametrize(("opener", "purpose"), list(itertools.product(
    ["研商", "協調", "研議"], ["電子競技選手培育及獎勵輔導相關事宜", "偏鄉數位學習推動事宜"])))
def test_a_meeting_called_for_a_purpose_is_read(opener: str, purpose: str) -> None:
    text = f"# 2016-11-17 第二次{opener}{purpose}\n\n### 唐鳳：\n現在剛好一點三十分，我們準時開始。\n"
    m = run(text)
    assert m.meeting.session == 2 and m.meeting.name == opener + purpose and m.is_minutes


@pytest.mark.parametrize("opening", ["會議準時(1330)開始。", "主席宣布開會。", "開始數位發展部第一次的部務會議,先跟各位報告。"])
def test_a_transcript_without_title_or_fields_is_read(opening: str) -> None:
    """A meeting's record with no title, fields or sections (a transcript page) is still minutes,
    read with a low confidence and its reason; only a file without a meeting is refused."""
    text = f"-\n{opening}\n-\n現在開始進行部務會議。今天有四個報告案。\n-\n(報告案一) 依簡報內容報告。\n"
    m = run(text)
    assert m.is_minutes and m.minutes_confidence < 0.5 and m.minutes_evidence == ["a meeting named in the text"]
    with pytest.raises(Exception, match="does not look like meeting minutes"):
        analyse(Document(text="-\n今天天氣很好。\n-\n我們去公園散步。\n", source=SourceInfo(path="t.txt", sha256="0",
                                                                                format="text")))


POSTS = ["理事長", "秘書長", "主任委員", "總幹事"]
VERBS = ["連絡", "聯繫", "協調", "安排"]


@pytest.mark.parametrize(("post", "verb"), list(itertools.product(POSTS, VERBS)))
def test_a_post_asked_then_its_verb(post: str, verb: str) -> None:
    """請理事長連絡上屆會議的SOC: the post is asked; 連絡上 is no given name."""
    text = f"某學會第25屆第8次理監事會議紀錄\n時間：2016年1月9日\n決議：\n一、請{post}{verb}上屆會議的委員，以便確認名單。\n"
    m = run(text)
    assert [a.assignees for a in m.action_items] == [[post]]
    assert all(p.title != post for p in m.people)


@pytest.mark.parametrize(("name", "post"), [("許瑞榮", "常務理事"), ("曾耀寰", "理事"), ("王大明", "總幹事")])
def test_a_person_and_post_before_responsible(name: str, post: str) -> None:
    """第四次大會通告(由LOC共同主席許瑞榮常務理事負責): the person before the post is responsible."""
    text = f"某學會第25屆第8次理監事會議紀錄\n時間：2016年1月9日\n決議：\n一、第四次大會通告(由LOC共同主席{name}{post}負責)。\n"
    assert [a.assignees for a in run(text).action_items] == [[name]]


@pytest.mark.parametrize("verb", ["擔任召集人", "出席說明", "代表本會出席"])
def test_asked_to_take_a_post_or_attend_is_a_directive(verb: str) -> None:
    """請吳委員光庭擔任召集人: a post or an attendance asked for is a directive, where 請何委員說明
    asks someone to speak now."""
    text = f"某市都市計畫委員會第503次委員會議紀錄\n時間：92年1月2日\n決議：\n一、請吳委員光庭{verb}。\n二、請何委員說明。\n"
    assert [a.assignees for a in run(text).action_items] == [["吳光庭"]]


@pytest.mark.parametrize("quote", ["", "> ", "> > > "])
@pytest.mark.parametrize(("who", "asked"), [("彥廷", "彥廷"), ("茶會工人群", "茶會工人群"), ("總務組", "總務組")])
def test_by_whom_responsible(quote: str, who: str, asked: str) -> None:
    """排版由彥廷負責 under 決議： (in a markdown export's quotes): who stands between 由 and 負責 is
    responsible, a name or a group the extractors did not read."""
    text = (f"某某學會111年度第4次會議紀錄\n時間：2022年7月6日\n{quote}壹、討論事項\n{quote}案由：迎新刊物案。\n"
            f"{quote}決議：排版由{who}負責。\n")
    assert [a.assignees for a in run(text).action_items] == [[asked]]


@pytest.mark.parametrize(("unit", "officer"), [("管理中心", "總幹事"), ("總務處", "處長"), ("秘書室", "主任")])
def test_a_units_officer_called_to_speak_is_no_directive(unit: str, officer: str) -> None:
    text = f"某校家長會第13屆第18次常務委員會會議紀錄\n時間：103年5月1日\n決議：\n一、現在請{unit}{officer}報告。\n"
    assert run(text).action_items == []


@pytest.mark.parametrize("collective", ["各系所", "各學院", "各學系", "相關系所"])
def test_a_universitys_collectives_are_whole(collective: str) -> None:
    text = f"國立某某大學102學年度第1學期第5次行政會議紀錄\n時間：102年12月12日\n決議：\n一、請{collective}加強推動學生參加英語檢定。\n"
    m = run(text)
    assert [a.assignees for a in m.action_items] == [[collective]]
    assert collective in {d.name for d in m.divisions}
