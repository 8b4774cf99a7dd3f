"""Shared fixtures. The tests' documents are in tests/fixtures (see corpora.py); ../shared is optional."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import FIXTURES


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES
