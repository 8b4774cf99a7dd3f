"""Shared helpers of the auditor-tool tests (evaluate, ledger, review, notebooks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from corpora import FIXTURES, FOUNDING, REAL_PDF, SHARED, kcc_fixtures, text_fixtures

REPO = Path(__file__).resolve().parents[1]

__all__ = ["FIXTURES", "FOUNDING", "REAL_PDF", "REPO", "SHARED", "extract_to", "kcc_fixtures", "minutes_cli",
           "text_fixtures"]


def minutes_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Run the `minutes` command (as `python -m pipeline.cli`) from the repository."""
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout)


def extract_to(out: Path, *inputs: Path) -> Path:
    """`minutes extract INPUT... --out OUT` (documents that fail are in OUT/errors); returns OUT."""
    res = minutes_cli("extract", *map(str, inputs), "--out", str(out))
    assert (out / "json").is_dir(), res.stderr
    return out
