"""Rosters and header fields in classes of layout, each generated in variants (titles, names,
brackets, separators); the truth is written beside each generator."""

from __future__ import annotations

import itertools

import pytest

from pipeline.api import analyse
from pipeline.document import Document
from pipeline.models import Minutes, SourceInfo

TITLE = "中華民國某某學會第24屆第8次理監事會議紀錄\n"
GROUPS = [("理事長", ["管一政"]), ("常務理事", ["許瑞榮", "曾耀寰"]), ("理事", ["王祥宇", "林俐暉", "張祥光"]),
          ("監事", ["周翊", "秦一男"])]
BRACKETS = [("(", ")"), ("（", "）")]
SEPARATORS = ["、", "，", "　"]


def run(text: str) -> Minutes:
    return analyse(Document(text=text, source=SourceInfo(path="t.txt", sha256="0", format="text")),
                   require_minutes=False)


@pytest.mark.parametrize(("brackets", "sep", "spaces"), list(itertools.product(BRACKETS, SEPARATORS, [" ", "   "])))
def test_a_title_in_brackets_heads_the_names_after_it(brackets: tuple[str, str], sep: str, spaces: str) -> None:
    o, c = brackets
    lines = [f"{o}{title}{c}{spaces}{sep.join(names)}" for title, names in GROUPS]
    text = (TITLE + "一、時間：2013年01月19日14:00\n二、地點：本會會議室\n三、出席人員：\n" + "\n".join(lines)
            + "\n四、主席：管一政 記錄：劉姵汝\n壹、報告事項\n一、會務報告。\n貳、散會\n")
    people = {(p.name, p.title) for p in run(text).people}
    for title, names in GROUPS:
        for name in names:
            assert (name, title) in people, (name, title, sorted(people))


@pytest.mark.parametrize("label", ["會議名稱", "名稱"])
@pytest.mark.parametrize("first", ["時間", "開會時間"])
def test_a_sign_in_sheet_after_the_minutes_names_no_meeting(label: str, first: str) -> None:
    text = ("國立某某大學學生輔導委員會第59次會議紀錄\n"
            f"{first}：114年12月8日下午2時30分\n地點：第一會議室\n主席：丁副校長詩同 紀錄：陳瀅年\n"
            "壹、報告事項\n一、學務處報告。\n決議：洽悉。\n貳、討論事項\n案由一：審議某某辦法修正草案。\n決議：照案通過。\n"
            "參、散會（下午3時50分）\n"
            f"簽到表\n{label}：學生輔導委員會第59次會議\n會議時間：114年12月8日下午2時30分\n主持人：丁副校長詩同\n")
    m = run(text)
    assert m.meeting.title == "國立某某大學學生輔導委員會第59次會議紀錄"
    assert [s.kind for s in m.sections] == ["reports", "discussion", "adjournment"]


ROSTER_LABELS = ["出席人員", "出列席人員", "出席"]
INDENTS = ["", "    ", "             "]


@pytest.mark.parametrize(("label", "indent", "colon"), list(itertools.product(ROSTER_LABELS, INDENTS, [":", "："])))
def test_a_title_with_its_colon_labels_the_names_after_it(label: str, indent: str, colon: str) -> None:
    """出席人員：\\n理事：甲、乙\\n監事：丙 / 請假人員：丁: each line's title covers its names, a
    name wrapped at the end of a line is one name, and an absentee label inside the roster holds."""
    groups = GROUPS[2:]  # 理事, 監事
    lines = [f"{indent}{title}{colon}{'、'.join(names)}" for title, names in groups]
    lines[0] = lines[0][:-1] + "\n " + lines[0][-1]  # 張祥\n 光: a name wrapped at the line's end
    text = (TITLE + f"一、開會時間{colon}民國103年4月3日\n二、開會地點{colon}本會辦公室\n三、{label}{colon}\n\n"
            + "\n".join(lines) + f"\n{indent}請假人員{colon}蔡銀展\n四、主席致詞{colon}略\n")
    m = run(text)
    people = {(p.name, p.title) for p in m.people}
    for title, names in groups:
        for name in names:
            assert (name, title) in people, (name, title, sorted(people))
    assert "蔡銀展" in m.meeting.absentees and "蔡銀展" not in m.meeting.attendees


@pytest.mark.parametrize(("kind_word", "kind"), [("審議案", "discussion"), ("討論事項", "discussion"),
                                                 ("報告事項", "reports")])
def test_a_section_after_a_field_on_one_flattened_line(kind_word: str, kind: str) -> None:
    text = (TITLE + "壹、 時間：113 年 3 月 28 日上午 10 時\n貳、 地點：本府會議室\n參、 主持人：趙卿惠召集人\n"
            f"肆、 出列席單位：略（詳簽到簿）{kind_word}：共 1 案\n第一案：擬訂某某都市更新事業計畫案\n"
            "一、 本案二樓以上住宅均價過低。\n二、 本案價格日期應予調整。\n決議：請實施者依委員意見修正後再提會審議。\n")
    m = run(text)
    assert [s.kind for s in m.sections] == [kind]
    assert m.meeting.date == "2024-03-28"


PREAMBLES = [
    "擬定校務發展計畫經校務會議通過\n\n東光國中校務中長期計畫\n\n第二學期校務會議提案\n\n校長室\n\n附 署 人\n\n施宏杰\n\n簡坤耀\n\n"
    "說明「校務中長期計畫」\n\n一、 國民教育法及國民教育法施行細則\n\n二、 部頒課程綱要\n\n如附件\n\n",
    "Size: px\nStart display at page:\n\nDownload \"會議紀錄\"\n\nTranscription\n\n1 首頁 > 公告 > 會議紀錄\n\n",
]


@pytest.mark.parametrize("preamble", PREAMBLES)
@pytest.mark.parametrize("labels", [("一、開會時間:", "二、開會地點:", "三、主 持 人:"), ("時間：", "地點：", "主席：")])
def test_the_minutes_header_after_other_matter(preamble: str, labels: tuple[str, str, str]) -> None:
    """A page or a file whose minutes come after a proposal form or a site's menu: the minutes'
    own title and fields are the header, and the matter before them is no section."""
    date_label, place_label, chair_label = labels
    text = (preamble + "宜蘭縣立某某國民中學\n\n九十八學年度第二學期期初校務會議記錄\n\n"
            f"{date_label}九十九年二月廿四日下午一時三十分\n\n{place_label}本校會議室\n\n"
            f"{chair_label}江校長昀娗                      紀錄:李正賢\n\n"
            "四、主席致詞:很感謝大家這一學期來的辛勞。\n\n五、提案討論:\n\n案由:本校是否參加評鑑計畫,提請討論。\n\n決議:通過。\n")
    m = run(text)
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location) == ("2010-02-24", "13:30", "本校會議室")
    assert m.meeting.recorder == "李正賢"
    assert [s.kind for s in m.sections] == ["chair_remarks", "discussion"]


AFFILIATIONS = ["中研院天文及天文物理研究所", "清華大學天文所及物理系", "臺灣師範大學地科系", "淡江大學物理系"]


@pytest.mark.parametrize(("brackets", "absent_note"), list(itertools.product(BRACKETS, ["(請假)", "（請假）", ""])))
def test_one_name_a_line_with_its_affiliation(brackets: tuple[str, str], absent_note: str) -> None:
    """(常務理事) 呂聖元 （中研院…）\\n賴詩萍 （清華…）(請假)\\n(理事) 木下大輔（…）: each line one
    person with a note; a bracketed title covers its line and the lines after it."""
    o, c = brackets
    lines, truth = [], []
    for k, (title, names) in enumerate(GROUPS):
        for j, name in enumerate(names):
            note = f"（{AFFILIATIONS[(k + j) % len(AFFILIATIONS)]}）"
            head = f"{o}{title}{c}  " if j == 0 else ""
            lines.append(f"{head}{name} {note}{absent_note if j == 1 else ''}")
            truth.append((name, title))
    text = (TITLE + "一、時 間：2016 年 1 月 9 日 (星期六) 14：00\n二、地 點：天文數學館 11 樓\n三、出席人員姓名：\n"
            + "\n".join(lines) + "\n四、列席人員： 王祥宇(秘書長)\n壹、報告：\n秘書長書面報告。\n")
    people = {(p.name, p.title) for p in run(text).people}
    for name, title in truth:
        assert (name, title) in people, (name, title, sorted(people))


def letter_spaced(s: str) -> str:
    """A line as a PDF transcription sets it: a space between every character (digits kept whole)."""
    out: list[str] = []
    for ch in s:
        if out and not (ch.isdigit() and out[-1][-1:].isdigit()):
            out.append(" ")
        out.append(ch)
    return "".join(out)


@pytest.mark.parametrize("markers", [("壹、", "貳、", "參、", "肆、"), ("壹", "貳", "參", "肆")])
@pytest.mark.parametrize("body", ["國立某某大學", "行政院某某審議委員會"])
def test_a_letter_spaced_transcription(markers: tuple[str, ...], body: str) -> None:
    """1 國 立 某 某 大 學 … 時 間 :102 年 12 月 12 日 … 主 席 : 張 校 長 清 風 紀 錄 : 蔡 欣 慧 壹 …:
    one line with a space between characters, field markers without their 、."""
    m1, m2, m3, m4 = markers
    line = (f"{body}102學年度第1學期第5次行政會議紀錄 {m1}時間:102年12月12日(星期四)上午9時 "
            f"{m2}地點:行政大樓第2演講廳 {m3}主席:張校長清風 紀錄:蔡欣慧 {m4}校長報告:一本人昨日參加論壇。")
    m = run("Size: px\nTranscription\n\n1 " + letter_spaced(line) + "\n")
    got = (m.meeting.body, m.meeting.date, m.meeting.start_time, m.meeting.chair, m.meeting.recorder)
    assert got == (body, "2013-12-12", "09:00", "張清風", "蔡欣慧")
    assert "".join((m.meeting.location or "").split()) == "行政大樓第2演講廳"


@pytest.mark.parametrize("tag", ["<br />", "<br>", "<BR/>", "</p>", "&nbsp;"])
def test_html_tags_left_in_the_text_are_not_read(tag: str) -> None:
    """國立某某家商97學年度…紀錄<br />\\n開會時間：98年2月13日下午1時30分<br />: a page's export
    keeps its tags; the fields read without them and every span still points into the text."""
    lines = ["國立某某家商97學年度第2學期期初校務會議紀錄", "開會時間：98年2月13日下午1時30分", "開會地點：本校行政大樓 7 樓會議室",
             "主 席：鐘校長 長生  紀錄：黃秀丹", "壹、主席致詞：", "一、本學期各項工作請各處室依計畫辦理。"]
    m = run("\n".join(line + tag for line in lines) + "\n")
    assert (m.meeting.date, m.meeting.start_time, m.meeting.location, m.meeting.recorder) == \
        ("2009-02-13", "13:30", "本校行政大樓 7 樓會議室", "黃秀丹")
    for field, (a, b) in m.meeting.spans.items():
        assert tag not in m.text[a:b], field


@pytest.mark.parametrize("title_end", ["會議紀錄", "會議記錄"])
@pytest.mark.parametrize("lead", ["", "1、"])
def test_a_flattened_header_line(title_end: str, lead: str) -> None:
    """…會議紀錄時間:93年12月10日…地點:行政大樓5007會議室主席:張校長宗仁紀錄:廖櫻玉壹、主席報告…:
    a transcription that runs the title, the fields and the first section into one line."""
    text = (f"{lead}國立某某大學93學年度第2次校務研究發展委員會{title_end}時間:93年12月10日(星期五)上午9時18分"
            "地點:行政大樓5007會議室主席:張校長宗仁紀錄:廖櫻玉壹、主席報告到會人數已達法定人數,隨即宣佈開會。"
            "貳、主席致詞:本會議係研議校務發展之重要會議。\n")
    m = run(text)
    got = (m.meeting.date, m.meeting.start_time, m.meeting.location, m.meeting.chair, m.meeting.recorder)
    assert got == ("2004-12-10", "09:18", "行政大樓5007會議室", "張宗仁", "廖櫻玉")


MEMBERS = ["黃富源", "曹汶龍", "江翠如", "蔡墩銘", "張劍男", "林敏雄", "黃奇", "周兆民", "羅瑩雪"]


@pytest.mark.parametrize("start", range(0, 7, 3))
def test_names_run_together_in_a_letter_spaced_roster(start: int) -> None:
    """出 席 委 員 : 黃 富 源 曹 汶 龍 江 翠 如 …: a transcription that set a space after every
    character lost the spaces between the names; each name still reads with the label's title."""
    members = MEMBERS[start:] + MEMBERS[:start]
    line = (f"某某審議委員會第121次會議紀錄 壹時間:99年1月7日下午2時30分 貳地點:本署會議室 參主席:林召集人瑞宜 "
            f"紀錄:莊麗惠 肆出席委員:{''.join(members)} 伍請假委員:陳香吟胡幼圃 陸列席:黃育文 柒確認上次會議紀錄")
    m = run("1 " + letter_spaced(line) + "\n")
    people = {(p.name, p.title) for p in m.people}
    for name in [*members, "陳香吟", "胡幼圃"]:
        assert (name, "委員") in people, (name, sorted(people))
