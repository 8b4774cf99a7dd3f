"""PDF throughput and OCR cost: the whole pipeline against bare pypdfium2 on the same files, and OCR
seconds a page and character error rate on the rendered scans.

    .venv/bin/python bench/pdf.py [--repeat 3] [--no-ocr] [--tesseract] [--plumber] [--out bench/results]

Born-digital set: the 18 wide-corpus minutes rendered as born-digital PDFs in two font technologies
(../shared/corpus/rendered/{ukai,noto}: TrueType and CFF) and the real PDFs of ../shared/corpus/real
whose every page has a usable text layer, plus the 75-page university file with OCR off (its scanned
pages then read empty). Each rate is the best of `--repeat` rounds in one run, the methods taking
turns within a round so that a busy moment of the machine does not fall on one of them only.

OCR: the same minutes as noisy scans (../shared/corpus/rendered/scan), read end to end (render,
triage, detect, recognise, layout) with RapidOCR on one thread; seconds a page are the process's CPU
time (what one core spends; other work on the machine does not count) and wall time. The character
error rate compares the OCR text (page numbers and running headers left out, as the matching views
leave them out) with the wide-corpus text of the same minutes, whitespace removed, NFKC.
Results: bench/results/pdf.json and a summary in bench/results/pdf.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("MINUTES_OCR_THREADS", "1")  # OCR on one core (read when the OCR module loads)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MINUTES_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpus" / "real"
RENDERED = SHARED / "corpus" / "rendered"
WIDE = SHARED / "corpus" / "wide"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from textdiff import edit_distance, norm  # noqa: E402


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def born_digital_files() -> dict[str, list[tuple[Path, int]]]:
    from pipeline.ingest.pdf import triage_pages

    sets: dict[str, list[tuple[Path, int]]] = {"rendered": [], "real": []}
    for font in ("ukai", "noto"):
        for f in sorted((RENDERED / font).glob("*.pdf")):
            sets["rendered"].append((f, page_count(f)))
    for f in sorted(REAL.glob("*.pdf")):
        kinds = [t.kind for t in triage_pages(f.read_bytes())]
        if "ocr" not in kinds or f.name.startswith("ntu_"):
            sets["real"].append((f, len(kinds)))
    return sets


def pypdfium2_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    pdf.close()


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()  # without it pdfplumber keeps every page's objects


def minutes_ingest(path: Path) -> None:
    from pipeline.ingest import ingest

    ingest(path, ocr="off")


def minutes_pipeline(path: Path) -> None:
    import pipeline

    pipeline.extract(path, require_minutes=False, ocr="off")


def rates(fns: dict[str, Callable[[Path], None]], files: list[tuple[Path, int]],
          repeat: int) -> dict[str, dict[str, float]]:
    """Best time of each method over `repeat` rounds; the methods take turns within a round."""
    pages = sum(n for _, n in files)
    best = dict.fromkeys(fns, float("inf"))
    for r in range(repeat):
        names = list(fns)
        names = names[r % len(names):] + names[: r % len(names)]
        for name in names:
            t = time.perf_counter()
            for f, _ in files:
                fns[name](f)
            best[name] = min(best[name], time.perf_counter() - t)
    return {name: {"seconds": round(b, 3), "pages": pages, "pages_per_s": round(pages / b, 1)}
            for name, b in best.items()}


def ocr_scans(engine: str) -> dict[str, Any]:
    """Every rendered scan read end to end by `engine` on one thread: CPU and wall seconds a page,
    character error rate against the wide-corpus text (micro: all edits over all characters)."""
    from pipeline.errors import MissingDependencyError
    from pipeline.ingest import ingest
    from pipeline.ingest.ocr import get_engine

    try:
        get_engine(engine)  # model loading is a per-process cost, not a per-page one
    except MissingDependencyError as exc:
        return {"error": str(exc)}
    files = [f for f in sorted((RENDERED / "scan").glob("*.pdf")) if (WIDE / f"{f.stem}.txt").is_file()]
    cpu = wall = 0.0
    pages = edits = chars = 0
    per_doc: dict[str, float] = {}
    for f in files:
        t, w = time.process_time(), time.perf_counter()
        doc = ingest(f, ocr=engine)
        cpu += time.process_time() - t
        wall += time.perf_counter() - w
        pages += len(doc.pages)
        kept = "\n".join(doc.text[s:e] for i, (s, e) in enumerate(doc.lines) if i not in doc.noise_lines)
        ref = norm((WIDE / f"{f.stem}.txt").read_text(encoding="utf-8"))
        d = edit_distance(ref, norm(kept))
        edits += d
        chars += len(ref)
        per_doc[f.stem] = round(d / max(len(ref), 1), 4)
    return {"documents": len(files), "pages": pages, "cpu_seconds_per_page": round(cpu / max(pages, 1), 2),
            "wall_seconds_per_page": round(wall / max(pages, 1), 2), "cer": round(edits / max(chars, 1), 4),
            "cer_per_document": per_doc}


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # FontBBox warnings on every CJK page
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-ocr", action="store_true", help="skip the OCR measure")
    ap.add_argument("--tesseract", action="store_true", help="measure tesseract on the scans too")
    ap.add_argument("--plumber", action="store_true", help="time bare pdfplumber too (slow)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    a = ap.parse_args(argv)
    if not RENDERED.is_dir():
        print(f"the shared corpora are not at {SHARED} (set MINUTES_SHARED)", file=sys.stderr)
        return 2
    sets = born_digital_files()
    files = sets["rendered"] + sets["real"]
    minutes_pipeline(files[0][0])  # imports and profile loading outside the timings
    fns: dict[str, Callable[[Path], None]] = {"pypdfium2_text": pypdfium2_text, "minutes_ingest": minutes_ingest,
                                              "minutes_pipeline": minutes_pipeline}
    if a.plumber:
        fns["pdfplumber_text"] = pdfplumber_text
    results: dict[str, Any] = {"files": len(files), "pages": sum(n for _, n in files)}
    results["all"] = rates(fns, files, a.repeat)
    for name, subset in sets.items():
        results[name] = rates({k: fns[k] for k in ("pypdfium2_text", "minutes_pipeline")}, subset, a.repeat)
        results[name]["files"] = len(subset)  # type: ignore[assignment]
    for key in ("all", "rendered", "real"):
        r = results[key]
        r["pipeline_vs_pypdfium2"] = round(r["minutes_pipeline"]["pages_per_s"] / r["pypdfium2_text"]["pages_per_s"], 3)
    results["load_average_at_end"] = os.getloadavg()[0]
    if not a.no_ocr:
        results["ocr"] = {"rapidocr": ocr_scans("rapidocr")}
        if a.tesseract:
            results["ocr"]["tesseract"] = ocr_scans("tesseract")
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "pdf.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (a.out / "pdf.md").write_text(summary(results), encoding="utf-8")
    print(summary(results))
    return 0


def summary(r: dict[str, Any]) -> str:
    al = r["all"]
    rows = [("bare pypdfium2 text", al["pypdfium2_text"])]
    if "pdfplumber_text" in al:
        rows.append(("bare pdfplumber extract_text", al["pdfplumber_text"]))
    rows += [("minutes ingest (text, boxes, triage, tables, layout)", al["minutes_ingest"]),
             ("minutes whole pipeline (pipeline.extract)", al["minutes_pipeline"])]
    lines = [
        "# PDF throughput and OCR (bench/pdf.py)",
        "",
        f"{r['files']} born-digital PDFs, {r['pages']} pages: the 18 rendered minutes in two fonts and the "
        f"real born-digital PDFs. Best of several rounds in one run, methods taking turns; "
        f"{r['machine']['cpus']} CPUs, load average {r['load_average_at_end']:.1f} at the end "
        "(other work on the machine slows every column alike).",
        "",
        "| what | pages/s | seconds |",
        "| --- | ---: | ---: |",
        *[f"| {name} | {v['pages_per_s']} | {v['seconds']} |" for name, v in rows],
        "",
        f"**Whole pipeline vs bare pypdfium2: {al['pipeline_vs_pypdfium2']}x** (goal >= 0.5x); "
        f"rendered minutes alone {r['rendered']['pipeline_vs_pypdfium2']}x "
        f"({r['rendered']['minutes_pipeline']['pages_per_s']} pages/s), real PDFs alone "
        f"{r['real']['pipeline_vs_pypdfium2']}x ({r['real']['minutes_pipeline']['pages_per_s']} pages/s).",
        "",
    ]
    for name, v in (r.get("ocr") or {}).items():
        if "error" in v:
            lines.append(f"OCR ({name}): {v['error']}")
            continue
        lines.append(f"OCR ({name}, one thread), {v['documents']} rendered scans, {v['pages']} pages, end to end: "
                     f"**{v['cpu_seconds_per_page']} s/page CPU** ({v['wall_seconds_per_page']} s/page wall), "
                     f"**CER {100 * v['cer']:.2f}%** (goal <= 1.5 s/page, <= 1%).")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
