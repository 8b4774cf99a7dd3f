"""The Parquet tables: rows from a result, explicit schemas, pandas and DuckDB, the codebook."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.export import codebook, parquet, tables
from pipeline.export.json_doc import write_minutes_json
from pipeline.models import (
    ActionItem,
    Block,
    CaseNumber,
    Coverage,
    DateMention,
    Division,
    Item,
    Meeting,
    Minutes,
    PageInfo,
    Person,
    Section,
    SourceInfo,
    TimeMention,
)
from pipeline.runner.task import encode_rows

ROOT = Path(__file__).resolve().parents[1]


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def sample_minutes(sha: str = "ab" * 32, path: str = "/data/x.txt") -> Minutes:
    text = ("某機關第5次會議紀錄\n時間：110年12月16日上午10時\n主席：陳志銘\n"
            "壹、報告事項\n一、列管案10601解除列管。\n決定：洽悉。\n"
            "\f貳、討論事項\n案由一：請資訊組於12月底前完成。\n決議：照案通過。\n")
    p2 = text.index("\f")
    s1, s2 = _span(text, "壹、報告事項"), _span(text, "貳、討論事項")
    item1 = Item(marker="一、", heading="列管案10601解除列管。", level=2,
                 span=(_span(text, "一、")[0], p2), blocks=[Block(kind="conclusion", label="決定",
                                                                 span=_span(text, "決定：洽悉。"))])
    item2 = Item(marker="案由一", heading="請資訊組於12月底前完成。", level=2,
                 span=(_span(text, "案由一")[0], len(text)),
                 blocks=[Block(kind="conclusion", label="決議", span=_span(text, "決議：照案通過。"))],
                 children=[Item(marker="(一)", heading="子項", level=3, span=_span(text, "決議"))])
    return Minutes(
        pipeline_version="9.9.9", profile="default",
        source=SourceInfo(path=path, sha256=sha, format="pdf", pages=2, bytes=1234),
        text=text,
        pages=[PageInfo(number=1, start=0, end=p2), PageInfo(number=2, start=p2, end=len(text))],
        meeting=Meeting(body="某機關", name="會議", session=5, date="2021-12-16", start_time="10:00",
                        chair="陳志銘", attendees=["甲", "乙"]),
        sections=[Section(kind="reports", heading="報告事項", marker="壹、", span=(s1[0], p2), heading_span=s1,
                          items=[item1]),
                  Section(kind="discussion", heading="討論事項", marker="貳、", span=(s2[0], len(text)),
                          heading_span=s2, items=[item2])],
        dates=[DateMention(text="110年12月16日", span=_span(text, "110年12月16日"), page=1, value="2021-12-16"),
               DateMention(text="12月底前", span=_span(text, "12月底前"), page=2, value="2021-12-31",
                           kind="month_end")],
        times=[TimeMention(text="上午10時", span=_span(text, "上午10時"), page=1, value="10:00")],
        case_numbers=[CaseNumber(text="10601", span=_span(text, "10601"), page=1, id="10601", status="closed",
                                 status_text="解除列管")],
        divisions=[Division(text="資訊組", span=_span(text, "資訊組"), page=2, name="資訊組")],
        people=[Person(text="陳志銘", span=_span(text, "陳志銘"), page=1, name="陳志銘", title="主席")],
        action_items=[ActionItem(text="請資訊組於12月底前完成。", span=_span(text, "請資訊組於12月底前完成。"), page=2,
                                 assignees=["資訊組"], deadline="2021-12-31", deadline_text="12月底前", trigger="請",
                                 section="discussion", section_heading="討論事項", item="案由一")],
        coverage=Coverage(chars_total=len(text), chars_in_sections=len(text) - s1[0],
                          share_in_sections=round((len(text) - s1[0]) / len(text), 4)),
    )


def test_rows_have_ids_spans_pages_and_text() -> None:
    m = sample_minutes()
    rows = tables.rows_for(m)
    mid = "ab" * 8
    assert rows["meetings"][0]["meeting_id"] == mid and rows["meetings"][0]["n_items"] == 3
    assert [r["section_id"] for r in rows["sections"]] == [f"{mid}-s1", f"{mid}-s2"]
    assert [r["n_items"] for r in rows["sections"]] == [1, 2]
    items = rows["items"]
    assert [r["item_id"] for r in items] == [f"{mid}-s1.1", f"{mid}-s2.1", f"{mid}-s2.1.1"]
    assert [r["ordinal"] for r in items] == [1, 2, 3] and items[2]["parent_item_id"] == items[1]["item_id"]
    assert items[2]["depth"] == 2 and items[1]["section_id"] == f"{mid}-s2"
    assert [r["label"] for r in rows["blocks"]] == ["決定", "決議"]
    assert [r["block_id"] for r in rows["blocks"]] == [f"{mid}-s1.1-b1", f"{mid}-s2.1-b1"]
    assert rows["blocks"][1]["item_id"] == items[1]["item_id"]
    action = rows["action_items"][0]
    assert action["action_id"] == f"{mid}-a1"
    assert (action["section_id"], action["item_id"], action["block_id"]) == (f"{mid}-s2", f"{mid}-s2.1", None)
    deadline = next(r for r in rows["dates"] if r["date_id"] == action["deadline_date_id"])
    assert deadline["text"] == "12月底前" and deadline["action_id"] == action["action_id"]
    (assignee,) = rows["action_assignees"]
    assert (assignee["assignee_id"], assignee["type"], assignee["type_source"]) == (f"{mid}-a1-1", "unit", "export")
    division = next(r for r in rows["entities"] if r["entity_id"] == assignee["entity_id"])
    assert division["name"] == "資訊組" and m.text[assignee["start"]:assignee["end"]] == "資訊組"
    case = rows["case_events"][0]
    assert (case["section_id"], case["item_id"], case["action_id"]) == (f"{mid}-s1", f"{mid}-s1.1", None)
    assert [r["page"] for r in rows["sections"]] == [1, 2]
    for table in ("sections", "items", "blocks", "action_items", "dates", "case_events", "entities"):
        for r in rows[table]:
            assert r["meeting_id"] == mid and r["schema_version"] and r["pipeline_version"] == "9.9.9"
            assert 0 <= r["start"] <= r["end"] <= len(m.text)
            if table in ("action_items", "dates", "case_events", "entities", "blocks"):
                assert m.text[r["start"]:r["end"]] == r["text"], (table, r)
    assert [(r["type"], r["kind"]) for r in rows["dates"]] == [("date", "absolute"), ("time", "time"),
                                                                 ("date", "month_end")]
    assert rows["action_items"][0]["assignees"] == ["資訊組"]
    assert rows["action_items"][0]["deadline"] == "2021-12-31"
    assert [r["type"] for r in rows["entities"]] == ["person", "division"]
    assert rows["case_events"][0]["status"] == "closed"


def _write_archive(out: Path, docs: list[Minutes], errors: list[dict[str, str]] | None = None,
                   part_docs: int = 2000) -> None:
    refs = []
    for m in docs:
        name = Path(m.source.path).stem + ".json"
        write_minutes_json(m, out / "json", Path(name).stem)
        mid = tables.meeting_id_of(m.source.sha256)
        (out / ".rows").mkdir(parents=True, exist_ok=True)
        (out / ".rows" / f"{mid}.json").write_bytes(encode_rows(m))
        refs.append(parquet.DocRef(mid, [m.source.path], {m.source.path: name}))
    parquet.write_tables(out, refs, errors or [], fingerprint="x", part_docs=part_docs)


def test_tables_load_in_pandas_and_duckdb_with_their_schema(tmp_path: Path) -> None:
    docs = [sample_minutes("ab" * 32, "/d/a.txt"), sample_minutes("cd" * 32, "/d/b.txt"),
            sample_minutes("ef" * 32, "/d/c.txt")]
    err = {"path": "/d/bad.pdf", "sha256": None, "stage": "ingest", "error_type": "encrypted",
           "message": "/d/bad.pdf: encrypted", "schema_version": "1.0", "pipeline_version": "9.9.9"}
    _write_archive(tmp_path, docs, [err], part_docs=2)
    assert sorted(p.name for p in (tmp_path / "parquet" / "items").iterdir()) == ["part-00000.parquet",
                                                                                  "part-00001.parquet"]
    for name, spec in tables.TABLES.items():
        folder = tmp_path / "parquet" / name
        for part in folder.glob("*.parquet"):
            assert pq.read_schema(part).remove_metadata() == spec.schema.remove_metadata()
        df = pd.read_parquet(folder)
        assert list(df.columns) == spec.names
        con = duckdb.connect()
        n = con.execute(f"SELECT count(*) FROM read_parquet('{folder}/*.parquet')").fetchone()
        assert n is not None and n[0] == len(df)
        assert {"schema_version", "pipeline_version"} <= set(df.columns)
    m = pd.read_parquet(tmp_path / "parquet" / "meetings")
    assert list(m["meeting_id"]) == ["ab" * 8, "cd" * 8, "ef" * 8]
    assert str(m["date"].iloc[0])[:10] == "2021-12-16" and list(m["attendees"].iloc[0]) == ["甲", "乙"]
    a = duckdb.sql(f"SELECT assignees, deadline FROM read_parquet('{tmp_path}/parquet/action_items/*.parquet')")
    assignees, deadline = a.fetchall()[0]
    assert assignees == ["資訊組"] and str(deadline) == "2021-12-31"
    e = pd.read_parquet(tmp_path / "parquet" / "errors")
    assert e.iloc[0]["error_type"] == "encrypted"


def test_empty_archive_still_has_readable_tables(tmp_path: Path) -> None:
    _write_archive(tmp_path, [])
    for name in tables.TABLES:
        assert len(pd.read_parquet(tmp_path / "parquet" / name)) == 0


def test_missing_row_file_is_rebuilt_from_the_json(tmp_path: Path) -> None:
    _write_archive(tmp_path / "a", [sample_minutes()])
    _write_archive(tmp_path / "b", [sample_minutes()])
    (tmp_path / "b" / ".rows" / f"{'ab' * 8}.json").unlink()
    ref = parquet.DocRef("ab" * 8, ["/data/x.txt"], {"/data/x.txt": "x.json"})
    parquet.write_tables(tmp_path / "b", [ref], [], fingerprint="y")
    for name in tables.TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a" / "parquet" / name),
                                      pd.read_parquet(tmp_path / "b" / "parquet" / name))


def test_extra_table_builders_run_after_the_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    monkeypatch.setattr(tables, "extra_table_builders",
                        [lambda out: seen.append((out / "parquet" / "meetings").is_dir())])
    _write_archive(tmp_path, [sample_minutes()])
    assert seen == [True]
    assert json.loads((tmp_path / "parquet" / "_state.json").read_text())["fingerprint"] == "x"


def test_codebook_is_generated_from_the_schema() -> None:
    committed = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    assert committed == codebook.render(), "regenerate: python -m pipeline.export.codebook > docs/codebook.md"
    for spec in tables.TABLES.values():
        for col in spec.columns:
            assert col.description and f"`{col.name}`" in committed


def test_row_files_of_an_older_table_layout_are_rebuilt_from_the_json(tmp_path: Path) -> None:
    _write_archive(tmp_path / "a", [sample_minutes()])
    _write_archive(tmp_path / "b", [sample_minutes()])
    rows = tmp_path / "b" / ".rows" / f"{'ab' * 8}.json"
    payload = json.loads(rows.read_bytes())
    for table in payload["tables"].values():  # the layout before parent ids and typed assignees
        for column in ("section_id", "item_id", "block_id", "action_id"):
            table.pop(column, None)
    del payload["tables"]["action_assignees"]
    rows.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    ref = parquet.DocRef("ab" * 8, ["/data/x.txt"], {"/data/x.txt": "x.json"})
    parquet.write_tables(tmp_path / "b", [ref], [], fingerprint="y")
    for name in tables.TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "a" / "parquet" / name),
                                      pd.read_parquet(tmp_path / "b" / "parquet" / name))
    assert "action_assignees" in json.loads(rows.read_bytes())["tables"]
