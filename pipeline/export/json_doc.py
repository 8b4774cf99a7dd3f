"""The per-document JSON file (shared/eval/CONTRACT.md is its minimum)."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.export.files import write_atomic
from pipeline.models import Minutes

# separators, characters Windows forbids, control characters (C0, DEL, C1) and the bidirectional
# controls that make a name display as something else (U+202E turns "evil\u202etxt.exe" around)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\:*?\"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe_stem(name: str) -> str:
    """A file stem that cannot leave its folder, hide itself or disguise its name."""
    stem = _UNSAFE.sub("_", Path(name).stem).strip(" .") or "document"
    return stem[:200]


def to_json(minutes: Minutes) -> bytes:
    return minutes.model_dump_json(indent=1).encode("utf-8")


def write_minutes_json(minutes: Minutes, json_dir: Path, stem: str | None = None) -> Path:
    path = json_dir / f"{safe_stem(stem or Path(minutes.source.path).name)}.json"
    write_atomic(path, to_json(minutes))
    return path
