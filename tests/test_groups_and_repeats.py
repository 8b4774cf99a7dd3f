"""Classes of text from batch q (stop 21), each generated in variants: who is away under a roster
group's title keeps it (理事：… / 請假：…); a roster title that lost its first glyphs (    事:) read as
the next title its glyph ends; a list entry ending in 和 (黃朝和); a post and a surname (張分所長)
taking the full name the document gives that person; the minutes' own title, with its body on the
line above, over a site's heading; a city's commission working in 組; a unit's name stopping at
the space after a name; a unit read once being the unit wherever it is written again; 洽請 asking.
The truth is written beside each generator, never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import grounded, run

ASSOCIATIONS = ["台灣區種豬產業協會", "中華民國雜草學會", "臺灣省養羊協會", "中華民國圖書館學會"]
DIRECTORS = ["汪志光", "楊杰", "陳鈞銘", "林陽山", "廖大福", "蔡適聰"]
AWAY = ["林煥欽", "林聖展", "王銘儀"]
SUPERVISORS = ["邱進田", "黃朝和", "蕭榮泉"]
AWAY2 = ["張耿彰", "柯昕佑"]


def board(association: str, away_label: str, indent: str) -> str:
    return (f"{association}第七屆第二次理監事聯席會議紀錄\n一、時間:2017年12月26日(星期二)下午五時整\n"
            "二、地點:本會會議室\n三、出席人員:(詳如簽到簿)\n"
            f"{indent}理事:{'、'.join(DIRECTORS)}。\n\n{indent}{away_label}:{'、'.join(AWAY)}。\n\n"
            f"{indent}監事:{'、'.join(SUPERVISORS)}\n\n{indent}{away_label}:{'、'.join(AWAY2)}\n\n"
            "四、主席:廖理事長大福           紀錄:劉桂柱\n五、主席致詞:略\n")


@pytest.mark.parametrize(("association", "away_label", "indent"),
                         list(itertools.product(ASSOCIATIONS, ["請假", "請假人員", "缺席"], ["", "  "])))
def test_who_is_away_under_a_group_keeps_its_title(association: str, away_label: str, indent: str) -> None:
    m = run(board(association, away_label, indent))
    got = {(p.name, p.title) for p in m.people}
    want = {*((n, "理事") for n in DIRECTORS + AWAY), *((n, "監事") for n in SUPERVISORS + AWAY2)}
    assert want <= got
    assert not {(n, t) for n, t in got if n in AWAY + AWAY2 and t is None}


def test_who_is_away_after_staff_has_no_title() -> None:
    # the control: 工作人員 is no title, so the names away after it take none
    text = ("台南市後甲國中教師會第十一屆第八次理事會\n一、時間:103年4月8日\n二、地點:教師會辦公室\n"
            "三、主持人:理事長郭麗琴。 紀錄:鄭雅芬。\n四、出列席人員:\n理事:郭麗琴、陳貞玟、范毅軍\n"
            "   監事:李靜媚、萬翠妹\n   工作人員:鄭雅芬、邱敏慧。\n   請假人員:蔡銀展\n五、主席致詞:略\n")
    assert ("蔡銀展", "監事") not in {(p.name, p.title) for p in run(text).people}


STANDING = ["周昌弘", "王順成", "蔣永正"]
LOST_A = ["王一雄", "許志聖", "蔣慕琰", "黃朋舉"]
LOST_B = ["周文德", "張興哲", "張賢懿"]


@pytest.mark.parametrize(("association", "pad", "colon"), list(itertools.product(ASSOCIATIONS, ["    ", " ", ""], [":", "："])))
def test_a_roster_title_that_lost_its_first_glyphs(association: str, pad: str, colon: str) -> None:
    text = (f"{association}第十二屆第三次理監事聯席會議紀錄\n一、開會時間:九十二年八月十一日下午十五時\n"
            "二、開會地點:本會會議室\n三、出席人員:\n\n理 事 長:侯福分\n\n"
            f"常務理事{colon}{'、'.join(STANDING)}\n\n{pad}事{colon}{'、'.join(LOST_A)}\n\n{pad}事{colon}{'、'.join(LOST_B)}\n\n"
            "四、缺席人員:無\n五、主席:侯理事長福分 記錄:周明和\n六、主席致詞:(從略)\n")
    m = run(text)
    got = {(p.name, p.title) for p in m.people}
    assert {*((n, "常務理事") for n in STANDING), *((n, "理事") for n in LOST_A), *((n, "監事") for n in LOST_B)} <= got
    assert not any(p.name.endswith("事") for p in m.people)


# three-character names whose last character is a conjunction or preposition elsewhere
PARTICLE_NAMES = ["黃朝和", "陳昆和", "鄧翔於", "吳文和", "李建和", "張順和"]


@pytest.mark.parametrize(("name", "k"), list(itertools.product(PARTICLE_NAMES, range(3))))
def test_a_list_entry_may_end_in_a_particle(name: str, k: int) -> None:
    others = ["邱進田", "蕭榮泉", "汪志光"]
    entries = [*others[:k], name, *others[k:]]
    m = run(board(ASSOCIATIONS[k], "請假", "").replace("、".join(SUPERVISORS), "、".join(entries)))
    assert (name, "監事") in {(p.name, p.title) for p in m.people}


# ---------------------------------------------------------------------------------------------
# A post and a surname (請張分所長…) name the one person the document names with both

POSTS = [("新竹分所", "分所長"), ("研究組", "組長"), ("秘書室", "主任"), ("企劃科", "科長")]
PEOPLE = [("張", "菊犁"), ("王", "治華"), ("陳", "佳萱"), ("黃", "英豪")]


@pytest.mark.parametrize(("post", "person"), list(itertools.product(POSTS, PEOPLE)))
def test_a_surname_and_post_take_the_full_name(post: tuple[str, str], person: tuple[str, str]) -> None:
    unit, title = post
    sur, given = person
    text = ("種畜禽研究團隊產業推動方案第二次會議紀錄\n壹、時間:2009年6月17日(星期三)上午10時\n貳、地點:視聽室\n"
            "參、主持人:林所長大同\n肆、報告事項:\n"
            f"一、種牛產業報告({unit}{sur}{given}{title})\n決定:\n1.請{sur}{title}召開相關檢討會。\n")
    m = run(text)
    grounded(m)
    asked = [a for a in m.action_items if "檢討會" in a.text]
    assert asked and asked[0].assignees == [sur + given]


def test_two_people_of_one_surname_and_post_stay_apart() -> None:
    text = ("某研究所第二次所務會議紀錄\n時間:2009年6月17日上午10時\n地點:視聽室\n主持人:林所長大同\n報告事項:\n"
            "一、研究組張菊犁組長報告。\n二、企劃組張大明組長報告。\n決定:請張組長召開檢討會。\n")
    asked = [a for a in run(text).action_items if "檢討會" in a.text]
    assert asked and asked[0].assignees != ["張菊犁"] and asked[0].assignees != ["張大明"]


# ---------------------------------------------------------------------------------------------
# A city's commission: its title under a site's heading, its 組 as units, a unit after a name
# and a space, the unit written again in a directive

COMMISSIONS = ["臺北市政府原住民事務委員會", "臺北市政府客家事務委員會", "新北市政府原住民族行政委員會", "桃園市政府客家事務委員會"]
GROUPS = [("綜合企劃組", "顏國昌"), ("教育文化組", "陳思穎"), ("經濟建設組", "李菊妹"), ("社會福利組", "易君強")]


def commission(name: str, k: int, sep: str) -> str:
    groups = GROUPS[k:] + GROUPS[:k]
    rows = sep.join(f"{g} {p}" for g, p in groups)
    asked = groups[0][0]
    return ("跳到主要內容區塊\n\n定期會議\n第八屆第2次委員會會議紀錄\n\n"
            f"{name}\n第8屆第2次委員會議紀錄\n\n時間:100年06月17日(星期五)上午10時00分整\n地點:本會會議室\n"
            "主席:楊馨怡主任委員 記錄:劉喬筠\n一、出席人員:\n林委員照玉 陳委員玉芝\n二、列席人員:\n"
            f"{rows}\n\n壹、主席致詞:略\n貳、報告事項:\n一、本會將於7月9日召開社團聯繫會報,請{asked}分送各社團權益手冊供參。\n")


@pytest.mark.parametrize(("name", "k", "sep"), list(itertools.product(COMMISSIONS, range(4), [" ", "\n"])))
def test_a_citys_commission_and_its_groups(name: str, k: int, sep: str) -> None:
    m = run(commission(name, k, sep))
    grounded(m)
    assert m.meeting.body == name
    assert m.meeting.session == 2
    assert {d.name for d in m.divisions} == {g for g, _ in GROUPS}
    asked = [a for a in m.action_items if "手冊" in a.text]
    assert asked and asked[0].assignees == [GROUPS[k][0]]


def test_a_review_committee_of_a_city_has_members_not_groups() -> None:
    # the control: a city's review committee (審議) is a committee of members
    m = run(commission("臺北市政府都市設計審議委員會", 0, " "))
    assert not {d.name for d in m.divisions} & {g for g, _ in GROUPS}


# ---------------------------------------------------------------------------------------------
# 洽請 asks, as 函請 and 轉請 do

@pytest.mark.parametrize(("party", "verb"), list(itertools.product(["各認證廠商", "各相關單位", "相關單位"], ["轉知", "辦理", "提供"])))
def test_qiaqing_asks(party: str, verb: str) -> None:
    text = ("九十五年台灣羊乳推廣委員會\n第五次會議會議紀錄\n壹、開會時間:95年12月15日(星期五)上午10時\n"
            "貳、開會地點:會議室\n參、主席:王主任委員大明\n肆、報告事項:\n"
            f"1. 確認產業服務費用專款專用原則,洽請{party}{verb}所屬契約戶配合辦理。\n")
    m = run(text)
    asked = [a for a in m.action_items if "洽請" in a.text or a.text.startswith(party)]
    assert asked and asked[0].assignees == [party]


# ---------------------------------------------------------------------------------------------
# 各單位, 各受檢單位: every unit of a body that works in units; 各機關 of a government or a ministry;
# never 各相關單位 or an association's 各單位

EACH = [("臺北市政府都市發展局", "各單位", True), ("臺北市政府", "各受檢單位", True), ("行政院", "各機關", True),
        ("臺北市政府都市發展局", "各相關單位", False), ("臺北市政府都市發展局", "各機關", False),
        ("中華民國天文學會", "各單位", False), ("嘉義市政府", "各方權責單位", False)]


@pytest.mark.parametrize(("body", "collective"), [(b, c) for b, c, _ in EACH])
def test_every_unit_of_a_body_that_works_in_units(body: str, collective: str) -> None:
    own = next(o for b, c, o in EACH if (b, c) == (body, collective))
    text = (f"{body}第334次會議紀錄\n時間:110年3月9日上午9時\n地點:會議室\n主席:王大明\n壹、報告事項\n"
            f"一、請{collective}加強防災整備,並於3月底前回報。\n")
    m = run(text)
    grounded(m)
    assert (collective in {d.name for d in m.divisions}) is own
