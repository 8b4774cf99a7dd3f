"""Forms met in the real PDFs (shared/corpus/real), as text: each was a failure once."""

from __future__ import annotations

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import Minutes, SourceInfo

NTU = """國立臺灣大學學生輔導委員會第 59 次會議紀錄
1 / 3
時 間：114年12月8日（一）下午2時30分
地 點：校總區行政大樓第一會議室
主 席：丁副校長詩同 紀錄：陳瀅年
出席委員：陳文章委員(請假)、丁詩同委員、曾宛如委員(請假)、廖婉君委
員(請假)、學生事務處朱士維委員、教務處
王泓仁委員(吳義華專門委員代理)
列席人員：學生事務處蔡沛學副學務長、生活輔導組高麗華組長、僑生及陸生輔
導組趙靜婷組長、校園安全中心周之文經理
壹、主席致詞（略）
貳、報告事項
一、學務處報告。
決 議：洽悉。
伍、散會（下午3時50分）
附件一 修正草案 114年12月31日施行 王大明委員
"""

ASROC = """中華民國天文學會 第24屆第8次理監事會議 會議紀錄
一、時 間：2013年01月19日 (星期六) 14：00
二、地 點：台北市文山區汀州路四段88號 師大地科系教學研究大樓 801室
三、出席人員姓名：
(理事長)   管一政
(常務理事) 許瑞榮、曾耀寰
四、列席人員： 呂聖元(秘書長；請假)
五、主 席： 管一政       記錄：劉姵汝
壹、主席報告：
(1) 請各位理、監事提供天文年會暨研究成果發表會歷年之「最佳壁報論文優良獎」獲獎者名單。
(2) 學會 10/2 與 12/26 兩次活動均圓滿完成。
(3) 無。
貳、討論事項：
決議: (1) 大會海報恭請學會藝術總監陳林文理事負責，海報設計草圖預定於1
月31日前完成。
 (2)  第二次大會通告(曾耀寰常務理事負責)，預定於2月20日發出。
參、臨時動議：
無
散會： 16:00。
"""


def run(text: str) -> Minutes:
    return analyse(Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text")))


def people(m: Minutes) -> set[tuple[str, str | None]]:
    return {(p.name, p.title) for p in m.people}


def test_chair_by_role_and_by_post() -> None:
    m = run(NTU)
    assert (m.meeting.chair, m.meeting.recorder) == ("丁詩同", "陳瀅年")
    assert {("丁詩同", "主席"), ("丁詩同", "副校長"), ("陳瀅年", "紀錄")} <= people(m)


def test_a_members_roll_gives_each_member_the_title_written_with_the_name() -> None:
    # the gold's people policy (shared/gold/CHANGES.md): a roster entry keeps its title
    m = run(NTU)
    assert {("陳文章", "委員"), ("丁詩同", "委員"), ("廖婉君", "委員"), ("朱士維", "委員")} <= people(m)
    assert "廖婉君" in m.meeting.absentees  # 廖婉君委\n員(請假): one entry over a line break, absent


def test_university_units_and_conjunctions() -> None:
    names = {d.name for d in run(NTU).divisions}
    assert {"學生事務處", "教務處", "生活輔導組", "僑生及陸生輔導組", "校園安全中心"} <= names


def test_nothing_is_extracted_after_the_adjournment() -> None:
    m = run(NTU)
    assert m.meeting.end_time == "15:50"
    assert all(d.value != "2025-12-31" for d in m.dates)
    assert ("王大明", "委員") not in people(m)
    assert m.sections[-1].kind == "adjournment"


def test_society_minutes() -> None:
    m = run(ASROC)
    mt = m.meeting
    assert (mt.body, mt.name, mt.session, mt.date) == ("中華民國天文學會", "理監事會議", 8, "2013-01-19")
    assert (mt.start_time, mt.end_time, mt.chair, mt.recorder) == ("14:00", "16:00", "管一政", "劉姵汝")
    assert [s.kind for s in m.sections] == ["chair_remarks", "discussion", "motions", "adjournment"]
    assert ("呂聖元", "秘書長") in people(m)  # NAME(post；note) in a list
    assert not m.divisions  # a learned society has no internal units here


def test_past_months_in_a_january_meeting_are_last_year() -> None:
    values = {d.value for d in run(ASROC).dates}
    assert {"2012-10-02", "2012-12-26"} <= values


def test_responsibility_and_planned_dates() -> None:
    m = run(ASROC)
    by_assignee = {tuple(a.assignees): a for a in m.action_items}
    assert by_assignee[("陳林文",)].deadline == "2013-01-31"
    assert by_assignee[("曾耀寰",)].deadline == "2013-02-20"


BUREAU = """新竹縣政府工務處113年第3次處務會議紀錄
時間\t中華民國113年3月5日（星期二）上午9時30分
地點\t本處第一會議室
主持人：王處長大明　　　　　　　　　　　記錄：李小華
出席人員：如簽到單
壹、主持人致詞：略
貳、上次會議決議事項執行情形
1130201\t道路養護案\t已完成\t解除列管
1130202\t橋梁檢測\t辦理中\t繼續列管
參、業務報告
一、養護科報告：
（一）本月完成路面修補 120 處。
主持人裁示：請養護科於3月15日前完成汛期前側溝清疏，並交由工程科協助。
肆、提案討論
案由一：有關本處辦公室空間調整案，提請討論。
決議：照案通過，責成行政科於一週內完成搬遷規劃。
伍、臨時動議：無。
陸、散會：上午11時30分。
"""


def test_bureau_minutes_with_a_tracking_table() -> None:
    # a layout none of the corpora has: tab-separated header labels and a tracking table
    m = run(BUREAU)
    mt = m.meeting
    assert (mt.body, mt.session, mt.date, mt.start_time, mt.end_time) == (
        "新竹縣政府工務處", 3, "2024-03-05", "09:30", "11:30")
    assert (mt.location, mt.chair, mt.recorder) == ("本處第一會議室", "王大明", "李小華")
    assert [s.kind for s in m.sections] == ["chair_remarks", "tracking", "reports", "discussion", "motions",
                                            "adjournment"]
    assert {(c.id, c.status) for c in m.case_numbers} == {("1130201", "closed"), ("1130202", "continued")}
    assert {d.name for d in m.divisions} == {"養護科", "工程科", "行政科"}
    asks = {tuple(a.assignees): a for a in m.action_items}
    # …，並交由工程科協助: a clause asking someone new is an action item of its own (as the gold reads
    # …，並請X…), and the deadline written in the first stays with the first
    assert asks[("養護科",)].deadline == "2024-03-15" and asks[("工程科",)].deadline is None
    assert asks[("養護科",)].block == "主持人裁示" and asks[("工程科",)].block == "主持人裁示"
    assert asks[("行政科",)].block == "決議" and asks[("行政科",)].section == "discussion"


def test_a_group_asked_as_a_whole() -> None:
    m = run(ASROC)
    ask = next(a for a in m.action_items if "最佳壁報論文優良獎" in a.text)
    assert ask.assignees == ["各位理、監事"]  # 請各位…提供 asks them; 請大家鼓掌 would only be procedure


def test_english_titles() -> None:
    m = run(ASROC.replace("(3)", "(3) 已為 Prof. Andrew Fabian 和 Dr. Donald Goldsmith 申請補助。\n(4)"))
    assert {("Andrew Fabian", "Prof."), ("Donald Goldsmith", "Dr.")} <= people(m)


def test_ministry_and_township_minutes() -> None:
    ministry = run("經濟部第1234次部務會報紀錄\n時間：中華民國112年5月8日（星期一）上午9時\n主席：王部長美花\n"
                   "壹、報告事項\n一、工業局報告：本季產業動向。\n部長指示：\n"
                   "（一）請工業局與國際貿易署於本月底前研提因應方案，並請人事處配合辦理。\n"
                   "貳、各組組長報告\n參、散會：上午10時30分\n")
    assert [s.kind for s in ministry.sections] == ["reports", "reports", "adjournment"]
    ask, also = ministry.action_items
    assert ask.assignees == ["工業局", "國際貿易署"] and ask.deadline == "2023-05-31"  # 本月底前
    assert also.assignees == ["人事處"]  # …，並請人事處配合辦理: a second ask
    township = run("屏東縣萬丹鄉公所113年第2次鄉務會議紀錄\n一、時間：113年2月20日下午2時\n二、主持人：林鄉長明德\n"
                   "三、各課室報告：\n民政課：本月辦理兵役宣導2場。\n四、鄉長指示：\n(一)請民政課加強宣導。\n"
                   "(二)清潔隊應加強垃圾清運。\n五、散會：下午3時20分\n")
    assert [s.kind for s in township.sections] == ["reports", "chair_remarks", "adjournment"]
    assert {d.name for d in township.divisions} == {"各課室", "民政課", "清潔隊"}
    assert [a.assignees for a in township.action_items] == [["民政課"], ["清潔隊"]]
