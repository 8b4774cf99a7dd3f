"""Classes of text added in stop 17, each generated in variants: a header whose labels lost their first
glyph and whose date lost 年 and 月 (a document mirror's text of a PDF); a title fused with its unit
(地政局長林燕山) or after a doubled place character (布袋里里長); 碩士班 as no title; a county named
alone as the body; a university's standing committees, named groups and offices, and an abbreviated
college in a roster. The truth is written beside each generator, never read from the pipeline."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from test_flattened_and_units import PEOPLE, grounded, run

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.grammar.dates import lost_units_dates
from pipeline.models import SourceInfo

# ---------------------------------------------------------------------------------------------
# 1. Labels whose first glyph was lost: 間:101 5 30 日 … 點:… 席:… 錄:…

DAYS = [date(2012, 5, 30), date(2016, 6, 16), date(2012, 8, 3), date(2021, 11, 9), date(2019, 12, 25)]
PLACES = ["行政大樓九樓國際會議廳", "綜二館8樓會議室", "圖書館八樓第一會議室"]
CHAIRS = [("余政杰", "教務長"), ("戴念華", "教務長"), ("吳妍華", "校長")]


def lost_header(day: date, spaced: bool, place: str, chair: tuple[str, str], recorder: str,
                doubled: bool) -> str:
    """A university meeting's first lines as a mirror extracts them: 時 間, 地 點, 主 席, 記 錄
    with their first glyph lost, run into the title's line (or, `doubled`, each on its line, written
    whole and again: 主 席 席:)."""
    roc = day.year - 1911
    when = f"{roc} {day.month} {day.day} 日" if spaced else f"{roc}{day.month}{day.day}日"
    name, post = chair
    labels = ("時 間 間", "地 點 點", "主 席 席", "記 錄 錄") if doubled else ("間", "點", "席", "錄")
    sep = "\n" if doubled else " "
    return sep.join([f"國立某某大學{roc - 1}學年度第5次教務會議紀錄", f"{labels[0]}:{when}(星期三)上午 10 10",
                     f"{labels[1]}:{place}", f"{labels[2]}:{name}{post}", f"{labels[3]}:{recorder}"]) + (
        "\n壹、報告事項\n一、本學期各項工作推動順利。\n")


def _unambiguous(day: date) -> bool:
    return lost_units_dates(f"{day.year - 1911}{day.month}{day.day}", frozenset()) == {day}


@pytest.mark.parametrize(("day", "spaced", "k", "doubled"), list(itertools.product(DAYS, [True, False], range(3),
                                                                                  [False, True])))
def test_a_header_whose_labels_lost_their_first_glyph(day: date, spaced: bool, k: int, doubled: bool) -> None:
    chair = CHAIRS[k]
    m = run(lost_header(day, spaced, PLACES[k], chair, PEOPLE[k], doubled))
    grounded(m)
    assert m.meeting.chair == chair[0]
    assert m.meeting.recorder == PEOPLE[k]
    assert m.meeting.location is not None and m.meeting.location.replace(" ", "") == PLACES[k]
    if not doubled and (spaced or _unambiguous(day)):
        assert m.meeting.date == day.isoformat()
        assert m.meeting.start_time == "10:10"
        assert day.isoformat() in {d.value for d in m.dates}
    # the chair keeps its post, and the lost label reads as the role it stood for
    assert {(p.name, p.title) for p in m.people} >= {(chair[0], chair[1]), (chair[0], "主席")}


@pytest.mark.parametrize("era", ["中華民國", "民國"])
def test_a_header_date_with_its_era_that_lost_its_units(era: str) -> None:
    """壹、時   間:中華民國95815日(星期二)上午1030: 95年8月15日 10:30."""
    m = run(f"彰化縣選舉委員會第238次委員會會議紀錄\n壹、時   間:{era}95815日(星期二)上午1030\n貳、地   點:本會會議室\n"
            "參、主席:楊主任委員仲\n肆、報告事項\n一、工作報告。\n")
    assert (m.meeting.date, m.meeting.start_time) == ("2006-08-15", "10:30")


@pytest.mark.parametrize("digits", ["105616", "1011225", "99101", "10183"])
def test_a_date_that_lost_its_units_is_read_only_one_way(digits: str) -> None:
    """105616 is 105年6月16日 only, 10183 101年8月3日; 99101 reads as 99年10月1日 and 99年1月01日."""
    want = {"105616": {date(2016, 6, 16)}, "1011225": {date(2012, 12, 25)}, "99101": {date(2010, 10, 1), date(2010, 1, 1)},
            "10183": {date(2012, 8, 3)}}
    assert lost_units_dates(digits, frozenset()) == want[digits]


@pytest.mark.parametrize("where", ["一、座位席:前三排保留給來賓。\n", "二、本案經討論後,由秘書室辦理。\n"])
def test_one_stray_glyph_and_colon_is_no_label(where: str) -> None:
    """One 席: in a body is a word before a colon, not a lost label: the header stays as written."""
    m = run("某某國民中學校務會議紀錄\n時間：113年10月15日\n主席：陳大同校長\n紀錄：王大明\n壹、報告事項\n" + where)
    assert m.meeting.chair == "陳大同" and m.meeting.recorder == "王大明"
    assert m.meeting.date == "2024-10-15"


# ---------------------------------------------------------------------------------------------
# 2. A title fused with its unit, or after a doubled place character

FUSED = [("地政局", "局長"), ("工務局", "局長"), ("社會局", "局長"), ("民政處", "處長"), ("財政處", "處長")]
VILLAGES = [("布袋里", "里長"), ("中正里", "里長"), ("大同村", "村長"), ("三鄰", "鄰長")]


@pytest.mark.parametrize(("k", "j"), list(itertools.product(range(len(FUSED)), range(len(VILLAGES)))))
def test_a_title_fused_with_its_unit_starts_a_name(k: int, j: int) -> None:
    unit, post = FUSED[k]
    place, head = VILLAGES[j]
    a, b = PEOPLE[k], PEOPLE[k + 5]
    text = ("臺南市議會工務委員會會議紀錄\n時間：113年7月29日\n主席：黃麗招召集人\n"
            f"一、本會邀請市府{unit[:-1]}{post}{a}、{place}{head}{b}等相關單位代表前往現場勘查。\n")
    m = run(text)
    assert {(p.name, p.title) for p in m.people} >= {(a, post), (b, head)}


@pytest.mark.parametrize("degree", ["碩士班", "博士班"])
def test_a_class_of_students_is_no_title(degree: str) -> None:
    m = run(f"某某大學教務會議紀錄\n時間：113年10月15日\n主席：陳大同校長\n一、{degree}甄試招生名額共計65名。\n")
    assert [p for p in m.people if p.title in ("碩士", "博士")] == []


# ---------------------------------------------------------------------------------------------
# 3. Units: a county named alone; a university's committees, groups, offices; abbreviated colleges

@pytest.mark.parametrize(("county", "units"), [("金門縣", ("工務處", "建設處")), ("臺東縣", ("警察局", "觀光處")),
                                             ("嘉義市", ("工務處", "交通處"))])
def test_a_county_named_alone_is_its_government(county: str, units: tuple[str, str]) -> None:
    """金門縣道路交通安全聯席會報: the county's 處 and 局 are the meeting's units."""
    m = run(f"{county}道路交通安全聯席會報113年第3季會議紀錄\n"
            f"辦理情形:本案由{units[0]}會同{units[1]}辦理完成。\n")
    assert {d.name for d in m.divisions} >= set(units)


UNIVERSITY_UNITS = ["通識教育委員會", "研究發展委員會", "策略發展辦公室", "頂尖計畫辦公室", "新校區推動小組"]
ABBREVIATED = ["人社學院", "生科學院", "光電學院"]


@pytest.mark.parametrize("offset", range(3))
def test_a_universitys_committees_offices_and_abbreviated_colleges_in_a_roster(offset: int) -> None:
    units = (UNIVERSITY_UNITS[offset:] + UNIVERSITY_UNITS[:offset])[:3] + ABBREVIATED[offset:offset + 1]
    posts = ["主委", "執行長", "召集人", "院長"]
    roster = "、".join(f"{u}{PEOPLE[k]}{posts[k]}" for k, u in enumerate(units))
    m = run(f"國立某某大學113學年度第1次行政會議紀錄\n時間：113年10月15日\n主席：陳大同校長\n出席：{roster}\n"
            "紀錄：王大明\n壹、報告事項\n一、本學期各項工作推動順利。\n")
    grounded(m)
    assert {d.name for d in m.divisions} >= set(units)


@pytest.mark.parametrize("room", ["辦公室", "校長辦公室"])
def test_an_office_alone_is_a_room(room: str) -> None:
    m = run("國立某某大學113學年度第1次行政會議紀錄\n時間：113年10月15日\n主席：陳大同校長\n"
            f"壹、報告事項\n一、會後請至{room}領取資料。\n")
    assert [d.name for d in m.divisions if d.name.endswith("辦公室") and len(d.name) <= 3] == []


# ---------------------------------------------------------------------------------------------
# 4. A proposal's 說明 standing alone on its line: its numbered points are what others wrote

POINTS = ["廠商應優先爭取提供指定之社會福利設施。", "請各單位配合辦理初審作業。", "實施者應依約於109年7月報核事業計畫。"]
STYLES = [("一、", "二、", "三、"), ("(一)", "(二)", "(三)"), ("1.", "2.", "3.")]


@pytest.mark.parametrize(("style", "unit"), list(itertools.product(range(3), ["工務局", "都市發展局"])))
def test_the_numbered_points_under_a_lone_explanation_label_ask_no_one(style: int, unit: str) -> None:
    """案由：…\n說明：\n一、廠商應…\n二、請各單位…\n決議：請工務局…: only the decision asks someone."""
    marks = STYLES[style]
    points = "".join(f"{mk}{p}\n" for mk, p in zip(marks, POINTS, strict=True))
    m = run("臺南市都市更新審議會110年度第2次會議紀錄\n時間：110年4月21日\n主席：趙卿惠\n"
            f"討論事項\n第一案：擬定某某都市更新事業計畫案\n說明：\n{points}"
            f"決議：請{unit}依委員意見修正後再提會審議。\n")
    grounded(m)
    assert [(a.assignees, a.text.startswith("請")) for a in m.action_items] == [([unit], True)]


@pytest.mark.parametrize("unit", ["工務局", "都市發展局"])
def test_a_sibling_after_an_inline_explanation_still_asks(unit: str) -> None:
    """（一）說明：本案…\n（二）請工務局…: an explanation written on its line ends with it."""
    m = run("某某市政府市政會議紀錄\n時間：113年4月7日\n主席：黃市長\n壹、報告事項\n"
            f"(一)說明：本案經各單位會勘後確認範圍。\n(二)請{unit}於5月底前完成改善。\n")
    assert [a.assignees for a in m.action_items] == [[unit]]


@pytest.mark.parametrize(("written", "units"), [("二、四科", ["二科", "四科"]), ("一、三組", ["一組", "三組"]),
                                                ("第一、二組", ["第一組", "第二組"]), ("一、二、三課", ["一課", "二課", "三課"])])
def test_numbered_units_sharing_their_unit_word_are_each_asked(written: str, units: list[str]) -> None:
    """請二、四科本週內速交一科彙整: 二科 and 四科 are asked."""
    m = run("臺北市政府都市發展局第86次局務會議紀錄\n時間：113年4月7日\n主席：黃局長\n壹、主席指示\n"
            f"一、請{written}本週內速交彙整。\n")
    assert [a.assignees for a in m.action_items] == [units]


REQUESTS = ["請維持原使用分區。", "請將上述建物排除於本計畫案範圍。", "請針對本案特殊需求，放寬各項法令限制。"]


@pytest.mark.parametrize(("k", "unit"), list(itertools.product(range(3), ["都市發展局", "工務局"])))
def test_a_petition_tables_cells_ask_no_one(k: int, unit: str) -> None:
    """陳情理由 … 1. … 2. …請… / 建議辦法 請… / 委員會決議: the petitioner's numbered points and requests
    are not the meeting's directives; the decision's are."""
    m = run("臺北市都市計畫委員會第600次委員會議紀錄\n時間：98年11月5日\n主席：郝市長\n討論事項\n"
            "編號 1 陳情人 王小明\n陳情理由 本案土地已辦理出租。\n"
            f"1. 查本案土地為國有土地。\n2. 次查分區管制之目的，{REQUESTS[k]}\n"
            f"建議辦法 {REQUESTS[(k + 1) % 3]}\n委員會決議 請{unit}依委員意見修正後再提會審議。\n")
    assert [a.assignees for a in m.action_items] == [[unit]]


MINISTRIES = [("內政部", "國土管理署", "國家住宅及都市更新中心"), ("文化部", "文化資產局", "國家表演藝術中心"),
              ("數位發展部", "數位產業署", "國家資通安全研究院")]


@pytest.mark.parametrize(("k", "dated"), list(itertools.product(range(3), [True, False])))
def test_a_ministrys_agencies_are_its_units_and_its_corporations_are_not(k: int, dated: bool) -> None:
    """內政部部務會報: 國土管理署 (parent 內政部) is a unit; 國家住宅及都市更新中心 (a 行政法人 it
    supervises) is an outside body. The date on a line of its own under the title is the meeting's."""
    ministry, agency, corporation = MINISTRIES[k]
    when = "中華民國114年11月27日\n" if dated else "時間：114年11月27日\n"
    m = run(f"{ministry}114年第45次部務會報\n{when}報告事項\n{agency}:業務推動情形報告。\n"
            f"決定:{corporation}所推動之計畫成效良好,請{agency}持續推動。\n")
    grounded(m)
    assert {d.name for d in m.divisions} == {agency}
    assert m.meeting.date == "2025-11-27"
    assert [a.assignees for a in m.action_items] == [[agency]]


CONCLUSIONS = ["針對市面上販售食材,請衛生局主動不定期稽核查處。", "針對有前科紀錄的不肖廠商,要嚴加控管。",
               "日後聯合稽查小組稽查時,可安排議員會同訪視製造廠商。", "請衛生局與上級單位開會時,要求提高罰則。"]


@pytest.mark.parametrize("n", [2, 3, 4])
def test_numbered_sentences_that_name_no_kind_are_no_sections(n: int) -> None:
    """建設委員會座談會 / 日期:… / 一、…。 二、…。: a page of conclusions has entries, not sections; a
    page whose numbered lines name kinds keeps them."""
    entries = "".join(f"{'一二三四'[k]}、{c}\n" for k, c in enumerate(CONCLUSIONS[:n]))
    m = run("建設委員會「探討本市食品衛生安全問題」座談會\n日期:2014/2/21\n"
            f"市議會建設委員會21日上午邀請衛生局出席座談。會中並做成以下結論:\n{entries}")
    assert m.sections == []
    sub = "".join(f"({'一二三四'[k]}){c}\n" for k, c in enumerate(CONCLUSIONS[:n]))
    kinds = run(f"某某委員會座談會紀錄\n日期:2014/2/21\n一、報告事項\n{sub}二、討論事項\n無。\n")
    assert [s.kind for s in kinds.sections] == ["reports", "discussion"]


@pytest.mark.parametrize(("council", "committee"), list(itertools.product(
    ["臺南市議會", "臺中市議會", "高雄市議會", "新北市議會"], ["工務委員會", "建設委員會", "教育委員會"])))
def test_a_committees_page_names_its_council_in_the_text(council: str, committee: str) -> None:
    """建設委員會「…」座談會 / 臺南市議會建設委員會21日上午…: the council is the body, the committee
    its unit (written again after 市議會)."""
    m = run(f"{committee}「探討本市食品衛生安全問題」座談會\n日期:2013/7/29\n"
            f"{council}{committee}29日上午邀請市府相關單位代表前往現場勘查。市議會{committee}召集人黃麗招議員表示,"
            "委員會於會中做成以下結論:\n一、為避免民怨,建請變更部分計畫道路。\n二、請重劃會提出變更計畫。\n")
    grounded(m)
    assert m.meeting.body == council
    assert {d.name for d in m.divisions} == {committee}


@pytest.mark.parametrize(("name", "note"), list(itertools.product(
    ["張懋中", "李大中", "王建中", "陳正中"], ["", "(由張翼副校長代理主持)", "(請假)"])))
def test_a_name_whose_last_character_starts_a_title_with_the_next(name: str, note: str) -> None:
    """張懋中校長: 中校 (a rank) is no title where 校長 ends the entry."""
    m = run(f"國立某某大學105學年度第9次行政會議紀錄\n主席:{name}校長{note}\n出席:陳信宏副校長\n紀錄:施珮瑜\n"
            "壹、主席報告\n一、歡迎。\n")
    assert (name, "校長") in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize("college", ["科技法律學院", "科學教育學院", "科技管理學院"])
def test_a_college_opening_with_a_unit_character_in_a_roster(college: str) -> None:
    """光電學院許根玉院長、科技法律學院劉尚志院長: 科 starts the noun 科技 here; it ends no unit."""
    m = run(f"國立某某大學105學年度第9次行政會議紀錄\n主席:陳大同校長\n出席:光電學院許根玉院長、{college}劉尚志院長、"
            "學生代表左帥同學(請假)\n紀錄:施珮瑜\n壹、主席報告\n一、歡迎。\n")
    assert {d.name for d in m.divisions} == {"光電學院", college}
    assert ("左帥", "學生代表") in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize("verb", ["設立", "籌設", "增設"])
def test_a_quoted_unit_to_be_founded(verb: str) -> None:
    m = run("國立某某大學105學年度第9次行政會議紀錄\n主席:陳大同校長\n壹、報告事項\n"
            f"一、本校擬依據創新條例{verb}「國立某某大學重點科技學院」,並研提計畫。\n")
    assert [d.name for d in m.divisions if d.name.endswith("學院")] == []


@pytest.mark.parametrize(("marker", "agency"), list(itertools.product(["1.", "1、", "(一)", "一、"], ["內政部", "交通部"])))
def test_a_numbered_entry_is_no_title(marker: str, agency: str) -> None:
    """A decision list with no title: 2. 請內政部確認辦理協作會議之場地 (以…會議中心優先)…: its words name a
    meeting place, not the meeting; every entry's directive is read."""
    second = marker.replace("1", "2").replace("一", "二")
    m = run(f"  {marker} 下次會議定於110年12月8日上午10:00,並由{agency}繕發開會通知。\n"
            f"  {second} 請{agency}確認辦理協作會議之場地 (以台中烏日集思會議中心優先)、日期,於下次會議前回報。\n")
    assert m.meeting.title is None
    assert [a.assignees for a in m.action_items] == [[agency], [agency]]


@pytest.mark.parametrize(("verb", "unit"), list(itertools.product(["開會時", "協調", "溝通後", "研商"], ["衛生局", "工務局"])))
def test_the_counterpart_of_a_meeting_is_not_asked(verb: str, unit: str) -> None:
    """請衛生局與上級單位開會時…: 衛生局 is asked; 請工務局與交通局於月底前…: both are."""
    m = run("臺南市議會會議紀錄\n時間：113年1月1日\n結論:\n"
            f"一、請{unit}與台電公司{verb},要求儘速改善。\n二、請{unit}與交通局於月底前完成改善。\n")
    assert [a.assignees for a in m.action_items] == [[unit], [unit, "交通局"]]


@pytest.mark.parametrize(("ap", "hhmm", "want"), [("中午", "1230", "12:30"), ("上午", "1010", "10:10"),
                                                  ("下午", "0230", "14:30")])
def test_a_header_time_that_lost_its_units(ap: str, hhmm: str, want: str) -> None:
    """會議時間:101.04.18()中午1230: 時 and 分 lost, the time is read from the four digits."""
    m = run(f"某某國中第2次課程發展委員會會議紀錄\n會議時間:101.04.18(){ap}{hhmm}\n會議地點:圖書館\n主席:方校長明銀\n"
            "一、報告事項\n無。\n")
    assert m.meeting.date == "2012-04-18" and m.meeting.start_time == want


@pytest.mark.parametrize("given", ["和均", "和平", "和雄"])
def test_a_given_name_opening_with_a_conjunction_closed_at_once(given: str) -> None:
    """紀委員和均: (a speaker's line): 和 follows titles as "and", but here opens the given name."""
    m = run(f"臺中市政府研究發展考核委員會114年第1次委員會議紀錄\n時間:114年3月24日\n主席:林鼎超\n紀委員{given}:\n"
            "建議市府加強推動。\n")
    assert (f"紀{given}", "委員") in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize(("numeral", "tail"), list(itertools.product(["肆", "四"], ["單位及委員", "單位與委員", "人員"])))
def test_a_numbered_roster_label_with_a_joined_title_stays_in_the_header(numeral: str, tail: str) -> None:
    """肆、出列席單位及委員：詳簽到簿: a header field, not a section."""
    marks = "壹貳參肆伍" if numeral == "肆" else "一二三四五"
    m = run("110年度臺南市都市更新及爭議處理審議會\n第二次會議紀錄\n"
            f"{marks[0]}、會議時間：110年4月21日下午14時\n{marks[1]}、會議地點：本府10樓會議室\n"
            f"{marks[2]}、主持人：趙召集人卿惠 紀錄：陳心怡\n{marks[3]}、出列席{tail}：詳簽到簿\n"
            f"{marks[4]}、審議案件：\n第一案：擬定某某都市更新事業計畫案\n決議：照案通過。\n")
    assert [s.kind for s in m.sections] == ["discussion"]


@pytest.mark.parametrize("company", ["台灣世曦工程顧問股份有限公司", "中興工程顧問股份有限公司", "亞新工程顧問股份有限公司"])
def test_a_company_whose_name_holds_a_post_word_is_asked(company: str) -> None:
    """請台灣世曦工程顧問股份有限公司提供…: 顧問 inside the name is no post."""
    m = run("內政部營建署第2次工作會議紀錄\n時間:106年2月13日\n主席:王署長\n結論:\n"
            f"一、請{company}提供辦理綠道路經驗。\n")
    assert [a.assignees for a in m.action_items] == [[company]]


SUMMARIES = [
    ("監察院第三屆第十一次會議", "監察院", 11, "上午九時", "09:00", "本院議事廳", "錢 院長復", "錢復"),
    ("「第二屆監察委員提名審荐小組」第十次會議", "監察委員提名審荐小組", 10, "下午三時", "15:00", "總統府", "李副總統元簇先生",
     "李元簇"),
    ("行政院第3875次會議", "行政院", 3875, "上午10時", "10:00", "行政院第一會議室", "卓院長榮泰", "卓榮泰"),
]


@pytest.mark.parametrize(("k", "chrome"), list(itertools.product(range(3), ["", "跳到主要內容區塊\n\n  "])))
def test_a_summary_that_opens_with_the_meeting(k: int, chrome: str) -> None:
    """監察院第三屆第十一次會議於…上午九時,在本院議事廳舉行,由錢 院長復親自主持: the meeting, its time,
    place and chair, read from a summary's opening sentence (after a page's menu)."""
    meeting, body, session, when, clock, place, chair, name = SUMMARIES[k]
    m = run(f"{chrome}{meeting}於本(八十八)年十二月十四日{when},在{place}舉行,由{chair}親自主持。會中報告事項十二案。\n"
            "一、報告本院十一月份收受人民書狀計一千案。經本院會決定:准予備查。\n")
    got = m.meeting
    assert (got.body, got.session, got.start_time, got.location, got.chair) == (body, session, clock, place, name)
    for key in ("start_time", "location", "chair"):
        s, e = got.spans[key]
        assert m.text[s:e].strip()


@pytest.mark.parametrize(("k", "post"), list(itertools.product(range(3), ["主任委員", "委員", "總幹事"])))
def test_a_bare_roster_name_takes_the_post_given_elsewhere(k: int, post: str) -> None:
    """出席人員:卓伯源、劉敏信… / 主席:卓主任委員伯源: one person, reported with the post only."""
    names = ["卓伯源", "劉敏信", "張豐富"]
    name = names[k]
    written = f"{name[0]}{post}{name[1:]}"
    m = run(f"彰化縣選舉委員會第233次委員會會議紀錄\n壹、時間:中華民國95年3月13日下午3時\n參、出席人員:{'、'.join(names)}\n"
            f"伍、主席:{written} 記錄:李文斌\n捌、報告事項\n一、總幹事工作報告。\n")
    assert (name, None) not in {(p.name, p.title) for p in m.people}
    assert (name, post) in {(p.name, p.title) for p in m.people}
    assert {(p.name, p.title) for p in m.people if p.name != name and p.name in names} == {
        (n, None) for n in names if n != name}


@pytest.mark.parametrize(("written", "want"), [("PM1:30", "13:30"), ("pm 2:00", "14:00"), ("下午1:30", "13:30"),
                                                ("AM9:30", "09:30"), ("14:30", "14:30")])
def test_a_twelve_hour_clock(written: str, want: str) -> None:
    m = run(f"高雄市新興國小105學年度第8次午餐供應委員會會議記錄\n時間:106.5.12(三){written}\n地點:校長室\n"
            "主席:張慶鴻校長\n一、工作報告。\n")
    assert m.meeting.start_time == want


@pytest.mark.parametrize(("lead", "suffix"), list(itertools.product(['Download "', 'download"'], ["會議記錄", "會議逐字稿"])))
def test_a_mirrors_link_words_before_a_title(lead: str, suffix: str) -> None:
    """Download "行政院衛生署藥害救濟審議委員會第四十三次會議記錄": the link words are no part of the body."""
    m = run(f"{lead}行政院衛生署藥害救濟審議委員會第四十三次{suffix}\"\n時間:99年1月7日下午2時30分\n主席:王主任委員\n"
            "一、報告事項\n洽悉。\n")
    assert (m.meeting.body, m.meeting.session) == ("行政院衛生署藥害救濟審議委員會", 43)


@pytest.mark.parametrize(("close", "unit"), list(itertools.product(["請參考。", "請卓參。", "請參照。"], ["總務處", "教務處"])))
def test_a_document_handed_for_reference_asks_no_one(close: str, unit: str) -> None:
    m = run("國立臺灣大學行政會議紀錄\n時間:88年4月13日\n主席:陳校長維昭\n"
            f"一、茲檢附統計表乙份(附件一),{close}\n二、請{unit}參考辦理。\n")
    assert [a.assignees for a in m.action_items] == [[unit]]


# ---------------------------------------------------------------------------------------------
# 5. Dates: a month's end with its year, a year in brackets, days sharing a month, a weekday
#    before a range's link

@pytest.mark.parametrize(("roc", "month"), list(itertools.product([99, 106, 114], [2, 6, 12])))
def test_a_month_end_with_its_year(roc: int, month: int) -> None:
    """至遲於106年6月底前: the month's last day of that year."""
    import calendar
    last = calendar.monthrange(roc + 1911, month)[1]
    m = run(f"某某大學行政會議紀錄\n時間:102年3月5日\n主席:楊校長泮池\n一、請教務處至遲於{roc}年{month}月底前報部。\n")
    want = date(roc + 1911, month, last).isoformat()
    assert want in {d.value for d in m.dates}
    assert [a.deadline for a in m.action_items] == [want]


@pytest.mark.parametrize(("word", "year", "written"), [("去", 1996, "八十五"), ("本", 1999, "八十八"), ("本", 2013, "一○二"),
                                                       ("今", 2024, "113")])
def test_a_year_in_brackets(word: str, year: int, written: str) -> None:
    m = run(f"某某大學行政會議紀錄\n時間:102年3月5日\n主席:楊校長泮池\n一、教育部{word}({written})年十一月十三日函。\n")
    assert date(year, 11, 13).isoformat() in {d.value for d in m.dates}


@pytest.mark.parametrize(("first", "more"), [(16, [17]), (3, [4, 5]), (20, [27])])
def test_days_listed_after_a_date_share_its_month(first: int, more: list[int]) -> None:
    days = "、".join(f"{d}日" for d in more)
    m = run(f"某某大學行政會議紀錄\n時間:102年3月5日\n主席:楊校長泮池\n一、博覽會訂於3月{first}日、{days}舉行。\n")
    assert {d.value for d in m.dates} >= {date(2013, 3, d).isoformat() for d in [first, *more]}


@pytest.mark.parametrize("weekday", ["(二)", "(星期二)", "星期二"])
def test_a_weekday_before_a_ranges_link(weekday: str) -> None:
    m = run(f"某某國小課程發展委員會會議紀錄\n時間:98年3月5日\n主席:王校長\n一、第十一週 98年4月21日{weekday}~98年4月22日(三)期中評量。\n")
    assert ("2009-04-21", "2009-04-22") in {(d.value, d.until) for d in m.dates}


@pytest.mark.parametrize("opening", ["1. 下次會議定於110年12月8日上午10:00,並由內政部繕發開會通知。\n",
                                     "案由二:有關課程綱要(草案),提請討論。\n一、同意草案,於104年8月上網公告。\n"])
def test_a_record_with_no_title_that_refers_to_its_meeting_is_kept(opening: str) -> None:
    """A decision list with no title, fields or sections is read (with a low confidence and its
    reason), not refused: it schedules the next meeting or puts a proposal to this one."""
    doc = Document(text=opening + "2. 請內政部確認辦理協作會議之場地。\n",
                   source=SourceInfo(path="t.txt", sha256="0", format="text"))
    m = analyse(doc, require_minutes=True)
    assert m.is_minutes and "a meeting named in the text" in m.minutes_evidence
