"""Classes of text from batches a-m, each generated in variants: a title's body left out of its
會議名稱 field (and a form's empty brackets), a school's units in a committee's roster, the floor
given in the meeting (請何委員說明) against work asked (請秘書處於下次會議說明), bare roles asked
(請教師…), chains of unit nouns in a collective (各學院系所), a unit before its head with a full name
(技職所曾淑惠所長), co-chairs, procedural asks (請宣讀…, 請大家確認…, 主席裁定：請照辦), a list in
the top level's own numbering inside a section, 元月 as January, and a case's title that asks the
meeting (第一案：請研議「…案」). The truth is written beside each generator, never read from the
pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import PEOPLE, grounded, run

# ---------------------------------------------------------------------------------------------
# 1. A title's body left out of its 會議名稱 field is the title line's; a form's blank () is no part

SCHOOLS = ["鳳山國中", "大同國小", "中正高中", "明德國中", "光復國小"]
COMMITTEES = ["課程發展委員會", "教師評審委員會", "學生事務委員會"]


def school_form(school: str, committee: str, session: int, *, blank: bool, roster: str = "教務主任、訓導主任") -> str:
    """A school's form: a full title, then numbered fields whose 會議名稱 leaves the school out."""
    gap = "()" if blank else ""
    return (f"100學年度{gap}{school}第{session}次{committee}會議\n"
            f"一、會議名稱:100學年度{gap}第{session}次{committee}會議\n二、會議時間:101.04.18 中午1230\n"
            f"三、會議地點:圖書館\n四、召集人:方校長明銀\n五、行政代表:方校長明銀、{roster}\n"
            "六、討論事項\n案由:本學期課程計畫案。\n決議:照案通過。\n")


@pytest.mark.parametrize(("school", "committee", "blank"), list(itertools.product(SCHOOLS, COMMITTEES, [False, True])))
def test_a_titles_body_left_out_of_its_name_field(school: str, committee: str, blank: bool) -> None:
    session = 2 + SCHOOLS.index(school)
    m = run(school_form(school, committee, session, blank=blank))
    grounded(m)
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (school, f"{committee}會議", session)


# ---------------------------------------------------------------------------------------------
# 2. The body's name (a school's) decides its kind before the meeting's name (a committee's):
# the roster's 組 are the school's units

GROUPS = ["教學組", "設備組", "註冊組", "訓育組", "生活輔導組", "資訊組"]


@pytest.mark.parametrize("pair", list(itertools.combinations(GROUPS, 2)))
def test_a_schools_groups_in_a_committees_roster(pair: tuple[str, str]) -> None:
    k = GROUPS.index(pair[0]) + GROUPS.index(pair[1])
    roster = "、".join(["教務主任", "訓導主任", "輔導主任", *pair])
    m = run(school_form(SCHOOLS[k % len(SCHOOLS)], COMMITTEES[k % len(COMMITTEES)], 2, blank=False, roster=roster))
    grounded(m)
    assert {d.name for d in m.divisions} >= set(pair)


# ---------------------------------------------------------------------------------------------
# 3. The floor given in the meeting is no action item; work asked (for later, in writing, after
# gathering) stays one

def discussed(sentence: str) -> str:
    return f"一、會議時間：113年1月2日\n二、主席：王大明\n三、討論事項\n{sentence}\n"


SPEAKERS = ["何委員", "李科長", "王組長", "陳主任", "楊老師"]
UNITS = ["秘書處", "業務單位", "工務局", "資訊處"]
SPEAK = ["說明", "報告", "補充說明", "表達", "分享"]
FLOOR = ["請{a}{v}{s}。", "我是不是請{a}簡單跟大家{v}{s}，這個區塊的情形。", "請{a}從實務的角度{v}{s}。"]


@pytest.mark.parametrize(("addressee", "verb"), list(itertools.product([*SPEAKERS, *UNITS[:3]], SPEAK)))
def test_the_floor_given_is_no_action_item(addressee: str, verb: str) -> None:
    k = SPEAK.index(verb) + len(addressee)
    sentence = FLOOR[k % len(FLOOR)].format(a=addressee, v=verb, s="一下" if k % 2 else "")
    assert run(discussed(sentence)).action_items == []


@pytest.mark.parametrize("sentence", [*(f"請{a}。" for a in SPEAKERS[1:]), "請他們表達一下。", "請他說明一下。"])
def test_a_speaker_called_is_no_action_item(sentence: str) -> None:
    assert run(discussed(sentence)).action_items == []


WORK = ["於下次會議說明", "於會後補充說明", "彙整後報告", "將辦理情形書面說明", "擬綜合回應"]


@pytest.mark.parametrize(("unit", "work"), list(itertools.product([*UNITS, "資安署"], WORK)))
def test_work_asked_is_an_action_item(unit: str, work: str) -> None:
    lead = "還是先" if (len(unit) + WORK.index(work)) % 2 else ""
    m = run(discussed(f"{lead}請{unit}{work}。"))
    grounded(m)
    assert [(a.text, a.assignees) for a in m.action_items] == [(f"{lead}請{unit}{work}", [unit])]


# ---------------------------------------------------------------------------------------------
# 4. A bare role asked is the assignee; 學生會 is no 學生, and 請教 asks no one

ROLES = ["教師", "老師", "導師", "家長", "學生", "同學", "廠商", "業者", "志工"]
ROLE_WORK = ["自行下載相關表件", "協助宣導", "於下週前繳交資料"]


@pytest.mark.parametrize(("role", "work"), list(itertools.product(ROLES, ROLE_WORK)))
def test_a_bare_role_asked(role: str, work: str) -> None:
    m = run(discussed(f"請{role}{work}。"))
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[role]]


@pytest.mark.parametrize("work", ROLE_WORK)
def test_the_student_association_is_no_student(work: str) -> None:
    m = run(discussed(f"請學生會{work}。"))
    assert all("學生" not in a.assignees for a in m.action_items)


@pytest.mark.parametrize("sentence", ["我想請教一下。", "想請教一下主席。", "我想請教一下業務單位，這個數字怎麼來的。"])
def test_to_ask_a_question_is_no_action_item(sentence: str) -> None:
    assert run(discussed(sentence)).action_items == []


# ---------------------------------------------------------------------------------------------
# 5. A chain of unit nouns after 各 is one collective (a university's meeting)

UNIVERSITIES = ["國立臺灣海洋大學", "國立中興大學", "國立高雄大學"]
COLLECTIVES = ["各學院系所", "各處室", "各院", "各院系所", "各院系", "各系所", "各處室館"]
LEADS = ["亦請", "請", "並請"]
COLLECTIVE_WORK = ["加強推動教學創新", "於月底前提報預算", "規劃明年度招生事宜"]


def university_minutes(university: str, sentence: str) -> str:
    return (f"{university}102學年度第1學期第5次行政會議紀錄\n時間:102年12月4日(星期三)下午2時\n"
            f"地點:行政大樓第一會議室\n主席:張校長清風\n壹、報告事項\n一、{sentence}\n")


@pytest.mark.parametrize(("collective", "lead"), list(itertools.product(COLLECTIVES, LEADS)))
def test_a_chain_of_unit_nouns_in_a_collective(collective: str, lead: str) -> None:
    k = len(collective) + len(lead)
    m = run(university_minutes(UNIVERSITIES[k % 3], f"{lead}{collective}{COLLECTIVE_WORK[k % 3]}。"))
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[collective]]


# ---------------------------------------------------------------------------------------------
# 6. A unit before its head with a full name, 所 among them (a university's 教務會議 roster)

INSTITUTES = ["技職所", "資管所", "互動所", "光電所", "生醫所", "翻譯所", "華語所", "高分子所", "半導體所", "環教所"]


@pytest.mark.parametrize(("start", "given"), list(itertools.product(range(len(INSTITUTES)), [1, 2])))
def test_an_institute_before_its_head(start: int, given: int) -> None:
    units = [INSTITUTES[(start + j) % len(INSTITUTES)] for j in range(3)]
    names = [PEOPLE[(start + j) % len(PEOPLE)][:1 + given] for j in range(3)]
    roster = "、".join(["英文系楊韻華主任", *(f"{u}{n}所長" for u, n in zip(units, names, strict=True))])
    m = run(f"國立臺灣師範大學100學年度第1學期第1次教務會議紀錄\n時間:100年10月5日下午2時\n主席:張校長國恩\n"
            f"出席人員：{roster}\n壹、報告事項\n一、教務處工作報告。\n")
    grounded(m)
    assert {d.name for d in m.divisions} >= {"英文系", *units}


# ---------------------------------------------------------------------------------------------
# 7. Co-chairs in the chair field are joined

CHAIRS = [("瞿", "海源"), ("許", "宗力"), ("林", "子倫"), ("陳", "東升"), ("黃", "國昌"), ("蔡", "宜君")]
CHAIR_TITLES = ["副召集人", "共同召集人", "副主任委員", "召集人", "共同主持人"]


@pytest.mark.parametrize(("title", "count", "start"), list(itertools.product(CHAIR_TITLES, [2, 3], [0, 3])))
def test_co_chairs(title: str, count: int, start: int) -> None:
    chairs = CHAIRS[start:start + count]
    field = "、".join(f"{s}{title}{g}" for s, g in chairs)
    m = run(f"某某委員會第3次會議紀錄\n時間:98年3月2日上午10時\n地點:本會會議室\n主席:{field}\n記錄:王小明\n"
            "壹、報告事項\n一、工作報告。\n")
    assert m.meeting.chair == "、".join(s + g for s, g in chairs)


# ---------------------------------------------------------------------------------------------
# 8. Procedural asks (the clerk to read out, the meeting to confirm, the chair's ruling) ask no one

PROCEDURAL = ["請宣讀{o}會議紀錄結論。", "請宣讀{o}會議紀錄。", "請秘書宣讀{o}會議紀錄。", "請大家確認{o}會議紀錄。",
              "請大家確認{o}會議紀錄,是否有須補充意見或修改之處?"]
# the meeting addressed by another word than 大家
CONFIRMED_BY = "請{w}確認{{o}}會議紀錄,是否有須補充意見或修改之處?"
OTHER_WORDS = [(CONFIRMED_BY.format(w=w), o) for w, o in itertools.product(["各位委員", "與會委員"], ["上次", "第二次", "第3次"])]


@pytest.mark.parametrize(("template", "ordinal"), [*itertools.product(PROCEDURAL, ["上次", "第二次", "第3次"]), *OTHER_WORDS])
def test_a_procedural_ask_is_no_action_item(template: str, ordinal: str) -> None:
    assert run(discussed(template.format(o=ordinal))).action_items == []


@pytest.mark.parametrize(("ruling", "word"), list(itertools.product(["主席裁定", "主席裁示"], ["請照辦。", "照辦。"])))
def test_the_chairs_ruling_is_no_action_item(ruling: str, word: str) -> None:
    assert run(discussed(f"案由：本案提請討論。\n{ruling}：{word}")).action_items == []


# ---------------------------------------------------------------------------------------------
# 9. A list in the top level's own numbering inside a section runs on as its entries

NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"]


@pytest.mark.parametrize(("length", "label"), list(itertools.product(range(8, 14), ["審議案", "審議事項", "討論事項"])))
def test_a_list_in_the_top_levels_numbering(length: int, label: str) -> None:
    entries = "\n".join(f"  {NUMERALS[i]}、本案相關資料第{i + 1}項業經檢視完竣。" for i in range(length))
    m = run(f"某某市都市計畫委員會第5次會議紀錄\n一、時間：113年1月2日\n二、主席：王大明\n"
            f"六、{label}：(並當場確認會議紀錄)共二案。\n第一案：變更某某細部計畫案\n說明：\n{entries}\n"
            "決議：照案通過。\n七、臨時提案：共一案。\n第一案：某某道路拓寬案\n決議：同意。\n")
    grounded(m)
    assert [s.kind for s in m.sections] == ["discussion", "motions"]


# ---------------------------------------------------------------------------------------------
# 10. 元月 is January

YEARS = [("九十二", 2003), ("八十九", 2000), ("一○二", 2013), ("一百零五", 2016), ("92", 2003), ("105", 2016)]
DAYS = [("一", 1), ("十六", 16), ("二十", 20), ("三十一", 31)]


@pytest.mark.parametrize(("year", "day"), list(itertools.product(YEARS, DAYS)))
def test_the_first_month(year: tuple[str, int], day: tuple[str, int]) -> None:
    written = day[0] if not year[0].isdigit() else str(day[1])  # numerals with numerals, digits with digits
    m = run(f"某某委員會會議紀錄\n開會時間：{year[0]}年元月{written}日下午二時\n主席：王大明\n")
    assert m.meeting.date == f"{year[1]}-01-{day[1]:02d}"


# ---------------------------------------------------------------------------------------------
# 11. A case's title (第一案：請研議「…案」) asks the meeting, not a directive

PLANS = ["變更台南市中西區細部計畫(第三次通盤檢討)專案通盤檢討案", "擬定某某都市更新事業計畫案", "變更某某主要計畫(部分農業區為道路用地)案"]


@pytest.mark.parametrize(("case", "verb", "section"), list(itertools.product(
    ["第一案", "第二案", "第3案"], ["請研議", "請審議", "請再審議"], ["七、臨時提案", "六、審議案"])))
def test_a_cases_title_asks_the_meeting(case: str, verb: str, section: str) -> None:
    plan = PLANS[(len(case) + len(verb)) % len(PLANS)]
    m = run(f"某某市都市計畫委員會第5次會議紀錄\n一、時間：113年1月2日\n二、主席：王大明\n{section}\n"
            f"{case}：{verb}「{plan}」。\n決議：同意。\n")
    assert m.action_items == []


# ---------------------------------------------------------------------------------------------
# 12. A ruling with a deadline after the requests it rules on (a council's 主席裁定) gives them its
#     deadline, back to the ruling before it; the ruling is no item of its own

BUREAUS = ["交通局", "農業局", "工務局", "教育局", "財政局", "文化局"]
RULED = [("101年12月18日開會前", "2012-12-18"), ("101年12月19日前", "2012-12-19"), ("102年1月5日下班前", "2013-01-05")]


def council_rulings(first: str, asked: list[str], when: str) -> str:
    requests = "".join(f"　　（{'一二三四'[k]}）請{b}提供相關資料。\n" for k, b in enumerate(asked))
    return ("新北市議會第1屆第9次臨時會第1次會議摘要紀錄\n時　　間：中華民國101年12月14日16時34分\n地　　點：本會議事廳\n"
            "丁、主席裁定事項\n"
            f"　一、游議員輝廷要求：\n　　　請{first}提供預算說明資料。\n　　　主席裁定：請照辦。\n"
            f"　二、許議員正鴻要求：\n{requests}　　　主席裁定：請於{when}送會。\n散會：17時52分\n")


@pytest.mark.parametrize(("k", "ruled", "count"), list(itertools.product(range(len(BUREAUS)), RULED, [1, 2, 3])))
def test_a_ruling_gives_its_deadline_to_the_requests_before_it(k: int, ruled: tuple[str, str], count: int) -> None:
    first = BUREAUS[k]
    asked = [b for b in BUREAUS if b != first][k % 2:k % 2 + count]
    m = run(council_rulings(first, asked, ruled[0]))
    grounded(m)
    assert [(a.assignees, a.deadline) for a in m.action_items] == \
        [([first], None), *(([b], ruled[1]) for b in asked)]


# ---------------------------------------------------------------------------------------------
# 13. A unit named by a post (秘書組, 秘書處), written alone in a field or a list, is a unit

# (a page whose body is not told: its unit words are those most bodies share, 組 室 科; 處 is not one)
POST_UNITS = ["秘書組", "秘書科", "秘書室"]
PAGE_FIELDS = [("記錄", "{u}(總統府第一局)"), ("記錄", "{u}"), ("列席", "{u}、人事室"), ("列席單位", "主計室、{u}")]


@pytest.mark.parametrize(("unit", "field"), list(itertools.product(POST_UNITS, PAGE_FIELDS)))
def test_a_unit_named_by_a_post_in_a_field(unit: str, field: tuple[str, str]) -> None:
    label, value = field
    m = run(f"  • 時間:106年1月23日(星期一)上午10時\n  • 地點:總統府三樓渭水廳\n  • {label}:{value.format(u=unit)}\n"
            "  • 壹、報告事項\n洽悉。\n")
    grounded(m)
    assert unit in {d.name for d in m.divisions}


# ---------------------------------------------------------------------------------------------
# 14. A record with no title whose chair's first words name the meeting and its session

OPENERS = ["各位委員、工作人員,現在開始進行", "現在開始", "今天我們召開", "今日正式召開"]
NAMED_MEETINGS = [("第六次籌備委員會會議", "籌備委員會會議", 6), ("第3次工作小組會議", "工作小組會議", 3),
                  ("第十二次委員會議", "委員會議", 12)]


@pytest.mark.parametrize(("opener", "meeting"), list(itertools.product(OPENERS, NAMED_MEETINGS)))
def test_the_chairs_first_words_name_the_meeting(opener: str, meeting: tuple[str, str, int]) -> None:
    words, name, session = meeting
    m = run("  • 時間:中華民國八十八年六月四日(星期五)下午二時三十分\n  • 地點:最高法院會議室(四樓)\n"
            f"  • 主席:楊委員兼召集人仁壽\n  • 討論事項\n  • {opener}{words},請宣讀上次會議紀錄結論。\n")
    grounded(m)
    assert (m.meeting.name, m.meeting.session) == (name, session)


# ---------------------------------------------------------------------------------------------
# 15. What a rule requires (依規定…應) and what is being done now (目前由…執行) ask no one; the same
#     with a deadline asked of a unit does

RULE_STATEMENTS = ["依規定報名費應全額退費,退費金額共54,000元。", "依規定應予退費,退費金額共20,750元。"]
PRESENT_STATE = ["目前由{u}依法執行取締。", "現由{u}持續辦理中。", "現正由{u}規劃中。"]
RULE_UNITS = ["警察局", "工務局", "總務處", "教務處"]


@pytest.mark.parametrize(("template", "unit"), list(itertools.product([*RULE_STATEMENTS, *PRESENT_STATE], RULE_UNITS)))
def test_a_rule_or_the_present_state_asks_no_one(template: str, unit: str) -> None:
    assert run(discussed(template.format(u=unit))).action_items == []
    asked = run(discussed(f"請{unit}於12月20日前提報執行情形。")).action_items
    assert [a.assignees for a in asked] == [[unit]]
