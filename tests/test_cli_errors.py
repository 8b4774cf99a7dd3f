"""Wrong input gets one clear line, a non-zero exit status, and creates nothing (every command, run as a
user runs it: a subprocess)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import FIXTURES, FOUNDING, GOLD

REPO = Path(__file__).resolve().parents[1]


def minutes(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def assert_one_line_error(res: subprocess.CompletedProcess[str], status: int, *words: str) -> None:
    assert res.returncode == status, (res.returncode, res.stdout, res.stderr)
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "error" in lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the sha256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder of `minutes extract` with two documents that have gold."""
    base = tmp_path_factory.mktemp("errors")
    res = minutes("extract", str(FOUNDING), str(FIXTURES / "kcc_t1_r02_m02.txt"), "--out", str(base / "out"))
    assert res.returncode == 0, res.stderr
    return base / "out"


# ---- minutes eval ----------------------------------------------------------------------------------

def test_eval_of_a_missing_gold_or_prediction_folder_is_a_usage_error(out: Path, tmp_path: Path) -> None:
    assert_one_line_error(minutes("eval", "--gold", "/nonexistent/gold", "--pred", str(out / "json")), 2,
                          "--gold", "/nonexistent/gold", "no such folder")
    assert_one_line_error(minutes("eval", "--gold", str(GOLD), "--pred", str(tmp_path / "nope")), 2,
                          "--pred", "no such folder")
    assert_one_line_error(minutes("eval", "--gold", str(FOUNDING), "--pred", str(out)), 2, "not a folder")


def test_eval_of_an_empty_gold_or_prediction_folder_is_a_usage_error(out: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no gold here", encoding="utf-8")
    assert_one_line_error(minutes("eval", "--gold", str(empty), "--pred", str(out / "json")), 2,
                          "--gold", "no gold files")
    assert_one_line_error(minutes("eval", "--gold", str(GOLD), "--pred", str(empty)), 2,
                          "--pred", "no predictions")


def test_eval_reports_documents_missing_on_either_side(out: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for stem in ("taipei_secretariat_107", "executive_yuan_meeting_2750"):  # the second was not extracted
        (gold / f"{stem}.gold.json").write_bytes((GOLD / f"{stem}.gold.json").read_bytes())
    res = minutes("eval", "--gold", str(gold), "--pred", str(out), "--json")  # OUT stands for OUT/json
    assert res.returncode == 0, res.stderr
    result = json.loads(res.stdout)
    assert result["documents"] == 2
    assert result["missing_predictions"] == ["executive_yuan_meeting_2750"]
    assert result["predictions_without_gold"] == ["kcc_t1_r02_m02"]
    assert result["per_document"]["taipei_secretariat_107"]["grounding"] == 1.0
    text = minutes("eval", "--gold", str(gold), "--pred", str(out / "json")).stdout
    assert "missing prediction: executive_yuan_meeting_2750.json" in text
    assert "prediction without gold (not scored): kcc_t1_r02_m02.json" in text


# ---- minutes cases / overdue ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["cases"], ["overdue", "--as-of", "2021-12-20"]])
def test_cases_and_overdue_on_a_missing_or_wrong_folder(command: list[str], tmp_path: Path, out: Path) -> None:
    name = command[0]
    assert_one_line_error(minutes(name, str(tmp_path / "no_such_out"), *command[1:]), 2,
                          f"minutes {name}", "no such folder")
    assert_one_line_error(minutes(name, str(FOUNDING), *command[1:]), 2, "not a folder")
    assert_one_line_error(minutes(name, str(tmp_path), *command[1:]), 2, "no JSON documents")
    assert not (tmp_path / "no_such_out").exists()
    ok = minutes(name, str(out), *command[1:])
    assert ok.returncode == 0, ok.stderr


# ---- minutes extract ------------------------------------------------------------------------------

def test_a_mistyped_input_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "new_out"
    res = minutes("extract", str(tmp_path / "minutes_2021.pdf"), "--out", str(target))
    assert_one_line_error(res, 2, "no such file or folder", "minutes_2021.pdf")
    assert not target.exists()
    # one mistyped path among good ones: still nothing is done
    res = minutes("extract", str(FOUNDING), str(tmp_path / "typo.md"), "--out", str(target))
    assert_one_line_error(res, 2, "typo.md")
    assert FOUNDING.name not in res.stderr  # only what is wrong is named
    assert not target.exists()


def test_a_mistyped_input_leaves_an_existing_out_as_it_was(out: Path, tmp_path: Path) -> None:
    before = tree(out)
    res = minutes("extract", str(FOUNDING), str(tmp_path / "typo.md"), "--out", str(out))
    assert_one_line_error(res, 2, "typo.md")
    assert tree(out) == before  # nothing removed, nothing rewritten


def test_an_empty_input_folder_is_a_usage_error(tmp_path: Path) -> None:
    empty = tmp_path / "scans"
    (empty / ".hidden").mkdir(parents=True)
    (empty / "notes.json").write_text("{}", encoding="utf-8")  # not an input format
    res = minutes("extract", str(empty), "--out", str(tmp_path / "out"))
    assert_one_line_error(res, 2, "no input files", str(empty))
    assert not (tmp_path / "out").exists()


# ---- minutes review -------------------------------------------------------------------------------

def test_review_of_a_missing_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    assert_one_line_error(minutes("review", str(tmp_path / "nope.pdf"), "-o", str(page)), 2, "no such file")
    assert_one_line_error(minutes("review", str(tmp_path), "-o", str(page)), 2, "not a file")
    assert not page.exists()


def test_review_of_a_broken_file(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    broken = tmp_path / "taipei_secretariat_107.json"
    broken.write_text('{"text": "cut short', encoding="utf-8")
    assert_one_line_error(minutes("review", str(broken), "-o", str(page)), 3, "[unreadable]",
                          "not a JSON document written by `minutes extract`")
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("番茄炒蛋：先把蛋打散，番茄切塊，熱鍋下油後炒蛋，再加入番茄拌炒即可。", encoding="utf-8")
    assert_one_line_error(minutes("review", str(recipe), "-o", str(page)), 3, "[not_minutes]")
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)
    assert_one_line_error(minutes("review", str(junk), "-o", str(page)), 3, "scan.pdf")
    assert not page.exists()
