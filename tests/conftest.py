"""Shared fixtures: the real corpora beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MINUTES_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
KCC = SHARED / "corpus" / "kcc"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"the shared corpora are expected at {SHARED} (set MINUTES_SHARED)")
    return SHARED


def dev_text(name: str) -> Path:
    return DEV / name
