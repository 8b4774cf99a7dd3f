"""The default path is light: no torch, transformers, ckip-transformers or spaCy unless asked for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOUNDING = REPO / "tests" / "fixtures" / "taipei_secretariat_107.md"
HEAVY = ("torch", "transformers", "ckip_transformers", "spacy")


def _run(code: str) -> str:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def test_extract_imports_neither_torch_nor_transformers() -> None:
    out = _run(
        "import pipeline, sys\n"
        f"m = pipeline.extract({str(FOUNDING)!r})\n"
        f"print(*[name in sys.modules for name in {HEAVY!r}])"
    )
    assert out == "False False False False"


def test_cli_and_nlp_modules_import_light() -> None:
    out = _run(
        "import sys\n"
        "import pipeline.nlp, pipeline.nlp.options, pipeline.nlp.commands, pipeline.nlp.merge, pipeline.nlp.view\n"
        "import pipeline.nlp.ckip, pipeline.nlp.tiny, pipeline.nlp.spacy_export\n"
        "from pipeline.cli import build_parser\n"
        "build_parser()\n"
        f"print(*[name in sys.modules for name in {HEAVY!r}])"
    )
    assert out == "False False False False"
