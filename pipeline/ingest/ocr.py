"""OCR engines behind one small interface: an image in, recognised lines with boxes out.

RapidOCR (default) runs PP-OCR models that ship inside its wheel; we point it at those files so
that it never tries to download anything. Its line classifier stays off: on upright scans it flips
lines and roughly ten-folds the character error rate. tesseract (via tesserocr) is the faster
option when Debian's `tesseract-ocr-chi-tra` data is installed.

No OpenCC on the output: the few simplified forms the engines emit are mapped in the folded
view (pipeline/fold.py VARIANTS), the text itself stays as recognised.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pipeline.errors import MissingDependencyError, UnreadableError
from pipeline.ingest.layout import Box, PageText, Segment, assemble_page

if TYPE_CHECKING:
    from PIL.Image import Image

ENGINES = ("rapidocr", "tesseract")
# RapidOCR shrinks anything larger to this long side before detection: rendering bigger only costs
MAX_SIDE_PX = 2000
OCR_THREADS = int(os.environ.get("MINUTES_OCR_THREADS", "2"))


@dataclass
class OcrLine:
    text: str
    box: Box  # pixels, origin top-left
    score: float


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: Image) -> list[OcrLine]: ...


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self) -> None:
        try:
            import onnxruntime  # noqa: F401  (rapidocr does not declare it)
            import rapidocr
        except ImportError as exc:
            raise MissingDependencyError(
                "OCR needs RapidOCR: pip install 'minutes[pdf]' (packages rapidocr and onnxruntime)"
            ) from exc
        models = Path(rapidocr.__file__).parent / "models"
        det = models / "PP-OCRv6_det_small.onnx"
        rec = models / "PP-OCRv6_rec_small.onnx"
        cls = models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
        for f in (det, rec):
            if not f.is_file():
                raise MissingDependencyError(
                    f"RapidOCR's bundled model {f.name} is missing from {models}; reinstall rapidocr>=3.4"
                )
        # explicit model paths: with none, RapidOCR resolves a download URL and checks a checksum
        params: dict[str, object] = {
            "Global.use_cls": False,
            "Global.log_level": "error",
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            "Cls.model_path": str(cls),
            "EngineConfig.onnxruntime.intra_op_num_threads": OCR_THREADS,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        self._engine = rapidocr.RapidOCR(params=params)
        self._lock = threading.Lock()

    def recognize(self, image: Image) -> list[OcrLine]:
        import numpy as np

        arr = np.asarray(image.convert("RGB"))
        with self._lock:  # one session per process; onnxruntime already uses the cores
            res = self._engine(arr, use_cls=False)
        boxes = getattr(res, "boxes", None)
        txts = getattr(res, "txts", None) or ()
        scores = getattr(res, "scores", None) or ()
        out: list[OcrLine] = []
        if boxes is None:
            return out
        for pts, txt, score in zip(boxes, txts, scores, strict=False):
            xs = [float(p[0]) for p in pts]
            ys = [float(p[1]) for p in pts]
            if txt and txt.strip():
                out.append(OcrLine(str(txt), (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return out


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str | None = None) -> None:
        try:
            import tesserocr
        except ImportError as exc:
            raise MissingDependencyError(
                "the tesseract OCR engine needs tesserocr (pip install tesserocr) and Debian's "
                "tesseract-ocr-chi-tra"
            ) from exc
        path = _tessdata()
        if lang is None:  # English too where its data is installed: minutes quote names and titles
            lang = "chi_tra+eng" if (Path(path) / "eng.traineddata").is_file() else "chi_tra"
        try:
            self._api = tesserocr.PyTessBaseAPI(path=path, lang=lang, psm=tesserocr.PSM.SINGLE_BLOCK)
        except RuntimeError as exc:
            raise MissingDependencyError(
                f"tesseract language data {lang} not found (apt-get install tesseract-ocr-chi-tra): {exc}"
            ) from exc
        self._lock = threading.Lock()

    def recognize(self, image: Image) -> list[OcrLine]:
        import tesserocr
        from PIL import ImageFilter

        out: list[OcrLine] = []
        with self._lock:
            # a 3x3 median removes scanner speckle, which tesseract otherwise reads as punctuation
            self._api.SetImage(image.convert("L").filter(ImageFilter.MedianFilter(3)))
            self._api.Recognize()
            it = self._api.GetIterator()
            level = tesserocr.RIL.TEXTLINE
            while True:
                txt = it.GetUTF8Text(level)
                bb = it.BoundingBox(level)
                if txt and txt.strip() and bb is not None:
                    # tesseract puts spaces between CJK characters; they are not in the page
                    out.append(OcrLine(_despace_cjk(txt.strip()), tuple(float(v) for v in bb),  # type: ignore[arg-type]
                                       float(it.Confidence(level)) / 100.0))
                if not it.Next(level):
                    break
        return out


def _tessdata() -> str:
    for cand in (os.environ.get("TESSDATA_PREFIX"), "/usr/share/tesseract-ocr/5/tessdata",
                 "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"):
        if cand and (Path(cand) / "chi_tra.traineddata").is_file():
            return cand
    raise MissingDependencyError("tesseract language data chi_tra not found: apt-get install tesseract-ocr-chi-tra")


def _despace_cjk(text: str) -> str:
    chars = list(text)
    out = []
    for i, ch in enumerate(chars):
        if ch == " " and 0 < i < len(chars) - 1 and _wide(chars[i - 1]) and _wide(chars[i + 1]):
            continue
        out.append(ch)
    return "".join(out)


def _wide(ch: str) -> bool:
    from pipeline.fold import is_cjk

    return is_cjk(ch) or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF


_ENGINE_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _engine(name: str) -> OcrEngine:
    if name == "rapidocr":
        return RapidOcrEngine()
    if name == "tesseract":
        return TesseractEngine()
    raise MissingDependencyError(f"unknown OCR engine {name!r}: use one of {', '.join(ENGINES)}")


def engine_name(option: object) -> str:
    """The `ocr` option as an engine name or "off": True/None/"auto" -> "rapidocr", False -> "off"."""
    if option is None or option is True:
        return "rapidocr"
    if option is False:
        return "off"
    name = str(option).strip().lower()
    if name in ("", "auto", "true", "yes", "on", "1", "default"):
        return "rapidocr"
    if name in ("off", "false", "no", "none", "0", "never"):
        return "off"
    return name


def get_engine(name: str | None = None) -> OcrEngine:
    """The OCR engine by name ("rapidocr", "tesseract"; None or "auto": RapidOCR). Cached per process."""
    key = engine_name(name)
    with _ENGINE_LOCK:
        return _engine(key)


def lines_to_segments(lines: list[OcrLine], scale: float = 1.0) -> list[Segment]:
    """OCR lines to layout segments, boxes divided by `scale`; characters share a line's width evenly.

    Engines report a box per line (or word); an even split is close for CJK text, whose characters
    are one em wide, and good enough to point a reader at the words.
    """
    segs: list[Segment] = []
    for ln in lines:
        x0, y0, x1, y1 = (v / scale for v in ln.box)
        n = len(ln.text)
        w = (x1 - x0) / max(n, 1)
        seg = Segment()
        for i, ch in enumerate(ln.text):
            seg.add(ch, (x0 + i * w, y0, x0 + (i + 1) * w, y1))
        segs.append(seg)
    return segs


def ocr_image(image: Image, engine: OcrEngine, *, scale: float = 1.0) -> tuple[PageText, float | None]:
    """Recognise one page image: its text in reading order, one box per character, mean confidence."""
    try:
        lines = engine.recognize(image)
    except MissingDependencyError:
        raise
    except Exception as exc:  # an engine failure is this document's error, not a traceback
        raise UnreadableError(f"OCR failed ({engine.name}): {type(exc).__name__}: {exc}") from exc
    page = assemble_page(lines_to_segments(lines, scale), space_gap=0.3)
    total = sum(len(ln.text) for ln in lines)
    conf = sum(ln.score * len(ln.text) for ln in lines) / total if total else None
    return page, (round(conf, 4) if conf is not None else None)


def fit_scale(width: float, height: float, dpi: float) -> float:
    """Render scale for a page of `width` x `height` points: `dpi`, capped at MAX_SIDE_PX."""
    return min(dpi / 72.0, MAX_SIDE_PX / max(width, height, 1.0))
