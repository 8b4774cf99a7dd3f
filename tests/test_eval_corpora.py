"""`make eval` (bench/eval_corpora.py) on a small corpus laid out as the shared one, made from the fixtures:
a table per set, a min-F1 line, the figures saved as JSON, and a status that never gates."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from corpora import FIXTURES, GOLD

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "bench" / "eval_corpora.py"


def _shared_like(root: Path) -> Path:
    """corpus/dev with three fixtures (one without gold), corpus/real with the real PDF, and gold/."""
    dev, real, gold = root / "corpus" / "dev", root / "corpus" / "real", root / "gold"
    for d in (dev, real, gold):
        d.mkdir(parents=True)
    for name in ("taipei_secretariat_107.md", "kcc_t1_r02_m02.txt", "lieyu_township_council_10_1_proceedings.txt"):
        shutil.copy(FIXTURES / name, dev / name)
    for stem in ("taipei_secretariat_107", "kcc_t1_r02_m02"):
        shutil.copy(GOLD / f"{stem}.gold.json", gold / f"{stem}.gold.json")
    return root


def test_eval_prints_a_table_per_set_and_never_gates(tmp_path: Path) -> None:
    shared = _shared_like(tmp_path / "shared")
    saved = tmp_path / "eval.json"
    res = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(shared), "--sets", "text,real,scan",
                          "--json", str(saved), "--workers", "1"], capture_output=True, text=True, cwd=REPO,
                         timeout=600)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "== text: text documents of corpus/{dev,kcc,wide} (2 documents)" in out  # only those with gold
    assert "min F1 text: " in out
    assert "== real: skipped: no document with gold" in out
    assert "== scan: skipped: no document with gold" in out
    data = json.loads(saved.read_text(encoding="utf-8"))
    (text,) = [s for s in data["sets"] if s["set"] == "text"]
    assert text["documents"] == 2 and not text["missing_predictions"]
    assert text["fields"]["grounding"]["f1"] == 1.0
    worst = min(v["f1"] for v in text["fields"].values())
    assert text["min_f1"]["f1"] == worst
    assert f"min F1 text: {worst:.3f} ({text['min_f1']['field']})" in out


def test_eval_without_the_shared_corpora_reports_and_exits_0(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, str(SCRIPT), "--shared", str(tmp_path / "none"), "--sets", "text,noto"],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "== text: skipped: no gold at" in res.stdout and "== noto: skipped: no gold at" in res.stdout


def test_eval_refuses_an_unknown_set() -> None:
    res = subprocess.run([sys.executable, str(SCRIPT), "--sets", "text,everything"], capture_output=True,
                         text=True, cwd=REPO, timeout=120)
    assert res.returncode == 2 and "everything" in res.stderr
