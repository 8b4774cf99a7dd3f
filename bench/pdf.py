"""PDF throughput: the whole pipeline against bare pypdfium2 and bare pdfplumber on the same files.

    .venv/bin/python bench/pdf.py [--repeat 3] [--ocr-pages 4] [--out bench/results]

Born-digital set: the real PDFs in ../shared/corpus/real whose every page has a usable text layer,
the 75-page university file with OCR off (its 6 scanned pages then read as empty), and PDFs made
from the dev corpus texts with an embedded TrueType (AR PL UKai) and CFF (Noto Sans CJK) font.
Each rate is the best of `--repeat` runs, all in one process and one run. OCR is timed apart, in
seconds per page (render + recognise), on real scanned/garbled pages.
Results: bench/results/pdf.json and a summary in bench/results/pdf.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = SHARED / "corpus" / "real"
DEV = SHARED / "corpus" / "dev"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # pdf_factory makes the generated PDFs


def born_digital_files(tmp: Path) -> list[tuple[Path, int]]:
    from pipeline.ingest.pdf import triage_pages

    files: list[tuple[Path, int]] = []
    for f in sorted(REAL.glob("*.pdf")):
        kinds = [t.kind for t in triage_pages(f.read_bytes())]
        if "ocr" not in kinds or f.name.startswith("ntu_"):
            files.append((f, len(kinds)))
    try:
        from pdf_factory import text_pdf
    except ImportError:
        return files
    for src in sorted(DEV.glob("*.txt"))[:6] + sorted(DEV.glob("*.md")):
        lines = [ln.removeprefix("- ") for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()]
        for font in ("ukai", "noto"):
            try:
                data = text_pdf(lines, font=font)
            except BaseException:  # pytest.skip when a font is missing: bench the rest
                continue
            out = tmp / f"{src.stem}.{font}.pdf"
            out.write_bytes(data)
            files.append((out, len(triage_pages(data))))
    return files


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
    """Best time of each method over `repeat` rounds; the methods take turns within a round so that
    a busy moment of the machine does not fall on one of them only."""
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


def ocr_seconds_per_page(n_pages: int) -> dict[str, object]:
    import pypdfium2 as pdfium

    from pipeline.errors import MissingDependencyError
    from pipeline.ingest.ocr import fit_scale, get_engine, ocr_image

    targets = [(REAL / "asroc_general_assembly_2022.pdf", i) for i in (0, 1)]
    targets += [(REAL / "ntu_student_affairs_cmte_59.pdf", i) for i in (3, 4, 5, 6)]
    targets = [t for t in targets if t[0].is_file()][:n_pages]
    out: dict[str, object] = {"pages": len(targets)}
    for name in ("rapidocr", "tesseract"):
        try:
            engine = get_engine(name)
        except MissingDependencyError as exc:
            out[name] = {"error": str(exc)}
            continue
        total = 0.0
        warm = pdfium.PdfDocument(targets[0][0]) if targets else None
        if warm is not None:  # model loading is a per-process cost, not a per-page one
            ocr_image(warm[targets[0][1]].render(scale=0.5).to_pil(), engine)
            warm.close()
        for path, index in targets:
            pdf = pdfium.PdfDocument(path)
            page = pdf[index]
            t = time.perf_counter()
            w, h = page.get_size()
            scale = fit_scale(w, h, 200)
            image = page.render(scale=scale).to_pil()
            ocr_image(image, engine, scale=scale)
            total += time.perf_counter() - t
            page.close()
            pdf.close()
        out[name] = {"seconds_per_page": round(total / max(len(targets), 1), 2)}
    return out


def main(argv: list[str] | None = None) -> int:
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # FontBBox warnings on every CJK page
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ocr-pages", type=int, default=4)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        files = born_digital_files(Path(tmp))
        minutes_pipeline(files[0][0])  # imports and profile loading outside the timings
        results: dict[str, Any] = {"files": len(files), "pages": sum(n for _, n in files)}
        results.update(rates({"pypdfium2_text": pypdfium2_text, "pdfplumber_text": pdfplumber_text,
                              "minutes_ingest": minutes_ingest, "minutes_pipeline": minutes_pipeline},
                             files, a.repeat))
    pipe = results["minutes_pipeline"]["pages_per_s"]
    results["pipeline_vs_pdfplumber"] = round(pipe / results["pdfplumber_text"]["pages_per_s"], 2)
    results["pipeline_vs_pypdfium2"] = round(pipe / results["pypdfium2_text"]["pages_per_s"], 2)
    results["load_average_at_end"] = os.getloadavg()[0]
    results["ocr"] = ocr_seconds_per_page(a.ocr_pages) if a.ocr_pages else {}
    results["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "pdf.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (a.out / "pdf.md").write_text(summary(results), encoding="utf-8")
    print(summary(results))
    return 0


def summary(r: dict[str, Any]) -> str:
    rows = [("bare pypdfium2 text", r["pypdfium2_text"]), ("bare pdfplumber extract_text", r["pdfplumber_text"]),
            ("minutes ingest (text + boxes + triage)", r["minutes_ingest"]),
            ("minutes whole pipeline (pipeline.extract)", r["minutes_pipeline"])]
    lines = [
        "# PDF throughput (bench/pdf.py)",
        "",
        f"{r['files']} born-digital PDFs, {r['pages']} pages; best of several rounds in one process, "
        f"methods taking turns; {r['machine']['cpus']} CPUs, load average {r['load_average_at_end']:.1f} at the end "
        "(other work on the machine slows every column alike).",
        "",
        "| what | pages/s | seconds |",
        "| --- | ---: | ---: |",
        *[f"| {name} | {v['pages_per_s']} | {v['seconds']} |" for name, v in rows],
        "",
        f"Whole pipeline vs bare pdfplumber: **{r['pipeline_vs_pdfplumber']}x**; "
        f"vs bare pypdfium2: **{r['pipeline_vs_pypdfium2']}x** (goal: >= 1x and 0.5x).",
        "",
    ]
    ocr = r.get("ocr") or {}
    if ocr:
        lines.append(f"OCR, render + recognise, {ocr.get('pages')} real scanned/garbled pages:")
        lines.append("")
        for name in ("rapidocr", "tesseract"):
            v = ocr.get(name, {})
            lines.append(f"- {name}: " + (f"{v['seconds_per_page']} s/page" if "seconds_per_page" in v
                                          else v.get("error", "not run")))
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
