"""Helpers for the batch tests: input folders of real minutes made from tests/fixtures (varied copies
when more documents are needed than there are fixtures), and table comparison."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pandas as pd
from corpora import text_fixtures

ROOT = Path(__file__).resolve().parents[1]
MINUTES_BIN = ROOT / ".venv" / "bin" / "minutes"


SMALL = 10_000  # bytes: the batch tests' documents are short minutes, a few hundredths of a second each


def sample_docs(n: int) -> list[tuple[str, bytes]]:
    """`n` distinct real minutes as (file name, bytes): the short text fixtures, then copies of them each
    with a distinct trailing line (other bytes, so every one is a document of its own)."""
    bases = [p for p in text_fixtures() if p.stat().st_size < SMALL]
    assert bases, "tests/fixtures holds no text documents"
    docs = []
    for i in range(n):
        base = bases[i % len(bases)]
        copy = i // len(bases)
        if copy == 0:
            docs.append((base.name, base.read_bytes()))
        else:
            docs.append((f"{base.stem}_copy{copy:03d}{base.suffix}",
                         base.read_bytes() + f"\n（檔案副本 {copy:03d}）\n".encode()))
    return docs


def write_docs(folder: Path, docs: list[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in docs:
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def make_archive(folder: Path, n_good: int = 4, broken: bool = True) -> dict[str, list[Path]]:
    """`n_good` real minutes plus (optionally) an empty file, random bytes and a zip named .pdf."""
    good = write_docs(folder, sample_docs(n_good))
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
