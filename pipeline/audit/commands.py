"""CLI subcommands of the auditor tools (registered by pipeline.cli): review, cases, overdue."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.audit.text_table import render

if TYPE_CHECKING:
    from pipeline.audit.ledger import Ledger


def register(sub: argparse._SubParsersAction) -> None:
    """Add the auditor subcommands (review, cases, overdue) to the `minutes` parser, and the
    `case_ledger` table to the tables `minutes extract` writes."""
    from pipeline.audit.tables import register_table_hook

    register_table_hook()
    p = sub.add_parser("cases", help="the 列管 case ledger across the meetings in OUT")
    p.add_argument("out", type=Path, help="an output folder of `minutes extract` (or its json/ folder)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="the full ledger (meetings, cases, decisions)")
    fmt.add_argument("--csv", action="store_true", help="one row per case")
    p.add_argument("--open", action="store_true", help="only the cases still open at the latest meeting")
    p.add_argument("--meetings", action="store_true", help="also list the meetings and their links")
    p.set_defaults(func=_cases)

    p = sub.add_parser("overdue", help="action items past their deadline, grouped by assignee")
    p.add_argument("out", type=Path, help="an output folder of `minutes extract` (or its json/ folder)")
    p.add_argument("--as-of", type=date.fromisoformat, default=date.today(), help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--open-only", action="store_true",
                   help="leave out items whose meeting's cases a follow-up meeting closed")
    p.set_defaults(func=_overdue)

    p = sub.add_parser("review", help="an HTML page: the source with every extraction highlighted")
    p.add_argument("file", type=Path, help="an input document, or a JSON file written by `minutes extract`")
    p.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    p.add_argument("--no-pages", action="store_true", help="leave out the PDF page images")
    p.set_defaults(func=_review)


# ---- cases -------------------------------------------------------------------------------------

CASE_COLUMNS = ("series", "case_id", "opened", "opened_basis", "first_seen", "decisions", "closed",
                "meetings_open", "days_open", "open_at_latest", "last_status")


def _check_out(command: str, out: Path) -> str | None:
    """The one-line error for an OUT that `cases` / `overdue` cannot read, or None when it is fine:
    a folder holding json/ (an output folder of `minutes extract`) or JSON files itself."""
    if not out.exists():
        return f"minutes {command}: error: {out}: no such folder"
    if not out.is_dir():
        return f"minutes {command}: error: {out}: not a folder (give the --out folder of `minutes extract`)"
    if not (out / "json").is_dir() and not any(out.glob("*.json")):
        return (f"minutes {command}: error: {out}: no JSON documents (neither {out / 'json'} nor *.json); "
                "give the --out folder of `minutes extract`")
    return None


def _case_rows(ledger: Ledger) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for c in ledger.cases:
        opened = f"第{c.opened_session}次" if c.opened_session is not None else ""
        if c.opened_basis == "case_number_outside_archive":
            opened += "*"
        rows.append({
            "series": c.series, "case_id": c.case_id, "opened": opened, "opened_basis": c.opened_basis,
            "first_seen": c.first_seen_date or c.first_seen_doc,
            "decisions": "; ".join(f"{_at(d.session, d.date, d.doc)} {d.status}" for d in c.decisions),
            "closed": c.closed_date or c.closed_doc or "", "meetings_open": c.meetings_open,
            "days_open": c.days_open, "open_at_latest": c.open_at_latest, "last_status": c.last_status,
        })
    return rows


def _at(session: int | None, day: str | None, doc: str) -> str:
    return f"第{session}次" if session is not None else (day or doc)


def _cases(args: argparse.Namespace) -> int:
    from pipeline.audit.archive import load_archive
    from pipeline.audit.ledger import build_ledger

    if problem := _check_out("cases", args.out):
        print(problem, file=sys.stderr)
        return 2
    ledger = build_ledger(load_archive(args.out))
    if args.open:
        ledger.cases = [c for c in ledger.cases if c.open_at_latest]
    if args.json:
        print(json.dumps(ledger.to_dict(), ensure_ascii=False, indent=1))
        return 0
    rows = _case_rows(ledger)
    if args.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CASE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return 0
    print(f"{len(ledger.cases)} cases, {len(ledger.meetings)} meetings")
    if rows:
        print(render(("case", "opened", "first seen", "decisions", "closed", "meetings", "days", "open now"),
                     [(r["case_id"], r["opened"], r["first_seen"], r["decisions"], r["closed"],
                       r["meetings_open"], r["days_open"], "yes" if r["open_at_latest"] else "no")
                      for r in rows]))
    notes = sorted({c.opened_note for c in ledger.cases if c.opened_basis == "case_number_outside_archive"})
    if notes:
        print("\n* " + "\n* ".join(notes))
    if args.meetings:
        print()
        print(render(("meeting", "series", "session", "date", "confirms", "follows up", "cases"),
                     [(m.doc, m.series, m.session, m.date,
                       _link(m.confirms_session, m.confirms_doc), _link(m.follows_up_session, m.follows_up_doc),
                       m.cases) for m in ledger.meetings]))
    for name in ledger.skipped:
        print(f"skipped (not a minutes JSON): {name}", file=sys.stderr)
    return 0


def _link(session: int | None, doc: str | None) -> str:
    if session is None and doc is None:
        return ""
    return f"第{session}次" + (f" → {doc}" if doc else " (not in archive)")


# ---- overdue -----------------------------------------------------------------------------------

def _overdue(args: argparse.Namespace) -> int:
    from pipeline.audit.archive import load_archive
    from pipeline.audit.overdue import action_statuses, overdue_by_assignee, to_dict

    if problem := _check_out("overdue", args.out):
        print(problem, file=sys.stderr)
        return 2
    archive = load_archive(args.out)
    groups = overdue_by_assignee(action_statuses(archive, args.as_of), include_closed=not args.open_only)
    if args.json:
        print(json.dumps(to_dict(groups, args.as_of), ensure_ascii=False, indent=1))
        return 0
    total = len({(s.doc, s.span) for items in groups.values() for s in items})
    print(f"{total} action items past their deadline on {args.as_of.isoformat()}")
    for who, items in groups.items():
        print(f"\n{who} ({len(items)})")
        for s in items:
            closure = f"  [cases from this meeting: {s.closure}]" if s.closure else ""
            print(f"  due {s.deadline} ({s.days_overdue} days late){closure}")
            print(f"    {s.citation}")
    return 0


# ---- review ------------------------------------------------------------------------------------

def _review(args: argparse.Namespace) -> int:
    """Exit 0, or with one line on stderr: 2 when FILE is missing or not a file, 3 when it cannot be
    read as minutes (the error type and message `minutes extract` would record), 4 when the page
    cannot be written."""
    from pipeline.audit.review import write_review
    from pipeline.errors import MinutesError

    file: Path = args.file
    if not file.exists():
        print(f"minutes review: error: {file}: no such file", file=sys.stderr)
        return 2
    if not file.is_file():
        print(f"minutes review: error: {file}: not a file", file=sys.stderr)
        return 2
    if file.suffix.lower() == ".json":  # not an input format: it must be a result of `minutes extract`
        from pydantic import ValidationError

        from pipeline.models import Minutes

        try:
            Minutes.model_validate_json(file.read_bytes())
        except (OSError, ValueError, ValidationError) as exc:
            first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            print(f"minutes review: error: [unreadable] {file}: not a JSON document written by `minutes extract` "
                  f"({first})", file=sys.stderr)
            return 3
    try:
        path = write_review(file, args.output, pages=not args.no_pages)
    except MinutesError as exc:
        print(f"minutes review: error: [{exc.kind}] {exc.message}", file=sys.stderr)
        return 3
    except OSError as exc:
        print(f"minutes review: error: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 4
    except Exception as exc:  # a bug: one line, not a traceback
        from pipeline.runner.task import internal_message

        print(f"minutes review: error: [internal] {file}: {internal_message(exc)}", file=sys.stderr)
        return 3
    print(path)
    return 0
