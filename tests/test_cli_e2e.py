"""The CLI as users run it: a subprocess over the fixtures, scored by `minutes eval` against their gold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import FIXTURES, GOLD, gold_fixtures

MINUTES = str(Path(sys.executable).parent / "minutes")
# A floor under which a change has broken something: on the 11 fixtures with gold every field is at
# 0.87 or more today (people, the lowest, under the revised gold's roster policy). The accuracy
# measurements are `make eval` over the shared corpora.
THRESHOLD = 0.85


def gold_inputs(tmp: Path) -> tuple[Path, Path]:
    """The fixtures that have gold (text and the real PDF), with their gold files, in two folders."""
    inputs, gold = tmp / "in", tmp / "gold"
    inputs.mkdir()
    gold.mkdir()
    for doc in gold_fixtures():
        shutil.copy(doc, inputs / doc.name)
        shutil.copy(GOLD / f"{doc.stem}.gold.json", gold / f"{doc.stem}.gold.json")
    return inputs, gold


def test_fixtures_meet_the_thresholds(tmp_path: Path) -> None:
    inputs, gold = gold_inputs(tmp_path)
    assert len(list(inputs.glob("*.pdf"))) >= 1 and len(list(inputs.iterdir())) >= 10
    out = tmp_path / "out"
    run = subprocess.run([MINUTES, "extract", str(inputs), "--out", str(out)], capture_output=True, text=True,
                         timeout=900)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    score = subprocess.run([MINUTES, "eval", "--gold", str(gold), "--pred", str(out / "json"), "--json"],
                           capture_output=True, text=True, timeout=120)
    assert score.returncode == 0, score.stderr
    result = json.loads(score.stdout)
    assert result["documents"] == len(list(inputs.iterdir()))
    assert not result["missing_predictions"] and not result["invalid_predictions"]
    fields = result["fields"]
    low = {name: f["f1"] for name, f in fields.items() if f["f1"] < THRESHOLD}
    assert not low, f"fields under {THRESHOLD}: {low}"
    assert fields["grounding"]["f1"] == 1.0
    # and the gate as a user sets it: --min-f1 exits 1 when a field is under it
    gate = subprocess.run([MINUTES, "eval", "--gold", str(gold), "--pred", str(out / "json"), "--min-f1", "1.01"],
                          capture_output=True, text=True, timeout=120)
    assert gate.returncode == 1


def test_bad_inputs_are_errors_not_tracebacks(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (inputs / "recipe.txt").write_text("番茄炒蛋：先把蛋打散，番茄切塊，熱鍋下油後炒蛋，再加入番茄拌炒即可。", encoding="utf-8")
    shutil.copy(FIXTURES / "taipei_secretariat_107.md", inputs / "good.md")
    out = tmp_path / "out"
    run = subprocess.run([MINUTES, "extract", str(inputs), "--out", str(out)], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode != 0  # some documents failed: a documented non-zero status
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout
    assert (out / "json" / "good.json").exists()
    rows = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    kinds = {Path(r["path"]).name: r["error_type"] for r in rows}
    assert kinds == {"empty.txt": "empty", "junk.txt": "unsupported_format", "recipe.txt": "not_minutes"}


def test_schema_command_prints_the_json_schema() -> None:
    run = subprocess.run([MINUTES, "schema"], capture_output=True, text=True, timeout=60, check=True)
    schema = json.loads(run.stdout)
    assert {"text", "meeting", "dates", "action_items"} <= set(schema["properties"])


@pytest.mark.parametrize("name", ["taipei_secretariat_107.md"])
def test_output_meets_the_contract(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    subprocess.run([MINUTES, "extract", str(FIXTURES / name), "--out", str(out)], capture_output=True, timeout=300,
                   check=True)
    doc = json.loads((out / "json" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
    text = doc["text"]
    assert set(doc["source"]) >= {"path", "sha256", "format", "pages"}
    for field, key in (("dates", "text"), ("divisions", "name"), ("people", "text"), ("action_items", "text")):
        for m in doc[field]:
            start, end = m["span"]
            assert text[start:end] == m.get("text", m.get(key))
