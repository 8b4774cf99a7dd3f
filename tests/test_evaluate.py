"""`minutes eval` scores exactly as shared/eval/score.py does, and adds per-document figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from corpora import SHARED_GOLD, SHARED_SCORER, shared_or_skip

from pipeline.evaluate import (
    FIELDS,
    Tally,
    evaluate_dirs,
    format_table,
    lcs_length,
    longest_common_substring,
    multiset_counts,
    quote_overlaps,
)

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import extract_to, minutes_cli
except ImportError:
    from audit_support import extract_to, minutes_cli  # type: ignore[no-redef]

SCORE_PY = SHARED_SCORER
# the shared scorer is optional: the comparisons with it skip when ../shared is not beside the repo
needs_scorer = pytest.mark.skipif(not SCORE_PY.is_file(), reason=f"{SCORE_PY} is not there (optional)")

TEXT_A = "會議紀錄\n請總務組於12月底前完成招標作業。列管案號10601解除列管。文書組高組長補充報告。"


def _span(text: str, s: str) -> list[int]:
    i = text.index(s)
    return [i, i + len(s)]


GOLD_A: dict[str, Any] = {
    "source": "doc_a.md",
    "meeting": {"body": "臺北市政府秘書處", "name": "處務會議", "session": 107, "date": "2021-12-16",
                "start_time": "10:00", "end_time": None, "location": "視訊會議", "chair": "陳志銘",
                "recorder": "陳慧玲"},
    "sections": ["awards", "previous_minutes", "reports", "motions", "adjournment"],
    "dates": [{"text": "12月22日", "value": "2021-12-22"},
              {"text": "12月22日", "value": "2021-12-22"},
              {"text": "12月20至24日", "value": "2021-12-20", "until": "2021-12-24"},
              {"text": "昨(15)日", "value": "2021-12-15"}],
    "case_numbers": [{"id": "10601", "status": "closed"}, {"id": "9903", "status": "continued"},
                     {"id": "10606", "status": "continued"}],
    "divisions": ["總務組", "文書組", "各組室"],
    "people": [{"name": "黃妙英", "title": "股長", "division": "總務組"}, {"name": "高", "title": "組長"},
               {"name": "陳志銘", "title": "主席"}],
    "action_items": [
        {"assignees": ["總務組"], "deadline": "2021-12-31", "quote": "請總務組於12月底前完成招標作業"},
        {"assignees": ["國際事務組"], "deadline": None, "quote": "請國際事務組妥研說 明理由"},
        {"assignees": ["公管中心", "市民服務組"], "deadline": None, "quote": "請公管中心及市民服務組向資訊局確認"},
        {"assignees": [], "deadline": None, "quote": "不會被找到的指示文字內容"},
    ],
    "optional": {"dates": [{"text": "下週", "value": "2021-12-20", "until": "2021-12-26"}],
                 "divisions": ["政風室"],
                 "action_items": [{"assignees": [], "quote": "請各長官提醒同仁"}]},
}

PRED_A: dict[str, Any] = {
    "source": {"path": "doc_a.md", "sha256": "0" * 64, "format": "text", "pages": None},
    "text": TEXT_A,
    "meeting": {"body": "臺北市政府 秘書處", "name": "處務會議", "session": "107", "date": "2021-12-15",
                "start_time": "10:00", "end_time": "10:50", "location": None, "chair": "陳志銘",
                "recorder": None},
    "sections": [{"kind": "awards"}, {"kind": "reports"}, {"kind": "other"}, {"kind": "motions"},
                 {"kind": "adjournment"}, {"kind": None}],
    "dates": [{"text": "12月底前", "value": "2021-12-31", "span": _span(TEXT_A, "12月底前")},
              {"text": "12月22日", "value": "2021-12-22", "span": [0, 3]},
              {"text": "12月20至24日", "value": "2021-12-20", "until": "2021-12-24"},
              {"text": "下週", "value": "2021-12-20", "until": "2021-12-26", "span": [5, "x"]},
              {"text": "下週", "value": "2021-12-20", "until": "2021-12-26", "span": [5, 999]}],
    "case_numbers": [{"id": "10601", "status": "closed", "span": _span(TEXT_A, "列管案號10601")},
                     {"id": "10601", "status": "closed", "span": _span(TEXT_A, "10601")},
                     {"id": "9903", "status": "closed", "span": [0, 1]},
                     {"id": "10606", "status": "continued", "span": [3, 2]}],
    "divisions": [{"name": "總務組", "canonical": None, "span": _span(TEXT_A, "總務組")},
                  {"name": "文書組", "span": _span(TEXT_A, "文書組")},
                  {"name": "文書組", "span": _span(TEXT_A, "文書組")},
                  {"name": "政風室", "span": [0, 0]},
                  {"name": "資訊局", "span": [0, 3]}],
    "people": [{"name": "高", "title": "組長", "text": "高組長", "span": _span(TEXT_A, "高組長")},
               {"name": "陳志銘", "title": None, "text": "陳志銘", "span": [0, 3]},
               {"name": "黃妙英", "title": "股長", "text": "黃妙英股長", "span": [1, 2]}],
    "action_items": [
        {"text": "請總務組於12月底前完成招標作業", "assignees": ["總務組"], "deadline": "2021-12-15",
         "span": _span(TEXT_A, "請總務組於12月底前完成招標作業"), "section": "reports"},
        {"text": "請國際事務組妥研說明理由", "assignees": ["國際事務組"], "deadline": None, "span": [0, 1]},
        {"text": "請公管中心及市民服務組向資訊局確認本府所提供的軟體", "assignees": ["公管中心"],
         "deadline": None, "span": [0, 1]},
        {"text": "請各長官提醒同仁,未確認傳遞者資訊前", "assignees": [], "deadline": None},
        {"text": "請秘書長室進行列管", "assignees": ["秘書長室"], "deadline": None},
        {"text": "公管中心及", "assignees": [], "deadline": None},
    ],
}

GOLD_B: dict[str, Any] = {
    "source": "doc_b.pdf",
    "meeting": {"body": "某會", "date": None},
    "sections": ["reports"],
    "dates": [], "case_numbers": [], "divisions": ["秘書室"], "people": [], "action_items": [],
}

GOLD_C: dict[str, Any] = {  # no `source`: the stem comes from the file name
    "meeting": {"session": 5, "chair": "王大明"},
    "sections": ["reports", "discussion"],
    "dates": [{"text": "1月5日", "value": "2022-01-05"}],
    "case_numbers": [{"id": "A1", "status": "new"}],
    "divisions": [], "people": [{"name": "王大明", "title": "主席"}],
    "action_items": [{"assignees": ["秘書室"], "deadline": "2022-01-31", "quote": "請秘書室於1月底前提報"}],
}

PRED_C: dict[str, Any] = {
    "text": "主席王大明。請秘書室於1月底前提報。",
    "meeting": {"session": 5, "chair": "王大明"},
    "sections": None,
    "dates": [{"text": "1月5日", "value": "2022-01-05", "span": None}],
    "case_numbers": [{"id": "A1", "status": "new", "span": [0, 2]}],
    "people": [{"name": "王大明", "title": "主席", "text": "主席王大明", "span": [0, 5]}],
    "action_items": [{"text": "請秘書室於1月底前提報", "assignees": ["秘書室"], "deadline": "2022-01-31",
                      "span": [6, 17]}],
}


def _write(folder: Path, name: str, data: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def fixture_dirs(tmp_path: Path) -> tuple[Path, Path]:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    _write(gold, "doc_a.gold.json", GOLD_A)
    _write(gold, "doc_b.gold.json", GOLD_B)
    _write(gold, "doc_c.gold.json", GOLD_C)
    _write(pred, "doc_a.json", PRED_A)
    _write(pred, "doc_c.json", PRED_C)
    _write(pred, "unrelated.json", PRED_C)
    return gold, pred


def _shared_scores(gold: Path, pred: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(gold), "--pred", str(pred), "--json",
                          "--per-doc"], capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _assert_same(ours: dict[str, Any], theirs: dict[str, Any]) -> None:
    assert ours["documents"] == theirs["documents"]
    assert ours["missing_predictions"] == theirs["missing_predictions"]
    assert ours["fields"] == theirs["fields"]
    assert ours["per_document"] == theirs["per_document"]


@needs_scorer
def test_same_numbers_as_shared_scorer(fixture_dirs: tuple[Path, Path]) -> None:
    gold, pred = fixture_dirs
    ours = evaluate_dirs(gold, pred)
    _assert_same(ours, _shared_scores(gold, pred))
    # the fixture exercises every field with both hits and misses
    for field in FIELDS:
        f = ours["fields"][field]
        assert f["tp"] > 0 and f["fp"] + f["fn"] > 0, field
    assert ours["missing_predictions"] == ["doc_b"]


@needs_scorer
def test_same_numbers_on_the_pipeline_output_for_the_dev_corpus(tmp_path: Path) -> None:
    dev = shared_or_skip("corpus", "dev")
    extract_to(tmp_path, dev)
    _assert_same(evaluate_dirs(SHARED_GOLD, tmp_path / "json"), _shared_scores(SHARED_GOLD, tmp_path / "json"))


def test_per_document_counts_add_up_to_the_totals(fixture_dirs: tuple[Path, Path]) -> None:
    result = evaluate_dirs(*fixture_dirs)
    for field in FIELDS:
        for key in ("tp", "fp", "fn"):
            assert sum(d[field][key] for d in result["per_document_counts"].values()) == \
                result["fields"][field][key]


def test_unreadable_prediction_scores_as_empty(fixture_dirs: tuple[Path, Path]) -> None:
    gold, pred = fixture_dirs
    (pred / "doc_c.json").write_text("{not json", encoding="utf-8")
    result = evaluate_dirs(gold, pred)
    assert result["invalid_predictions"] == ["doc_c"]
    assert result["per_document"]["doc_c"]["people"] == 0.0


def test_primitives() -> None:
    assert multiset_counts(["a", "a", "b"], ["a", "c", "c", "d"], ["c"]) == (1, 2, 2)
    assert lcs_length("abcde", "ace") == 3
    assert longest_common_substring("請總務組辦理", "由總務組辦") == 4
    assert quote_overlaps("請國際事務組妥研說明理由", "請國際事務組妥研說 明理由")
    assert quote_overlaps("ＡＢＣ", "ABC")
    assert not quote_overlaps("完全不同", "請秘書室辦理")
    assert not quote_overlaps("x", "")
    t = Tally()
    assert t.precision() == 1.0 and t.recall() == 1.0 and t.f1() == 1.0
    t.add(0, 0, 2)
    assert t.precision() == 0.0 and t.f1() == 0.0


def test_format_table_lists_fields_and_documents(fixture_dirs: tuple[Path, Path]) -> None:
    table = format_table(evaluate_dirs(*fixture_dirs))
    assert "documents: 3   missing predictions: 1" in table
    for field in FIELDS:
        assert field in table
    assert "doc_a" in table and "missing prediction: doc_b.json" in table


def test_cli_eval(fixture_dirs: tuple[Path, Path]) -> None:
    gold, pred = fixture_dirs
    res = minutes_cli("eval", "--gold", str(gold), "--pred", str(pred), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["fields"] == evaluate_dirs(gold, pred)["fields"]
    res = minutes_cli("eval", "--gold", str(gold), "--pred", str(pred))
    assert res.returncode == 0 and "grounding" in res.stdout
    assert minutes_cli("eval", "--gold", str(gold), "--pred", str(pred), "--min-f1", "0.99").returncode == 1
    assert minutes_cli("eval", "--gold", str(gold), "--pred", str(pred), "--min-f1", "0").returncode == 0
