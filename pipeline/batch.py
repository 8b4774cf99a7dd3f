"""`minutes extract INPUT... --out OUT`: the archive runner's command line (see `pipeline.runner`).

Every input ends either as OUT/json/<stem>.json or as a row in OUT/errors.jsonl and the `errors` table;
the Parquet tables are under OUT/parquet/<table>/. After a run OUT describes exactly its inputs: inputs of
an earlier run that are not among them leave the tables and errors.jsonl, and their JSON documents are
moved to OUT/removed/. `--dry-run` lists what a run would extract, reuse, leave and remove.

Exit status: 0 every input succeeded; 2 usage error, including an input path that does not exist and
folders that hold no input file (nothing is created or changed); 3 the run finished but some inputs
failed (see OUT/errors.jsonl); 4 the run could not start or finish (OUT locked by another run, not
writable, the Dask scheduler unreachable ...); 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.runner import InputError, Plan, RunConfig, Summary, plan_run, run_batch
from pipeline.runner.inputs import INPUT_SUFFIXES, discover
from pipeline.runner.limits import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    DEFAULT_MAX_PAGES,
    DEFAULT_TIMEOUT_SECONDS,
    Limits,
)
from pipeline.runner.manifest import OutputLockedError

__all__ = ["EXIT_FAILED", "EXIT_FATAL", "EXIT_OK", "EXIT_USAGE", "INPUT_SUFFIXES", "add_arguments", "command",
           "discover", "run"]

EXIT_OK, EXIT_USAGE, EXIT_FAILED, EXIT_FATAL = 0, 2, 3, 4
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.I)


def parse_size(text: str) -> int:
    """'200M', '1.5G', '4096' -> bytes (binary multiples); 0 turns the limit off."""
    m = _SIZE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 200M, 1G, 4096)")
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def _nonneg_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return v


def _positive_int(text: str) -> int:
    v = _nonneg_int(text)
    if v < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return v


def _seconds(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return v


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="files or folders (folders are searched recursively)")
    p.add_argument("--out", "-o", required=True, type=Path, help="output folder")
    g = p.add_argument_group("running")
    g.add_argument("--workers", "-j", type=_positive_int, default=os.cpu_count() or 1,
                   help="documents processed in parallel (default: the machine's cores)")
    g.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local worker processes (default) or a Dask distributed cluster")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler (tcp://host:8786); default a LocalCluster of --workers")
    g.add_argument("--force", action="store_true", help="redo every input, even those already done in OUT")
    g.add_argument("--retry-errors", action="store_true", help="redo inputs that failed in an earlier run")
    g.add_argument("--dry-run", "-n", action="store_true",
                   help="list what a run would extract, reuse, leave as it is and remove from OUT; write nothing")
    g.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                   help="a progress bar on a terminal, log lines otherwise (auto); or force one")
    g.add_argument("--quiet", "-q", action="store_true", help="no progress and no per-error lines")
    g.add_argument("--max-tasks-per-child", type=_positive_int, default=500, help=argparse.SUPPRESS)
    g.add_argument("--part-docs", type=_positive_int, default=2000, help=argparse.SUPPRESS)
    lim = p.add_argument_group("limits per document (0 turns a limit off)")
    lim.add_argument("--timeout-seconds", type=_seconds, default=DEFAULT_TIMEOUT_SECONDS,
                     help=f"seconds per document (default {DEFAULT_TIMEOUT_SECONDS:g}); error `timed_out`")
    lim.add_argument("--max-bytes", type=parse_size, default=DEFAULT_MAX_BYTES,
                     help="file size, e.g. 200M (default 200M); error `too_large`")
    lim.add_argument("--max-pages", type=_nonneg_int, default=DEFAULT_MAX_PAGES,
                     help=f"pages (default {DEFAULT_MAX_PAGES}); error `too_large`")
    lim.add_argument("--max-chars", type=_nonneg_int, default=DEFAULT_MAX_CHARS,
                     help=f"characters of text (default {DEFAULT_MAX_CHARS:,}); error `too_large`")
    ex = p.add_argument_group("extraction")
    ex.add_argument("--profile", dest="profile_name", metavar="NAME",
                    help="use this body profile for every document instead of choosing one from its header")
    ex.add_argument("--allow-non-minutes", action="store_true",
                    help="extract documents that do not look like minutes instead of failing `not_minutes`")
    ex.add_argument("--opt", action="append", default=[], metavar="KEY=VALUE",
                    help="an extraction option passed through to the pipeline (value parsed as JSON if it can "
                         "be), e.g. --opt ocr=off; repeatable")
    from pipeline.nlp.options import add_nlp_arguments

    add_nlp_arguments(p)


def extract_options(args: argparse.Namespace) -> dict[str, Any]:
    """The options every document's extraction gets (`pipeline.extract_bytes(data, path, **options)`)."""
    from pipeline.nlp.options import nlp_options

    opts: dict[str, Any] = {k: v for k, v in nlp_options(args).items() if v is not None}
    if getattr(args, "profile_name", None):
        opts["profile_name"] = args.profile_name
    if getattr(args, "allow_non_minutes", False):
        opts["require_minutes"] = False
    for item in getattr(args, "opt", []):
        key, sep, value = item.partition("=")
        if not sep or not key.isidentifier():
            raise ValueError(f"--opt {item!r}: expected KEY=VALUE")
        try:
            opts[key] = json.loads(value)
        except ValueError:
            opts[key] = value
    return opts


def config_from_args(args: argparse.Namespace) -> RunConfig:
    if args.scheduler and args.engine != "dask":
        raise ValueError("--scheduler needs --engine dask")
    if args.out.exists() and not args.out.is_dir():
        raise ValueError(f"--out {args.out}: exists and is not a folder")
    limits = Limits(timeout_seconds=args.timeout_seconds or None, max_bytes=args.max_bytes or None,
                    max_pages=args.max_pages or None, max_chars=args.max_chars or None)
    return RunConfig(out=args.out, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
                     options=extract_options(args), limits=limits, force=args.force,
                     retry_errors=args.retry_errors, progress="none" if args.quiet else args.progress,
                     max_tasks_per_child=args.max_tasks_per_child, part_docs=args.part_docs)


def run(inputs: Iterable[str | os.PathLike[str]], config: RunConfig) -> Summary:
    return run_batch(inputs, config)


def _report(summary: Summary, out: Path, quiet: bool) -> None:
    err = sys.stderr
    if not quiet:
        shown = summary.errors[:20]
        for e in shown:
            msg, path = str(e.get("message")), str(e.get("path"))
            print(f"error: [{e.get('error_type')}] {msg if msg.startswith(path) else f'{path}: {msg}'}", file=err)
        if summary.failed > len(shown):
            print(f"... and {summary.failed - len(shown)} more in {out / 'errors.jsonl'}", file=err)
        for r in summary.removed[:20]:
            where = f"its JSON moved to {out / r['moved_to']}" if r["moved_to"] else "its error row dropped"
            print(f"removed: {r['path']} is no longer among the inputs; {where}", file=err)
        if len(summary.removed) > 20:
            print(f"... and {len(summary.removed) - 20} more removed", file=err)
    by_type = ", ".join(f"{k} {v}" for k, v in summary.errors_by_type.items())
    removed = f", {len(summary.removed)} removed" if summary.removed else ""
    print(f"minutes: {summary.inputs} inputs: {summary.extracted} extracted, {summary.skipped} already done, "
          f"{summary.reused} reused, {summary.failed} failed{f' ({by_type})' if by_type else ''}{removed} "
          f"in {summary.seconds:.1f} s; tables {'rebuilt' if summary.tables_rebuilt else 'unchanged'} "
          f"-> {out}", file=err)
    print(json.dumps(summary.as_dict(), ensure_ascii=False))


def _report_plan(plan: Plan) -> None:
    """One line per input (and per input of an earlier run that would be removed), then the counts."""
    for item in plan.items:
        print(f"{item.action:<10} {item.path}" + (f"  ({item.note})" if item.note else ""))
    d = plan.as_dict()
    print(f"minutes: dry run, nothing written: {d['inputs']} inputs: {d['extract']} to extract, {d['reuse']} to "
          f"reuse, {d['unchanged']} unchanged, {d['unreadable']} unreadable; {d['remove']} to remove "
          f"-> {plan.out}", file=sys.stderr)
    print(json.dumps(d, ensure_ascii=False))


def command(args: argparse.Namespace) -> int:
    from pipeline.errors import MinutesError
    from pipeline.nlp.options import check_nlp_options

    try:
        config = config_from_args(args)
        check_nlp_options(config.options)  # fail in seconds, not once per document
    except (ValueError, MinutesError) as exc:
        print(f"minutes extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if getattr(args, "dry_run", False):
            _report_plan(plan_run(args.inputs, config))
            return EXIT_OK
        summary = run(args.inputs, config)
    except InputError as exc:  # raised before anything is created or changed
        print(f"minutes extract: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OutputLockedError as exc:
        print(f"minutes extract: error: {exc}", file=sys.stderr)
        return EXIT_FATAL
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a failure of the run itself (not of a document): no traceback
        print(f"minutes extract: error: the run could not finish: {type(exc).__name__}: {exc}\n"
              f"  what is done is kept in {config.out}; run the same command again to resume", file=sys.stderr)
        return EXIT_FATAL
    _report(summary, config.out, args.quiet)
    return summary.exit_code
