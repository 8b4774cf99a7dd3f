"""CLI subcommands of the NLP layer (registered by pipeline.cli)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.errors import MinutesError


def _export_spacy(args: argparse.Namespace) -> int:
    from pipeline.nlp.spacy_export import export_spacy

    try:
        report = export_spacy(args.out, args.output)
    except (MinutesError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps({"documents": report.documents, "spans": report.spans, "ents": report.ents,
                      "skipped_spans": report.skipped_spans, "output": str(report.output)},
                     ensure_ascii=False))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add the NLP subcommands (export-spacy) to the `minutes` parser."""
    p = sub.add_parser("export-spacy",
                       help="turn OUT/json/*.json into spaCy Docs (doc.spans['minutes'], doc.ents) in a DocBin")
    p.add_argument("out", type=Path, help="an extract output folder (its json/ is read) or a folder of JSON")
    p.add_argument("--output", "-o", type=Path, default=None, metavar="FILE.spacy",
                   help="the DocBin to write (default: OUT/minutes.spacy)")
    p.set_defaults(func=_export_spacy)
