"""Throughput of the NLP layer: chars/s of the rules-only path vs the CKIP path, on the same text.

    .venv/bin/python bench/nlp.py [--repeat N] [--inputs FILE_OR_DIR ...]

The CKIP path runs the real ckip-transformers code with models built here (random weights, nothing
downloaded): `test` is the tests' tiny model (hidden 32, 2 layers); `bert-tiny` has the size of
CKIP's bert-tiny models (hidden 312, 4 layers, 12 heads), so its speed is what those models give.
Also measured: the model call alone with the text packed into ~250-character chunks (what the
pipeline does) and with one input per line (CKIP pads every input of a call to the longest one;
measured once). torch runs on one thread by default, so the figures are per core; the machine's
other load shows in them: compare the rows of one run, not runs.
Writes bench/results/nlp.json and bench/results/nlp.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.api import analyse  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402

DEFAULT_INPUTS = [REPO / "data" / "raw"]
RESULTS = REPO / "bench" / "results"


def load_docs(inputs: list[Path]) -> list[Document]:
    files: list[Path] = []
    for p in inputs:
        files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in (".txt", ".md")) if p.is_dir() else [p]
    return [ingest(f) for f in files]


def _shown(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(REPO))
    except ValueError:
        return str(p)


def timed(fn: Any, repeat: int) -> float:
    """Best of `repeat` wall times (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inputs", nargs="+", type=Path, default=DEFAULT_INPUTS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--threads", type=int, default=1, help="torch CPU threads (default 1: figures per core)")
    args = ap.parse_args(argv)

    docs = load_docs(args.inputs)
    chars = sum(len(d.text) for d in docs)
    rules_s = timed(lambda: [analyse(d, require_minutes=False) for d in docs], args.repeat)
    rows: list[dict[str, Any]] = [{"path": "rules only", "seconds": rules_s, "chars_per_s": chars / rules_s}]

    t0 = time.perf_counter()
    import torch

    from pipeline.nlp.ckip import load_ckip
    from pipeline.nlp.tiny import BERT_TINY_SHAPE, TEST_SHAPE, build_tiny_ckip
    from pipeline.nlp.view import build_view
    import_s = time.perf_counter() - t0
    torch.set_num_threads(args.threads)

    corpus = "".join(d.text for d in docs)
    extra: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, shape in (("test", TEST_SHAPE), ("bert-tiny", BERT_TINY_SHAPE)):
            root = build_tiny_ckip(Path(tmp) / label, corpus, shape=shape)
            t0 = time.perf_counter()
            models = load_ckip(root)
            load_s = time.perf_counter() - t0
            model_dir = str(root)
            full_s = timed(lambda d=model_dir: [analyse(x, require_minutes=False, ner="ckip", ckip_model=d)
                                                for x in docs], args.repeat)
            views = [build_view(d, models.max_chars) for d in docs]
            packed = [t for v in views for t in v.chunk_texts()]
            lines = [ln for v in views for ln in v.chars.split("。") if ln]
            opts = {"show_progress": False, "batch_size": 32, "max_length": models.max_chars}
            packed_s = timed(lambda p=packed, m=models, o=opts: (m.ws(p, **o), m.ner(p, **o)), args.repeat)
            lines_s = timed(lambda p=lines, m=models, o=opts: (m.ws(p, **o), m.ner(p, **o)), 1)
            rows.append({"path": f"rules + ckip ({label} model)", "seconds": full_s, "chars_per_s": chars / full_s,
                         "model_load_s": load_s})
            extra[label] = {
                "shape": shape.__dict__,
                "model_call_packed": {"inputs": len(packed), "seconds": packed_s, "chars_per_s": chars / packed_s},
                "model_call_per_line": {"inputs": len(lines), "seconds": lines_s, "chars_per_s": chars / lines_s},
            }

    result = {
        "documents": len(docs), "chars": chars, "repeat": args.repeat, "inputs": [_shown(p) for p in args.inputs],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "torch": torch.__version__, "torch_threads": torch.get_num_threads(),
                    "load_average_1min": round(os.getloadavg()[0], 2)},
        "import_torch_transformers_s": import_s,
        "paths": rows, "ckip_model_call": extra,
        "ratio_ckip_test_to_rules": rows[1]["seconds"] / rules_s,
        "ratio_ckip_bert_tiny_to_rules": rows[2]["seconds"] / rules_s,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "nlp.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "nlp.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    return 0


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    out = [
        "# NLP layer throughput (bench/nlp.py)",
        "",
        f"{r['documents']} documents, {r['chars']:,} characters ({', '.join(r['inputs'])}); best of {r['repeat']}; "
        f"Python {m['python']}, torch {m['torch']} on {m['torch_threads']} thread(s), {m['cpus']} CPUs; "
        f"load average {m['load_average_1min']} at the end (other work on the machine slows every row).",
        "",
        "| path | seconds | chars/s | × rules time |",
        "|---|---:|---:|---:|",
    ]
    base = r["paths"][0]["seconds"]
    for row in r["paths"]:
        out.append(f"| {row['path']} | {row['seconds']:.3f} | {row['chars_per_s']:,.0f} | {row['seconds'] / base:.1f} |")
    out += ["", "Model call alone (ws + ner), packed chunks vs one input per line:", "",
            "| model | packed inputs | packed chars/s | per-line inputs | per-line chars/s | speed-up |",
            "|---|---:|---:|---:|---:|---:|"]
    for label, x in r["ckip_model_call"].items():
        p, ln = x["model_call_packed"], x["model_call_per_line"]
        out.append(f"| {label} | {p['inputs']} | {p['chars_per_s']:,.0f} | {ln['inputs']} | {ln['chars_per_s']:,.0f} "
                   f"| {ln['seconds'] / p['seconds']:.1f}× |")
    loads = ", ".join(f"{row['path']}: {row['model_load_s']:.2f} s" for row in r["paths"][1:])
    out += ["", f"One-off costs per process: importing torch + transformers {r['import_torch_transformers_s']:.1f} s; "
            f"loading the models ({loads}).", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
