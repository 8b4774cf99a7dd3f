"""The sample archive `make run` extracts (data/raw) shows the mission: born-digital PDFs, a scan, a DOCX
and text, each with its provenance, all extracted with no error row."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


def _inputs() -> list[Path]:
    return sorted(p for p in RAW.iterdir() if p.is_file() and p.name != "SOURCES.jsonl" and not p.name.startswith("."))


def test_every_sample_has_its_provenance_and_the_archive_stays_small() -> None:
    sources = [json.loads(x) for x in (RAW / "SOURCES.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert sorted(s["file"] for s in sources) == sorted(p.name for p in _inputs())
    for s in sources:
        assert s["kind"] and s["made"] and (s.get("source") or s.get("repo")), s["file"]
    assert sum(p.stat().st_size for p in _inputs()) < 3 * 1024 * 1024


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    res = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(RAW), "--out", str(out),
                          "--progress", "none"], capture_output=True, text=True, cwd=REPO, timeout=1800)
    assert res.returncode == 0, res.stderr
    return out


def test_make_run_extracts_every_sample_without_an_error_row(extracted: Path) -> None:
    assert (extracted / "errors.jsonl").read_text(encoding="utf-8") == ""
    docs = {p.name: json.loads(p.read_bytes()) for p in (extracted / "json").glob("*.json")}
    assert sorted(docs) == sorted(f"{p.stem}.json" for p in _inputs())
    formats = Counter(d["source"]["format"] for d in docs.values())
    assert formats["pdf"] >= 3 and formats["docx"] >= 1 and formats["text"] >= 1, formats
    methods = {name: {pg.get("method") for pg in d.get("pages") or []} for name, d in docs.items()
               if d["source"]["format"] == "pdf"}
    born_digital = [n for n, m in methods.items() if m == {"pdf-text"}]
    scanned = [n for n, m in methods.items() if "ocr" in m]
    assert len(born_digital) >= 2 and len(scanned) >= 1, methods
    for name, d in docs.items():  # each one is read as minutes, with a meeting date
        assert d["meeting"]["date"], name
        assert d["sections"], name
