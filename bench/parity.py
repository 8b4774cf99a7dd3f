"""Parity: the same minutes as text, born-digital PDF and scan give the same extraction.

    .venv/bin/python bench/parity.py [--sets text,ukai,noto,scan,real] [--out /tmp/parity] [--jobs 2]

Sets: `text` is ../shared/corpus/wide/<stem>.txt for the 18 stems that have gold; `ukai`, `noto`
and `scan` are the same minutes in ../shared/corpus/rendered/<set>/ (born-digital PDFs in two font
technologies, noisy scans); `real` is ../shared/corpus/real/*.pdf (scored on the four with gold).
Each set is extracted, its JSON written to OUT/<set>/json and its document text to OUT/<set>/text,
then scored with ../shared/eval/score.py against the gold of that set's documents only; a PDF or scan
set's difference to text (in brackets) is to the text score over the same documents. For PDFs and
scans the character error rate against the wide-corpus text (whitespace removed, NFKC) is printed
too. Results (--save): bench/results/parity.md and parity.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
WIDE = SHARED / "corpus" / "wide"
RENDERED = SHARED / "corpus" / "rendered"
REAL = SHARED / "corpus" / "real"
GOLD = SHARED / "gold"
SCORE = SHARED / "eval" / "score.py"
FIELDS = ("meeting", "sections", "dates", "case_numbers", "divisions", "people", "action_items",
          "deadlines", "grounding")
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from textdiff import cer  # noqa: E402


def inputs(name: str) -> list[Path]:
    stems = sorted(p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json"))
    if name == "text":
        return [WIDE / f"{s}.txt" for s in stems if (WIDE / f"{s}.txt").is_file()]
    if name == "real":
        return sorted(REAL.glob("*.pdf"))
    return sorted(p for p in (RENDERED / name).glob("*.pdf") if p.stem in stems)


def _one(path: str, out: str, options: dict[str, Any]) -> tuple[str, float, str | None, list[str]]:
    import pipeline
    from pipeline.export.json_doc import write_minutes_json
    from pipeline.ingest import ingest

    p, o = Path(path), Path(out)
    t = time.perf_counter()
    try:
        doc = ingest(p, **options)
        (o / "text").mkdir(parents=True, exist_ok=True)
        (o / "text" / f"{p.stem}.txt").write_text(doc.text, encoding="utf-8")
        minutes = pipeline.analyse(doc, require_minutes=False)
        write_minutes_json(minutes, o / "json", p.stem)
        methods = [pg.method for pg in doc.pages]
        return p.stem, time.perf_counter() - t, None, methods
    except Exception as exc:  # a bench reports, it does not stop
        return p.stem, time.perf_counter() - t, f"{type(exc).__name__}: {exc}", []


def score(json_dir: Path, stems: list[str]) -> dict[str, Any]:
    """score.py over `json_dir` against the gold of `stems` only."""
    with tempfile.TemporaryDirectory() as g:
        for stem in stems:
            gold = GOLD / f"{stem}.gold.json"
            if gold.is_file():
                (Path(g) / gold.name).write_bytes(gold.read_bytes())
        if not any(Path(g).iterdir()):
            return {}
        proc = subprocess.run([sys.executable, str(SCORE), "--gold", g, "--pred", str(json_dir), "--json",
                               "--per-doc"], capture_output=True, text=True, check=True)
        scored = json.loads(proc.stdout)
    return {"fields": {k: round(v["f1"], 3) for k, v in scored["fields"].items()},
            "per_doc": scored.get("per_document")}


def run_set(name: str, out: Path, jobs: int, options: dict[str, Any]) -> dict[str, Any]:
    files = inputs(name)
    dest = out / name
    (dest / "json").mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as ex:
        done = list(ex.map(_one, [str(f) for f in files], [str(dest)] * len(files), [options] * len(files)))
    errors = {stem: err for stem, _, err, _ in done if err}
    res: dict[str, Any] = {"files": len(files), "seconds": round(time.perf_counter() - t, 1), "errors": errors,
                           "methods": {stem: m for stem, _, _, m in done}}
    res.update(score(dest / "json", [f.stem for f in files]))
    if name not in ("text", "real") and (out / "text" / "json").is_dir():
        # the text score over the same documents (the scans are 16 of the 18)
        res["text_fields"] = score(out / "text" / "json", [f.stem for f in files]).get("fields")
    if name != "text" and name != "real":
        cers = {}
        for f in files:
            got = dest / "text" / f"{f.stem}.txt"
            ref = WIDE / f"{f.stem}.txt"
            if got.is_file() and ref.is_file():
                cers[f.stem] = round(cer(ref.read_text(encoding="utf-8"), got.read_text(encoding="utf-8")), 4)
        res["cer"] = cers
        res["cer_mean"] = round(sum(cers.values()) / max(len(cers), 1), 4)
    return res


def table(results: dict[str, dict[str, Any]]) -> str:
    names = [n for n in results if "fields" in results[n]]
    lines = ["| field | " + " | ".join(names) + " |", "| --- |" + " ---: |" * len(names),
             "| documents | " + " | ".join(str(results[n]["files"]) for n in names) + " |"]
    for f in FIELDS:
        cells = []
        for n in names:
            v = results[n]["fields"].get(f)
            if v is None:
                cells.append("")
                continue
            base = results[n].get("text_fields") or {}
            d = f" ({v - base[f]:+.2f})" if f in base else ""
            cells.append(f"{v:.2f}{d}")
        lines.append(f"| {f} | " + " | ".join(cells) + " |")
    if names:
        lines.append("| min | " + " | ".join(f"{min(results[n]['fields'].values()):.2f}" for n in names) + " |")
    cer_cells = [f"{results[n]['cer_mean']:.4f}" if "cer_mean" in results[n] else "" for n in names]
    lines.append("| CER vs text | " + " | ".join(cer_cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="text,ukai,noto,scan,real")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "minutes-parity")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--ocr", default="auto")
    ap.add_argument("--save", action="store_true", help="write bench/results/parity.md and .json")
    a = ap.parse_args(argv)
    results: dict[str, Any] = {}
    for name in a.sets.split(","):
        results[name] = run_set(name, a.out, a.jobs, {"ocr": a.ocr})
        r = results[name]
        print(f"{name}: {r['files']} files in {r['seconds']} s; errors: {r['errors'] or 'none'}"
              + (f"; CER {r['cer_mean']:.4f}" if "cer_mean" in r else ""), flush=True)
    print(table(results))
    if a.save:
        dest = ROOT / "bench" / "results"
        (dest / "parity.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (dest / "parity.md").write_text("# Parity: text, born-digital PDF, scan (bench/parity.py)\n\n"
                                        + table(results) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
