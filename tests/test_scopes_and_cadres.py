"""Classes of text from batch p (stop 21), each generated in variants: a date field whose year is
lost or unreadable (中華民國一一學年九月十日(星期一), 100831(星期三)) read in the year the title's
scope names; a joint meeting's title that runs on to a line of its own (…校務會議 / 暨性別平等教育
委員會議紀錄); a roster of given names and nicknames under a titled label (到場社員：威辰、晉毅、…);
a cadre's portfolio before a name among posts and names (活動李定中); 會議記錄 as the recorder's label
before a colon but a heading alone on its line; a name and the others it stands for (古奕元等生治會
幹部); 社員大會, a meeting's name, holding no title. The truth is written beside each generator,
never read from the pipeline."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from test_flattened_and_units import grounded, run

WEEKDAYS = "一二三四五六日"
CN_DIGITS = "○一二三四五六七八九"
SCHOOLS = ["宜蘭縣公館國民小學", "苗栗縣栗林國小", "臺中市新成國民小學", "屏東縣光華國中"]


def cn_year(n: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(n))


def cn_number(n: int) -> str:
    """1-31 in Chinese numerals (十, 十一, 二十, 三十一)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens] + "十")) + (CN_DIGITS[ones] if ones else "")


def school_meeting(title: str, when: str) -> str:
    return f"{title}\n時間:{when}\n地點:校史室\n主席:校長李麗珠 記錄:劉興仁\n主席報告:\n1.感謝各位同仁的配合。\n"


# ---------------------------------------------------------------------------------------------
# 1. A date field whose year the text lost (一一學年 for 一○一學年, 年 dropped): its month and day in
# the year the title's scope names, a school year running from August to July; a weekday written
# with it must agree

SCHOOL_DAYS = [date(2012, 9, 10), date(2013, 1, 14), date(2016, 8, 26), date(2021, 3, 9), date(2010, 12, 1)]


def school_year(d: date) -> int:
    return d.year - 1911 - (1 if d.month < 8 else 0)


@pytest.mark.parametrize(("day", "school", "lost"), list(itertools.product(SCHOOL_DAYS, SCHOOLS,
                                                                            ["一一學年", "", "民國"])))
def test_a_month_day_takes_the_year_of_the_titles_school_year(day: date, school: str, lost: str) -> None:
    term = "第一學期" if day.month >= 8 or day.month == 1 else "第二學期"
    title = f"{school}{cn_year(school_year(day))}學年度{term}節能減碳教育會議"
    when = f"中華民國{lost}{cn_number(day.month)}月{cn_number(day.day)}日(星期{WEEKDAYS[day.weekday()]}) 上午8:00~8:30"
    m = run(school_meeting(title, when))
    assert m.meeting.date == day.isoformat()
    s, e = m.meeting.spans["date"]
    assert m.text[s:e].startswith(f"{cn_number(day.month)}月")


@pytest.mark.parametrize(("day", "school"), list(itertools.product(SCHOOL_DAYS, SCHOOLS)))
def test_a_weekday_that_disagrees_gives_no_meeting_date(day: date, school: str) -> None:
    title = f"{school}{cn_year(school_year(day))}學年度第一學期節能減碳教育會議"
    wrong = WEEKDAYS[(day.weekday() + 3) % 7]
    m = run(school_meeting(title, f"{cn_number(day.month)}月{cn_number(day.day)}日(星期{wrong}) 上午8:00"))
    assert m.meeting.date is None


@pytest.mark.parametrize(("day", "scope"), list(itertools.product(SCHOOL_DAYS, ["學年度", "年度"])))
def test_a_calendar_years_scope_is_its_own_year(day: date, scope: str) -> None:
    n = school_year(day) if scope == "學年度" else day.year - 1911
    m = run(school_meeting(f"臺中市政府{n}{scope}第2次研考會議", f"{day.month}月{day.day}日 上午9時"))
    assert m.meeting.date == day.isoformat()


# ROC dates whose digits read two ways once 年 and 月 are lost (100831 is 100/8/31 or 10/08/31)

def lost_digits(d: date) -> str:
    return f"{d.year - 1911}{d.month}{d.day:02d}"


def readings(digits: str) -> set[date]:
    out = set()
    for yl, cut in itertools.product((2, 3), (1, 2)):
        y, mo, dd = digits[:yl], digits[yl:yl + cut], digits[yl + cut:]
        if dd and len(dd) <= 2 and int(mo) and int(dd):
            try:
                out.add(date(int(y) + 1911, int(mo), int(dd)))
            except ValueError:
                pass
    return out


AMBIGUOUS = [d for d in (date(2011, 8, 31), date(2011, 9, 12), date(2012, 8, 15), date(2011, 1, 10), date(2019, 8, 29),
                         date(2020, 9, 1)) if len(readings(lost_digits(d))) > 1]


@pytest.mark.parametrize(("day", "school"), list(itertools.product(AMBIGUOUS, SCHOOLS)))
def test_lost_units_read_in_the_titles_year(day: date, school: str) -> None:
    title = f"{school}{school_year(day)}學年度上學期第一次校務會議"
    m = run(school_meeting(title, f"{lost_digits(day)}(星期{WEEKDAYS[day.weekday()]})下午1"))
    assert m.meeting.date == day.isoformat()


def test_the_digits_are_ambiguous_without_the_title() -> None:
    # the control: the same header under a title with no year gives no date from the digits alone
    m = run(school_meeting("宜蘭縣南澳鄉金岳國小校務會議", "100831(星期三)下午1"))
    assert m.meeting.date is None


# ---------------------------------------------------------------------------------------------
# 2. A joint meeting's title whose second meeting runs on to the next line (暨…會議紀錄)

SECOND = ["性別平等教育委員會議", "課程發展委員會會議", "交通安全委員會議", "環境教育委員會議"]


@pytest.mark.parametrize(("school", "second", "joint"), list(itertools.product(SCHOOLS, SECOND, ["暨", "及"])))
def test_a_joint_title_runs_on_to_its_next_line(school: str, second: str, joint: str) -> None:
    text = (f"{school}100學年度上學期第一次校務會議\n\n{joint}{second}紀錄\n\n壹、時間:100年8月31日下午1時\n"
            "貳、地點:本校一樓會議室\n參、主持人:周文明校長\n肆、主席報告:\n一、感謝大家。\n")
    m = run(text)
    assert m.meeting.name == f"校務會議{joint}{second}"
    assert m.meeting.body == school
    assert m.meeting.session == 1


def test_a_line_that_is_no_joint_meeting_stays_out_of_the_title() -> None:
    text = ("宜蘭縣大同國小100學年度上學期第一次校務會議\n暨各項工作檢討\n時間:100年8月31日下午1時\n地點:會議室\n"
            "主持人:周文明校長\n")
    assert run(text).meeting.name == "校務會議"


# ---------------------------------------------------------------------------------------------
# 3. A roster of given names and nicknames under a titled label: every entry is a person with the
# label's title (no surname list knows 威辰 or 老蔡)

NICKNAMES = ["威辰", "晉毅", "王民千", "中為", "玉盈", "正維", "俊良", "敬哲", "姵璇", "姿潔", "軒立", "欽敬",
             "威立", "哲源", "昌晏", "建明", "任強", "世芃", "兆芳", "立國", "豬排", "聖魁", "大雕", "老蔡"]
ROSTER_LABELS = [("到場社員", "社員"), ("出席社員", "社員"), ("出席委員", "委員"), ("出席會員", "會員")]


def club_minutes(label: str, names: list[str], per_line: int) -> str:
    lines = ["、".join(names[k:k + per_line]) for k in range(0, len(names), per_line)]
    return ("台大國術社92年度下學期期初社員大會紀錄\n日期:2004年3月5日\n地點:綜合101\n到場人數:24人\n"
            f"{label}:" + "、\n".join(lines) + "\n主持人:文婷\n一、報告事項\n社長:本學期目標。\n")


@pytest.mark.parametrize(("label", "shift", "per_line"), list(itertools.product(ROSTER_LABELS, range(0, 24, 4), [6, 10])))
def test_a_roster_of_given_names_holds_every_name(label: tuple[str, str], shift: int, per_line: int) -> None:
    names = NICKNAMES[shift:] + NICKNAMES[:shift]
    m = run(club_minutes(label[0], names, per_line))
    listed = {p.name for p in m.people if p.title == label[1] and p.role == "attendee"}
    assert listed == set(names)
    for p in m.people:
        assert m.text[p.span[0]:p.span[1]] == p.text


@pytest.mark.parametrize("label", ["出席單位", "出席"])
def test_a_roster_of_units_or_with_no_title_stays_as_it_was(label: str) -> None:
    # controls: units are no names, and a label with no title makes no list of names
    units = ["教務處", "學務處", "總務處", "輔導室", "人事室"]
    m = run(club_minutes(label, units, 5))
    assert not {p.name for p in m.people} & set(units)
    bare = run(club_minutes(label, ["威辰", "中為", "老蔡", "豬排"], 4))
    assert not {p.name for p in bare.people} & {"威辰", "中為", "老蔡", "豬排"}


# ---------------------------------------------------------------------------------------------
# 4. A cadre's portfolio (活動, 衛生, 公關) before a full name among entries of posts and names

CADRES = [("會長", "古奕元"), ("副會長", "吳信增"), ("活動", "李定中"), ("衛生", "張維峻"), ("修繕", "游柏彥"),
          ("公關", "郭俊麟"), ("秘書", "丁柏村"), ("文書", "陳怡君"), ("器材", "林志明")]


@pytest.mark.parametrize(("shift", "label"), list(itertools.product(range(len(CADRES)), ["出席", "出席人員", "與會人員"])))
def test_a_portfolio_before_a_name_is_its_post(shift: int, label: str) -> None:
    cadres = CADRES[shift:] + CADRES[:shift]
    text = ("國立台灣大學男生第六宿舍九十五學年度下學期期初舍胞大會會議記錄\n時間:民國九十六年三月二日星期五\n"
            f"地點:一樓交誼廳\n{label}:輔導員盧瑞麟、" + "、".join(p + n for p, n in cadres)
            + "\n主持人:吳信增\n討論事項:\n一、宿舍裝設新監視器案\n")
    m = run(text)
    got = {(p.name, p.title) for p in m.people if p.role == "attendee"}
    assert got == {("盧瑞麟", "輔導員"), *((n, p) for p, n in cadres)}


def test_a_word_before_a_name_among_bare_names_is_no_post() -> None:
    # the control: without posts beside it, 活動李定中 names nobody's post
    text = ("某社團期初社員大會紀錄\n時間:民國九十六年三月二日\n地點:交誼廳\n出席:陳大明、林小華、活動李定中\n"
            "主持人:陳大明\n討論事項:\n一、活動案\n")
    assert ("李定中", "活動") not in {(p.name, p.title) for p in run(text).people}


# ---------------------------------------------------------------------------------------------
# 5. 會議記錄 (會議紀錄) before a colon names the recorder; alone on its line it heads the record.
# A name with 等 and the group it stands for (古奕元等生治會幹部) is that name.

RECORDERS = [["莊其蓁", "蔡佳娟"], ["古奕元"], ["林美華", "王志成", "陳怡如"]]


@pytest.mark.parametrize(("label", "names", "etc"), list(itertools.product(["會議記錄", "會議紀錄"], RECORDERS,
                                                                        ["", "等生治會幹部", "等3人"])))
def test_the_records_word_before_a_colon_names_its_recorder(label: str, names: list[str], etc: str) -> None:
    text = ("台大複式團聯團意見交流會會議記錄\n時間:2003.01.04 上午9:30~13:30\n地點:畜產系二樓會議室\n"
            f"會議主席:曾尹彥\n{label}:{'、'.join(names)}{etc}\n會議達成共識:\n1. 關於社團定位。\n")
    m = run(text)
    assert m.meeting.recorder == "、".join(names)
    assert {p.name for p in m.people if p.role == "recorder"} == set(names)


@pytest.mark.parametrize("label", ["會議記錄", "會議紀錄"])
def test_the_records_word_alone_on_its_line_is_no_recorder(label: str) -> None:
    text = ("台北市私立華興小學學生家長會\n103學年度\n第4次會員代表大會\n會議記錄\n104.06.17\n"
            "一、會議時間:104年6月10日(星期三)上午08:30~10:30\n二、地點:圖書館\n"
            f"三、列席人員:蕭慶智校長、王雅慧主任\n{label}\n- 蕭校長致詞:感謝各位家長。\n- 王主任致詞:請家長配合。\n")
    m = run(text)
    assert m.meeting.recorder is None
    assert not [p for p in m.people if p.role == "recorder"]


# ---------------------------------------------------------------------------------------------
# 6. A members' assembly (社員大會, 會員大會) is a meeting's name: the title inside it is nobody's

@pytest.mark.parametrize(("verb", "assembly"), list(itertools.product(["召開", "招開", "舉行"],
                                                                       ["臨時社員大會", "社員大會", "臨時會員大會"])))
def test_an_assembly_holds_no_title(verb: str, assembly: str) -> None:
    text = ("原聲帶社臨時社員大會紀錄\n時間:2006年12月14日\n地點:社辦\n主席:艾貝\n"
            f"艾貝:這次{verb}{assembly}的目的是要大家一起決定將來的走向。\n")
    m = run(text)
    grounded(m)
    assert not [p for p in m.people if p.title and p.title.endswith(("社員", "會員"))]
