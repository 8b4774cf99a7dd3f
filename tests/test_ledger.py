"""The 列管 case ledger (`minutes cases`), meeting links, overdue action items, and the ledger table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from pipeline.audit.archive import find_links, from_minutes, load_archive
from pipeline.audit.ledger import build_ledger, clause_around, encoded_origin
from pipeline.audit.overdue import UNASSIGNED, action_statuses, overdue_by_assignee
from pipeline.models import ActionItem, CaseNumber, Coverage, Meeting, Minutes, Section, SourceInfo

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import FOUNDING, extract_to, minutes_cli
except ImportError:
    from audit_support import FOUNDING, extract_to, minutes_cli  # type: ignore[no-redef]

CLOSED = {"10601", "10602", "10603", "10604", "10605", "10607"}
CONTINUED = {"9903", "9904", "10502", "10606"}

# An earlier meeting of the founding document's series: it opens the cases that meeting 107 decides on.
MEETING_106 = """臺北市政府秘書處第106次處務會議紀錄

時間:民國 110 年 11 月 18 日 10 時 0 分

地點:視訊會議

主席: 陳志銘 紀錄: 陳慧玲

出席:如簽到表

壹、宣讀 110 年 10 月 21 日第 105 次處務會議紀錄。

會議結論:紀錄確定。

貳、報告事項

一、第105次處務會議結論事項辦理情形報告。

會議結論:

(一)同意備查。
(二)列管案號10501同意解除列管;列管案號9903、9904及10502賡續列管。

二、各組室業務工作報告。

會議結論:

(一)同意備查。
(二)本次會議列管案號10601、10602、10603、10604、10605、10606及10607新增列管。
(三)請總務組於12月10日前完成職務宿舍耐震補強案招標作業。

參、臨時動議

無。

散會(11時30分)
"""


def _cases(out: Path) -> dict[str, dict[str, object]]:
    res = minutes_cli("cases", str(out), "--json")
    assert res.returncode == 0, res.stderr
    return {c["case_id"]: c for c in json.loads(res.stdout)["cases"]}


@pytest.fixture(scope="module")
def founding_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract_to(tmp_path_factory.mktemp("founding"), FOUNDING)


@pytest.fixture(scope="module")
def two_meetings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("two_src")
    (src / "taipei_secretariat_106.md").write_text(MEETING_106, encoding="utf-8")
    (src / "taipei_secretariat_107.md").write_text(FOUNDING.read_text(encoding="utf-8"), encoding="utf-8")
    return extract_to(tmp_path_factory.mktemp("two_out"), src)


# ---- the founding document -----------------------------------------------------------------------

def test_founding_document_lists_its_ten_cases(founding_out: Path) -> None:
    cases = _cases(founding_out)
    assert set(cases) == CLOSED | CONTINUED
    for cid in CLOSED:
        assert cases[cid]["last_status"] == "closed" and not cases[cid]["open_at_latest"], cid
        assert cases[cid]["closed_date"] == "2021-12-16"
    for cid in CONTINUED:
        assert cases[cid]["last_status"] == "continued" and cases[cid]["open_at_latest"], cid
        assert cases[cid]["closed_date"] is None


def test_founding_document_reads_the_opening_meeting_from_the_case_number(founding_out: Path) -> None:
    cases = _cases(founding_out)
    c = cases["10601"]
    assert c["opened_basis"] == "case_number_outside_archive"
    assert c["opened_session"] == 106 and c["meetings_open"] == 1
    assert "not in the archive" in str(c["opened_note"])
    assert cases["9903"]["opened_session"] == 99 and cases["9903"]["meetings_open"] == 8
    decision = c["decisions"][0]  # type: ignore[index]
    assert decision["status"] == "closed" and decision["session"] == 107
    text = json.loads((founding_out / "json" / "taipei_secretariat_107.json").read_text(encoding="utf-8"))["text"]
    assert text[decision["span"][0]:decision["span"][1]] == "10601"
    assert "解除列管" in decision["quote"]


def test_founding_document_table_and_csv(founding_out: Path) -> None:
    res = minutes_cli("cases", str(founding_out), "--meetings")
    assert res.returncode == 0, res.stderr
    assert "10 cases, 1 meetings" in res.stdout
    for cid in CLOSED | CONTINUED:
        assert cid in res.stdout
    assert "not in the archive" in res.stdout
    res = minutes_cli("cases", str(founding_out), "--csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["case_id"]: r["open_at_latest"] for r in rows} == {
        **{c: "False" for c in CLOSED}, **{c: "True" for c in CONTINUED}}


def test_founding_document_links_to_the_meeting_it_confirms_and_follows_up(founding_out: Path) -> None:
    archive = load_archive(founding_out)
    (meeting,) = archive.meetings
    confirms, follows = meeting.link("confirms"), meeting.link("follows_up")
    assert confirms is not None and confirms.session == 106 and confirms.date == "2021-11-18"
    assert follows is not None and follows.session == 106
    assert "辦理情形" in follows.text
    assert confirms.target is None  # meeting 106 is not in this archive


# ---- a two-meeting archive -----------------------------------------------------------------------

def test_a_case_opened_in_one_meeting_and_closed_in_the_next(two_meetings: Path) -> None:
    cases = _cases(two_meetings)
    c = cases["10601"]
    assert c["opened_basis"] == "new" and c["opened_doc"] == "taipei_secretariat_106"
    assert c["opened_date"] == "2021-11-18"
    assert c["closed_doc"] == "taipei_secretariat_107" and c["closed_date"] == "2021-12-16"
    assert [d["status"] for d in c["decisions"]] == ["new", "closed"]  # type: ignore[union-attr]
    assert c["meetings_open"] == 1 and c["days_open"] == 28 and not c["open_at_latest"]
    still = cases["10606"]
    assert still["opened_basis"] == "new" and still["open_at_latest"] and still["days_open"] == 28
    assert cases["10502"]["first_seen_doc"] == "taipei_secretariat_106"
    assert [d["status"] for d in cases["10502"]["decisions"]] == ["continued", "continued"]  # type: ignore[union-attr]
    assert cases["10501"]["closed_doc"] == "taipei_secretariat_106"


def test_two_meetings_table_shows_the_opening_and_the_closing(two_meetings: Path) -> None:
    res = minutes_cli("cases", str(two_meetings))
    assert res.returncode == 0, res.stderr
    line = next(x for x in res.stdout.splitlines() if x.startswith("10601 "))
    assert "第106次 new; 第107次 closed" in line and "2021-12-16" in line and line.rstrip().endswith("no")


def test_two_meetings_are_linked(two_meetings: Path) -> None:
    archive = load_archive(two_meetings)
    first, second = archive.meetings
    assert first.stem == "taipei_secretariat_106" and second.stem == "taipei_secretariat_107"
    for kind in ("confirms", "follows_up"):
        link = second.link(kind)  # type: ignore[arg-type]
        assert link is not None and link.target == first.stem, kind
    assert first.link("confirms") is not None and first.link("confirms").session == 105  # type: ignore[union-attr]


def test_overdue_items_of_the_two_meetings(two_meetings: Path) -> None:
    res = minutes_cli("overdue", str(two_meetings), "--as-of", "2021-12-20", "--json")
    assert res.returncode == 0, res.stderr
    groups = json.loads(res.stdout)["assignees"]
    items = groups.get("總務組", [])
    assert any(i["deadline"] == "2021-12-10" and i["doc"] == "taipei_secretariat_106" for i in items), groups
    item = next(i for i in items if i["deadline"] == "2021-12-10")
    assert item["followed_up_in"] == ["taipei_secretariat_107"]
    assert item["closure"] == "partly_closed"  # 10606 continued, the other 106xx cases closed
    assert "12月10日前" in item["citation"]


def test_case_ledger_table_is_written_by_the_hook(two_meetings: Path) -> None:
    import pyarrow.parquet as pq

    from pipeline.audit.tables import build_case_ledger_table

    build_case_ledger_table(two_meetings)
    table = pq.read_table(two_meetings / "parquet" / "case_ledger")
    rows = {r["case_id"]: r for r in table.to_pylist()}
    assert rows["10601"]["closed_date"] == date(2021, 12, 16)
    assert rows["10601"]["decisions"][1]["status"] == "closed"
    assert rows["10606"]["open_at_latest"] is True
    assert table.schema.field("days_open").metadata[b"description"]


def test_extract_writes_the_case_ledger_table(two_meetings: Path) -> None:
    assert (two_meetings / "parquet" / "meetings").is_dir()
    assert list((two_meetings / "parquet" / "case_ledger").glob("*.parquet"))


# ---- the ledger logic on hand-made results ---------------------------------------------------------

def _minutes(stem: str, session: int | None, day: str | None, text: str, cases: list[tuple[str, str]],
             actions: Sequence[tuple[str, list[str], str | None]] = (), body: str = "某機關"
             ) -> tuple[str, Minutes]:
    found: list[CaseNumber] = []
    for cid, status in cases:
        i = text.index(cid)
        found.append(CaseNumber(text=cid, span=(i, i + len(cid)), id=cid, status=status))  # type: ignore[arg-type]
    items = []
    for quote, who, due in actions:
        i = text.index(quote)
        items.append(ActionItem(text=quote, span=(i, i + len(quote)), assignees=who, deadline=due, trigger="請",
                                section="reports", page=1))
    m = Minutes(pipeline_version="test", profile="default",
                source=SourceInfo(path=f"{stem}.txt", sha256=stem.encode().hex().ljust(64, "0"), format="text"),
                text=text, meeting=Meeting(body=body, name="會報", session=session, date=day),
                case_numbers=found, action_items=items,
                coverage=Coverage(chars_total=len(text), chars_in_sections=0, share_in_sections=0.0))
    return stem, m


def test_reopened_case_and_counting_without_sessions() -> None:
    a = _minutes("a", None, "2020-01-10", "案號301新增列管。請甲組於1月20日前辦理。", [("301", "new")],
                 [("請甲組於1月20日前辦理", ["甲組"], "2020-01-20")])
    b = _minutes("b", None, "2020-02-10", "案號301解除列管。", [("301", "closed")])
    c = _minutes("c", None, "2020-03-10", "案號301繼續列管。請辦理。", [("301", "continued")],
                 [("請辦理", [], "2020-03-01")])
    d = _minutes("d", None, "2020-04-10", "無列管案件。", [])
    archive = from_minutes([d, c, b, a])
    assert [m.stem for m in archive.meetings] == ["a", "b", "c", "d"]
    ledger = build_ledger(archive)
    (case,) = ledger.cases
    assert case.opened_basis == "new" and case.open_at_latest and case.closed_doc is None
    assert case.meetings_open == 3 and case.days_open == 91  # a -> d, the latest meeting
    statuses = action_statuses(archive, date(2020, 3, 5), ledger)
    groups = overdue_by_assignee(statuses)
    assert list(groups) == ["(unassigned)", "甲組"] and UNASSIGNED in groups
    assert groups["甲組"][0].days_overdue == 45 and groups["甲組"][0].page is None  # text input: no page
    assert [s.state for s in statuses] == ["overdue", "overdue"]
    assert all(s.state == "due" for s in action_statuses(archive, date(2020, 1, 1), ledger))


def test_series_are_kept_apart_and_origin_is_only_trusted_when_plausible() -> None:
    a = _minutes("x1", 5, "2020-01-01", "列管案號10601繼續列管", [("10601", "continued")], body="甲機關")
    b = _minutes("y1", 107, "2020-01-01", "列管案號10601解除列管", [("10601", "closed")], body="乙機關")
    ledger = build_ledger(from_minutes([a, b]))
    by_series = {c.series: c for c in ledger.cases}
    assert by_series["甲機關 會報"].opened_basis == "first_seen"  # number 106 > session 5: not an origin
    assert by_series["甲機關 會報"].open_at_latest
    assert by_series["乙機關 會報"].opened_basis == "case_number_outside_archive"
    assert not by_series["乙機關 會報"].open_at_latest


def test_small_helpers() -> None:
    assert encoded_origin("10601") == (106, 1)
    assert encoded_origin("9903") == (99, 3)
    assert encoded_origin("A12") is None and encoded_origin("01") is None
    text = "(一)同意備查。(二)列管案號10601解除列管;列管案號9903賡續列管。"
    i = text.index("9903")
    assert clause_around(text, (i, i + 4)) == "列管案號9903賡續列管"


def test_links_from_headings() -> None:
    text = "某會第12次會議紀錄\n壹、確認上次會議紀錄\n貳、上次會議決議事項執行情形\n參、第十一次會議交辦案件辦理情形"
    _, m = _minutes("z", 12, "2020-05-01", text, [])
    heading = text.index("壹、確認上次會議紀錄")
    m.sections = [Section(kind="previous_minutes", heading="壹、確認上次會議紀錄",
                          span=(heading, heading + 10), heading_span=(heading, heading + 10))]
    (confirms,) = find_links(m)
    assert confirms.kind == "confirms" and confirms.previous and confirms.session is None
    m.sections = []  # no outline: the short lines are read instead
    links = {x.kind: x for x in find_links(m)}
    assert links["confirms"].previous and links["follows_up"].previous
    assert links["follows_up"].text == "上次會議決議事項執行情形"


def test_links_take_the_meeting_number_and_the_latest_meeting_with_it() -> None:
    """A council numbers its meetings anew in each 定期大會: 第3次定期大會第1次 is not 第2次定期大會第1次."""
    def council(stem: str, day: str, session: int, heading: str) -> tuple[str, Minutes]:
        stem, m = _minutes(stem, session, day, f"某市議會會議紀錄\n{heading}\n", [], body="某市議會")
        return stem, m

    docs = [council("r2_m1", "2011-10-01", 1, "一、報告事項"),
            council("r2_m2", "2011-10-02", 2, "一、宣讀本會第1屆第2次定期大會第1次會議紀錄"),
            council("r3_m1", "2012-04-01", 1, "一、報告事項"),
            council("r3_m2", "2012-04-02", 2, "一、宣讀本會第 1 屆第 3 次定期大會第 1 次會議紀錄")]
    archive = from_minutes(docs)
    links = {m.stem: m.link("confirms") for m in archive.meetings}
    assert links["r2_m2"] is not None and links["r2_m2"].session == 1 and links["r2_m2"].target == "r2_m1"
    assert links["r3_m2"] is not None and links["r3_m2"].session == 1 and links["r3_m2"].target == "r3_m1"
