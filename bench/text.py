"""Throughput of the text path: characters per second per core, against the raw cost of the same
inputs (reading the files and folding their text), with the share of each stage.

    .venv/bin/python bench/text.py                  # ../shared/corpus when present, else data/raw and tests/fixtures
    .venv/bin/python bench/text.py DIR_OR_FILE ...  # any text or markdown files
    .venv/bin/python bench/text.py --repeat 3

Runs in one process on one core: the lexicons, the dictionary and the profiles are loaded once
(their cost is printed as start-up, apart), then every document goes through the whole library path
(`pipeline.api.extract_bytes`: ingest, header, outline, every extractor, the `Minutes` model). The
stages are timed by wrapping them, so the shares add up to the run less the model's validation.
Writes bench/results/text.json and bench/results/text.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

RESULTS = REPO / "bench" / "results"
SHARED = REPO.parent / "shared" / "corpus"
SUFFIXES = {".txt", ".md"}


def inputs(paths: list[str]) -> list[Path]:
    if not paths:
        roots = [SHARED] if SHARED.is_dir() else [REPO / "data" / "raw", REPO / "tests" / "fixtures"]
    else:
        roots = [Path(p) for p in paths]
    out: list[Path] = []
    for root in roots:
        if root.is_file():
            out.append(root)
        else:
            out += sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                          and "rendered" not in p.parts and not p.name.endswith((".gold.json", "README.md")))
    return out


def timed(stages: dict[str, float], name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            stages[name] += time.perf_counter() - t
    return wrapper


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the inputs (the best is reported)")
    args = ap.parse_args()
    files = inputs(args.paths)
    if not files:
        sys.exit("no .txt or .md inputs found")
    blobs = [(str(p), p.read_bytes()) for p in files]

    t0 = time.perf_counter()
    from pipeline import api
    from pipeline.extract import registry
    from pipeline.fold import fold
    from pipeline.runner.task import warm_up
    from pipeline.segment import header, outline
    warm_up()  # as a batch worker starts: the lexicons loaded, then kept out of the collector's way
    startup = time.perf_counter() - t0

    # the raw cost: read every file, decode it and fold its text (what any reader of the text pays)
    best_raw = float("inf")
    for _ in range(max(1, args.repeat)):
        t = time.perf_counter()
        chars = 0
        for p in files:
            text = p.read_bytes().decode("utf-8", errors="replace")
            chars += len(fold(text))
        best_raw = min(best_raw, time.perf_counter() - t)

    stages: dict[str, float] = defaultdict(float)
    for comp in list(registry.REGISTRY.values()):
        registry.REGISTRY[comp.name] = registry.Component(comp.name, comp.requires, comp.provides,
                                                          timed(stages, comp.name, comp.run))
    api.ingest_bytes = timed(stages, "ingest", api.ingest_bytes)
    header.read_header = timed(stages, "header", header.read_header)
    outline.build_outline = timed(stages, "outline", outline.build_outline)
    api.assess = timed(stages, "quality", api.assess)

    best_run, failures = float("inf"), 0
    per_doc: list[tuple[float, int, str]] = []
    best_stages: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        stages.clear()
        failures = 0
        per_doc = []
        t = time.perf_counter()
        for name, data in blobs:
            d0 = time.perf_counter()
            try:
                api.extract_bytes(data, name, require_minutes=False)
            except Exception as exc:  # a bench counts failures, the tests catch them
                failures += 1
                print(f"failed: {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            per_doc.append((time.perf_counter() - d0, len(data.decode("utf-8", errors="replace")), name))
        elapsed = time.perf_counter() - t
        if elapsed < best_run:
            best_run, best_stages = elapsed, dict(stages)

    rate = chars / best_run
    raw_rate = chars / best_raw
    slowest = sorted(per_doc, key=lambda x: x[1] / x[0])[:5]
    result = {
        "documents": len(files), "characters": chars, "failures": failures,
        "startup_s": round(startup, 3),
        "pipeline_s": round(best_run, 3), "chars_per_s": round(rate),
        "read_fold_s": round(best_raw, 4), "read_fold_chars_per_s": round(raw_rate),
        "ratio_to_read_fold": round(rate / raw_rate, 4),
        "stages_s": {k: round(v, 3) for k, v in sorted(best_stages.items(), key=lambda kv: -kv[1])},
        "slowest_per_char": [{"file": n, "chars": c, "chars_per_s": round(c / s)} for s, c, n in slowest],
        "python": platform.python_version(), "machine": platform.machine(),
        "inputs": sorted({str(Path(n).parent) for n, _ in blobs}),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "text.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [
        "# Text path throughput (bench/text.py)", "",
        f"{len(files)} documents, {chars:,} characters, one process, one core; start-up {startup:.2f} s apart.", "",
        "| measure | value |", "|---|---|",
        f"| pipeline | {rate:,.0f} chars/s ({best_run:.2f} s) |",
        f"| read + fold the same files | {raw_rate:,.0f} chars/s ({best_raw:.3f} s) |",
        f"| ratio pipeline / read+fold | {rate / raw_rate:.4f} |",
        f"| failures | {failures} |", "",
        "| stage | seconds | share |", "|---|---|---|",
    ]
    lines += [f"| {k} | {v:.2f} | {v / best_run:.0%} |"
              for k, v in sorted(best_stages.items(), key=lambda kv: -kv[1])]
    (RESULTS / "text.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
