"""Classes of text added in stop 18, each generated in variants: the meetings of councils and
commissions of the Executive Yuan (their 處, 組 and 室 are units), a unit named by a noun and a
number (調查一組), a collective asked according to another body (請各組依委員會…), a header label
with a note in brackets (列席單位(人員):), 訴請 as no request, a title led by a unit word (議事組主任,
郭代組主任), a unit written after another body (農業部…管理中心), and a page with no title whose
roster writes each unit before its head (綜規處彭處長). The truth is written beside each generator,
never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import PEOPLE, grounded, run

# ---------------------------------------------------------------------------------------------
# 1. A council or commission of the Executive Yuan: its units are read, and asked

# (bodies.yaml `central` entries of kind council or independent, written as the minutes write them)
COMMISSIONS = ["不當黨產處理委員會", "促進轉型正義委員會", "國家發展委員會", "行政院大陸委員會", "金融監督管理委員会",
               "公平交易委員會", "國家通訊傳播委員會", "原住民族委員會", "客家委員會", "國家科學及技術委員會"]
NUMBERED = ["第一組", "第二組", "第三組", "第四組"]
NAMED = ["秘書室", "人事室", "主計室", "綜合規劃處", "法制處"]


def commission_minutes(body: str, asked: str, listed: list[str], session: int) -> str:
    return (f"{body}第{session}次委員會議紀錄\n壹、時間:107年7月4日(星期三)上午9時30分\n貳、地點:本會會議室\n"
            f"參、主席:黃主任委員大明 紀錄:{PEOPLE[session % len(PEOPLE)]}\n"
            f"肆、出席人員:張副主任委員小華、楊委員志明\n列席單位(人員):{'、'.join(listed)}\n"
            f"伍、報告事項\n報告事項一:本會工作推動情形報告。\n決定:\n一、洽悉。\n"
            f"二、請{asked}於7月10日前完成相關資料檢視。\n")


@pytest.mark.parametrize(("k", "asked"), list(itertools.product(range(len(COMMISSIONS)), [*NUMBERED, *NAMED])))
def test_a_commissions_units_are_read_and_asked(k: int, asked: str) -> None:
    body = COMMISSIONS[k].replace("会", "會")
    listed = [u for u in (*NUMBERED, *NAMED) if u != asked][k % 3::2]
    m = run(commission_minutes(COMMISSIONS[k], asked, listed, 3 + k))
    grounded(m)
    assert m.meeting.body is not None and m.meeting.body.replace("会", "會") == body
    assert {d.name for d in m.divisions} >= {*listed, asked}
    assert [a.assignees for a in m.action_items] == [[asked]]
    assert [s.kind for s in m.sections] == ["reports"]  # (the bracketed label is a header field)


@pytest.mark.parametrize(("noun", "number", "word"), list(itertools.product(
    ["調查", "業務", "行政", "企劃"], ["一", "二", "第三"], ["組", "科"])))
def test_a_noun_before_a_numbered_unit_names_it(noun: str, number: str, word: str) -> None:
    """調查一組, 業務二科: the noun and the number name one unit (一組 alone is a numbered unit)."""
    unit = f"{noun}{number}{word}"
    m = run(commission_minutes("不當黨產處理委員會", unit, ["秘書室"], 152))
    assert unit in {d.name for d in m.divisions}
    assert [a.assignees for a in m.action_items] == [[unit]]


@pytest.mark.parametrize(("collective", "source"), list(itertools.product(
    ["各組", "各處", "各室", "各組室"], ["委員會中所提意見", "委員會決議", "審議會意見", "委員所提意見"])))
def test_a_collective_asked_according_to_another_body(collective: str, source: str) -> None:
    """請各組依委員會中所提意見…: 各組 is asked; the committee is what it acts on."""
    text = commission_minutes("促進轉型正義委員會", "秘書室", ["第一組"], 3).replace(
        "請秘書室於7月10日前完成相關資料檢視", f"請{collective}依{source},就相關資料再予檢視")
    m = run(text)
    assert [a.assignees for a in m.action_items] == [[collective]]


# ---------------------------------------------------------------------------------------------
# 2. A header label with a note in brackets before its colon

@pytest.mark.parametrize(("label", "note", "marker"), list(itertools.product(
    ["列席單位", "出席人員", "列席人員", "出席者"], ["(人員)", "(單位)", "(依姓氏筆畫排序)", "（含代理人）"], ["伍、", "五、", ""])))
def test_a_label_with_a_note_in_brackets_is_a_header_field(label: str, note: str, marker: str) -> None:
    text = (f"某某委員會第12次委員會議紀錄\n{marker}時間:111年12月20日上午9時30分\n{marker}主席:林主任委員峯正\n"
            f"{marker}{label}{note}:本會調查一組、行政組\n{marker}紀錄:調查組王惟聖\n"
            "柒、報告事項:\n報告事項一、本會工作情形。\n決定:洽悉。\n")
    m = run(text)
    assert [s.kind for s in m.sections] == ["reports"]
    assert m.meeting.recorder == "王惟聖"


# ---------------------------------------------------------------------------------------------
# 3. 訴請 (to sue for) asks no one

@pytest.mark.parametrize(("party", "what"), list(itertools.product(
    ["欣裕台股份有限公司", "中央投資股份有限公司", "本會"], ["確認股東常會決議無效", "返還不當得利", "撤銷處分"])))
def test_to_sue_for_is_no_request(party: str, what: str) -> None:
    text = commission_minutes("不當黨產處理委員會", "調查一組", ["行政組"], 152) + (
        f"陸、討論事項:\n討論事項一、{party}申請訴請{what}上訴二審案之訴訟費用預算,提請討論。\n決議:同意所請。\n")
    m = run(text)
    assert [a.assignees for a in m.action_items] == [["調查一組"]]


# ---------------------------------------------------------------------------------------------
# 4. A title led by a unit word: after a unit's name it is the unit, then the post; after a
# modifier it is the post

@pytest.mark.parametrize(("unit", "k"), list(itertools.product(["議事組", "總務組", "人事室", "輔導室", "秘書室"], range(4))))
def test_a_units_name_then_its_head(unit: str, k: int) -> None:
    """議事組主任黃錦平: 議事組 is the unit, 主任 the post."""
    name = PEOPLE[k]
    text = (f"某某縣議會第1次定期會議事錄\n時間:103年5月1日\n主席:林議長大明\n列席:{unit}主任{name}\n"
            "壹、報告事項\n一、工作報告。\n")
    m = run(text)
    assert (name, "主任") in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize(("modifier", "k"), list(itertools.product(["代", "兼", "代理"], range(4))))
def test_a_modifier_then_a_unit_led_post(modifier: str, k: int) -> None:
    """郭代組主任子仙: 代組主任 is the post, and 郭代組 no unit."""
    surname, given = PEOPLE[k][0], PEOPLE[k][1:]
    text = roster_page(["科技辦公室張執行秘書振豪", f"{surname}{modifier}組主任{given}"])
    m = run(text)
    assert (PEOPLE[k], f"{modifier}組主任") in {(p.name, p.title) for p in m.people}
    assert not any(d.name.endswith(f"{modifier}組") for d in m.divisions)


# ---------------------------------------------------------------------------------------------
# 5. A page with no title: its roster writes each unit before its head; a unit written after
# another body is that body's

ABBREVIATED = ["綜規處", "生科處", "科國處", "人文處", "前瞻處", "產學處", "自然處"]
HEADS = [("彭", "麗春"), ("楊", "台鴻"), ("李", "旺龍"), ("黃", "俊儒"), ("蔡", "妙慈"), ("林", "德生"), ("賴", "明治")]


def roster_page(observers: list[str]) -> str:
    """A council's page that opens at its numbered header labels (no title)."""
    return ("壹、 時間:114年5月21日(星期三)下午2時整\n貳、 地點:本會1908會議室\n參、 主席:吳主任委員誠文 紀錄:鄧蓉\n"
            "肆、 出席人員\n廖委員俊智、劉委員鏡清(詹副主任委員方冠代)\n伍、 列席人員\n"
            + "、".join(["本會林副主任委員法正", *observers]) + "\n陸、 主席致詞\n本次會議討論年度計畫。\n")


@pytest.mark.parametrize(("start", "vice"), list(itertools.product(range(len(ABBREVIATED)), [False, True])))
def test_a_roster_unit_before_its_head(start: int, vice: bool) -> None:
    units = [ABBREVIATED[(start + j) % len(ABBREVIATED)] for j in range(4)]
    entries = [f"{u}{HEADS[(start + j) % len(HEADS)][0]}{'副' if vice and j % 2 else ''}處長"
               f"{HEADS[(start + j) % len(HEADS)][1]}" for j, u in enumerate(units)]
    m = run(roster_page(entries))
    grounded(m)
    assert {d.name for d in m.divisions} >= set(units)


@pytest.mark.parametrize(("body", "unit"), list(itertools.product(
    ["農業部", "經濟部", "交通部", "文化部"], ["農業科技園區管理中心", "產業發展中心", "資訊中心"])))
def test_a_unit_after_another_body_is_that_bodys(body: str, unit: str) -> None:
    m = run(roster_page(["綜規處彭處長麗春", f"{body}{unit}謝主任勝信"]))
    assert unit not in {d.name for d in m.divisions}
    assert "綜規處" in {d.name for d in m.divisions}


# ---------------------------------------------------------------------------------------------
# 6. A Yuan other than the Executive and Legislative: its 處, committees and task groups; a page
# with no body named: the units it names after its word for itself (本院…小組報告)

YUAN_UNITS = ["秘書處", "監察業務處", "內政及少數民族委員會", "國際事務小組", "預算規劃與執行小組", "綜合業務處"]


@pytest.mark.parametrize(("yuan", "k"), list(itertools.product(["監察院", "考試院", "司法院"], range(len(YUAN_UNITS)))))
def test_a_yuans_units(yuan: str, k: int) -> None:
    unit, other = YUAN_UNITS[k], YUAN_UNITS[(k + 2) % len(YUAN_UNITS)]
    m = run(f"{yuan}第三屆第十一次會議紀錄\n時間:八十八年十二月十四日上午九時\n主席:錢院長復\n"
            f"一、本院{unit}報告:年度工作計畫案。經本院會決定:准予備查。\n"
            f"二、本院{other}報告:巡察行程案。經本院會決定:准予備查。\n")
    grounded(m)
    assert {d.name for d in m.divisions} >= {unit, other}


@pytest.mark.parametrize(("self_word", "k", "verb"), list(itertools.product(
    ["本院", "本會"], range(len(YUAN_UNITS)), ["臨時報告", "報告", "提"])))
def test_a_unit_named_after_the_bodys_word_for_itself(self_word: str, k: int, verb: str) -> None:
    """A page with no title: 本院國際事務小組臨時報告 names a unit, found again where 照 stands before it."""
    unit = YUAN_UNITS[k]
    m = run(f"  • 日期:88-08-10\n  {self_word}{unit}{verb}:考察北歐五國監察工作報告(如附件一)。"
            f"經院會決定:照{unit}第六次會議決議辦理。\n")
    assert {d.name for d in m.divisions} == {unit}


# ---------------------------------------------------------------------------------------------
# 7. A title set on two lines: the body's name (a review board's), then a line of the session

BOARDS = ["臺南市都市更新及爭議處理審議會", "臺中市都市設計審議委員會", "高雄市都市計畫委員會", "新北市古蹟審議會",
          "桃園市土地徵收審議委員會"]


@pytest.mark.parametrize(("board", "year", "session"), list(itertools.product(
    BOARDS, ["110 年度", "113年度", ""], [("第二次會議紀錄", 2), ("第 15 次會議紀錄", 15), ("第一○三次會議記錄", 103)])))
def test_a_title_whose_session_is_on_the_next_line(board: str, year: str, session: tuple[str, int]) -> None:
    line, number = session
    m = run(f"{year}{board}\n{line}\n壹、會議時間：110 年 4 月 21 日（星期三）下午 14 時\n貳、會議地點：本府 10 樓會議室\n"
            "參、主持人：趙召集人卿惠 紀錄：陳心怡\n伍、審議案件：\n第一案：擬定某某都市更新事業計畫案\n決議：照案通過。\n")
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (board, "會議", number)
    assert m.meeting.title is not None and m.meeting.title.replace(" ", "").endswith(line.replace(" ", ""))
