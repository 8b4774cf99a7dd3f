"""The archive's tables join by id: every row names its parents (section, item, block, action item) by
ids computed from span containment, ids are stable, assignees are typed, body names grouped, dates and
times typed, pages as in the JSON, and a per-document needs_review flag. Built with `minutes extract`
from real minutes in tests/fixtures, queried with pandas and DuckDB."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.export.assignees import typed_assignees
from pipeline.export.tables import TABLES

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.tables_support import FOUNDING, TEXT_STEMS, extract, load_json, table_archive
except ImportError:
    from tables_support import FOUNDING, TEXT_STEMS, extract, load_json, table_archive  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return table_archive(tmp_path_factory)


def _df(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / "parquet" / table)


def _con(out: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{out}/parquet/{t}/*.parquet')")
    return con


def _s(value: Any) -> str | None:
    """A string cell, or None for a null (which pandas reads as NaN)."""
    return value if isinstance(value, str) else None


def _stems(out: Path) -> dict[str, str]:
    """meeting_id -> JSON stem."""
    m = _df(out, "meetings")
    return {r.meeting_id: r.json_file[:-5] for r in m.itertuples()}


# ---- ids and parents -----------------------------------------------------------------------------

def test_every_id_is_unique_and_every_parent_id_resolves(out: Path) -> None:
    con = _con(out)
    keys = {"meetings": "meeting_id", "sections": "section_id", "items": "item_id", "blocks": "block_id",
            "action_items": "action_id", "action_assignees": "assignee_id", "dates": "date_id",
            "case_events": "event_id", "entities": "entity_id"}
    for table, key in keys.items():
        n, distinct = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()  # type: ignore[misc]
        assert n == distinct and n > 0, table
    parents = [("items", "section_id", "sections"), ("items", "parent_item_id", "items", "item_id"),
               ("blocks", "section_id", "sections"), ("blocks", "item_id", "items"),
               ("action_items", "section_id", "sections"), ("action_items", "item_id", "items"),
               ("action_items", "block_id", "blocks"), ("action_items", "deadline_date_id", "dates", "date_id"),
               ("action_assignees", "action_id", "action_items"), ("action_assignees", "entity_id", "entities")]
    for t in ("dates", "case_events", "entities"):
        parents += [(t, "section_id", "sections"), (t, "item_id", "items"), (t, "block_id", "blocks"),
                    (t, "action_id", "action_items")]
    for child, col, parent, *pk in parents:
        key = pk[0] if pk else col
        dangling = con.execute(f"""SELECT count(*) FROM {child} c WHERE c.{col} IS NOT NULL
                                   AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{col}
                                                   AND p.meeting_id = c.meeting_id)""").fetchone()
        assert dangling == (0,), (child, col)
        filled = con.execute(f"SELECT count(*) FROM {child} WHERE {col} IS NOT NULL").fetchone()
        if (child, col) != ("case_events", "action_id"):  # no directive here names a case number
            assert filled is not None and filled[0] > 0, (child, col)  # the join is exercised, not vacuous
    # an item's parent is in its section; a block's item is in the block's section
    assert con.execute("""SELECT count(*) FROM items c JOIN items p ON p.item_id = c.parent_item_id
                          WHERE p.section_id <> c.section_id OR p.depth + 1 <> c.depth""").fetchone() == (0,)
    assert con.execute("""SELECT count(*) FROM blocks b JOIN items i ON i.item_id = b.item_id
                          WHERE i.section_id <> b.section_id""").fetchone() == (0,)


def test_ids_are_the_meeting_id_and_an_ordinal_path(out: Path) -> None:
    con = _con(out)
    for sid, mid, ordinal in con.execute("SELECT section_id, meeting_id, ordinal FROM sections").fetchall():
        assert sid == f"{mid}-s{ordinal}"
    rows = con.execute("""SELECT i.item_id, coalesce(p.item_id, i.section_id) FROM items i
                          LEFT JOIN items p ON p.item_id = i.parent_item_id""").fetchall()
    for iid, parent in rows:
        assert re.fullmatch(re.escape(parent) + r"\.\d+", iid), (iid, parent)
    for bid, owner in con.execute("SELECT block_id, coalesce(item_id, section_id) FROM blocks").fetchall():
        assert re.fullmatch(re.escape(owner) + r"-b\d+", bid), (bid, owner)
    for aid, mid, ordinal in con.execute("SELECT action_id, meeting_id, ordinal FROM action_items").fetchall():
        assert aid == f"{mid}-a{ordinal}"
    for xid, aid, ordinal in con.execute("SELECT assignee_id, action_id, ordinal FROM action_assignees").fetchall():
        assert xid == f"{aid}-{ordinal}"


def test_parents_are_the_spans_that_contain_the_row(out: Path) -> None:
    """Every action item and mention lies in its section, item and block; the item is the innermost one
    (no child of it holds the row); the block belongs to that item or one of its ancestors."""
    sections = _df(out, "sections").set_index("section_id")
    items = _df(out, "items").set_index("item_id")
    blocks = _df(out, "blocks").set_index("block_id")
    children: dict[str, list[str]] = {}
    for iid, parent in items["parent_item_id"].items():
        children.setdefault(parent if isinstance(parent, str) else items.loc[iid, "section_id"], []).append(iid)

    def ancestors(iid: Any) -> set[str]:
        seen: set[str] = set()
        while isinstance(iid, str):
            seen.add(iid)
            iid = items.loc[iid, "parent_item_id"]
        return seen

    checked = 0
    for table in ("action_items", "dates", "case_events", "entities"):
        for r in _df(out, table).itertuples():
            if not isinstance(r.section_id, str):
                continue
            assert sections.loc[r.section_id, "start"] <= r.start < sections.loc[r.section_id, "end"]
            owner = r.item_id if isinstance(r.item_id, str) else r.section_id
            if isinstance(r.item_id, str):
                assert items.loc[r.item_id, "start"] <= r.start < items.loc[r.item_id, "end"]
            for child in children.get(owner, []):
                assert not (items.loc[child, "start"] <= r.start < items.loc[child, "end"]), (table, r)
            if isinstance(r.block_id, str):
                b = blocks.loc[r.block_id]
                assert b["start"] <= r.start < b["end"]
                assert _s(b["item_id"]) is None or b["item_id"] in ancestors(r.item_id), (table, r.block_id)
            checked += 1
    assert checked > 100


def test_action_items_lead_to_their_item_and_block_as_the_json_says(out: Path) -> None:
    """The table's item and block of an action item are those the extraction names (by heading and label),
    now as ids: no heading has to be matched, even where headings repeat (the founding document's
    (一)同意備查 three times, 會議結論 five times)."""
    items = _df(out, "items").set_index("item_id")
    blocks = _df(out, "blocks").set_index("block_id")
    actions = _df(out, "action_items")
    stems = _stems(out)
    compared = 0
    for mid, group in actions.groupby("meeting_id"):
        doc = load_json(out, stems[str(mid)])
        by_span = {tuple(a["span"]): a for a in doc["action_items"]}
        for r in group.itertuples():
            a = by_span[(r.start, r.end)]
            assert (items.loc[r.item_id, "text"] if isinstance(r.item_id, str) else None) == a["item"]
            assert (blocks.loc[r.block_id, "label"] if isinstance(r.block_id, str) else None) == a["block"]
            assert _s(r.item_heading) == a["item"] and _s(r.block_label) == a["block"]
            compared += 1
    assert compared == len(actions) > 20
    founding = load_json(out, FOUNDING.stem)
    headings = [it["heading"] for s in founding["sections"] for it in _walk(s["items"])]
    assert sum(h.replace(" ", "").endswith("(一)同意備查。") for h in headings) >= 2  # text would not join


def _walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for it in items:
        out.append(it)
        out += _walk(it["children"])
    return out


def test_a_directive_in_the_founding_document_leads_to_its_item_block_and_assignees(out: Path) -> None:
    con = _con(out)
    row = con.execute("""
        SELECT s.kind, i.text, p.text, b.label, b.item_id = p.item_id, list(x.canonical ORDER BY x.ordinal),
               list(x.type ORDER BY x.ordinal), list(e.name ORDER BY x.ordinal)
        FROM action_items a JOIN sections s USING (section_id) JOIN items i USING (item_id)
        JOIN items p ON p.item_id = i.parent_item_id JOIN blocks b ON b.block_id = a.block_id
        JOIN action_assignees x ON x.action_id = a.action_id LEFT JOIN entities e ON e.entity_id = x.entity_id
        WHERE a.text LIKE '%公管中心及市民服務組%'
        GROUP BY ALL""").fetchall()
    assert len(row) == 1
    kind, item, parent, label, block_of_parent, canonical, types, entity_names = row[0]
    assert kind == "reports" and "(六)視訊遠距法律專業諮詢服務" in item and parent.startswith("四、各組室業務工作報告")
    assert label == "會議結論" and block_of_parent  # the 會議結論 of 四、 covers its (一)…(十)
    assert canonical == ["市政大樓公共事務管理中心", "市民服務組"] and types == ["unit", "unit"]
    assert entity_names == ["公管中心", "市民服務組"]


def test_ids_do_not_depend_on_the_rest_of_the_archive(out: Path, tmp_path: Path) -> None:
    """The founding document extracted alone has the same ids and rows as in the six-document archive."""
    alone = extract(tmp_path / "alone", FOUNDING)
    for table in ("sections", "items", "blocks", "action_items", "action_assignees", "dates", "case_events",
                  "entities"):
        a = pq.read_table(alone / "parquet" / table).to_pylist()
        ids = {r["meeting_id"] for r in a}
        b = [r for r in pq.read_table(out / "parquet" / table).to_pylist() if r["meeting_id"] in ids]
        assert len(a) > 0 and a == b, table


# ---- assignees -----------------------------------------------------------------------------------

def test_assignees_are_typed_with_a_canonical_form(out: Path) -> None:
    x = _df(out, "action_assignees")
    actions = _df(out, "action_items")
    assert len(x) == sum(len(a) for a in actions["assignees"])
    assert set(x["type"]) <= {"unit", "person", "role", "collective", "outside_body", "unknown"}
    typed = {(r.text, r.type, r.canonical) for r in x.itertuples()}
    assert ("公管中心", "unit", "市政大樓公共事務管理中心") in typed  # a unit, by its profile name
    assert ("各組室", "collective", "各組室") in typed
    assert ("總務組", "unit", "總務組") in typed  # meeting 106
    assert ("理事長", "role", "理事長") in typed  # asroc: 請理事長連絡…
    assert ("台糖公司", "outside_body", "臺糖公司") in typed  # 503: another organisation, folded
    persons = [r for r in x.itertuples() if r.type == "person"]
    assert ("劉小蘭", "person", "劉小蘭") in typed and persons
    assert all(r.canonical == r.text for r in persons)  # a person's name is never folded (台 stays 台)
    assert set(x["type_source"]) == {"extraction"}  # the extractors type the ones they read
    founding = x[x["meeting_id"].map(_stems(out)) == FOUNDING.stem]
    # the ten assignees that are the body's units each name a division mention (各長官同仁, a group of
    # people asked as a whole, names none)
    assert (founding["entity_id"].notna() == founding["type"].isin(["unit", "collective"])).all() or \
        len(founding[founding["entity_id"].notna()]) == 10
    text = {stem: load_json(out, stem)["text"] for stem in _stems(out).values()}
    stems = _stems(out)
    for r in x.itertuples():
        if r.start == r.start and r.start is not None:  # grounded: the words are there
            written = text[stems[r.meeting_id]][int(r.start):int(r.end)]
            assert re.sub(r"\s", "", written) == re.sub(r"\s", "", r.text)


def test_extraction_s_assignee_details_are_preferred() -> None:
    action = SimpleNamespace(assignees=["公管中心"], assignee_details=[
        SimpleNamespace(text="公管中心", canonical="市政大樓公共事務管理中心", type="unit"),
        SimpleNamespace(text="資訊局", canonical="臺北市政府資訊局", type="outside_body"),
        SimpleNamespace(text="某某", canonical=None, type="not-a-type")])
    got = typed_assignees(action, None)  # type: ignore[arg-type]
    assert [(a.text, a.canonical, a.type, a.type_source) for a in got] == [
        ("公管中心", "市政大樓公共事務管理中心", "unit", "extraction"),
        ("資訊局", "臺北市政府資訊局", "outside_body", "extraction"), ("某某", None, "unknown", "extraction")]


# ---- meetings: bodies, dates, times, pages, review -------------------------------------------------

def test_one_body_written_two_ways_is_one_body_normalised(out: Path) -> None:
    m = _df(out, "meetings")
    udd = m[m["json_file"].str.contains("urban_planning")]
    assert sorted(udd["body"]) == ["台北市都市計畫委員會", "臺北市都市計畫委員會"]  # as extracted
    assert set(udd["body_normalised"]) == {"臺北市都市計畫委員會"} and udd["series"].nunique() == 1
    per_body = duckdb.sql(f"""SELECT body_normalised, count(*) AS n
                              FROM read_parquet('{out}/parquet/meetings/*.parquet') GROUP BY 1""").fetchall()
    assert ("臺北市都市計畫委員會", 2) in per_body
    ledger = pq.read_table(out / "parquet" / "case_ledger").to_pandas()
    assert set(ledger["series"]) <= set(m["series"])  # the ledger's series join the meetings'


def test_dates_and_times_are_typed_columns(out: Path) -> None:
    schema = pq.read_schema(next((out / "parquet" / "meetings").glob("*.parquet")))
    assert schema.field("date").type == pa.date32()
    assert schema.field("start_time").type == pa.time64("us")
    assert schema.field("start_at").type == pa.timestamp("us")
    assert pq.read_schema(next((out / "parquet" / "dates").glob("*.parquet"))).field("time").type == pa.time64("us")
    m = _df(out, "meetings")
    assert str(m["start_at"].dtype).startswith("datetime64")
    founding = m[m["json_file"] == f"{FOUNDING.stem}.json"].iloc[0]
    assert founding["start_at"] == pd.Timestamp("2021-12-16 10:00") and founding["end_at"] == pd.Timestamp(
        "2021-12-16 10:50")
    types = dict(duckdb.sql(f"""SELECT column_name, column_type FROM (DESCRIBE SELECT date, start_time, start_at
                                FROM read_parquet('{out}/parquet/meetings/*.parquet'))""").fetchall())
    assert types == {"date": "DATE", "start_time": "TIME", "start_at": "TIMESTAMP"}
    first = duckdb.execute(f"""SELECT min(date), max(end_at - start_at) FROM
                           read_parquet('{out}/parquet/meetings/*.parquet')""").fetchone()
    assert first is not None and str(first[0]) == "2002-10-28"
    deadline = duckdb.execute(f"""SELECT typeof(deadline), deadline FROM read_parquet('{out}/parquet/action_items/*.parquet')
                              WHERE deadline IS NOT NULL ORDER BY deadline LIMIT 1""").fetchone()
    assert deadline is not None and deadline[0] == "DATE" and str(deadline[1]) == "2021-12-10"


def test_page_is_null_for_text_input_and_the_json_s_page_for_pdf(out: Path) -> None:
    stems = _stems(out)
    for table in ("sections", "items", "blocks", "action_items", "action_assignees", "dates", "case_events",
                  "entities"):
        df = _df(out, table)
        df["stem"] = df["meeting_id"].map(stems)
        text_rows = df[df["stem"].isin(TEXT_STEMS)]
        assert len(text_rows) > 0 and text_rows["page"].isna().all(), table
        pdf_rows = df[df["stem"] == "asroc_council_20160109"]
        if table == "case_events":
            continue  # the PDF has no case numbers
        assert len(pdf_rows) > 0 and pdf_rows["page"].notna().all() and set(pdf_rows["page"]) <= {1, 2}, table
    pdf = load_json(out, "asroc_council_20160109")
    json_pages = {(tuple(x["span"]), x["page"]) for name in ("dates", "times", "people", "divisions", "action_items")
                  for x in pdf[name]}
    for table in ("dates", "entities", "action_items"):
        df = _df(out, table)
        rows = df[df["meeting_id"].map(stems) == "asroc_council_20160109"]
        assert {((r.start, r.end), r.page) for r in rows.itertuples()} <= json_pages, table
    m = _df(out, "meetings").set_index("json_file")
    assert pd.isna(m.loc[f"{FOUNDING.stem}.json", "pages"]) and m.loc["asroc_council_20160109.json", "pages"] == 2
    decisions = [d for r in pq.read_table(out / "parquet" / "case_ledger").to_pylist() for d in r["decisions"]]
    assert decisions and all(d["page"] is None for d in decisions)  # the cases are all in text documents


def test_needs_review_is_in_the_json_and_the_meetings_table(out: Path) -> None:
    m = _df(out, "meetings")
    for r in m.itertuples():
        doc = load_json(out, r.json_file[:-5])
        assert doc["needs_review"] == r.needs_review and doc["review_reasons"] == list(r.review_reasons)
    assert not m.set_index("json_file").loc[f"{FOUNDING.stem}.json", "needs_review"]
    flagged = duckdb.execute(f"""SELECT count(*) FROM read_parquet('{out}/parquet/meetings/*.parquet')
                             WHERE needs_review = (len(review_reasons) > 0)""").fetchone()
    assert flagged == (len(m),)


# ---- an item's span ends where its owner's next block begins (pipeline/segment/outline.py) -------------

OUTLINE_SPAN_CASE = """某機關第1次會議紀錄
時間：110年1月5日上午10時
地點：本會會議室
主席：王主任委員
壹、報告事項
一、各組業務報告。
總務組報告：
(一)採購案依期程辦理。
(二)小額採購請儘速核銷。
文書組報告：請各組於1月20日前更新電腦。
決定：洽悉。
貳、散會
"""


def test_a_directive_in_a_later_report_belongs_to_the_reported_item(tmp_path: Path) -> None:
    src = tmp_path / "minimal.txt"
    src.write_text(OUTLINE_SPAN_CASE, encoding="utf-8")
    out = extract(tmp_path / "out", src)
    con = _con(out)
    row = con.execute("""SELECT i.text, b.label FROM action_items a JOIN items i USING (item_id)
                         JOIN blocks b ON b.block_id = a.block_id WHERE a.text LIKE '%更新電腦%'""").fetchall()
    assert row == [("一、各組業務報告。", "文書組報告")]
