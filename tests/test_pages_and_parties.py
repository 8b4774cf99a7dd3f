"""Classes of text from batch n, each generated in variants: a page holding two meetings' minutes
(the second's numbered header fields are no sections), a school's year scope with the point of its
term on the body's line above a committee's title, letter-spaced names in a field (倪 明 宗 校長),
an association's president speaking at another body's meeting, 討論提案 as a heading, a proposal's
own label (提案一、建請…) asking the meeting, a title with a dash between body and meeting, the head
of every such unit (各村村長), the head of a group named by its task (王妤喬文宣組長), markup that
ends a web page's line (郭子仁<br>), members' posts cut to one character and 委 (財委張麗君), a
party no extractor knows between 請 and its task (請永大電梯執行…), and 由 after "after" finishing
the task asked. The truth is written beside each generator, never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import grounded, run

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import SourceInfo

SCHOOLS = ["苗栗縣栗林國小", "臺中市新成國民小學", "宜蘭縣大同國小", "屏東縣光華國中", "花蓮縣明義國小"]
CHAIRS = [("倪", "明宗"), ("林", "大明"), ("陳", "美玲"), ("黃", "志強"), ("張", "書華")]
POINTS = ["期初", "期末", "期中"]


def spaced(name: str) -> str:
    return " ".join(name)


# ---------------------------------------------------------------------------------------------
# 1. Two meetings on one page: after the first's 散會, the second's numbered header fields
# (一、時間:… 四、紀錄:…) are its header, not sections

def two_meetings(school: str, chair: str) -> str:
    one = (f"{school}105學年度第一學期期初\n校務會議紀錄\n一、時間:105年9月12日上午8:00\n二、地點:校長室\n"
           f"三、主席:{chair}校長\n四、出席人員:全體教職員工\n五、主席報告:感謝大家。\n六、提案討論:\n"
           "提案一:修訂校規案。\n決議:照案通過。\n七、散會\n")
    two = (f"{school}105學年度第一學期期末\n校務會議紀錄\n一、時間:106年1月11日下午1:30\n二、地點:辦公室\n"
           f"三、主席:{chair}校長\n四、紀錄:許佳豪\n五、出席人員:全體教職員工\n六、討論議題:交通安全\n"
           "七、臨時動議:無\n八、散會\n")
    return one + two


@pytest.mark.parametrize(("school", "chair"), list(itertools.product(SCHOOLS, CHAIRS)))
def test_the_second_meetings_header_fields_are_no_sections(school: str, chair: tuple[str, str]) -> None:
    m = run(two_meetings(school, "".join(chair)))
    grounded(m)
    assert [s.kind for s in m.sections] == ["chair_remarks", "discussion", "adjournment",
                                            "discussion", "motions", "adjournment"]


# ---------------------------------------------------------------------------------------------
# 2. A body's line with its year scope and the point of its term, above a committee's title:
# the school is the body, the committee's meeting the name

COMMITTEES = ["交通安全推行委員會", "課程發展委員會", "午餐供應委員會", "健康促進推行小組"]


@pytest.mark.parametrize(("school", "committee", "point"), list(itertools.product(SCHOOLS, COMMITTEES, POINTS)))
def test_a_schools_line_above_its_committees_title(school: str, committee: str, point: str) -> None:
    text = (f"{school}105學年度第一學期{point}\n{committee}會議紀錄\n一、時間:105年9月12日上午8:00\n"
            "二、地點:校長室\n三、主席:王大明校長\n四、討論事項:略\n五、散會\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.body, m.meeting.name) == (school, f"{committee}會議")


# ---------------------------------------------------------------------------------------------
# 3. A name set letter-spaced in a field (主 席: 倪 明 宗 校長, 紀 錄:許 佳 豪) is one name

@pytest.mark.parametrize(("chair", "recorder", "title"),
                         list(itertools.product(CHAIRS, CHAIRS[::-1], ["校長", "主任", "理事長"])))
def test_a_letter_spaced_name_in_a_field(chair: tuple[str, str], recorder: tuple[str, str], title: str) -> None:
    if chair == recorder:
        return
    c, r = "".join(chair), "".join(recorder)
    text = (f"{SCHOOLS[0]}校務會議紀錄\n一、時 間:105年9月12日上午8:00\n二、地 點: 校長室\n"
            f"三、主 席: {spaced(c)} {title}\n紀 錄:{spaced(r)}\n四、討論事項:略\n五、散會\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.chair, m.meeting.recorder) == (c, r)
    assert (c, title) in {(p.name, p.title) for p in m.people}


# ---------------------------------------------------------------------------------------------
# 4. Another association's president speaking (家長會會長致詞) is no chair's remarks; the chair's are

GUESTS = ["家長會會長致詞", "教師會會長致詞", "校友會會長致詞", "家長會會長講話"]


@pytest.mark.parametrize(("guest", "school"), list(itertools.product(GUESTS, SCHOOLS)))
def test_another_associations_president_speaking(guest: str, school: str) -> None:
    text = (f"{school}105學年度第一次校務會議紀錄\n時間:105.08.26(五)10:30\n地點:科學館二樓\n主席:劉珀伶校長\n"
            f"一、主席報告\n今天完成編班。\n二、{guest}\n感謝老師。\n三、提案討論\n提案一:修訂辦法。\n決議:照案通過。\n四、散會\n")
    m = run(text)
    assert [s.kind for s in m.sections] == ["chair_remarks", "other", "discussion", "adjournment"]


# ---------------------------------------------------------------------------------------------
# 5. 討論提案 / 審議事項 as the heading of a body otherwise unnumbered; a proposal's own label
# (提案一、建請…) asks the meeting, its decision asks the one named there

BODIES = ["田尾公路花園休閒農業區", "竹山鎮觀光協會", "大溪老街發展協會", "鹿港文教基金會"]
HEADS = [("鄉長", "公所"), ("鎮長", "鎮公所"), ("區長", "區公所"), ("理事長", "協會")]
UNITS_ASKED = ["農觀課", "觀光課", "社會課", "民政課"]


def farm_meeting(body: str, heading: str, head: str, office: str, unit: str) -> str:
    return (f"{body}-輔導會議\n\n時       間:2022/8/10 早上10點\n地       點:公所會議室\n\n\n與會人員:\n"
            f"公所:林守政{head}、洪于閔科長\n協會:巫鴻澤理事長、王妤喬文宣組長\n\n\n{heading}:\n\n"
            f"提案一、建請{head}支持活動設置{head}獎。詳見計畫書。\n\n決議\n\n(一) 同意設置{head}獎。\n\n"
            f"提案二、建請{office}協助行銷活動,號召鄉民參加比賽。\n\n決議\n\n(一) 請{unit}將報名表發布在官網臉書。\n")


@pytest.mark.parametrize(("body", "heading", "k"),
                         list(itertools.product(BODIES, ["討論提案", "審議事項", "提案討論"], range(4))))
def test_a_proposals_label_asks_the_meeting(body: str, heading: str, k: int) -> None:
    head, office = HEADS[k]
    unit = UNITS_ASKED[k]
    m = run(farm_meeting(body, heading, head, office, unit))
    grounded(m)
    assert [s.kind for s in m.sections] == ["discussion"]
    assert [(a.assignees, a.text[:2]) for a in m.action_items] == [([unit], "請" + unit[0])]
    # the dash between the body and its meeting belongs to neither
    assert (m.meeting.body, m.meeting.name) == (body, "輔導會議")
    # 王妤喬文宣組長: the head of the group named by its task
    assert ("王妤喬", "文宣組長") in {(p.name, p.title) for p in m.people}


# ---------------------------------------------------------------------------------------------
# 6. The head of every such unit (各村村長, 各里里長, 本區區長) names nobody

EVERY = ["各村村長", "各里里長", "各區區長", "各處處長", "各科科長", "本里里長", "該區區長"]


@pytest.mark.parametrize(("every", "lead"), list(itertools.product(EVERY, ["鄉長會提醒", "請公所邀請", "將通知"])))
def test_the_head_of_every_unit_names_nobody(every: str, lead: str) -> None:
    text = ("某某協會第3次理監事會議紀錄\n時間:112年3月1日\n主席:張書華\n一、討論事項\n"
            f"決議:{lead}{every}、村幹事、社區理事長多宣導。\n二、散會\n")
    m = run(text)
    grounded(m)
    assert all(len(p.name) >= 2 for p in m.people)
    assert {p.name for p in m.people} == {"張書華"}


# ---------------------------------------------------------------------------------------------
# 7. The head of a group named by its task, after a name, in a roster and in running text

GROUP_HEADS = ["文宣組長", "活動組長", "總務股長", "美宣組長", "公關組長", "器材股長"]
NAMES = ["黃美玲", "林志明", "陳大文", "王妤喬", "許佳豪"]


@pytest.mark.parametrize(("name", "post"), list(itertools.product(NAMES, GROUP_HEADS)))
def test_the_head_of_a_group_named_by_its_task(name: str, post: str) -> None:
    roster = (f"某某協會第3次理監事會議紀錄\n時間:112年3月1日\n出席:張書華理事長、{name}{post}\n主席:張書華\n"
              f"一、報告事項:由{name}{post}說明活動規劃。\n二、散會\n")
    m = run(roster)
    grounded(m)
    assert (name, post) in {(p.name, p.title) for p in m.people}
    assert not any(p.title == post[-2:] and p.name != name for p in m.people)


# ---------------------------------------------------------------------------------------------
# 8. A web page's or a markdown file's markup ending a field's line (郭子仁<br>, **主席**:) is no
# part of the value; members' posts cut to one character and 委 (財委張麗君) in a roster

TAGS = ["<br>", "<br/>", "<br />", "</p>", ""]
CUT_POSTS = ["財委", "監委", "環委", "安委", "設委", "機委"]


@pytest.mark.parametrize(("tag", "posts"), list(itertools.product(TAGS, itertools.combinations(CUT_POSTS, 2))))
def test_markup_ending_a_line_and_cut_member_posts(tag: str, posts: tuple[str, str]) -> None:
    a, b = posts
    text = (f'---\nlayout: page\ntitle:  "114年3月 第一次會議紀錄"\n---\n**時間**: 114/3/11 19:00~21:00{tag}\n'
            f"**地點**: 社區管理中心辦公室{tag}\n**主席**: 郭子仁{tag}\n**記錄**: 洪麗雪{tag}\n\n"
            f"**出席委員**: 主委郭子仁、{a}張麗君、{b}陳重維 (請假){tag}\n\n---\n## 壹、主席報告: \n略\n"
            "## 貳、議題討論\n### 議題1. 財報\n**決議**: 照案通過。\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.chair, m.meeting.recorder, m.meeting.location) == ("郭子仁", "洪麗雪", "社區管理中心辦公室")
    got = {(p.name, p.title) for p in m.people}
    assert {("張麗君", a), ("陳重維", b), ("郭子仁", "主委")} <= got


# ---------------------------------------------------------------------------------------------
# 9. A party no extractor knows between 請 and its task (a firm, an outside body's short name);
# never a function word (請依上述決議辦理, 請建議…). (Not read: a firm whose name ends with a verb,
# 晶璽保全, which reads as 估價師參酌, a verb before the task; or holds a character that is mostly a
# preposition, 大同水電.)

PARTIES = ["永大電梯", "保家", "茶改場", "崇友電梯", "綠明環保"]


def committee_decision(decision: str) -> str:
    """A condominium committee's minutes whose one discussion item decides `decision`."""
    return f"某某社區管理委員會第1次會議紀錄\n時間:114年3月11日\n主席:郭子仁\n一、討論事項\n決議:{decision}\n二、散會\n"
TASKS = ["執行許可證申報", "詳查並書面報告破洞之肇因", "將報名表發布在官網", "儘速修復大門"]


@pytest.mark.parametrize(("party", "task"), list(itertools.product(PARTIES, TASKS)))
def test_a_party_nobody_knows_asked(party: str, task: str) -> None:
    m = run(committee_decision(f"請{party}{task}。"))
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[party]]


@pytest.mark.parametrize("sentence", ["請依上述決議辦理。", "請建議將整建維護納入。", "請本於職權辦理。",
                                      "請酌予考量於各區增設設施。", "請儘速辦理。", "請各單位依規定辦理。"])
def test_no_party_read_from_function_words(sentence: str) -> None:
    m = run(committee_decision(sentence))
    for a in m.action_items:
        assert not any(x.startswith(("依", "建議", "本於", "酌予", "儘速")) for x in a.assignees)


# ---------------------------------------------------------------------------------------------
# 10. 由 after "after" finishes the task asked; 交由 hands on a task of its own

OFFICERS = ["總幹事", "秘書處", "總務組", "主委"]


@pytest.mark.parametrize(("first", "then"), [(f, t) for f in OFFICERS for t in ["委員", "主委", "監委"]])
def test_by_whom_after_finishes_the_task(first: str, then: str) -> None:
    m = run(committee_decision(f"請{first}更正財報後，由{then}重新簽名公告。"))
    assert [a.assignees for a in m.action_items] == [[first]]


# ---------------------------------------------------------------------------------------------
# 11. A keyword heading with its colon and a short value on its line opens its section
# (臨時動議：無, 主席致詞：王大明 校長, 業務報告：詳見會議手冊), numbered or not around it

OPENINGS = [("主席致詞", "chair_remarks"), ("主席報告", "chair_remarks")]
REPORTS = ["業務報告", "工作報告", "報告事項"]
VALUES = ["{chair} 校長", "詳見會議手冊", "略", "如附件"]


@pytest.mark.parametrize(("opening", "report", "value"), list(itertools.product(OPENINGS, REPORTS, VALUES)))
def test_a_keyword_heading_with_its_value(opening: tuple[str, str], report: str, value: str) -> None:
    label, kind = opening
    v = value.format(chair="王大明")
    text = (f"{SCHOOLS[1]}校務會議紀錄\n時間:112年3月1日\n地點:會議室\n主席:王大明校長\n{label}:{v}\n感謝大家參與。\n"
            f"{report}:{v}\n提案討論:\n提案一:修訂校規案。\n決議:照案通過。\n臨時動議:無\n散會:中午12時\n")
    m = run(text)
    grounded(m)
    assert [s.kind for s in m.sections] == [kind, "reports", "discussion", "motions", "adjournment"]


# ---------------------------------------------------------------------------------------------
# 12. A title and a name joined by a slash, in either order (科長/詹康琴, 王聞淨/科長), a unit
# before either, a note after the name; an acronym (PDIS) is no person; a markdown heading ends
# the roster

SLASH_PEOPLE = [("科長", "詹康琴"), ("技士", "林靖哲"), ("科員", "吳美玲"), ("專員", "陳嘉豪"), ("課長", "楊美珠"),
                ("助理研究員", "黃宣翰")]
AGENCIES = ["標檢局", "經濟部", "茶改場", "農委會"]


@pytest.mark.parametrize(("k", "order"), list(itertools.product(range(len(SLASH_PEOPLE) - 1), ["title", "name"])))
def test_a_title_and_a_name_joined_by_a_slash(k: int, order: str) -> None:
    (t1, n1), (t2, n2) = SLASH_PEOPLE[k], SLASH_PEOPLE[k + 1]
    pair = (lambda t, n: f"{t}/{n}") if order == "title" else (lambda t, n: f"{n}/{t}")
    agency = AGENCIES[k % len(AGENCIES)]
    text = ("# 2020-12-09 臺灣茶風味輪案 第一次工作會議\n\n### 日期：\n12/9（三）10:00-11:00\n\n### 出席：\n"
            f"*   PDIS 黃子維、賴致翔\n*   {agency} {pair(t1, n1)} {pair(t2, n2)}(PO)\n\n"
            "### 議題分析表中，農委會預計目標：\n*   綠茶－日本\n\n### 待辦事項：\n1.  請茶改場提供資料\n")
    m = run(text)
    grounded(m)
    got = {(p.name, p.title) for p in m.people}
    assert {(n1, t1), (n2, t2)} <= got
    assert "PDIS" not in {p.name for p in m.people}
    assert not any("議題" in p.name or "綠茶" in p.name for p in m.people)


# ---------------------------------------------------------------------------------------------
# 13. A date with its weekday before 前 sets the deadline (12/18（五）前); a list's number before a
# slash date (1.  12/18) is no part of it; 請<party>於<date>前 names the party

WEEKDAYS = ["（五）", "(五)", "(週五)", "（星期五）", ""]


@pytest.mark.parametrize(("wd", "form"), list(itertools.product(WEEKDAYS, ["lead", "inside"])))
def test_a_deadline_with_its_weekday(wd: str, form: str) -> None:
    task = f"12/18{wd}前請茶改場將提案上平台徵詢意見" if form == "lead" else f"請茶改場於12/18{wd}前提供資料"
    text = ("# 2020-12-09 臺灣茶風味輪案 第一次工作會議\n\n### 日期：\n12/9（三）10:00-11:00\n\n"
            f"### 待辦事項：\n1.  {task}\n")
    m = run(text)
    grounded(m)
    assert [(a.assignees, a.deadline) for a in m.action_items] == [(["茶改場"], "2020-12-18")]


# ---------------------------------------------------------------------------------------------
# 14. A school's committee named after the school in a title (the school holds it; a university's
# statutory committee stays a body of its own); ㄧ typed for 一; a short note in brackets after the
# session ((期初)) is no part of the name; a chair given only as a post (主席:校長) names nobody;
# each class and its teachers asked (各班, 各班導師); 會務報告 as a heading

SCHOOL_COMMITTEES = ["推動環保教育工作委員會", "環境保護小組", "課程發展委員會", "交通安全推行委員會"]


@pytest.mark.parametrize(("school", "committee", "one"),
                         list(itertools.product(SCHOOLS, SCHOOL_COMMITTEES, ["一", "ㄧ"])))
def test_a_schools_committee_in_its_title(school: str, committee: str, one: str) -> None:
    text = (f"{school}103學年度第2學期{committee}第{one}次會議紀錄\n一、時間:104年2月20日\n二、地點:會議室\n"
            "三、主席:校長\n四、紀錄:許慧蓁\n五、報告事項:略\n六、討論事項\n決議:請各班導師確認新打掃區域。\n"
            "七、臨時動議:請各班依照規定時間進行回收。\n八、散會\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.body, m.meeting.name, m.meeting.session) == (school, f"{committee}會議", 1)
    assert m.meeting.chair is None and "校長" not in {p.name for p in m.people}
    assert [a.assignees for a in m.action_items] == [["各班導師"], ["各班"]]
    assert not any(len(p.name) < 2 for p in m.people)


@pytest.mark.parametrize("committee", ["學生輔導委員會", "性別平等教育委員會", "課程委員會"])
def test_a_universitys_committee_stays_the_body(committee: str) -> None:
    m = run(f"國立臺灣大學{committee}第59次會議紀錄\n時間:104年2月20日\n地點:會議室\n主席:王大明\n一、報告事項:略\n二、散會\n")
    assert (m.meeting.body, m.meeting.session) == (f"國立臺灣大學{committee}", 59)


@pytest.mark.parametrize(("point", "school"), list(itertools.product(["(期初)", "(期末)", "（臨時）"], SCHOOLS)))
def test_a_note_after_the_session_is_no_part_of_the_name(point: str, school: str) -> None:
    text = (f"{school}\n九十九學年度第一次{point}環境保護小組例行會議會議紀錄\n一、開會日期:九十九年九月十五日(星期三)\n"
            "二、開會地點:英語教室\n三、主    席:黃召集人英軒\n四、會務報告:略\n五、散會\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.name, m.meeting.session) == ("環境保護小組例行會議", 1)
    assert [s.kind for s in m.sections] == ["reports", "adjournment"]


# ---------------------------------------------------------------------------------------------
# 15. An entry's last title is not blocked by the next line's words, which the compact view runs
# on (列席:學生家長會林桂國會長 / 會議議程); 通知 a party to act (通知保家主管協助…); no 由 frame
# in 理由, 自由, 經由

NEXT_LINES = ["會議議程", "會議開始", "會場佈置", "長官致詞"]
ASSOCIATIONS = [("學生家長會", "會長"), ("教師會", "理事長"), ("校友會", "會長"), ("志工隊", "隊長")]


@pytest.mark.parametrize(("nxt", "assoc", "name"),
                         list(itertools.product(NEXT_LINES, ASSOCIATIONS, ["林桂國", "陳美玲", "黃志強"])))
def test_an_entrys_last_title_before_the_next_line(nxt: str, assoc: tuple[str, str], name: str) -> None:
    org, post = assoc
    text = (f"{SCHOOLS[2]}105學年度第一次校務會議紀錄\n\n時間:105.08.26(五)10:30\n\n地點:科學館二樓\n\n主席:劉珀伶校長\n\n"
            f"出席:全體教職員\n\n列席:{org}{name}{post}\n\n{nxt}\n\n一、主席報告\n感謝大家。\n二、散會\n")
    m = run(text)
    grounded(m)
    assert (name, post) in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize(("party", "verb"), list(itertools.product(["保家主管", "物業經理", "茶改場"], ["協助", "辦理", "配合"])))
def test_a_party_told_to_act(party: str, verb: str) -> None:
    m = run(committee_decision(f"通知{party}{verb}管理費繳費之核對。"))
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[party]]


@pytest.mark.parametrize("word", ["理由", "自由", "經由", "緣由"])
def test_no_by_whom_frame_inside_a_word(word: str) -> None:
    text = ("某某社區管理委員會第1次會議紀錄\n時間:114年3月11日\n主席:郭子仁\n一、報告事項\n"
            f"陳情{word}  處已辦理出租，分區由第三種住宅區變更為廣場用地。\n二、散會\n")
    m = run(text)
    assert not any(a.assignees for a in m.action_items)


# ---------------------------------------------------------------------------------------------
# 16. A page's chrome is no title (瀏覽記錄, a short 記錄 of no meeting); a numbered explanation
# whose sentences mention a kind deep inside (一、本案業經…委員會…審議通過，…) is a case's items,
# not sections

CHROME = ["瀏覽記錄", "浏览记录", "下載紀錄", "閱讀紀錄"]


@pytest.mark.parametrize(("chrome", "school"), list(itertools.product(CHROME, SCHOOLS[:3])))
def test_a_pages_chrome_is_no_title(chrome: str, school: str) -> None:
    text = (f"歡迎來到文庫\n{chrome}\nID:52895969\n\n{school}校務會議紀錄\n時間:93年12月10日\n地點:會議室\n主席:王大明\n"
            "一、報告事項:略\n二、散會\n")
    m = run(text)
    assert m.meeting.name == "校務會議"


CASES = ["變更馬公都市計畫案", "變更臺東都市計畫案", "擬定金門特定區計畫案"]
MENTIONS = ["審議通過", "討論通過", "報告在案"]


@pytest.mark.parametrize(("case", "mention"), list(itertools.product(CASES, MENTIONS)))
def test_a_cases_numbered_explanation_is_no_sections(case: str, mention: str) -> None:
    text = (f"MOIO7131-審議事項-第15案:澎湖縣政府函為「{case}」。\n概要說明\n- 說明:\n"
            f"- 一、本案業經澎湖縣都市計畫委員會98年4月14日第106次會{mention},並准澎湖縣政府函送計畫書、圖等報請審議。\n"
            "- 二、法令依據:都市計畫法第27條第1項第4款。\n- 三、變更計畫範圍:詳計畫圖示。\n決議\n- 決議:照案通過。\n")
    m = run(text)
    assert not any(s.heading.lstrip("- ").startswith(("一、", "二、", "三、")) for s in m.sections)


# ---------------------------------------------------------------------------------------------
# 17. No name of a doubled character (謝謝鄉長, 剛剛理事長) nor with a pronoun or conjunction for its
# given name (官其中會長)

@pytest.mark.parametrize(("lead", "post"), list(itertools.product(["謝謝", "剛剛", "常常"], ["鄉長", "理事長", "主任", "局長"])))
def test_no_name_of_a_doubled_character(lead: str, post: str) -> None:
    text = f"某某協會第3次理監事會議紀錄\n時間:112年3月1日\n主席:張書華\n一、報告事項:{lead}{post}的說明,大家都很支持。\n二、散會\n"
    m = run(text)
    assert {p.name for p in m.people} == {"張書華"}


@pytest.mark.parametrize(("surname", "word"), list(itertools.product(["官", "林", "陳"], ["其中", "以及", "我們"])))
def test_no_given_name_of_a_function_word(surname: str, word: str) -> None:
    text = (f"某某協會第3次理監事會議紀錄\n時間:112年3月1日\n主席:張書華\n"
            f"一、報告事項:出席者有多位,{surname}{word}會長表示支持。\n二、散會\n")
    m = run(text)
    assert f"{surname}{word}" not in {p.name for p in m.people}


# ---------------------------------------------------------------------------------------------
# 18. A page that is one case of a section, its kind named as a word set apart in its first line
# (MOIO7171-審議事項-第6案:…), is that one section

KINDS = [("審議事項", "discussion"), ("討論事項", "discussion"), ("報告事項", "reports")]


@pytest.mark.parametrize(("kind", "case", "sep"), list(itertools.product(KINDS, CASES, ["-", ":", " "])))
def test_a_page_that_is_one_case(kind: tuple[str, str], case: str, sep: str) -> None:
    word, expected = kind
    text = (f"MOIO7171{sep}{word}{sep}第6案:澎湖縣政府函為「{case}」。\n概要說明\n- 說明:\n"
            "- 一、本案業經澎湖縣都市計畫委員會第106次會審議通過,並准澎湖縣政府函送計畫書、圖等報請審議。\n"
            "- 二、法令依據:都市計畫法第27條第1項第4款。\n決議\n- 決議:照案通過。\n")
    m = run(text)
    grounded(m)
    assert [s.kind for s in m.sections] == [expected]


# ---------------------------------------------------------------------------------------------
# 19. A council's demands of its government (要求縣府立刻訂定…, 要求縣府積極協助…): the government is
# asked, an adverb of manner between it and the task

@pytest.mark.parametrize(("gov", "adverb", "task"),
                         list(itertools.product(["縣府", "市府"], ["立刻", "積極", "儘快", ""], ["訂定受災補助標準", "協助縣民重建家園"])))
def test_a_councils_demand(gov: str, adverb: str, task: str) -> None:
    text = (f"宜蘭縣議會第18屆第3次定期會議事錄\n時間:104年5月1日\n主席:張議長\n一、討論事項\n決議:\n"
            f"(一)要求{gov}{adverb}{task}。\n二、散會\n")
    m = run(text)
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[gov]]


# ---------------------------------------------------------------------------------------------
# 20. An address by another post than the chair's (校長致詞 at an association its 理事長 chairs) is a
# guest's, not the chair's remarks; the chair's own post, or the chair named as such, stays

@pytest.mark.parametrize(("chair_post", "guest"), [(c, g) for c in ["理事長", "會長", "主任委員"]
                                                    for g in ["校長", "陳校長", "局長", "議員"] if g != c])
def test_an_address_by_another_post(chair_post: str, guest: str) -> None:
    text = (f"屏東縣國立屏東高中校友會第12屆第3次理監事會議紀錄\n時 間:110年11月06日(星期六)上午10點\n"
            f"主 席:陳國基 {chair_post} 紀錄:鄭秀環 小姐\n一、主席致詞:陳國基 {chair_post}\n感謝大家。\n"
            f"二、{guest}致詞\n很高興回到母校。\n三、{chair_post}致詞\n謝謝。\n四、會務報告:略\n五、散會\n")
    m = run(text)
    assert [s.kind for s in m.sections] == ["chair_remarks", "other", "chair_remarks", "reports", "adjournment"]


# ---------------------------------------------------------------------------------------------
# 21. Days added to a date with 及/和/與 (四月六日及七日), a list's number before a month-day
# (2. 四月六日), more days after a slash date (4/25,26), never a count (4/25,30人)

CN_DAYS = [("六", 6, "七", 7), ("十", 10, "十一", 11), ("二十", 20, "二十一", 21)]


@pytest.mark.parametrize(("days", "link", "lead"), list(itertools.product(CN_DAYS, ["及", "和", "與", "、"], ["2. ", "", "（二）"])))
def test_days_added_to_a_date(days: tuple[str, int, str, int], link: str, lead: str) -> None:
    d1, v1, d2, v2 = days
    text = f"某某系學會班代大會會議紀錄\n會議時間:民國九十五年三月二十日\n一、報告事項\n{lead}四月{d1}日{link}{d2}日審企劃。\n二、散會\n"
    m = run(text)
    grounded(m)
    got = {d.value for d in m.dates}
    assert {f"2006-04-{v1:02d}", f"2006-04-{v2:02d}"} <= got


@pytest.mark.parametrize(("sep", "count"), list(itertools.product([",", "、", "及"], ["人", "位", "元"])))
def test_more_days_after_a_slash_date(sep: str, count: str) -> None:
    text = (f"某某家長會常務委員會會議紀錄\n時間:103年4月2日\n一、討論事項\n需接機人數4/25{sep}26合計為92人,"
            f"另4/27{sep}30{count}。\n二、散會\n")
    m = run(text)
    grounded(m)
    got = {d.value for d in m.dates}
    assert {"2014-04-25", "2014-04-26", "2014-04-27"} <= got and "2014-04-30" not in got


# ---------------------------------------------------------------------------------------------
# 22. A label with a gloss in another language (時間(Time):, 主持人(hoster):), a label with a second
# role (主持人兼司儀:), a table's cell separators around a value (日期: | 102年11月24日 |)

HOSTS = [("賀厚平", "Ho Hoppy"), ("阮江恆英", "Nguyen Hang Giang Anh"), ("顧文舒", "Koo Wen-Shu")]


@pytest.mark.parametrize(("host", "gloss"), list(itertools.product(HOSTS, ["hoster", "Host", "chair person"])))
def test_a_label_with_a_gloss(host: tuple[str, str], gloss: str) -> None:
    name, roman = host
    text = ("1051 國際學舍宿民大會會議記錄\n\n一、時間(Time): 2016/9/30(五 Friday) 18:00- 20:00\n\n"
            "二、地點(Location): 國際學舍一樓交誼廳\n\n"
            f"    1.主持人({gloss}):{name}({roman})\n\n    2.紀錄(note taker): 許佳豪(Hsu Chia-hao)\n\n"
            "三、會議紀錄Conference record\n\n    Introduction of the team\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.date, m.meeting.location, m.meeting.chair, m.meeting.recorder) == (
        "2016-09-30", "國際學舍一樓交誼廳", name, "許佳豪")
    assert {(name, "主持人"), ("許佳豪", "紀錄")} <= {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize(("roles", "name"), list(itertools.product(["主持人兼司儀", "主席兼紀錄", "主持人兼紀錄"], ["吳信增", "黃志強"])))
def test_a_label_with_a_second_role(roles: str, name: str) -> None:
    text = (f"國立台灣大學男生第六宿舍九十五學年度下學期期初舍胞大會會議記錄\n時間:民國九十六年三月二日星期五\n"
            f"地點:男生第六宿舍一樓交誼廳\n{roles}:{name}\n討論事項:\n一、宿舍裝設新監視器案\n決議:通過。\n")
    m = run(text)
    grounded(m)
    first, second = roles.split("兼")
    assert {(name, first), (name, second)} <= {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize("place", ["台南市勞工育樂中心 大會議室", "本校行政大樓會議室", "線上會議"])
def test_a_tables_cell_separators(place: str) -> None:
    text = (f"102.11.24.會議記錄 |\n日期: | 102年11月24日 |\n地點: | {place} |\n主席: | 總會長蔡嬌燕 |\n"
            "紀錄: | 總會秘書張海星 |\n一、報告事項:略\n二、散會\n")
    m = run(text)
    grounded(m)
    assert (m.meeting.date, m.meeting.location) == ("2013-11-24", place)


# ---------------------------------------------------------------------------------------------
# 23. A post's or a file's number joined by an underscore before a title (101_公館國小…) is no part of
# the body; the place a school is named after (公館國民小學, 大同國小) holds no unit (館, 同)

PLACES = [("公館", "宜蘭縣"), ("文化", "臺北市"), ("中正", "新北市"), ("仁愛", "臺中市")]


@pytest.mark.parametrize(("place", "num"), list(itertools.product(PLACES, ["101_", "2012_", "7_"])))
def test_a_posts_number_and_a_schools_place(place: tuple[str, str], num: str) -> None:
    name, county = place
    text = (f"{num}{name}國小一○一學年度第一學期節能減碳教育會議\n\n{county}{name}國民小學一○一學年度第一學期節能減碳教育會議\n\n"
            "時間:中華民國一○一年九月十日(星期一) 上午8:00~8:30\n\n地點:校史室\n\n主席:校長李麗珠 記錄: 劉興仁\n\n"
            "主席報告:\n\n1.感謝各位教職同仁的合作與配合。\n")
    m = run(text)
    grounded(m)
    assert m.meeting.body == f"{name}國小"
    assert not any(name in d.name for d in m.divisions)


# ---------------------------------------------------------------------------------------------
# 24. 應該 after the one named asks (總務處應該於月底前完成); with no one before it, or before
# 是/會/沒 (應該是, 應該會), it guesses

@pytest.mark.parametrize(("unit", "task"), list(itertools.product(["總務處", "教務處", "學務處"], ["於月底前完成", "主動聯繫家長", "加強宣導"])))
def test_should_after_the_one_named(unit: str, task: str) -> None:
    text = f"某某國小校務會議紀錄\n時間:92年1月4日\n一、討論事項\n決議:{unit}應該{task}。\n二、散會\n"
    m = run(text)
    grounded(m)
    assert [a.assignees for a in m.action_items] == [[unit]]


@pytest.mark.parametrize("sentence", ["這應該沒有問題。", "總務處應該是最清楚的。", "教務處應該會處理。", "應該可以接受。"])
def test_should_that_guesses(sentence: str) -> None:
    m = run(f"某某國小校務會議紀錄\n時間:92年1月4日\n一、討論事項\n決議:{sentence}\n二、散會\n")
    assert m.action_items == []


# ---------------------------------------------------------------------------------------------
# 25. A committee's site inspection is one of its meetings: its page, with a date and a subject and
# no sections, is read, never refused (工務委員會勘查「…」, 現場會勘)

INSPECTIONS = ["工務委員會勘查", "建設委員會現勘", "交通委員會會勘", "教育委員會履勘"]


@pytest.mark.parametrize(("what", "road"), list(itertools.product(INSPECTIONS, ["安南區M-13-8M計畫道路", "永康區中正路排水"])))
def test_a_site_inspection_is_read(what: str, road: str) -> None:
    text = (f":::\n{what}「{road}開闢造成民眾房屋路沖」\n\n![]() |\n日期: | 2013/7/29 上午 10:30:00 | |\n![]() |\n"
            f"主旨: | {what}「{road}」 | |\n內容: |\n臺南市議會{what[:4]}29日上午針對「{road}」情形,邀請市府代表前往勘查。\n"
            "委員會於會中表示:\n一、為避免民怨,建請變更部分計畫道路。\n二、請重劃會提出變更計畫。\n")
    doc = Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text"))
    m = analyse(doc, require_minutes=True)  # (refused, it would raise NotMinutesError)
    grounded(m)
    assert m.meeting.date == "2013-07-29" and m.meeting.title is not None and what in m.meeting.title
