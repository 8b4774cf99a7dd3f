"""Accuracy over the shared corpora (`make eval`): extract each set with `minutes extract`, score it with
`minutes eval`'s scorer (pipeline.evaluate, the same numbers as shared/eval/score.py), print a table of
precision, recall and F1 per field and a one-line minimum-F1 summary per set. It reports; it never gates
(the exit status is 0 whatever the scores; 2 only for a wrong command line).

Sets:
    text          every text document of shared/corpus/{dev,kcc,wide} that has gold in shared/gold
    real          the real PDFs of shared/corpus/real that have gold
    ukai, noto    the wide documents with gold rendered as born-digital PDFs in two font technologies
    scan          the same rendered as noisy scans (OCR: slow, minutes per run)
    firstcontact  each batch data/firstcontact/<name>/ that has both raw/ and gold/ (<stem>.gold.json)

    .venv/bin/python bench/eval_corpora.py                       # every set
    .venv/bin/python bench/eval_corpora.py --sets text,real      # skip the slow OCR sets
    .venv/bin/python bench/eval_corpora.py --json build/eval.json --per-doc

The shared corpora are beside the checkout (../shared) or where MINUTES_SHARED or --shared says.
Every set is extracted afresh (the pipeline's version number does not change with its rules, so an
earlier output could be stale); --keep DIR keeps the outputs there.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.evaluate import FIELDS, GOLD_SUFFIX, prediction_stem  # noqa: E402

SETS = ("text", "real", "ukai", "noto", "scan", "firstcontact")
TEXT_CORPORA = ("dev", "kcc", "wide")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class EvalSet:
    name: str
    what: str
    inputs: list[Path] = field(default_factory=list)
    gold: list[Path] = field(default_factory=list)  # the gold file of each input, in the same order
    skipped: str | None = None  # why the set was not run


def _gold_by_stem(gold_dir: Path) -> dict[str, Path]:
    """Gold files by the stem of the document they annotate (X.gold.json <-> X.*)."""
    found: dict[str, Path] = {}
    for g in sorted(gold_dir.glob(f"*{GOLD_SUFFIX}")):
        try:
            data = json.loads(g.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found[prediction_stem(data if isinstance(data, dict) else {}, g)] = g
    return found


def _with_gold(name: str, what: str, files: Sequence[Path], gold: dict[str, Path]) -> EvalSet:
    s = EvalSet(name, what)
    for f in files:
        if f.stem in gold:
            s.inputs.append(f)
            s.gold.append(gold[f.stem])
    if not s.inputs:
        s.skipped = "no document with gold"
    return s


def build_sets(shared: Path, names: Sequence[str]) -> list[EvalSet]:
    corpus = shared / "corpus"
    gold = _gold_by_stem(shared / "gold") if (shared / "gold").is_dir() else {}
    sets: list[EvalSet] = []
    for name in names:
        if name == "firstcontact":
            sets.extend(_firstcontact_sets())
            continue
        if not gold:
            sets.append(EvalSet(name, "", skipped=f"no gold at {shared / 'gold'} (set MINUTES_SHARED or --shared)"))
            continue
        if name == "text":
            files = [f for c in TEXT_CORPORA if (corpus / c).is_dir()
                     for f in sorted((corpus / c).iterdir()) if f.suffix in TEXT_SUFFIXES]
            sets.append(_with_gold(name, "text documents of corpus/{dev,kcc,wide}", files, gold))
        elif name == "real":
            files = sorted((corpus / "real").glob("*.pdf")) if (corpus / "real").is_dir() else []
            sets.append(_with_gold(name, "real PDFs of corpus/real", files, gold))
        else:
            folder = corpus / "rendered" / name
            files = sorted(folder.glob("*.pdf")) if folder.is_dir() else []
            kind = "noisy scans (OCR)" if name == "scan" else f"born-digital PDFs, {name} fonts"
            sets.append(_with_gold(name, f"corpus/rendered/{name}: {kind}", files, gold))
    return sets


def _firstcontact_sets() -> list[EvalSet]:
    root = REPO / "data" / "firstcontact"
    batches = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not batches:
        return [EvalSet("firstcontact", "", skipped=f"no batch under {root}")]
    sets = []
    for b in batches:
        name = f"firstcontact/{b.name}"
        if not (b / "raw").is_dir() or not (b / "gold").is_dir():
            sets.append(EvalSet(name, "", skipped="needs both raw/ and gold/"))
            continue
        files = sorted(p for p in (b / "raw").rglob("*") if p.is_file() and not p.name.startswith(".")
                       and p.name != "SOURCES.jsonl")
        sets.append(_with_gold(name, f"data/firstcontact/{b.name}/raw against its gold/", files,
                               _gold_by_stem(b / "gold")))
    return sets


def run_set(s: EvalSet, work: Path, workers: int) -> dict[str, Any]:
    from pipeline.evaluate import evaluate_dirs

    folder = work / s.name.replace("/", "_")
    if folder.exists():
        shutil.rmtree(folder)
    gold_dir, out = folder / "gold", folder / "out"
    gold_dir.mkdir(parents=True)
    for g in s.gold:
        shutil.copyfile(g, gold_dir / g.name)
    t0 = time.perf_counter()
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", *map(str, s.inputs), "--out", str(out),
           "--workers", str(workers), "--progress", "none"]
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - t0
    errors = []
    if (out / "errors.jsonl").is_file():
        errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines() if x]
    if not (out / "json").is_dir() or not any((out / "json").glob("*.json")):
        return {"set": s.name, "what": s.what, "documents": len(s.inputs), "failed": True,
                "exit_status": res.returncode, "stderr": res.stderr[-2000:], "errors": errors}
    result = evaluate_dirs(gold_dir, out / "json")
    worst = min(FIELDS, key=lambda f: result["fields"][f]["f1"])
    return {"set": s.name, "what": s.what, "documents": result["documents"], "exit_status": res.returncode,
            "extract_seconds": round(seconds, 1), "errors": errors,
            "missing_predictions": result["missing_predictions"],
            "fields": result["fields"], "per_document": result["per_document"],
            "min_f1": {"field": worst, "f1": result["fields"][worst]["f1"]}}


def print_set(r: dict[str, Any], per_doc: bool) -> None:
    print(f"\n== {r['set']}: {r['what']} ({r['documents']} documents)")
    if r.get("failed"):
        print(f"   extraction failed (exit {r['exit_status']}):\n{r['stderr']}")
        return
    print(f"   extracted in {r['extract_seconds']} s (exit {r['exit_status']}); "
          f"{len(r['errors'])} errors; {len(r['missing_predictions'])} missing predictions")
    for e in r["errors"]:
        print(f"   error: [{e.get('error_type')}] {e.get('path')}")
    print(f"   {'field':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}")
    for f, v in r["fields"].items():
        print(f"   {f:<14}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}{v['tp']:>6}{v['fp']:>6}{v['fn']:>6}")
    if per_doc:
        width = max(len(s) for s in r["per_document"])
        print(f"   {'document':<{width}}" + "".join(f"{f[:5]:>7}" for f in FIELDS))
        for stem, scores in r["per_document"].items():
            print(f"   {stem:<{width}}" + "".join(f"{scores[f]:>7.2f}" for f in FIELDS))
    print(f"   min F1 {r['set']}: {r['min_f1']['f1']:.3f} ({r['min_f1']['field']}) over {r['documents']} documents")


def print_summary(results: list[dict[str, Any]]) -> None:
    print("\n== summary: F1 per field and set")
    width = max([len("set"), *(len(r["set"]) for r in results)])
    print(f"{'set':<{width}}{'docs':>6}" + "".join(f"{f[:6]:>8}" for f in FIELDS) + f"{'min':>8}")
    for r in results:
        if r.get("skipped"):
            print(f"{r['set']:<{width}}  skipped: {r['skipped']}")
        elif r.get("failed"):
            print(f"{r['set']:<{width}}{r['documents']:>6}  extraction failed")
        else:
            print(f"{r['set']:<{width}}{r['documents']:>6}" + "".join(f"{r['fields'][f]['f1']:>8.3f}" for f in FIELDS)
                  + f"{r['min_f1']['f1']:>8.3f}")


def parse_sets(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in SETS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"unknown set(s) {', '.join(unknown) or '(none)'}; choose from {','.join(SETS)}")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", type=parse_sets, default=list(SETS), help=f"comma-separated, of {','.join(SETS)}")
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("MINUTES_SHARED", REPO.parent / "shared")),
                    help="the shared corpora (default: MINUTES_SHARED or ../shared)")
    ap.add_argument("--json", type=Path, metavar="FILE", help="also save every figure as JSON")
    ap.add_argument("--per-doc", action="store_true", help="also print F1 per document")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep each set's gold and outputs under DIR")
    args = ap.parse_args(argv)

    print(f"minutes eval over {args.shared} and data/firstcontact; sets: {','.join(args.sets)}")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="minutes-eval-") as tmp:
        work = args.keep or Path(tmp)
        for s in build_sets(args.shared, args.sets):
            if s.skipped:
                print(f"\n== {s.name}: skipped: {s.skipped}")
                results.append({"set": s.name, "skipped": s.skipped})
                continue
            r = run_set(s, work, args.workers)
            print_set(r, args.per_doc)
            results.append(r)
            sys.stdout.flush()
    print_summary(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"shared": str(args.shared), "sets": results}, ensure_ascii=False,
                                        indent=1), encoding="utf-8")
        print(f"\nsaved {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
