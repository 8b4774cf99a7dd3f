"""kill -9 a running batch at different moments, run it again: the outputs equal an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_support import MINUTES_BIN, assert_same_outputs, make_archive, sample_docs, write_docs

N_DOCS = 40


def _cmd(folder: Path, out: Path) -> list[str]:
    exe = [str(MINUTES_BIN)] if MINUTES_BIN.exists() else [sys.executable, "-m", "pipeline.cli"]
    return [*exe, "extract", str(folder), "--out", str(out), "--workers", "2", "--progress", "log",
            "--part-docs", "16"]


def _run(folder: Path, out: Path) -> None:
    r = subprocess.run(_cmd(folder, out), capture_output=True, text=True, timeout=300)
    assert r.returncode == 3, r.stderr  # the broken files fail
    assert "Traceback" not in r.stderr


def _json_files(out: Path) -> int:
    d = out / "json"
    return sum(1 for p in d.iterdir() if p.suffix == ".json") if d.is_dir() else 0


def _manifest_lines(out: Path) -> int:
    try:
        return (out / "manifest.jsonl").read_bytes().count(b"\n")
    except OSError:
        return 0


def _building_tables(out: Path) -> bool:
    return any(out.glob(".parquet-*")) or (out / "parquet").is_dir()


MOMENTS: dict[str, Callable[[Path], bool]] = {
    "first-json": lambda out: _json_files(out) >= 1,
    "half-done": lambda out: _manifest_lines(out) >= N_DOCS // 2,
    "tables": _building_tables,
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("crash")
    folder = base / "in"
    make_archive(folder, n_good=N_DOCS - 3)
    write_docs(folder, sample_docs(N_DOCS + 1)[N_DOCS - 2:])  # a few more, so the table parts change
    clean = base / "clean"
    _run(folder, clean)
    return folder, clean


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_sigkill_then_rerun_equals_an_uninterrupted_run(archive: tuple[Path, Path], tmp_path: Path,
                                                        moment: str) -> None:
    folder, clean = archive
    out = tmp_path / "out"
    proc = subprocess.Popen(_cmd(folder, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while proc.poll() is None and not MOMENTS[moment](out):
            assert time.monotonic() < deadline, "the batch made no progress"
            time.sleep(0.002)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    killed = proc.returncode == -signal.SIGKILL
    if moment != "tables":  # the tables are written in well under a second: it may finish first
        assert killed, f"the batch finished (status {proc.returncode}) before it could be killed"
    _run(folder, out)
    assert_same_outputs(out, clean)
    assert not list(out.glob(".parquet-*")) and not list((out / "json").glob(".*.tmp"))
    # and a further run has nothing left to do
    r = subprocess.run(_cmd(folder, out), capture_output=True, text=True, timeout=300)
    assert '"extracted": 0' in r.stdout and '"tables_rebuilt": false' in r.stdout
