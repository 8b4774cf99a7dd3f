"""`minutes export-spacy`: results as spaCy Docs with doc.spans / doc.ents in a DocBin."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from corpora import FIXTURES

import pipeline
from pipeline.nlp.spacy_export import ENT_LABELS, SPAN_KEY, blank_zh, export_spacy, load_docs, to_doc

REPO = Path(__file__).resolve().parents[1]
# real minutes texts from tests/fixtures (data/raw holds PDFs, scans and DOCX too)
NLP_DOCS = [FIXTURES / name for name in ("taipei_secretariat_107.md", "kcc_t1_r02_m02.txt", "executive_yuan_meeting_2750.txt",
                   "ly_judiciary_committee_10_1_10_proceedings.txt", "taipei_urban_planning_committee_503.txt")]
LABELS = {"DATE", "TIME", "CASE", "DIVISION", "PERSON", "ACTION"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    (out / "json").mkdir()
    for path in sorted(NLP_DOCS):
        m = pipeline.extract(path)
        (out / "json" / f"{path.stem}.json").write_text(m.model_dump_json(), encoding="utf-8")
    return out


def synthetic() -> dict[str, Any]:
    text = "主席 陳志銘:請總務組於12月底前完成招標,\n列管案號10601解除列管。"
    def at(s: str) -> list[int]:
        i = text.index(s)
        return [i, i + len(s)]
    return {
        "text": text, "profile": "default", "source": {"path": "x.txt", "sha256": "0" * 64},
        "people": [{"name": "陳志銘", "title": "主席", "text": "主席 陳志銘", "span": at("主席 陳志銘"),
                    "source": "ckip"}],
        "divisions": [{"name": "總務組", "canonical": None, "text": "總務組", "span": at("總務組")}],
        "dates": [{"text": "12月底", "value": "2021-12-31", "span": at("12月底")}],
        "case_numbers": [{"id": "10601", "status": "closed", "text": "10601", "span": at("10601")}],
        "action_items": [{"text": "請總務組於12月底前完成招標", "deadline": "2021-12-31",
                          "span": at("請總務組於12月底前完成招標")},
                         {"text": "bad", "span": [5, 2]}],
    }


def test_blank_zh_needs_no_download_or_segmenter_package() -> None:
    nlp = blank_zh()
    assert [t.text for t in nlp.make_doc("主席致詞")] == ["主", "席", "致", "詞"]
    assert "jieba" not in sys.modules and "spacy_pkuseg" not in sys.modules


def test_to_doc_spans_and_ents() -> None:
    doc, skipped = to_doc(blank_zh(), synthetic())
    spans = {(s.label_, s.text): s for s in doc.spans[SPAN_KEY]}
    assert set(spans) == {("PERSON", "主席 陳志銘"), ("DIVISION", "總務組"), ("DATE", "12月底"),
                          ("CASE", "10601"), ("ACTION", "請總務組於12月底前完成招標")}
    assert skipped == 1
    assert spans[("PERSON", "主席 陳志銘")].id_ == "ckip" and spans[("DIVISION", "總務組")].id_ == "rules"
    assert spans[("DIVISION", "總務組")].kb_id_ == "總務組" and spans[("DATE", "12月底")].kb_id_ == "2021-12-31"
    assert {e.label_ for e in doc.ents} == {"PERSON", "DIVISION", "DATE", "CASE"}  # ACTION overlaps them
    assert doc.user_data["minutes"]["path"] == "x.txt"


def test_export_round_trip(out_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.spacy"
    report = export_spacy(out_dir, target)
    docs = load_docs(target)
    results = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out_dir / "json").glob("*.json"))]
    assert report.documents == len(docs) == len(results) and report.skipped_spans == 0
    total = 0
    for doc, result in zip(docs, results, strict=True):
        assert doc.text == result["text"]
        assert doc.user_data["minutes"]["sha256"] == result["source"]["sha256"]
        for s in doc.spans[SPAN_KEY]:
            assert s.label_ in LABELS
        ends = [(e.start, e.end) for e in doc.ents]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends))
        assert all(e.label_ in ENT_LABELS for e in doc.ents)
        spans = {(s.start_char, s.end_char) for s in doc.spans[SPAN_KEY]}
        for key in ("dates", "case_numbers", "divisions", "people", "action_items"):
            for item in result[key]:
                a, b = item["span"]
                assert any(x <= a and b <= y for x, y in spans), (key, item)
                total += 1
    assert report.spans >= total > 0


def test_cli_export_spacy(out_dir: Path, tmp_path: Path) -> None:
    res = cli("export-spacy", str(out_dir), "--output", str(tmp_path / "x.spacy"))
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["documents"] == len(list((out_dir / "json").glob("*.json")))
    assert (tmp_path / "x.spacy").is_file()
    res = cli("export-spacy", str(tmp_path / "nothing"))
    assert res.returncode == 2 and "nothing" in res.stderr and "Traceback" not in res.stderr
