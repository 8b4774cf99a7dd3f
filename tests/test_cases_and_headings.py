"""Classes of text from batches q and r (stop 21), each generated in variants: a date in brackets
inside a title (第20次(102年5月6日)行政會議紀錄); a known unit after a space on a flattened line
(陸、報告事項 教務處); the top markers in sequence around a known one on a flattened line (壹、宣布開會
貳、確定議程 參、確認上次會議紀錄); a case's number of year, meeting and item (列管案104-2-1案) that is
no date; 廿 and 卅 in a clock time; a heading that names directives with a bracketed alternative
(裁(指)示事項) and the tracking of them (…處理情形); 報告案 alone on a line heading a section but not
under a numbered heading. The truth is written beside each generator, never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import grounded, run

UNIVERSITIES = ["東吳大學", "淡江大學", "國立臺灣大學", "逢甲大學"]


# ---------------------------------------------------------------------------------------------
# 1. A date in brackets inside a title

@pytest.mark.parametrize(("university", "when", "meeting"), list(itertools.product(
    UNIVERSITIES, ["(102年5月6日)", "(102.5.6)", "（102年5月6日）", "(一○二年五月六日)"], ["行政會議", "校務會議", "教務會議"])))
def test_a_date_in_brackets_is_no_part_of_the_title(university: str, when: str, meeting: str) -> None:
    text = (f"{university}101學年度第20次{when}{meeting}紀錄\n時間︰102年5月6日(星期一)下午1時30分\n"
            "地點:會議室\n主席︰潘維大校長\n壹、主席報告\n略。\n")
    m = run(text)
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (university, meeting, 20)


# ---------------------------------------------------------------------------------------------
# 2. A flattened page: the known unit after a space, the markers in sequence around a known one

OPENINGS = [("宣布開會", "確定議程"), ("宣布開會", "主席宣布開會"), ("確認出席人數", "確定議程")]
UNITS = ["教務處", "學務處", "總務處", "秘書室", "人事室"]


def flattened(university: str, opening: tuple[str, str], unit: str) -> str:
    # (a mirror's page: the document's title on a line of its own, then its text run together)
    header = (f"{university}101學年度第20次(102年5月6日)行政會議紀錄- 2 -...\n\n35\n"
              f"- 1 - {university} 101 學年度第 20 次行政會議紀錄 時間︰102 年 5 月 6 日(星期一)下午 1 時 30 分 "
              "地點:外雙溪校區 G101 會議室 主席︰潘維大校長 出席︰趙維良副校長、張家銘教務長 記錄︰莊琬琳秘書 ")
    body = (f"壹、{opening[0]} 貳、{opening[1]} 參、確認上次會議紀錄:確認通過 肆、上次會議決議執行情形:照案施行 "
            f"伍、主席報告 陸、報告事項 {unit}: 一、今年暑假本校學生餐廳整修,請各學系儘早規劃因應方案。 "
            "人文社會學院: 一、師資培育中心上星期招生,全校共 140 位同學申請。\n")
    return header + body


@pytest.mark.parametrize(("university", "opening", "unit"), list(itertools.product(UNIVERSITIES, OPENINGS, UNITS)))
def test_a_flattened_pages_sections_in_sequence(university: str, opening: tuple[str, str], unit: str) -> None:
    m = run(flattened(university, opening, unit))
    grounded(m)
    assert [s.kind for s in m.sections] == ["other", "other", "previous_minutes", "tracking", "chair_remarks", "reports"]
    assert unit in {d.name for d in m.divisions}
    assert not [d for d in m.divisions if d.name.endswith(unit) and d.name != unit]


def test_a_flattened_header_field_is_no_section() -> None:
    # the control: numbered header fields on a flattened line stay fields
    text = ("臺北市某國民小學 105 學年度第 1 次校務會議紀錄 壹、時間:105 年 8 月 29 日 上午 9 時 貳、地點:會議室 "
            "參、主席:王校長大明 肆、主席報告 伍、報告事項 教務處: 一、新學期課表已公布,請各班導師轉知學生。"
            " 陸、臨時動議:無 柒、散會 " + "本校持續推動各項工作。" * 8 + "\n")
    m = run(text)
    assert m.meeting.location == "會議室"
    assert [s.kind for s in m.sections][:2] == ["chair_remarks", "reports"]


# ---------------------------------------------------------------------------------------------
# 3. A case's number of year, meeting and item, with its status; never a date

CASES = [("104-2-1", "解除列管", "closed"), ("105-3-2", "繼續列管", "continued"), ("108-1-12", "同意解除列管", "closed"),
         ("99-4-3", "請衛生福利部提供研究成果。", "mentioned")]


@pytest.mark.parametrize(("case", "label"), list(itertools.product(CASES, ["列管案", "列管案號", "案號"])))
def test_a_dashed_case_number_is_a_case_not_a_date(case: tuple[str, str, str], label: str) -> None:
    number, words, status = case
    text = ("行政院身心障礙者權益推動小組第1屆第3次會議紀錄(104年11月30日)\n\n報告案:\n\n"
            "第一案:身心障礙者權益推動小組會議決議事項列管案辦理情形。\n\n決 定:\n\n"
            f"一、 {label}{number}案:{words}\n")
    m = run(text)
    # (a number is a case's only where its sentence speaks of 列管)
    tracked = "列管" in label + words
    assert [(c.id, c.status) for c in m.case_numbers] == ([(number, status)] if tracked else [])
    assert [d.value for d in m.dates] == ["2015-11-30"]


def test_a_count_of_cases_is_no_case() -> None:
    text = "某某推動小組第3次會議紀錄(104年11月30日)\n報告案:\n一、列管案100件,本次解除列管30件。\n"
    assert run(text).case_numbers == []


# ---------------------------------------------------------------------------------------------
# 4. 廿 and 卅 in a clock time

@pytest.mark.parametrize(("hour", "minute"), list(itertools.product(
    [("九", 9), ("十", 10), ("十一", 11)], [("卅", 30), ("廿", 20), ("廿五", 25), ("卅五", 35)])))
def test_twenty_and_thirty_in_one_character_tell_the_minutes(hour: tuple[str, int], minute: tuple[str, int]) -> None:
    text = (f"中華民國養羊協會\n第三屆第六次理監事聯席會會議紀錄\n壹、開會時間:九十二年十月廿一日(星期二)上午{hour[0]}時{minute[0]}分\n"
            "貳、開會地點:嘉義市勞工育樂中心\n參、主席:黃理事長英富\n肆、報告事項\n略。\n")
    m = run(text)
    assert (m.meeting.date, m.meeting.start_time) == ("2003-10-21", f"{hour[1]:02d}:{minute[1]:02d}")


# ---------------------------------------------------------------------------------------------
# 5. The directives relayed and their tracking, written with a bracketed alternative; 報告案 alone

RELAYED = ["轉達本週市政會議及局務會議(主管會報)裁(指)示事項:", "轉達市政會議裁示事項:", "局長轉達市政會議指示事項:"]
TRACKED = ["第 859 次處務會議裁(指)示事項處理情形:", "上次會議裁示事項處理情形:", "前次會議主席裁(指)示事項辦理情形:"]


@pytest.mark.parametrize(("relayed", "tracked"), list(itertools.product(RELAYED, TRACKED)))
def test_relayed_directives_and_their_tracking(relayed: str, tracked: str) -> None:
    text = ("臺北市都市更新處第860次處務會議紀錄\n時間:112 年 01 月 04 日(星期三)上午 9 時 00 分\n地點:本處 1701 會議室\n"
            f"主 席:陳建華處長\n出席人員:如簽到表\n\n壹、{relayed}\n一、 請各科室加強新聞輿情回應。\n\n"
            f"貳、{tracked}\n紀錄事項備查。\n\n參、各科室重點工作報告:(略)\n")
    assert [s.kind for s in run(text).sections] == ["chair_remarks", "tracking", "reports"]


@pytest.mark.parametrize("word", ["報告案", "報告案件", "討論案", "討論案件"])
def test_a_case_word_alone_heads_a_section(word: str) -> None:
    text = ("行政院某某推動小組第1屆第3次會議紀錄\n\n確認本小組第2次會議紀錄。\n\n決 定:洽悉。\n\n"
            f"{word}:\n\n第一案:推動情形。\n\n決 定:\n\n一、 請教育部提供相關資料。\n")
    kinds = [s.kind for s in run(text).sections]
    assert kinds == ["reports" if word.startswith("報告") else "discussion"]


@pytest.mark.parametrize("word", ["報告案件", "討論案件"])
def test_a_case_word_under_a_numbered_heading_is_part_of_it(word: str) -> None:
    text = ("臺南市都市更新及爭議處理審議會110年第2次會議紀錄\n一、時間:110年5月4日\n二、地點:會議室\n三、主席:王主任委員大明\n"
            "伍、審議案件：\n第一案：某某案。\n決議：修正後通過。\n陸、臨時動議：\n"
            f"{word}\n第一案：某某審議原則，擬上網公布。\n決定：洽悉。\n\n柒、散會(下午 17 時)\n")
    assert [s.kind for s in run(text).sections] == ["discussion", "motions", "adjournment"]


def test_a_frequent_word_and_a_verb_are_no_name() -> None:
    text = ("行政院某某推動小組第1屆第3次會議紀錄\n報告案:\n第一案:推動情形。\n決 定:\n"
            "一、請教育部會後整理並提供相關資料供委員參考。\n二、請黃委員耀榮出席。\n")
    got = {(p.name, p.title) for p in run(text).people}
    assert ("黃耀榮", "委員") in got
    assert not [n for n, _ in got if n.startswith("資料")]


# ---------------------------------------------------------------------------------------------
# 6. (batch s) A body and its agency across a wrapped line are one party; two Han names joined by
# a name's dot are two people, an indigenous name with its dot one

AGENCIES = [("行政院", "原住民族委員會"), ("行政院", "公共工程委員會"), ("經濟部", "水利署"), ("交通部", "公路總局")]


@pytest.mark.parametrize(("agency", "lead"), list(itertools.product(AGENCIES, ["", "並", "另"])))
def test_a_wrapped_line_between_a_body_and_its_agency(agency: tuple[str, str], lead: str) -> None:
    parent, child = agency
    text = ("立法委員孔文吉國會辦公室\n座談會會議記錄\n開會時間:94年9月6日(星期二) 上午10時\n開會地點:新竹縣五峰鄉公所\n"
            f"主持人:立法委員孔文吉 紀錄:蔡善神\n會議決議內容:\n一、地方道路災損嚴重,{lead}請{parent}\n{child}寬列預算,儘速修復環鄉道路。\n")
    m = run(text)
    grounded(m)
    asked = [a for a in m.action_items if "預算" in a.text]
    assert asked and asked[0].assignees == [parent + child]


DOTTED = [("王月美", "易祥麗"), ("陳素華", "林美玲"), ("張志明", "黃淑芬")]
INDIGENOUS = ["柯伊諾‧拉斌", "巴干‧巴萬", "瓦歷斯‧諾幹", "海樹兒‧犮剌拉菲"]


@pytest.mark.parametrize(("pair", "dot"), list(itertools.product(DOTTED, ["‧", "·", "・"])))
def test_two_han_names_joined_by_a_dot_are_two_people(pair: tuple[str, str], dot: str) -> None:
    text = ("中研社區協進會活動小組會議\n2010年9月1日(星期三)晚上八時\n在瞿宅\n"
            f"出席:曾千宮、章小霞、{pair[0]}{dot}{pair[1]}、黃菊英、廖寶琴\n\n經討論決議下列事項:\n一、 確定旅遊行程。\n")
    names = {p.name for p in run(text).people}
    assert {pair[0], pair[1]} <= names


@pytest.mark.parametrize("name", INDIGENOUS)
def test_an_indigenous_name_with_its_dot_stays_whole(name: str) -> None:
    text = ("臺北市政府原住民事務委員會\n第8屆第2次委員會議紀錄\n時間:100年06月17日(星期五)上午10時\n地點:本會會議室\n"
            f"主席:楊馨怡主任委員\n一、出席人員:林委員照玉、{name}委員、陳委員玉芝\n壹、主席致詞:略\n")
    assert name in {p.name for p in run(text).people}
