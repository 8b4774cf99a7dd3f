"""Classes of text from batch t (stop 22), each generated in variants: a numbered heading whose label
and content share the line (柒、結論: (一)…結果報告); an organisation's group in quotes in a title
(高雄國際航空站「航空噪音改善執行小組」第一次會議); a page's list entry above the title giving the
meeting's date (89.11.07第一次會議紀錄); a write-up that says when, by whom and where a meeting was
convened (七月九日晚間七點,…協會在…,召開…); a post after a group's name the lexicon does not know
(教練團副團長 謝秀葵); a school and its branch asked by a directive (請…國小…分校辦理); a place with a
link to its map; a markdown page's headings as its sections; an eight-digit Western date; two units
written with their last word once (民政、財政局, 請教務及學務處: not 請教); a person asked by surname and
post (請林局長暫兼) named as written; the close said after its hour (下午5時30分散會, 晚間九點,結束…).
The truth is written beside each
generator, never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import grounded, run

ORGS = ["臺中航空站", "高雄國際航空站", "臺北市政府環境保護局", "國立臺灣大學"]
GROUPS = ["航空噪音改善執行小組", "空氣品質改善工作小組", "校園安全督導小組"]


# ---------------------------------------------------------------------------------------------
# 1. A heading's label and its content on one line

CONTENTS = ["(一)、本站與三個村里協商住戶補助優先順序結果報告", "一、本處同仁業務報告均已完成,請各組依限辦理",
            "同意備查,並請各單位於下次會議前提出討論事項"]


@pytest.mark.parametrize(("label", "kind", "content"), [
    (label, kind, content) for (label, kind), content in itertools.product(
        [("結論", "other"), ("決議", "other"), ("報告事項", "reports"), ("臨時動議", "motions")], CONTENTS)])
def test_a_label_names_its_section_not_the_words_after_it(label: str, kind: str, content: str) -> None:
    text = ("臺中航空站第2次工作會議紀錄\n壹、時間:97年4月7日下午3時\n貳、地點:本站三樓會議室\n"
            "叁、主席:王主任幼琳 紀錄:林益興\n肆、主席報告:(略)\n伍、討論:(略)\n"
            f"陸、{label}: {content}\n二、其他事項依規定辦理。\n")
    m = run(text)
    assert [s.kind for s in m.sections] == ["chair_remarks", "discussion", kind]


@pytest.mark.parametrize("topic", ["討論101學年度新生寒暑假輔導課", "討論校內教師兼配課問題", "討論藝文領域是否納入寒暑假作業"])
def test_a_label_of_no_kind_leaves_the_kind_to_its_content(topic: str) -> None:
    # the control: 內容 names no kind, so the words after it still do
    text = ("某某國中課程發展委員會會議紀錄\n一、會議時間:101年4月18日中午12時30分\n二、會議地點:圖書館\n"
            f"三、召集人:方校長明銀\n四、內容:1.{topic},共有國、英、數、自、社等領域。\n")
    m = run(text)
    assert [s.kind for s in m.sections] == ["discussion"]


# ---------------------------------------------------------------------------------------------
# 2. An organisation's group in quotes, 3. the date of a page's list entry above the title

LISTED_DATES = [("89.11.07", "2000-11-07"), ("89年11月7日", "2000-11-07"), ("2000-11-07", "2000-11-07"),
                ("101.3.5", "2012-03-05")]


def listed_page(org: str, group: str, listed: str, session: str = "第一次") -> str:
    return (f"跳到主要內容\n公告資訊\n\n{listed}{session}會議紀錄\n\n下載次數: 1943\n"
            f"{org}「{group}」第一次會議會議記錄\n\n結論:\n(一) 防制經費分配比例,先由承辦單位擬定可行方案。\n"
            "(二) 本站補助工作計畫,俟額度訂定後再行擬訂。\n")


@pytest.mark.parametrize(("org", "group", "listed"), list(itertools.product(ORGS, GROUPS, LISTED_DATES)))
def test_an_organisations_group_in_quotes_and_its_listed_date(org: str, group: str, listed: tuple[str, str]) -> None:
    m = run(listed_page(org, group, listed[0]))
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (org, group + "會議", 1)
    assert m.meeting.date == listed[1]


@pytest.mark.parametrize("group", GROUPS)
def test_a_group_in_quotes_alone_is_the_body(group: str) -> None:
    # the control: with no organisation before the quotes, the group is the body that meets
    m = run(f"「{group}」第十次會議紀錄\n時間:92年02月18日\n決議:\n1.請承辦單位儘速辦理招標事宜。\n")
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (group, "會議", 10)


@pytest.mark.parametrize("listed", [x for x, _ in LISTED_DATES])
def test_a_listed_date_of_another_session_is_not_the_meetings(listed: str) -> None:
    m = run(listed_page("臺中航空站", GROUPS[0], listed, session="第二次"))
    assert m.meeting.date is None


# ---------------------------------------------------------------------------------------------
# 4. A write-up that says when, by whom and where the meeting was convened

WHENS = [("七月九日晚間七點", 7, 9, "19:00"), ("3月15日下午2時", 3, 15, "14:00"), ("十一月二日上午十時三十分", 11, 2, "10:30")]
ASSOCIATIONS = ["高雄市中華生物能醫學氣功協會", "臺南市登山協會", "新竹縣客家文化協會"]
PLACES = ["高雄市南港社區發展協會忠孝教室", "本會二樓會議室", "新竹縣竹北市公所禮堂"]


@pytest.mark.parametrize(("year", "when", "association", "place"), list(itertools.product(
    [95, 102, 110], WHENS, ASSOCIATIONS, PLACES)))
def test_a_write_up_names_when_who_and_where(year: int, when: tuple[str, int, int, str], association: str,
                                              place: str) -> None:
    words, month, day, clock = when
    text = (f"{year}年運動小聯盟第一次活動成果檢討暨第二次籌備會\n總幹事 魏宗川\n理事長 謝黃錦美\n"
            f"{words},{association}在{place},召開{year}年運動小聯盟第二次籌備會,計有理事長、本會幹部等四十幾人出席參與。\n"
            "會中檢討與決議如下:\n一、請攝影組將團體照洗大張並製作光碟。\n二、小聯盟第二次活動預定在衛武營舉辦。\n")
    m = run(text)
    assert m.meeting.date == f"{year + 1911}-{month:02d}-{day:02d}"
    assert (m.meeting.start_time, m.meeting.location, m.meeting.body) == (clock, place, association)


@pytest.mark.parametrize(("association", "place"), list(itertools.product(ASSOCIATIONS, PLACES)))
def test_who_convened_then_when_and_where(association: str, place: str) -> None:
    text = (f"第3次理監事聯席會議紀錄\n{association}於112年3月5日上午10時在{place}召開第3次理監事聯席會議。\n"
            "決議:\n一、請秘書處於4月底前完成會員名冊。\n")
    m = run(text)
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location) == ("2023-03-05", "10:00", place)


@pytest.mark.parametrize("when", [w for w, *_ in WHENS])
def test_a_month_and_day_with_no_year_in_sight_is_no_meeting_date(when: str) -> None:
    # the control: the title names no year, so a month and a day give no meeting date
    text = (f"運動小聯盟第二次籌備會\n{when},臺南市登山協會在本會二樓會議室,召開運動小聯盟第二次籌備會。\n"
            "會中決議如下:\n一、請攝影組製作光碟。\n")
    m = run(text)
    assert m.meeting.date is None and m.meeting.location == "本會二樓會議室"


# ---------------------------------------------------------------------------------------------
# 5. A post after a group's name the lexicon does not know

POSTS = [("教練團", "副團長"), ("教聯會", "榮譽會長"), ("志工隊", "副隊長"), ("聯誼會", "總幹事")]
NAMES = ["謝秀葵", "吳萬成", "林志明", "黃淑芬"]


@pytest.mark.parametrize(("post", "name"), list(itertools.product(POSTS, NAMES)))
def test_a_post_after_an_unknown_groups_name(post: tuple[str, str], name: str) -> None:
    group, title = post
    # (a write-up's photo captions, each a post and a name, above its long lines)
    text = ("102年運動小聯盟第二次籌備會\n會場\n理事長 謝黃錦美\n"
            f"{group}{title} {name}\n攝影組組長 李秉坤\n推廣組副組長 王玉麟\n"
            "七月九日晚間七點,高雄市中華生物能醫學氣功協會在高雄市南港社區發展協會忠孝教室,召開運動小聯盟第二次籌備會,"
            "計有理事長、本會幹部、理監事、練功外場場長等四十幾人出席參與。\n"
            "會中檢討與決議如下:\n一、以後舉辦活動,若天氣炙熱應縮短時間,並請各場長提早通知學員注意防曬與補充水分。\n"
            "二、小聯盟第二次活動,預定在衛武營舉辦,請推廣組協助聯絡場地並準備相關器材與飲用水。\n")
    m = run(text)
    people = {(p.name, p.title) for p in m.people}
    assert (name, title) in people
    assert (name, "組長") not in people and not any(p.name == name and p.title != title for p in m.people)


# ---------------------------------------------------------------------------------------------
# 6. A school and its branch asked by a directive, 7. a place with a link to its map

SCHOOLS = [("金寧鄉", "賢庵國小", "垵湖分校"), ("金湖鎮", "正義國小", ""), ("南澳鄉", "金岳國民小學", "武塔分校"),
           ("竹北市", "博愛國中", "")]


@pytest.mark.parametrize(("school", "verb"), list(itertools.product(SCHOOLS, ["辦理設立專屬帳戶", "儘速依規定辦理公開招標"])))
def test_a_school_and_its_branch_asked(school: tuple[str, str, str], verb: str) -> None:
    name = "".join(school)
    m = run(f"金門航空站航空噪音改善執行小組第1次會議紀錄\n時間:92年02月18日\n決議:\n1.請{name}{verb}。\n")
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[name]]


@pytest.mark.parametrize(("place", "note"), list(itertools.product(
    ["社會創新實驗中心 2F A9 會議室", "本府會議室", "市政大樓十二樓西南區會議室"],
    ["（地圖：https://goo.gl/maps/X65uN9PFXAo）", "(map: https://maps.app.goo.gl/abc)", "（地圖連結）"])))
def test_a_place_without_its_map_link(place: str, note: str) -> None:
    m = run(f"某某市政府第3次工作會議紀錄\n時間：112年3月5日上午10時\n地點：{place}{note}\n主席：王大明\n壹、報告事項\n略。\n")
    assert m.meeting.location == place


# ---------------------------------------------------------------------------------------------
# 8. A markdown page's headings as its sections

TOPICS = [("報告事項", "reports"), ("提案討論", "discussion"), ("小聚籌備", "other"), ("Site change", "other"),
          ("臨時動議", "motions")]


def markdown_page(topics: list[tuple[str, str]], setext: bool) -> str:
    head = "---\ntags: meeting note\n---\n\n20231108 會議記錄\n=====\n\n- 出席：nonumpa, zoey, mrorz\n\n"
    parts = []
    for k, (topic, _) in enumerate(topics):
        heading = f"{topic}\n---" if setext else f"## {topic}"
        parts.append(f"{heading}\n\n- 第{k + 1}項說明：已完成測試\n    - 細項一\n    - 細項二\n- [ ] 下週再確認進度\n")
    return head + "\n".join(parts)


@pytest.mark.parametrize(("topics", "setext"), [
    (list(t), setext) for t, setext in itertools.product(itertools.permutations(TOPICS, 3), [False, True])])
def test_a_markdown_pages_headings_are_its_sections(topics: list[tuple[str, str]], setext: bool) -> None:
    m = run(markdown_page(topics, setext))
    assert [s.kind for s in m.sections] == [kind for _, kind in topics]


# ---------------------------------------------------------------------------------------------
# 9. A Western date written as eight digits

@pytest.mark.parametrize(("written", "iso"), [
    ("20231108", "2023-11-08"), ("20190529", "2019-05-29"), ("19991231", "1999-12-31"), ("20200229", "2020-02-29")])
@pytest.mark.parametrize("form", ["{d} 會議記錄\n=====\n", "# {d} 工作會議紀錄\n"])
def test_an_eight_digit_date_in_a_title(written: str, iso: str, form: str) -> None:
    m = run(form.format(d=written) + "\n- 出席：nonumpa, zoey\n\n## 報告事項\n\n- 本週進度已完成。\n")
    assert m.meeting.date == iso and iso in {d.value for d in m.dates}


@pytest.mark.parametrize("number", ["27208889", "20081234", "20230230", "1120231108", "2023110812", "2023.11.08.1"])
def test_eight_digits_that_are_no_date(number: str) -> None:
    # the control: a phone number, an impossible month or day, digits run on either side
    m = run(f"某某協會第3次理事會議紀錄\n時間：112年3月5日上午10時\n壹、報告事項\n一、本會電話及文號為{number}號,請查照。\n")
    assert {d.value for d in m.dates} == {"2023-03-05"}


# ---------------------------------------------------------------------------------------------
# 10. Two units written with their last word once

PAIRS = [("民政", "財政", "局"), ("工務", "交通", "局"), ("教育", "社會", "局"), ("教務", "學務", "處"),
         ("人事", "主計", "室"), ("總務", "輔導", "處")]


@pytest.mark.parametrize(("pair", "joiner", "ask"), list(itertools.product(
    PAIRS, ["、", "及", "與"], ["於月底前提報執行情形", "協助規劃相關事宜", "研議後續處理方式"])))
def test_two_units_with_one_last_word(pair: tuple[str, str, str], joiner: str, ask: str) -> None:
    first, second, word = pair
    text = (f"某某市政府第3次工作會議紀錄\n時間：112年3月5日上午10時\n地點：會議室\n主席：王大明\n壹、報告事項\n"
            f"一、請{first}{joiner}{second}{word}{ask}。\n")
    m = run(text)
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[first + word, second + word]]


@pytest.mark.parametrize(("title", "unit"), list(itertools.product(["秘書", "專員", "主任"], ["總務處", "人事室"])))
def test_a_post_before_a_unit_is_not_its_first_half(title: str, unit: str) -> None:
    # the control: 秘書及總務處 asks the secretary and a unit, not 秘書處
    m = run(f"某某國中校務會議紀錄\n時間：112年3月5日上午10時\n地點：會議室\n主席：王大明\n壹、報告事項\n一、請{title}及{unit}辦理。\n")
    assert all(title + unit[-1] not in a.assignees for a in m.action_items)


# ---------------------------------------------------------------------------------------------
# 11. A person asked by surname and post is named as written

@pytest.mark.parametrize(("surname", "post", "ask"), list(itertools.product(
    ["林", "王", "歐陽", "張簡"], ["局長", "組長", "秘書", "主任委員"], ["暫兼召集人,並請多費心", "儘速研議辦理"])))
def test_a_surname_and_post_asked(surname: str, post: str, ask: str) -> None:
    m = run(f"某某市政府第3次工作會議紀錄\n時間：112年3月5日上午10時\n地點：會議室\n主席：陳大明\n壹、報告事項\n"
            f"一、請{surname}{post}{ask}。\n")
    assert m.action_items[0].assignees == [surname + post]
    assert [a.type for a in m.action_items[0].assignee_details] == ["person"]


@pytest.mark.parametrize("person", ["黃妙英股長", "王大明組長", "歐陽志明秘書"])
def test_a_full_name_asked_is_the_name(person: str) -> None:
    # the control: a person named in full is asked by the name
    m = run(f"某某市政府第3次工作會議紀錄\n時間：112年3月5日上午10時\n地點：會議室\n主席：陳大明\n壹、報告事項\n"
            f"一、請{person}儘速研議辦理。\n")
    assert m.action_items[0].assignees == [{"黃妙英股長": "黃妙英", "王大明組長": "王大明", "歐陽志明秘書": "歐陽志明"}[person]]


# ---------------------------------------------------------------------------------------------
# 12. The close said after its hour

CLOSES = [("下午5時30分散會", "17:30"), ("五時三十分散會", "17:30"), ("晚間九點,結束本次會議", "21:00"),
          ("下午4時會議結束", "16:00"), ("十六時散會", "16:00"), ("散會(12時10分)", "12:10")]


@pytest.mark.parametrize(("close", "end"), CLOSES)
@pytest.mark.parametrize("start", ["下午2時", "14時"])
def test_the_close_after_its_hour(close: str, end: str, start: str) -> None:
    m = run(f"某某市政府第3次工作會議紀錄\n時間：112年3月5日{start}\n地點：會議室\n主席：王大明\n壹、報告事項\n"
            f"一、請工務局於月底前辦理。\n{close}\n")
    assert [s.kind for s in m.sections] == ["reports", "adjournment"] and m.meeting.end_time == end


@pytest.mark.parametrize("line", ["結束後請各組回報進度。", "下午5時結束後,請各組回報進度。", "散會後請各組留下。"])
def test_a_sentence_about_the_close_opens_no_section(line: str) -> None:
    # the control: what follows the close (結束後…) is a sentence of the section, not the close
    m = run(f"某某市政府第3次工作會議紀錄\n時間：112年3月5日下午2時\n地點：會議室\n主席：王大明\n壹、報告事項\n"
            f"一、請工務局於月底前辦理。\n{line}\n")
    assert [s.kind for s in m.sections] == ["reports"]
