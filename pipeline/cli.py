"""The `minutes` command: a thin layer over the library."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pipeline import __version__


def _schema(args: argparse.Namespace) -> int:
    from pipeline.models import Minutes

    print(json.dumps(Minutes.model_json_schema(), ensure_ascii=False, indent=1))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from pipeline.evaluate import EvalInputError, evaluate_dirs, format_table

    try:
        result = evaluate_dirs(args.gold, args.pred)
    except EvalInputError as exc:
        print(f"minutes eval: error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_table(result))
    if args.min_f1 is not None and any(f["f1"] < args.min_f1 for f in result["fields"].values()):
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    from pipeline import batch

    ap = argparse.ArgumentParser(prog="minutes", description=__doc__)
    ap.add_argument("--version", action="version", version=f"minutes {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract minutes from files or folders into OUT")
    batch.add_arguments(p)
    p.set_defaults(func=batch.command)

    p = sub.add_parser("eval", help="precision / recall / F1 per field against gold annotations")
    p.add_argument("--gold", required=True)
    p.add_argument("--pred", required=True, help="a folder of per-document JSON (OUT/json, or OUT)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--min-f1", type=float, default=None, help="exit 1 if any field's F1 is below this")
    p.set_defaults(func=_eval)

    p = sub.add_parser("schema", help="print the JSON Schema of the per-document output")
    p.set_defaults(func=_schema)

    from pipeline.audit import commands as audit_commands
    from pipeline.export import commands as export_commands
    from pipeline.nlp import commands as nlp_commands

    audit_commands.register(sub)
    export_commands.register(sub)
    nlp_commands.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
