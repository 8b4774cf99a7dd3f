"""The batch runner: every input accounted for, incremental runs, --force, names, limits, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from batch_support import MINUTES_BIN, assert_same_outputs, assert_same_tables, make_archive, sample_docs
from corpora import FOUNDING

from pipeline.runner import MissingInputError, NoInputsError, RunConfig, run_batch
from pipeline.runner.inputs import Namer, json_stem, path_tag
from pipeline.runner.limits import Limits
from pipeline.runner.manifest import OutputLock, OutputLockedError


def _config(out: Path, **kw: object) -> RunConfig:
    kw.setdefault("workers", 2)
    kw.setdefault("progress", "none")
    return RunConfig(out=out, **kw)  # type: ignore[arg-type]


def _errors(out: Path) -> dict[str, dict[str, str]]:
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["path"]: json.loads(line) for line in lines}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[Path]]]:
    base = tmp_path_factory.mktemp("archive")
    return base / "in", make_archive(base / "in", n_good=5)


def test_every_input_ends_as_json_or_error_row(archive: tuple[Path, dict[str, list[Path]]],
                                                tmp_path: Path) -> None:
    folder, files = archive
    out = tmp_path / "out"
    s = run_batch([folder], _config(out))
    assert s.inputs == 8 and s.extracted == 5 and s.failed == 3 and s.exit_code == 3
    errors = _errors(out)
    for f in files["good"]:
        assert (out / "json" / f"{f.stem}.json").is_file()
        assert str(f) not in errors
    assert sorted(errors) == sorted(str(f) for f in files["bad"])
    assert errors[str(folder / "empty.txt")]["error_type"] == "empty"
    assert {e["error_type"] for e in errors.values()} <= {"empty", "unsupported_format", "unreadable"}
    for e in errors.values():
        assert e["sha256"] and e["stage"] and e["message"]
    err_table = pd.read_parquet(out / "parquet" / "errors")
    assert sorted(err_table["path"]) == sorted(errors)
    meetings = pd.read_parquet(out / "parquet" / "meetings")
    assert len(meetings) == 5 and meetings["meeting_id"].is_unique
    assert set(meetings["json_file"]) == {f"{f.stem}.json" for f in files["good"]}
    for col in ("schema_version", "pipeline_version"):
        assert meetings[col].notna().all()


def test_second_run_skips_and_force_redoes(archive: tuple[Path, dict[str, list[Path]]], tmp_path: Path) -> None:
    folder, _ = archive
    out = tmp_path / "out"
    run_batch([folder], _config(out))
    first = {p: p.stat().st_mtime_ns for p in (out / "parquet").rglob("*.parquet")}
    again = run_batch([folder], _config(out))
    assert (again.extracted, again.skipped, again.failed) == (0, 8, 3)
    assert not again.tables_rebuilt
    assert {p: p.stat().st_mtime_ns for p in (out / "parquet").rglob("*.parquet")} == first
    forced = run_batch([folder], _config(out, force=True))
    assert forced.extracted == 5 and forced.failed == 3 and forced.skipped == 0
    clean = tmp_path / "clean"
    run_batch([folder], _config(clean, workers=1))
    assert_same_outputs(out, clean)


def test_changed_renamed_and_duplicate_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    files = make_archive(folder, n_good=3, broken=False)["good"]
    out = tmp_path / "out"
    run_batch([folder], _config(out))
    # a copy under another name: no new extraction, one meeting with a duplicate path
    (folder / "copy.txt").write_bytes(files[0].read_bytes())
    s = run_batch([folder], _config(out))
    assert (s.extracted, s.reused, s.skipped) == (0, 1, 3)
    copy_doc = json.loads((out / "json" / "copy.json").read_text(encoding="utf-8"))
    assert copy_doc["source"]["path"] == str(folder / "copy.txt")
    m = pd.read_parquet(out / "parquet" / "meetings")
    assert len(m) == 3
    row = m[m["duplicate_paths"].map(len) > 0].iloc[0]
    assert sorted([row["source_path"], *row["duplicate_paths"]]) == sorted([str(files[0]), str(folder / "copy.txt")])
    # changed content: extracted again, the old meeting leaves the tables
    old_id = pd.read_parquet(out / "parquet" / "meetings").set_index("source_path").loc[str(files[1]), "meeting_id"]
    files[1].write_bytes(files[1].read_bytes() + "\n附件：無\n".encode())
    s = run_batch([folder], _config(out))
    assert s.extracted == 1
    m = pd.read_parquet(out / "parquet" / "meetings")
    assert old_id not in set(m["meeting_id"]) and len(m) == 3
    assert old_id not in set(pd.read_parquet(out / "parquet" / "sections")["meeting_id"])


def test_same_stem_in_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    src = sample_docs(2)
    a.mkdir()
    b.mkdir()
    (a / "X.txt").write_bytes(src[0][1])
    (b / "X.txt").write_bytes(src[1][1])
    out = tmp_path / "out"
    run_batch([a, b], _config(out))
    second = f"X-{path_tag(str(b / 'X.txt'))}.json"
    assert sorted(p.name for p in (out / "json").iterdir()) == sorted(["X.json", second])
    assert json.loads((out / "json" / "X.json").read_text(encoding="utf-8"))["source"]["path"] == str(a / "X.txt")
    # names are kept on later runs, whatever the order of the inputs
    run_batch([b, a], _config(out, force=True))
    assert json.loads((out / "json" / second).read_text(encoding="utf-8"))["source"]["path"] == str(b / "X.txt")


def test_output_names_stay_inside_out() -> None:
    namer = Namer({})
    for raw in ["/x/../../etc/passwd", "/x/..", "/x/.hidden.txt", "/x/a\nb.txt", "/x/" + "會" * 80 + ".txt",
                "/x/c:\\evil.txt", "/x/a\x00b.txt"]:
        name = namer.name_for(raw)
        assert "/" not in name and "\\" not in name and not name.startswith(".") and "\x00" not in name
        assert len(name.encode()) < 255
    assert json_stem("/x/report.pdf") == "report"
    assert namer.name_for("/y/REPORT.pdf") == "REPORT.json"
    assert namer.name_for("/z/report.pdf").startswith("report-")  # case-insensitive file systems


def test_limits_become_too_large_and_timed_out_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good = make_archive(folder, n_good=2, broken=False)["good"]
    big = folder / "big.txt"
    big.write_bytes(good[0].read_bytes() * 600)  # megabytes of real minutes: seconds of work
    out = tmp_path / "out"
    s = run_batch([big], _config(out, limits=Limits(timeout_seconds=0.2)))
    errors = _errors(out)
    assert list(errors) == [str(big)]
    assert errors[str(big)]["error_type"] == "timed_out" and "--timeout-seconds" in errors[str(big)]["message"]
    assert s.failed == 1 and not (out / "json" / "big.json").exists()
    s = run_batch([folder], _config(tmp_path / "o2", limits=Limits(max_bytes=50_000)))
    assert _errors(tmp_path / "o2")[str(big)]["error_type"] == "too_large"
    s = run_batch([good[0]], _config(tmp_path / "o3", limits=Limits(max_chars=100)))
    err = _errors(tmp_path / "o3")[str(good[0])]
    assert err["error_type"] == "too_large" and "--max-chars" in err["message"]


def test_missing_input_is_refused_before_anything_and_a_locked_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(MissingInputError, match=r"nope\.txt"):
        run_batch([tmp_path / "nope.txt"], _config(out))
    assert not out.exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(NoInputsError, match="no input files"):
        run_batch([tmp_path / "empty"], _config(out))
    assert not out.exists()
    # a file that goes missing between the folder walk and its turn is an `unreadable` row
    link = tmp_path / "in" / "gone.txt"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "not_there.txt")
    s = run_batch([link.parent], _config(out))
    assert s.failed == 1 and _errors(out)[str(link)]["error_type"] == "unreadable"
    with OutputLock(out), pytest.raises(OutputLockedError):
        run_batch([link.parent], _config(out))


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = [str(MINUTES_BIN)] if MINUTES_BIN.exists() else [sys.executable, "-m", "pipeline.cli"]
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([*exe, "extract", *args], capture_output=True, text=True, env=env, timeout=300)


def test_cli_exit_statuses_and_no_tracebacks(archive: tuple[Path, dict[str, list[Path]]], tmp_path: Path) -> None:
    folder, files = archive
    r = _cli(*map(str, files["good"][:2]), "--out", str(tmp_path / "ok"), "--workers", "1")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1])["documents"] == 2
    r = _cli(str(folder), "--out", str(tmp_path / "mixed"), "--workers", "2", "--progress", "log")
    assert r.returncode == 3
    assert "Traceback" not in r.stderr and "failed" in r.stderr
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert summary["errors"] == 3 and summary["documents"] == 5
    assert _cli(str(folder), "--out", str(tmp_path / "u"), "--workers", "0").returncode == 2
    assert _cli(str(folder), "--out", str(tmp_path / "u"), "--scheduler", "tcp://127.0.0.1:1").returncode == 2
    assert _cli(str(folder), "--out", str(tmp_path / "u"), "--max-bytes", "lots").returncode == 2


def test_a_stuck_or_crashing_worker_costs_only_its_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent kills a worker stuck where its own time limit cannot reach (SIGALRM blocked, as in
    native code) and replaces a worker that dies; the other documents are not affected."""
    import signal
    import time

    from pipeline.runner import local

    real = local.process_file

    def misbehave(task: Any, options: Any, limits: Any) -> Any:  # runs in the forked worker
        name = Path(task.path).name
        if name.startswith("stuck"):
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(task, options, limits)

    monkeypatch.setattr(local, "process_file", misbehave)
    folder = tmp_path / "in"
    good = make_archive(folder, n_good=3, broken=False)["good"]
    (folder / "stuck.txt").write_bytes(good[0].read_bytes())
    (folder / "crash.txt").write_bytes(good[1].read_bytes())
    out = tmp_path / "out"
    s = run_batch([folder], _config(out, limits=Limits(timeout_seconds=0.5)))
    errors = _errors(out)
    assert errors[str(folder / "stuck.txt")]["error_type"] == "timed_out"
    crash = errors[str(folder / "crash.txt")]
    assert crash["error_type"] == "internal" and "signal 9" in crash["message"]
    assert s.extracted == 3 and s.failed == 2


# ---- an archive that stays true: removed inputs leave OUT; --dry-run ---------------------------------

def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _extract(*args: str) -> subprocess.CompletedProcess[str]:
    r = _cli(*args, "--workers", "1", "--progress", "none")
    assert "Traceback" not in r.stderr
    return r


def test_inputs_removed_since_the_last_run_leave_the_tables(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    good = make_archive(folder, n_good=3, broken=False)["good"]
    (folder / "empty.txt").write_bytes(b"")
    assert _extract(str(folder), "--out", str(out)).returncode == 3
    gone, failed = good[1], folder / "empty.txt"
    gone_json = f"{gone.stem}.json"
    gone_id = pd.read_parquet(out / "parquet" / "meetings").set_index("source_path").loc[str(gone), "meeting_id"]
    gone.unlink()
    failed.unlink()
    r = _extract(str(folder), "--out", str(out))
    assert r.returncode == 0, r.stderr  # the failed input is gone too
    assert json.loads(r.stdout.strip().splitlines()[-1])["removed"] == 2
    assert f"removed: {gone} is no longer among the inputs" in r.stderr
    assert f"removed: {failed} is no longer among the inputs" in r.stderr
    # OUT describes exactly the current inputs
    assert sorted(p.name for p in (out / "json").iterdir()) == sorted(f"{g.stem}.json" for g in good if g != gone)
    assert (out / "removed" / gone_json).is_file()  # moved aside, not lost
    assert json.loads((out / "removed" / gone_json).read_bytes())["source"]["path"] == str(gone)
    meetings = pd.read_parquet(out / "parquet" / "meetings")
    assert sorted(meetings["source_path"]) == sorted(str(g) for g in good if g != gone)
    for table in ("sections", "dates", "entities"):
        assert gone_id not in set(pd.read_parquet(out / "parquet" / table)["meeting_id"]), table
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""
    assert len(pd.read_parquet(out / "parquet" / "errors")) == 0
    manifest = [json.loads(x)["path"] for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(manifest) == sorted(str(g) for g in good if g != gone)
    assert not (out / ".rows" / f"{gone_id}.json").exists()
    # the same as a first run over what is left
    clean = tmp_path / "clean"
    assert _extract(str(folder), "--out", str(clean)).returncode == 0
    assert_same_tables(out, clean)
    # an input given again comes back (its result is not reused from removed/: it is extracted)
    gone.write_bytes(dict(sample_docs(3))[gone.name])
    r = _extract(str(folder), "--out", str(out))
    assert json.loads(r.stdout.strip().splitlines()[-1])["extracted"] == 1
    assert len(pd.read_parquet(out / "parquet" / "meetings")) == 3


def test_dry_run_lists_what_a_run_would_do_and_writes_nothing(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    good = make_archive(folder, n_good=4, broken=False)["good"]
    r = _extract(str(folder), "--out", str(out), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert not out.exists()  # not even OUT
    lines = r.stdout.strip().splitlines()
    assert sorted(lines[:-1]) == sorted(f"extract    {g}" for g in good)
    assert json.loads(lines[-1]) == {"dry_run": True, "out": str(out), "inputs": 4, "extract": 4, "reuse": 0,
                                     "unchanged": 0, "unreadable": 0, "remove": 0}
    assert _extract(str(folder), "--out", str(out)).returncode == 0
    # change the folder: one removed, one renamed (same bytes), one edited, one new
    good[0].unlink()
    good[1].rename(folder / "renamed.txt")
    good[2].write_bytes(good[2].read_bytes() + "\n附件：無\n".encode())
    (folder / "new.md").write_bytes(FOUNDING.read_bytes() + b"\n")
    before = _tree(out)
    r = _extract(str(folder), "--out", str(out), "-n")
    assert r.returncode == 0, r.stderr
    assert _tree(out) == before  # nothing written, nothing moved
    actions = {line.split()[1]: line.split()[0] for line in r.stdout.strip().splitlines()[:-1]}
    assert actions == {str(good[0]): "remove", str(good[1]): "remove", str(folder / "renamed.txt"): "reuse",
                       str(good[2]): "extract", str(good[3]): "unchanged", str(folder / "new.md"): "extract"}
    assert f"(the same bytes as {good[1]})" in r.stdout
    assert f"(json/{good[0].stem}.json -> removed/{good[0].stem}.json)" in r.stdout
    counts = json.loads(r.stdout.strip().splitlines()[-1])
    assert (counts["inputs"], counts["extract"], counts["reuse"], counts["unchanged"], counts["remove"]) == \
        (4, 2, 1, 1, 2)
    # and the run does what the dry run said
    r = _extract(str(folder), "--out", str(out))
    summary = json.loads(r.stdout.strip().splitlines()[-1])
    assert (summary["extracted"], summary["reused"], summary["skipped"], summary["removed"]) == (2, 1, 1, 2)
