"""SQL for auditors: `minutes export OUT --duckdb FILE` and `--csv DIR`; the case_ledger table is the ledger
`minutes cases --json` prints; every table, column, view of the output is in the codebook."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.export.codebook import arrow_type
from pipeline.export.sql import MACROS, VIEWS, all_tables

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.tables_support import FOUNDING, REPO, minutes_cli, table_archive
except ImportError:
    from tables_support import FOUNDING, REPO, minutes_cli, table_archive  # type: ignore[no-redef]

CODEBOOK = REPO / "docs" / "codebook.md"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return table_archive(tmp_path_factory)


@pytest.fixture(scope="module")
def exported(out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    where = tmp_path_factory.mktemp("export")
    db, folder = where / "archive.duckdb", where / "csv"
    res = minutes_cli("export", str(out), "--duckdb", str(db), "--csv", str(folder))
    assert res.returncode == 0, res.stderr
    return db, folder


# ---- one ledger ----------------------------------------------------------------------------------

def _iso(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def test_case_ledger_table_equals_minutes_cases_json(out: Path) -> None:
    res = minutes_cli("cases", str(out), "--json")
    assert res.returncode == 0, res.stderr
    cases = json.loads(res.stdout)["cases"]
    table = pq.read_table(out / "parquet" / "case_ledger").to_pylist()
    assert [(r["series"], r["case_id"]) for r in table] == [(c["series"], c["case_id"]) for c in cases]
    assert len(table) == 11  # 106 opens 10601-10607 and decides on 9903, 9904, 10501, 10502
    for row, case in zip(table, cases, strict=True):
        shared = [k for k in row if k in case and k != "decisions"]
        assert len(shared) >= 18
        assert {k: _iso(row[k]) for k in shared} == {k: case[k] for k in shared}, case["case_id"]
        assert row["n_decisions"] == len(case["decisions"])
        for got, want in zip(row["decisions"], case["decisions"], strict=True):
            assert (got["json_file"], got["start"], got["end"]) == (f"{want['doc']}.json", *want["span"])
            for k in ("meeting_id", "session", "status", "text", "page", "status_text", "quote"):
                assert got[k] == want[k], k
            assert _iso(got["date"]) == want["date"]
    by_id = {r["case_id"]: r for r in table}
    # the opening of 10501 (meeting 105, not in the archive) is dated by 106's 宣讀 heading: the table
    # used to lose that date (its documents were read without their dates)
    assert _iso(by_id["10501"]["opened_date"]) == "2021-10-21" and by_id["10501"]["days_open"] == 28
    assert by_id["10601"]["opened_basis"] == "new" and _iso(by_id["10601"]["closed_date"]) == "2021-12-16"


# ---- DuckDB --------------------------------------------------------------------------------------

def test_the_duckdb_file_holds_every_table_and_the_views(out: Path, exported: tuple[Path, Path]) -> None:
    db, _ = exported
    con = duckdb.connect(str(db), read_only=True)
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert set(all_tables()) | {v.name for v in VIEWS} | {"codebook", "export_info"} == names
    for name in all_tables():
        n = con.execute(f"SELECT count(*) FROM {name}").fetchone()
        assert n is not None and n[0] == pq.read_table(out / "parquet" / name).num_rows, name
    actions = con.execute("SELECT count(*) FROM action_items").fetchone()
    assert con.execute("SELECT count(*) FROM action_items_in_context").fetchone() == actions
    n_assignments = con.execute("SELECT count(*) FROM action_assignments").fetchone()
    expected = con.execute("""SELECT sum(greatest(len(assignees), 1)) FROM action_items""").fetchone()
    assert n_assignments == expected
    # comments: the codebook's meanings travel with the file
    comment = con.execute("""SELECT comment FROM duckdb_columns() WHERE table_name = 'action_items'
                             AND column_name = 'block_id'""").fetchone()
    assert comment is not None and "block" in comment[0]
    book = con.execute("SELECT count(*) FROM codebook WHERE kind = 'column'").fetchone()
    assert book == (sum(len(s.columns) for s in all_tables().values()),)


def test_an_auditor_s_questions_in_sql(exported: tuple[Path, Path]) -> None:
    db, _ = exported
    con = duckdb.connect(str(db), read_only=True)
    # which directives past their deadline, given to whom, cited by file, span and words
    overdue = con.execute("""SELECT assignee_canonical, assignee_type, deadline, days_overdue, json_file, start,
                                    "end", text, section_kind, item_heading, block_label
                             FROM overdue_actions(DATE '2021-12-20')""").fetchall()
    assert [(r[0], r[1], str(r[2]), r[3], r[4]) for r in overdue] == [
        ("總務組", "unit", "2021-12-10", 10, "taipei_secretariat_106.json")]
    assert overdue[0][7].startswith("請總務組於12月10日前") and overdue[0][10] == "會議結論"
    assert overdue[0][8] == "reports" and overdue[0][9].startswith("(三)請總務組")
    later = con.execute("SELECT count(*) FROM overdue_actions(DATE '2022-01-01')").fetchone()
    assert later is not None and later[0] == 2  # and 107's 各組室: 12月底前
    # directives per unit, by canonical name
    per_unit = dict(con.execute("""SELECT assignee_canonical, count(DISTINCT action_id) FROM action_assignments
                                   WHERE assignee_type = 'unit' GROUP BY 1""").fetchall())
    assert per_unit["市政大樓公共事務管理中心"] == 2 and per_unit["市民服務組"] == 2
    # how long each case stayed open, and every decision with its place in the outline
    trail = con.execute("""SELECT status, meeting_date, event_id, item_id FROM case_decisions
                           WHERE case_id = '10601' ORDER BY meeting_date""").fetchall()
    assert [(r[0], str(r[1])) for r in trail] == [("new", "2021-11-18"), ("closed", "2021-12-16")]
    assert all(r[2] and r[3] for r in trail)
    no_event = con.execute("SELECT count(*) FROM case_decisions WHERE event_id IS NULL").fetchone()
    assert no_event == (0,)


def test_csv_files_for_every_table_and_view(out: Path, exported: tuple[Path, Path]) -> None:
    db, folder = exported
    con = duckdb.connect(str(db), read_only=True)
    expected = [*all_tables(), *(v.name for v in VIEWS)]
    assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(expected)
    assert not list(folder.glob(".*"))  # no temporary file left
    for name in expected:
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        columns = [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall()]
        n = con.execute(f"SELECT count(*) FROM {name}").fetchone()
        assert n is not None and len(rows) == n[0], name
        if rows:
            assert list(rows[0]) == columns, name
    with (folder / "meetings.csv").open(encoding="utf-8", newline="") as fh:
        meetings = list(csv.DictReader(fh))
    assert all(isinstance(json.loads(m["review_reasons"]), list) for m in meetings)  # lists as JSON text
    assert {m["body_normalised"] for m in meetings} >= {"臺北市都市計畫委員會", "臺北市政府秘書處"}


def test_export_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    res = minutes_cli("export", str(tmp_path))
    assert res.returncode == 2 and "--duckdb" in res.stderr
    res = minutes_cli("export", str(tmp_path / "missing"), "--duckdb", str(tmp_path / "x.duckdb"))
    assert res.returncode == 2 and "no such folder" in res.stderr
    res = minutes_cli("export", str(tmp_path), "--duckdb", str(tmp_path / "x.duckdb"), "--csv", str(tmp_path / "c"))
    assert res.returncode == 2 and "minutes extract" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing created


# ---- the codebook --------------------------------------------------------------------------------

def _codebook_tables() -> dict[str, dict[str, str]]:
    """table -> {column: type} as docs/codebook.md lists them."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in CODEBOOK.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = found.setdefault(line[3:].strip(), {})
        elif line.startswith("### "):
            current = None
        elif current is not None:
            m = re.match(r"^\| `([^`]+)` \| (.+?) \| (yes|no) \| .+ \|$", line)
            if m:
                current[m.group(1)] = m.group(2)
    return found


def test_every_table_and_column_written_is_in_the_codebook(out: Path, exported: tuple[Path, Path]) -> None:
    book = _codebook_tables()
    written = sorted(p.name for p in (out / "parquet").iterdir() if p.is_dir())
    assert written == sorted(all_tables())
    for name in written:
        assert name in book, f"table {name} is not in docs/codebook.md"
        schema = pq.read_schema(next((out / "parquet" / name).glob("*.parquet")))
        for field in schema:
            assert field.name in book[name], f"{name}.{field.name} is not in docs/codebook.md"
            assert book[name][field.name] == arrow_type(field.type), f"{name}.{field.name}"
        assert set(book[name]) == set(schema.names), name
    text = CODEBOOK.read_text(encoding="utf-8")
    db, _ = exported
    con = duckdb.connect(str(db), read_only=True)
    for (obj,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        assert f"`{obj}`" in text, f"{obj} of the DuckDB file is not in docs/codebook.md"
    for signature, _, _ in MACROS:
        assert f"`{signature}`" in text
    assert "minutes export OUT --duckdb FILE" in text


def test_the_same_document_under_two_names_is_one_meeting_in_the_ledger(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a_107.md", "b_107.md"):
        (src / name).write_bytes(FOUNDING.read_bytes())
    out = tmp_path / "out"
    assert minutes_cli("extract", str(src), "--out", str(out)).returncode == 0
    assert len(list((out / "json").glob("*.json"))) == 2
    res = minutes_cli("cases", str(out), "--json")
    ledger = json.loads(res.stdout)
    assert [m["doc"] for m in ledger["meetings"]] == ["a_107"]  # the first input, as meetings.json_file
    assert all(len(c["decisions"]) == 1 for c in ledger["cases"]) and len(ledger["cases"]) == 10
    table = pq.read_table(out / "parquet" / "case_ledger").to_pylist()
    assert [r["n_decisions"] for r in table] == [1] * 10
    meetings = pq.read_table(out / "parquet" / "meetings").to_pylist()
    assert [m["json_file"] for m in meetings] == ["a_107.json"]
