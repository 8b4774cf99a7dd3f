"""`minutes export OUT --duckdb FILE --csv DIR`: the archive's tables for SQL and spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="the tables of OUT as a DuckDB database (with views) and/or CSV files",
                       description="Write the tables of an output folder of `minutes extract` as one DuckDB "
                                   "database (tables, views joining action items to their meeting, section, "
                                   "item, block and assignees, the case ledger, and a codebook table) and/or "
                                   "as CSV files. See docs/codebook.md.")
    p.add_argument("out", type=Path, help="an output folder of `minutes extract`")
    p.add_argument("--duckdb", type=Path, metavar="FILE", help="the DuckDB database file to write (replaced)")
    p.add_argument("--csv", type=Path, metavar="DIR", help="a folder for one CSV file per table and view")
    p.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    from pipeline.export.sql import NoTablesError, write_csv, write_duckdb

    if args.duckdb is None and args.csv is None:
        print("minutes export: say what to write: --duckdb FILE and/or --csv DIR", file=sys.stderr)
        return 2
    if not args.out.is_dir():
        print(f"minutes export: {args.out}: no such folder", file=sys.stderr)
        return 2
    try:
        if args.duckdb is not None:
            print(write_duckdb(args.out, args.duckdb))
        if args.csv is not None:
            files = write_csv(args.out, args.csv)
            print(f"{len(files)} CSV files in {args.csv}")
    except NoTablesError as exc:
        print(f"minutes export: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:
        print(f"minutes export: {exc}; install DuckDB: pip install duckdb (or the project's [audit] extra)",
              file=sys.stderr)
        return 2
    return 0
