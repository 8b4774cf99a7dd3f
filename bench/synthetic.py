"""Accuracy on the synthetic suite: every class of text the extractors must read, with its truth
from a generator that shares no code with them (tests/synthetic/).

    .venv/bin/python bench/synthetic.py [--seed N] [--class person ...] [--scale F] [--dump DIR]

Generates the full suite (at least 2,000 variants), runs the pipeline on each variant's text in
process, and scores each class on its own field (people for `person` and `roster`, the meeting
fields for `header`, divisions for `unit`, action items with their assignees and deadline for
`directive`), counting only predictions inside the generated fragment (see tests/synthetic/truth.py).
Beside it, the whole document is scored field by field with `pipeline.evaluate.score_document`, the
project's copy of shared/eval/score.py. A variant the pipeline fails on scores as an empty prediction
and its error is printed.

Prints accuracy per class and per facet (e.g. person form × context), about ten failures per class,
and writes bench/results/synthetic.json and bench/results/synthetic.md. `--dump DIR` also writes
every variant as DIR/<id>.txt with DIR/<id>.gold.json, for `minutes extract` and `minutes eval`.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.api import extract_bytes  # noqa: E402
from pipeline.evaluate import FIELDS, score_document  # noqa: E402
from tests.synthetic.generator import CLASSES, DEFAULT_SEED, SUITE_SIZES  # noqa: E402
from tests.synthetic.truth import Tally, Variant, score_focus  # noqa: E402

RESULTS = REPO / "bench" / "results"
# The whole-document fields worth showing per class (case numbers never occur in the suite).
DOC_FIELDS = tuple(f for f in FIELDS if f != "case_numbers")
EXAMPLES_PER_CLASS = 10

Json = dict[str, Any]


def run_pipeline(variant: Variant) -> tuple[Json | None, str | None]:
    """The contract JSON of the pipeline's output, or (None, the error) when it fails."""
    try:
        minutes = extract_bytes(variant.text.encode("utf-8"), f"{variant.id}.txt")
    except Exception as exc:   # any failure is a miss: the bench must finish and say why
        return None, f"{type(exc).__name__}: {exc}"
    return minutes.model_dump(mode="json"), None


class ClassReport:
    """Tallies of one class: its scored field, per facet value, and the whole documents."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.field = ""
        self.variants = 0
        self.perfect = 0
        self.errors: list[str] = []
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.facets: dict[str, dict[str, list[Any]]] = defaultdict(dict)  # facet -> value -> [Tally, n, ok]
        self.subclasses: dict[str, list[Any]] = {}
        self.documents: dict[str, Tally] = defaultdict(Tally)
        self.failures: list[Json] = []

    def add(self, variant: Variant, pred: Json | None, error: str | None) -> None:
        self.field = variant.focus.field
        score = score_focus(variant.focus, pred)
        main = score.tallies[variant.focus.field]
        ok = main.perfect
        self.variants += 1
        self.perfect += ok
        for name, tally in score.tallies.items():
            self.tallies[name].add(tally)
        for facet, value in variant.facets.items():
            slot = self.facets[facet].setdefault(value, [Tally(), 0, 0])
            slot[0].add(main)
            slot[1] += 1
            slot[2] += ok
        slot = self.subclasses.setdefault(variant.subclass, [Tally(), 0, 0])
        slot[0].add(main)
        slot[1] += 1
        slot[2] += ok
        whole = score_document(variant.gold_document(), pred or {})
        for f in DOC_FIELDS:
            self.documents[f].add(Tally(whole[f].tp, whole[f].fp, whole[f].fn))
        if error:
            self.errors.append(f"{variant.id}: {error}")
        if not ok:
            self.failures.append({
                "id": variant.id, "subclass": variant.subclass,
                "fragment": " | ".join(variant.text[a:b].strip() for a, b in variant.focus.regions),
                "problems": ([f"pipeline error: {error}"] if error else []) + score.problems,
            })

    def examples(self, n: int = EXAMPLES_PER_CLASS) -> list[Json]:
        """Up to n failures, one per sub-class in turn, so the examples show different faults."""
        by_subclass: dict[str, list[Json]] = defaultdict(list)
        for f in self.failures:
            by_subclass[f["subclass"]].append(f)
        picked: list[Json] = []
        queues = list(by_subclass.values())
        while len(picked) < n and any(queues):
            for q in queues:
                if q and len(picked) < n:
                    picked.append(q.pop(0))
        return picked

    def as_json(self) -> Json:
        def rows(table: dict[str, list[Any]]) -> list[Json]:
            return [{"value": k, "n": n, "accuracy": round(ok / n, 4), **t.as_dict()}
                    for k, (t, n, ok) in sorted(table.items(), key=lambda kv: (kv[1][2] / kv[1][1], kv[0]))]

        return {
            "field": self.field,
            "variants": self.variants,
            "accuracy": round(self.perfect / self.variants, 4) if self.variants else 0.0,
            "scores": {k: t.as_dict() for k, t in self.tallies.items()},
            "subclasses": rows(self.subclasses),
            "facets": {facet: rows(values) for facet, values in self.facets.items()},
            "whole_document": {f: self.documents[f].as_dict() for f in DOC_FIELDS},
            "errors": self.errors,
            "failures": len(self.failures),
            "examples": self.examples(),
        }


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def markdown(result: Json) -> str:
    lines = [
        "# Synthetic suite (bench/synthetic.py)",
        "",
        f"{result['variants']} variants from seed {result['seed']} (tests/synthetic/), pipeline at "
        f"{result['commit']}; {result['seconds']:.1f} s ({result['variants'] / result['seconds']:.0f} "
        f"documents/s); Python {result['python']}.",
        "",
        "Each class is scored on its own field, counting only predictions inside the generated fragment:",
        "P/R/F1 over the fragment's gold items (optional ones neither rewarded nor penalised), and",
        "*accuracy*, the share of variants whose fragment is entirely right. Action items count as right",
        "only with the same assignees and the same deadline.",
        "",
        "| class | field | variants | accuracy | P | R | F1 | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c in result["classes"].items():
        s = c["scores"][c["field"]]
        lines.append(f"| {name} | {c['field']} | {c['variants']} | {_fmt(c['accuracy'])} | "
                     f"{_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} | {len(c['errors'])} |")
    lines += ["", "Other scores of the fragments:", "", "| class | score | P | R | F1 |", "|---|---|---:|---:|---:|"]
    for name, c in result["classes"].items():
        for k, s in c["scores"].items():
            if k != c["field"]:
                lines.append(f"| {name} | {k} | {_fmt(s['precision'])} | {_fmt(s['recall'])} | {_fmt(s['f1'])} |")
    lines += ["", "Whole documents (pipeline.evaluate.score_document), F1 per field:", "",
              "| class | " + " | ".join(DOC_FIELDS) + " |", "|---|" + "---:|" * len(DOC_FIELDS)]
    for name, c in result["classes"].items():
        lines.append(f"| {name} | " + " | ".join(_fmt(c["whole_document"][f]["f1"]) for f in DOC_FIELDS) + " |")
    for name, c in result["classes"].items():
        lines += ["", f"## {name}", "", "| sub-class | n | accuracy | F1 |", "|---|---:|---:|---:|"]
        lines += [f"| {r['value']} | {r['n']} | {_fmt(r['accuracy'])} | {_fmt(r['f1'])} |" for r in c["subclasses"]]
        for facet, rows in c["facets"].items():
            lines += ["", f"By {facet}:", "", f"| {facet} | n | accuracy | F1 |", "|---|---:|---:|---:|"]
            lines += [f"| {r['value']} | {r['n']} | {_fmt(r['accuracy'])} | {_fmt(r['f1'])} |" for r in rows]
        lines += ["", f"Failures ({c['failures']}), examples:", ""]
        for f in c["examples"]:
            lines.append(f"- `{f['id']}` ({f['subclass']}): 「{f['fragment']}」: " + "; ".join(f["problems"][:4]))
        for e in c["errors"][:10]:
            lines.append(f"- error {e}")
    return "\n".join(lines) + "\n"


def print_report(result: Json) -> None:
    print(f"{result['variants']} variants, seed {result['seed']}, {result['seconds']:.1f} s")
    print(f"{'class':<11}{'field':<14}{'n':>6}{'acc':>8}{'P':>8}{'R':>8}{'F1':>8}{'err':>6}")
    for name, c in result["classes"].items():
        s = c["scores"][c["field"]]
        print(f"{name:<11}{c['field']:<14}{c['variants']:>6}{c['accuracy']:>8.3f}{s['precision']:>8.3f}"
              f"{s['recall']:>8.3f}{s['f1']:>8.3f}{len(c['errors']):>6}")
    for name, c in result["classes"].items():
        print(f"\n== {name}: accuracy per sub-class (worst first)")
        for r in c["subclasses"]:
            print(f"  {r['value']:<44}{r['n']:>5}{r['accuracy']:>8.3f}{r['f1']:>8.3f}")
        for facet, rows in c["facets"].items():
            print(f"  -- by {facet}: " + ", ".join(f"{r['value']} {r['accuracy']:.2f} ({r['n']})" for r in rows))
        print(f"  -- failures: {c['failures']}; examples:")
        for f in c["examples"]:
            print(f"  {f['id']} [{f['subclass']}] 「{f['fragment']}」")
            for p in f["problems"][:4]:
                print(f"      {p}")
        for e in c["errors"]:
            print(f"  ERROR {e}")


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--class", dest="classes", action="append", choices=sorted(CLASSES),
                    help="only these classes (repeatable); default all")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every class's size (e.g. 0.1 for a quick run)")
    ap.add_argument("--dump", type=Path, help="also write each variant's text and gold here")
    ap.add_argument("--no-write", action="store_true", help="do not write bench/results/synthetic.*")
    args = ap.parse_args(argv)

    names = args.classes or list(SUITE_SIZES)
    reports = {name: ClassReport(name) for name in names}
    started = time.perf_counter()
    total = 0
    for name in names:
        for variant in CLASSES[name](max(1, round(SUITE_SIZES[name] * args.scale)), args.seed):
            pred, error = run_pipeline(variant)
            if error:
                print(f"pipeline error on {variant.id}: {error}", file=sys.stderr)
            reports[name].add(variant, pred, error)
            total += 1
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{variant.id}.txt").write_text(variant.text, encoding="utf-8")
                (args.dump / f"{variant.id}.gold.json").write_text(
                    json.dumps(variant.gold_document(), ensure_ascii=False, indent=2), encoding="utf-8")
    seconds = time.perf_counter() - started
    result = {"seed": args.seed, "variants": total, "seconds": round(seconds, 2), "commit": _commit(),
              "python": platform.python_version(),
              "classes": {name: r.as_json() for name, r in reports.items()}}
    print_report(result)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "synthetic.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
        (RESULTS / "synthetic.md").write_text(markdown(result), encoding="utf-8")
        print(f"\nwrote {RESULTS / 'synthetic.json'} and {RESULTS / 'synthetic.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
