"""Where the shared corpora are: beside the checkout, or where MINUTES_SHARED says."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MINUTES_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "corpus" / "dev"
KCC = SHARED / "corpus" / "kcc"
REAL = SHARED / "corpus" / "real"
GOLD = SHARED / "gold"
SCORER = SHARED / "eval" / "score.py"
