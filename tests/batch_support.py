"""Helpers for the batch tests: input folders made from the kcc corpus, and table comparison."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
KCC = Path(os.environ.get("MINUTES_SHARED", ROOT.parent / "shared")) / "corpus" / "kcc"
MINUTES_BIN = ROOT / ".venv" / "bin" / "minutes"


def kcc_files(n: int) -> list[Path]:
    files = sorted(KCC.glob("*.txt"))
    assert len(files) >= n, f"the kcc corpus is missing: {KCC}"
    return files[:n]


def make_archive(folder: Path, n_good: int = 4, broken: bool = True) -> dict[str, list[Path]]:
    """`n_good` real minutes plus (optionally) an empty file, random bytes and a zip named .pdf."""
    folder.mkdir(parents=True, exist_ok=True)
    good = []
    for f in kcc_files(n_good):
        dst = folder / f.name
        shutil.copyfile(f, dst)
        good.append(dst)
    bad: list[Path] = []
    if broken:
        (folder / "empty.txt").write_bytes(b"")
        (folder / "random.pdf").write_bytes(bytes((i * 7919 + 13) % 251 for i in range(4000)))
        with zipfile.ZipFile(folder / "archive.pdf", "w") as z:
            z.writestr("a.txt", "not a document")
        bad = [folder / "empty.txt", folder / "random.pdf", folder / "archive.pdf"]
    return {"good": good, "bad": bad}


def table_names(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "parquet").iterdir() if p.is_dir())


def _hashable(v: object) -> object:
    if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
        return json.dumps([_hashable(x) for x in list(v)], ensure_ascii=False, default=str)  # type: ignore[call-overload]
    return v


def sorted_table(out: Path, table: str) -> pd.DataFrame:
    df = pd.read_parquet(out / "parquet" / table)
    df = df.map(_hashable) if len(df) else df
    cols = list(df.columns)
    return df.astype(str).sort_values(cols).reset_index(drop=True) if len(df) else df


def assert_same_tables(a: Path, b: Path) -> None:
    assert table_names(a) == table_names(b)
    for t in table_names(a):
        pd.testing.assert_frame_equal(sorted_table(a, t), sorted_table(b, t), check_dtype=False, obj=t)


def assert_same_outputs(a: Path, b: Path) -> None:
    """Same tables, same JSON documents (names and bytes), same errors.jsonl."""
    assert_same_tables(a, b)
    ja = {p.name: p.read_bytes() for p in (a / "json").glob("*.json")}
    jb = {p.name: p.read_bytes() for p in (b / "json").glob("*.json")}
    assert sorted(ja) == sorted(jb)
    assert ja == jb
    assert (a / "errors.jsonl").read_bytes() == (b / "errors.jsonl").read_bytes()
