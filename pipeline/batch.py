"""`minutes extract`: run the pipeline over files and folders, one JSON per document.

Every input ends either as OUT/json/<stem>.json or as a row in OUT/errors.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.api import extract
from pipeline.errors import MinutesError
from pipeline.export.files import write_atomic
from pipeline.export.json_doc import safe_stem, write_minutes_json
from pipeline.models import ErrorRecord

INPUT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff",
                  ".docx", ".odt", ".doc", ".text", ".markdown"}


def iter_inputs(inputs: Iterable[str | Path]) -> Iterator[Path]:
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.name.startswith(".") and (f.suffix.lower() in INPUT_SUFFIXES):
                    yield f
        else:
            yield p


def run_batch(inputs: Iterable[str | Path], out: Path) -> tuple[int, list[ErrorRecord]]:
    json_dir = out / "json"
    json_dir.mkdir(parents=True, exist_ok=True)
    done = 0
    errors: list[ErrorRecord] = []
    for path in iter_inputs(inputs):
        try:
            minutes = extract(path)
            write_minutes_json(minutes, json_dir, safe_stem(path.name))
            done += 1
        except MinutesError as exc:
            errors.append(ErrorRecord(path=str(path), stage=exc.stage, error_type=exc.kind, message=exc.message))
        except FileNotFoundError as exc:
            errors.append(ErrorRecord(path=str(path), stage="ingest", error_type="unreadable", message=str(exc)))
        except Exception as exc:  # one broken document never stops a batch
            errors.append(ErrorRecord(path=str(path), stage="pipeline", error_type="internal",
                                      message=f"{type(exc).__name__}: {exc}"))
    lines = "".join(e.model_dump_json() + "\n" for e in errors)
    write_atomic(out / "errors.jsonl", lines.encode("utf-8"))
    return done, errors


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", help="files or folders")
    p.add_argument("--out", "-o", required=True, type=Path, help="output folder")


def command(args: argparse.Namespace) -> int:
    done, errors = run_batch(args.inputs, args.out)
    for e in errors:
        print(f"error: {e.path}: [{e.error_type}] {e.message}", file=sys.stderr)
    print(json.dumps({"documents": done, "errors": len(errors)}))
    return 0 if not errors else 3
