"""Shared fixtures: the real corpora beside the checkout (see corpora.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import SHARED


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"the shared corpora are expected at {SHARED} (set MINUTES_SHARED)")
    return SHARED
