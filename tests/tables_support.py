"""The archive the table tests query: real minutes from tests/fixtures extracted by `minutes extract` (in a
subprocess), built once per test session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import FIXTURES, FOUNDING, REAL_PDF, REPO, minutes_cli
except ImportError:
    from audit_support import FIXTURES, FOUNDING, REAL_PDF, REPO, minutes_cli  # type: ignore[no-redef]

__all__ = ["FIXTURES", "FOUNDING", "REAL_PDF", "REPO", "minutes_cli"]

TABLES_FIXTURES = FIXTURES / "tables"
MEETING_106 = TABLES_FIXTURES / "taipei_secretariat_106.md"
UDD_503 = FIXTURES / "taipei_urban_planning_committee_503.txt"  # 台北市都市計畫委員會
UDD_600 = TABLES_FIXTURES / "024_taipei_urban_planning_committee_600.txt"  # 臺北市都市計畫委員會
KCC = FIXTURES / "kcc_t1_r02_m02.txt"
INPUTS = (FOUNDING, MEETING_106, UDD_503, UDD_600, KCC, REAL_PDF)
TEXT_STEMS = {p.stem for p in INPUTS if p.suffix in (".md", ".txt")}

_built: dict[str, Path] = {}


def extract(out: Path, *inputs: Path) -> Path:
    for p in inputs:
        if not p.is_file():
            pytest.fail(f"fixture missing: {p}")
    res = minutes_cli("extract", *map(str, inputs), "--out", str(out))
    assert res.returncode == 0, res.stderr
    return out


def table_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUT of `minutes extract` over INPUTS (once per session)."""
    if "main" not in _built:
        _built["main"] = extract(tmp_path_factory.mktemp("tables_archive"), *INPUTS)
    return _built["main"]


def load_json(out: Path, stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "json" / f"{stem}.json").read_text(encoding="utf-8"))
    return data
