"""Where the tests find their documents: `tests/fixtures/` (real public minutes copied into the
repository, provenance in tests/fixtures/SOURCES.jsonl). Nothing here needs ../shared.

The shared corpora (beside the checkout, or where MINUTES_SHARED says) are optional: a test that
compares with them uses `SHARED` and skips when it is absent (`shared_or_skip`). Evaluations over the
whole shared corpora are `make eval`, not tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLD = FIXTURES / "gold"  # the gold annotations of the fixtures that have one
FOUNDING = FIXTURES / "taipei_secretariat_107.md"
REAL_PDF = FIXTURES / "asroc_council_20160109.pdf"  # a real born-digital PDF, with gold
# The fixtures hold the dev-corpus and kcc documents the tests name, under the same file names.
DEV = FIXTURES
KCC = FIXTURES
TEXT_SUFFIXES = (".txt", ".md")


def text_fixtures() -> list[Path]:
    """Every text document in the fixtures, sorted by name."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_file() and p.suffix in TEXT_SUFFIXES)


def kcc_fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("kcc_*.txt"))


def gold_fixtures() -> list[Path]:
    """The fixtures (text and PDF) that have gold in GOLD."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_file() and (GOLD / f"{p.stem}.gold.json").is_file())


# ---- the shared corpora: optional ----------------------------------------------------------------
SHARED = Path(os.environ.get("MINUTES_SHARED", ROOT.parent / "shared"))
SHARED_SCORER = SHARED / "eval" / "score.py"
SHARED_GOLD = SHARED / "gold"


def shared_or_skip(*parts: str) -> Path:
    """A path inside the shared corpora, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not there (the shared corpora are optional; `make eval` uses them)")
    return path
