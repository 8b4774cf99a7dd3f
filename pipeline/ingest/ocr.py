"""OCR engines behind one small interface: an image in, recognised lines with boxes out.

RapidOCR (default) runs PP-OCR models that ship inside its wheel; we point it at those files so
that it never tries to download anything. Its line classifier stays off: on upright scans it flips
lines and roughly ten-folds the character error rate. tesseract (via tesserocr) is the faster
option when Debian's `tesseract-ocr-chi-tra` data is installed.

No OpenCC on the output: the few simplified forms the engines emit are mapped in the folded
view (pipeline/fold.py VARIANTS), the text itself stays as recognised.
"""

from __future__ import annotations

import math
import os
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.errors import MissingDependencyError, UnreadableError
from pipeline.ingest.layout import Box, Line, PageText, Segment, assemble_page, finish_pages

if TYPE_CHECKING:
    from PIL.Image import Image

ENGINES = ("rapidocr", "tesseract")
# pages are rendered at this resolution for OCR; RapidOCR's recogniser sees every line at 48 px
# high whatever the resolution, so more only costs rendering and cropping
MAX_SIDE_PX = 2000
OCR_THREADS = int(os.environ.get("MINUTES_OCR_THREADS", "2"))
# the detector sees the printed part of a page at this long side (a full A4 page: 0.87 px a point,
# 12 pt lines ~10 px high). Boxes from 0.3 mean score up: dot leaders and light print score low
DET_SIDE_PX = 736
DET_BOX_THRESH = 0.3
# the recogniser reads each line squeezed to this share of its width (CJK glyphs are square and
# the model gives ~4 time steps to a glyph at full width: half is enough for clean print); a line
# read with doubt is read again at REC_RETRY_SQUEEZE and the better reading kept
REC_SQUEEZE = 0.5
REC_RETRY_SQUEEZE = 0.75
REC_RETRY_BELOW = 0.92  # a line is doubtful under this mean character confidence
REC_MIN_CHAR_PROB = 0.5  # ... or any character's confidence under this
REC_SKIPPED_PROB = 0.3  # a character this likely at a blank step of the path is read
REC_MIN_STEPS = 1.6  # ... or with fewer time steps a character than this (read at full width then)
REC_MAX_RUN = 6  # ... or with one class over more time steps than this (repeats merged)
REC_BATCH_COLUMNS = 1000  # input columns (at 48 px high) per recogniser batch
REC_HEIGHT = 48
TEXT_SCORE = 0.5  # lines recognised with less mean confidence are noise


@dataclass
class OcrLine:
    text: str
    box: Box  # pixels, origin top-left
    score: float
    # each character's horizontal extent (x0, x1) in pixels, when the engine knows it
    char_x: list[tuple[float, float]] | None = None


class OcrEngine(Protocol):
    name: str

    def recognize(self, image: Image) -> list[OcrLine]: ...


@lru_cache(maxsize=1)
def _taiwan_forms(chars: tuple[str, ...]) -> Any:
    """For each recogniser class, the class to emit for Traditional Chinese text: itself, or for
    simplified and old variant forms (内, 为/爲, 黄, 啓, 页 ...) that are outside Big5 and whose Taiwan
    standard form (OpenCC s2tw) is in it and in the alphabet, that form. The recogniser lumps such
    pairs together (内 0.99, 內 0.01 on a printed 內), so the pair's reading is the Taiwan form.
    Characters outside Big5 without such a form (rare name characters) stay as they are."""
    import numpy as np

    forms = np.arange(len(chars))
    try:
        import opencc

        conv = opencc.OpenCC("s2tw")
    except Exception:  # OpenCC is a core dependency; without it the alphabet stays open
        return forms
    index = {ch: i for i, ch in enumerate(chars)}
    for i, ch in enumerate(chars):
        if len(ch) != 1 or not (0x3400 <= ord(ch) <= 0x9FFF or 0x20000 <= ord(ch) <= 0x3134F):
            continue
        try:
            ch.encode("cp950")
            continue
        except UnicodeEncodeError:
            pass
        std = conv.convert(ch)
        if std != ch and len(std) == 1 and std in index:
            try:
                std.encode("cp950")
            except UnicodeEncodeError:
                continue
            forms[i] = index[std]
    return forms


class RapidOcrEngine:
    """RapidOCR's PP-OCR detector and recogniser, driven here: the detector at DET_SIDE_PX, lines
    read in width-sorted batches without padding to a minimum width, squeezed, low-confidence lines
    read again, CTC decoded over the Traditional Chinese alphabet with each character's position."""

    name = "rapidocr"

    def __init__(self, threads: int | None = None, squeeze: float | None = None,
                 det_side: int | None = None) -> None:
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
        n = threads or OCR_THREADS
        # explicit model paths: with none, RapidOCR resolves a download URL and checks a checksum
        params: dict[str, object] = {
            "Global.use_cls": False,
            "Global.log_level": "error",
            "Det.model_path": str(det),
            "Det.limit_type": "max",
            "Det.limit_side_len": det_side or DET_SIDE_PX,
            "Det.box_thresh": DET_BOX_THRESH,
            "Rec.model_path": str(rec),
            "Cls.model_path": str(cls),
            "EngineConfig.onnxruntime.intra_op_num_threads": n,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        import numpy as np

        engine = rapidocr.RapidOCR(params=params)
        self._det = engine._load_det_model()
        self._rec = engine._load_rec_model()
        self._chars: list[str] = list(self._rec.postprocess_op.character)
        self._space = len(self._chars) - 1  # RapidOCR appends " " as the last class; 0 is the CTC blank
        self._forms = _taiwan_forms(tuple(self._chars))
        self._narrow = np.array([len(c) == 1 and c != " " and not _is_wide(c) and ord(c) < 0x2E80
                                 for c in self._chars])
        self._narrow[0] = False
        self.squeeze = squeeze or REC_SQUEEZE
        self.det_side = det_side or DET_SIDE_PX
        self._lock = threading.Lock()

    # ---- recognition ----------------------------------------------------------------------
    def recognize(self, image: Image) -> list[OcrLine]:
        import numpy as np

        arr = np.asarray(image.convert("RGB"))
        with self._lock:  # one session per process; onnxruntime already uses the cores
            return self._recognize(arr)

    def _recognize(self, arr: Any) -> list[OcrLine]:
        import numpy as np

        region = ink_region(arr)
        if region is None:  # a blank page (or only scanner speckle): nothing to read
            return []
        x0, y0, x1, y1 = region
        # the detector sees the inked part of the page, its long side at DET_SIDE_PX: the margins cost
        # nothing, and a page printed in part is seen larger
        det = self._det(np.ascontiguousarray(arr[y0:y1, x0:x1]))
        boxes = det.boxes
        if boxes is None or len(boxes) == 0:
            return []
        boxes = np.asarray(boxes, dtype=np.float32) + np.array([x0, y0], dtype=np.float32)
        crops = [_crop(arr, b) for b in boxes]
        readings = self._read(crops, self.squeeze)
        # doubtful lines are read again wider; lines whose glyphs got too few time steps (narrow or
        # tall glyphs: Latin text, a stretched scan) at full width
        for wider in (REC_RETRY_SQUEEZE, 1.0):
            retry = [i for i, r in enumerate(readings) if r is not None and r.doubtful and r.squeeze < wider
                     and (wider == 1.0) == r.full_width]
            for i, r in zip(retry, self._read([crops[i] for i in retry], wider), strict=True):
                old = readings[i]
                if r is not None and (old is None or r.score >= old.score or len(r.text) > len(old.text)):
                    readings[i] = r
        self._reread_zones(crops, readings)
        out: list[OcrLine] = []
        for pts, crop, r in zip(boxes, crops, readings, strict=True):
            if r is None or not r.text.strip() or r.score < TEXT_SCORE:
                continue
            if crop.shape[1] >= crop.shape[0]:
                r = _ink_spaces(r, crop)
            xs = [float(q[0]) for q in pts]
            ys = [float(q[1]) for q in pts]
            box = (min(xs), min(ys), max(xs), max(ys))
            char_x = None
            if crop.shape[1] >= crop.shape[0] and len(r.centres) == len(r.text):  # not a rotated crop
                char_x = _char_extents(r.centres, box[0], box[2])
            out.append(OcrLine(r.text, box, r.score, char_x))
        return out

    def _reread_zones(self, crops: list[Any], readings: list[_Reading | None]) -> None:
        """Runs of narrow glyphs (digits, Latin letters) read squeezed may have lost a repeat (111
        read 11): each such run is cut out of its line at the blank columns around it, read at full
        width, and put in place of what the squeezed reading had there."""
        import numpy as np

        jobs: list[tuple[int, int, int, int, int]] = []  # line, first char, end char, x0, x1
        windows: list[Any] = []
        for li, r in enumerate(readings):
            if r is None or not r.zones or r.squeeze >= 1.0:
                continue
            crop = crops[li]
            w = crop.shape[1]
            grey = crop[:, :, 1] if crop.ndim == 3 else crop
            blank = (grey < 128).sum(axis=0) < max(2, crop.shape[0] // 20)
            for i, j in r.zones:
                lo = r.centres[i - 1] * w if i > 0 else 0.0
                hi = r.centres[j] * w if j < len(r.centres) else float(w)
                a, b = r.centres[i] * w, r.centres[j - 1] * w
                xa = _blank_between(blank, lo, a) if i > 0 else 0
                xb = _blank_between(blank, b, hi) if j < len(r.centres) else w
                if xb - xa < 4:
                    continue
                jobs.append((li, i, j, xa, xb))
                windows.append(np.ascontiguousarray(crop[:, xa:xb]))
        if not jobs:
            return
        done: dict[int, list[tuple[int, int, int, int, _Reading]]] = {}
        for job, got in zip(jobs, self._read(windows, 1.0), strict=True):
            if got is not None and got.text.strip() and got.score >= TEXT_SCORE:
                done.setdefault(job[0], []).append((*job[1:], got))
        for li, parts in done.items():
            r = readings[li]
            assert r is not None
            w = crops[li].shape[1]
            chars, centres = list(r.text), list(r.centres)
            for i, j, xa, xb, got in sorted(parts, key=lambda p: -p[0]):  # right to left: indexes hold
                new = list(zip(got.text, got.centres, strict=True))
                # a CJK glyph at the window's edge is a neighbour's, cut: not part of the run
                while new and _is_wide(new[0][0]):
                    new.pop(0)
                while new and _is_wide(new[-1][0]):
                    new.pop()
                if not new:
                    continue
                chars[i:j] = [c for c, _ in new]
                centres[i:j] = [(xa + x * (xb - xa)) / w for _, x in new]
            readings[li] = _Reading("".join(chars), r.score, centres, False, r.squeeze, r.steps_per_char)

    def _read(self, crops: list[Any], squeeze: float) -> list[_Reading | None]:
        """Each crop's text, mean confidence, per-character confidences and centres (as shares of
        the crop's width); batches of similar widths, padded to their widest line only."""
        import cv2
        import numpy as np

        widths = []
        for c in crops:
            h, w = c.shape[:2]
            widths.append(max(8, math.ceil(REC_HEIGHT * w / max(h, 1) * squeeze)))
        order = sorted(range(len(crops)), key=lambda i: widths[i])
        results: list[_Reading | None] = [None] * len(crops)
        start = 0
        while start < len(order):
            stop = start + 1
            while stop < len(order) and widths[order[stop]] * (stop - start + 1) <= REC_BATCH_COLUMNS:
                stop += 1
            batch = order[start:stop]
            width = -(-widths[batch[-1]] // 8) * 8
            x = np.zeros((len(batch), 3, REC_HEIGHT, width), dtype=np.float32)
            for j, i in enumerate(batch):
                img = cv2.resize(crops[i], (widths[i], REC_HEIGHT), interpolation=cv2.INTER_LINEAR)
                x[j, :, :, : widths[i]] = img.transpose(2, 0, 1).astype(np.float32) / 127.5 - 1.0
            probs = self._rec.session(x)
            steps = probs.shape[1]
            for j, i in enumerate(batch):
                results[i] = self._decode(probs[j], steps * widths[i] / width, width / steps / widths[i], squeeze)
            start = stop
        return results

    def _decode(self, probs: Any, used_steps: float, step_share: float, squeeze: float) -> _Reading:
        """Greedy CTC over the Taiwan alphabet: text, confidences, centres, and whether a reading at
        full width could differ (a character the greedy path skipped, repeats it merged)."""
        import numpy as np

        n = max(1, min(probs.shape[0], math.ceil(used_steps) + 1))
        p = probs[:n]
        raw = p.argmax(axis=1)
        conf = p[np.arange(n), raw]
        # the greedy path's confidence decides whether the line is read again at full width
        ends = np.append(np.nonzero(np.diff(raw) != 0)[0], n - 1)  # last step of each run
        lengths = np.diff(np.concatenate(([-1], ends)))
        read = raw[ends] != 0
        greedy = conf[ends[read]]
        score = float(greedy.mean()) if len(greedy) else 0.0
        per_char = used_steps / max(len(greedy), 1)
        # a narrow glyph (digit, Latin letter, dot) over two or more squeezed time steps may be a
        # repeat the path merged (111 read 11): such runs are read again at full width
        suspect = (read & self._narrow[raw[ends]] & (lengths >= max(2, math.ceil(3 * squeeze)))) if squeeze < 1.0 \
            else np.zeros(len(ends), dtype=bool)
        doubt = (score < REC_RETRY_BELOW or (len(greedy) > 0 and float(greedy.min()) < REC_MIN_CHAR_PROB)
                 or per_char < REC_MIN_STEPS
                 # one class over many steps: repeats merged (dot leaders, 〇〇〇)
                 or bool((lengths[read] > REC_MAX_RUN).any()))
        suspect_steps = set(ends[suspect].tolist())
        # a small glyph squeezed between two others (、 , .) is often the runner-up at a blank step:
        # read it when it is likely enough and not a neighbour's class (that would merge repeats)
        blank = np.nonzero(raw == 0)[0]
        if len(blank):
            alt = p[blank, 1:].argmax(axis=1) + 1
            alt_p = p[blank, alt]
            for t, c, q in zip(blank[alt_p > REC_SKIPPED_PROB], alt[alt_p > REC_SKIPPED_PROB],
                               alt_p[alt_p > REC_SKIPPED_PROB], strict=True):
                if (t == 0 or raw[t - 1] != c) and (t + 1 >= n or raw[t + 1] != c):
                    raw[t] = c
                    conf[t] = q
        idx = self._forms[raw]
        keep = idx != 0
        keep[1:] &= idx[1:] != idx[:-1]
        steps = np.nonzero(keep)[0]
        chars = [self._chars[k] for k in idx[steps]]
        scores = [float(v) for v in conf[steps]]
        centres = [float((t + 0.5) * step_share) for t in steps]
        # each emitted character's run ends where the next class starts: a suspect run is the one
        # whose last step is in `suspect_steps`
        run_end = np.searchsorted(ends, steps)
        flagged = [int(ends[e]) in suspect_steps for e in run_end.tolist()]
        # no spaces at the ends; a bullet read as a middle dot at the start of a line is a bullet
        while chars and chars[-1] == " ":
            chars.pop(), scores.pop(), centres.pop(), flagged.pop()
        while chars and chars[0] == " ":
            chars.pop(0), scores.pop(0), centres.pop(0), flagged.pop(0)
        # a line that starts with a lone dot (·, ∙, ・, or a colon or full stop the bullet was read as)
        # set apart by a space starts with a bullet
        if chars and ((chars[0] in "·∙" and (len(chars) == 1 or chars[1] == " " or _is_wide(chars[1])))
                      or (chars[0] in "：:．.・" and len(chars) > 2 and chars[1] == " " and _is_wide(chars[2]))):
            chars[0] = "•"
        return _Reading("".join(chars), score, centres, doubt, squeeze, per_char, per_char < REC_MIN_STEPS,
                        _zones(chars, flagged))


@dataclass
class _Reading:
    text: str
    score: float
    centres: list[float]  # each character's centre as a share of the line's width
    doubtful: bool = False
    squeeze: float = 1.0
    steps_per_char: float = 4.0
    full_width: bool = False  # read again at full width (not merely wider)
    zones: list[tuple[int, int]] = field(default_factory=list)  # [i, j): narrow runs to read again


def _zones(chars: list[str], flagged: list[bool]) -> list[tuple[int, int]]:
    """The stretches of narrow characters (not CJK, not spaces) that hold a flagged character."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(chars):
        if chars[k] != " " and not _is_wide(chars[k]):
            j = k
            while j < len(chars) and chars[j] != " " and not _is_wide(chars[j]):
                j += 1
            if any(flagged[k:j]):
                out.append((k, j))
            k = j
        else:
            k += 1
    return out


def _blank_between(blank: Any, lo: float, hi: float) -> int:
    """The middle of the widest run of blank columns between x = lo and hi (the gap between two
    glyphs), else halfway."""
    import numpy as np

    a, b = max(0, int(lo)), min(len(blank), math.ceil(hi))
    if b <= a:
        return int((lo + hi) / 2)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], blank[a:b].astype(np.int8), [0]))))
    if not len(edges):
        return int((lo + hi) / 2)
    k = int((edges[1::2] - edges[::2]).argmax())
    return a + int((edges[2 * k] + edges[2 * k + 1]) // 2)


def _ink_spaces(r: _Reading, crop: Any) -> _Reading:
    """A space where the page shows one: between two characters (one of them CJK) with a blank
    stretch of two thirds of the glyphs' height on the line image (glyphs of one word stand about a
    third apart), as between names in a list set apart by spaces (邱臣遠 陳歐珀), which the
    recogniser reads run together."""
    import numpy as np

    chars, centres = list(r.text), list(r.centres)
    if len(chars) < 3 or len(centres) != len(chars) or not any(_is_wide(c) for c in chars):
        return r
    grey = crop if crop.ndim == 2 else crop[:, :, 1]
    h, w = grey.shape
    ink = grey < 128
    dark = ink.sum(axis=0) >= max(2, h // 20)  # columns with ink (speckle ignored)
    rows = np.flatnonzero(ink.sum(axis=1) >= max(2, w // 200))
    if len(rows) < 2:
        return r
    em = float(rows[-1] - rows[0])  # the glyphs' height (the crop has a margin above and below)
    out_c, out_x = [chars[0]], [centres[0]]
    for k in range(1, len(chars)):
        a, b = chars[k - 1], chars[k]
        if _spaceable(a) and _spaceable(b) and (_is_wide(a) or _is_wide(b)):
            lo, hi = int(centres[k - 1] * w), int(centres[k] * w)
            blank = ~dark[lo:hi]
            if len(blank) and blank.any():
                # the longest run of blank columns between the two centres
                edges = np.flatnonzero(np.diff(np.concatenate(([0], blank.astype(np.int8), [0]))))
                if (edges[1::2] - edges[::2]).max() >= 0.65 * em:
                    out_c.append(" ")
                    out_x.append((centres[k - 1] + centres[k]) / 2)
        out_c.append(b)
        out_x.append(centres[k])
    if len(out_c) == len(chars):
        return r
    return _Reading("".join(out_c), r.score, out_x, r.doubtful, r.squeeze, r.steps_per_char, r.full_width)


def ink_region(arr: Any, *, step: int = 4, margin: float = 0.015) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) around what is printed on a page image, or None for a blank page.

    The page is shrunk by `step` averaging blocks of pixels: print stays grey, scanner speckle (lone
    dark pixels) fades; rows and columns with a little of that grey are ink. A little margin is kept."""
    import cv2
    import numpy as np

    grey = arr[:, :, 1] if arr.ndim == 3 else arr
    h0, w0 = grey.shape
    h, w = max(1, h0 // step), max(1, w0 // step)
    if h < 4 or w < 4:
        return (0, 0, w0, h0)
    small = cv2.resize(np.ascontiguousarray(grey), (w, h), interpolation=cv2.INTER_AREA)
    dark = small < 190
    rows = np.nonzero(dark.sum(axis=1) >= 2)[0]
    cols = np.nonzero(dark.sum(axis=0) >= 2)[0]
    if len(rows) < 2 or len(cols) < 2:
        return None
    pad_y, pad_x = int(margin * h) + 1, int(margin * w) + 1
    y0, y1 = max(0, rows[0] - pad_y) * step, min(h, rows[-1] + 1 + pad_y) * step
    x0, x1 = max(0, cols[0] - pad_x) * step, min(w, cols[-1] + 1 + pad_x) * step
    return (int(x0), int(y0), int(min(x1, w0)), int(min(y1, h0)))


def _crop(img: Any, pts: Any) -> Any:
    """The quadrilateral `pts` of `img` as an upright image (RapidOCR's own crop)."""
    from rapidocr.utils.process_img import get_rotate_crop_image

    return get_rotate_crop_image(img, pts.astype("float32"))


def _char_extents(centres: list[float], x0: float, x1: float) -> list[tuple[float, float]]:
    """Characters' horizontal extents from their centres (shares of the line's width): each reaches
    halfway to its neighbours; the outer ones as far out as the inner half-gaps, within the line."""
    w = x1 - x0
    xs = [x0 + c * w for c in centres]
    out: list[tuple[float, float]] = []
    for k, x in enumerate(xs):
        left = (xs[k - 1] + x) / 2 if k else None
        right = (x + xs[k + 1]) / 2 if k + 1 < len(xs) else None
        half = min((x - left) if left is not None else math.inf, (right - x) if right is not None else math.inf)
        if half == math.inf:
            half = w / 2
        out.append((max(x0, left if left is not None else x - half),
                    min(x1, right if right is not None else x + half)))
    return out


def _spaceable(ch: str) -> bool:
    """A letter, digit, ideograph or bullet: what a space may stand between (not CJK punctuation)."""
    return ch.isalnum() or ch in "•●○◆◇■□▪※★☆-–—"


def _is_wide(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0xF900 <= o <= 0xFAFF


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
    """OCR lines to layout segments, boxes divided by `scale`. Each character gets its own extent
    where the engine reports one (RapidOCR: from the CTC time step it was read at); otherwise the
    characters share the line's width evenly, which is close for CJK text (one em a character)."""
    segs: list[Segment] = []
    for ln in lines:
        x0, y0, x1, y1 = (v / scale for v in ln.box)
        n = len(ln.text)
        seg = Segment()
        if ln.char_x is not None and len(ln.char_x) == n:
            for ch, (a, b) in zip(ln.text, ln.char_x, strict=True):
                seg.add(ch, None if ch.isspace() else (a / scale, y0, b / scale, y1))
        else:
            w = (x1 - x0) / max(n, 1)
            for i, ch in enumerate(ln.text):
                seg.add(ch, (x0 + i * w, y0, x0 + (i + 1) * w, y1))
        segs.append(seg)
    return segs


def ocr_lines(image: Image, engine: OcrEngine, *, scale: float = 1.0) -> tuple[list[Line], float | None]:
    """Recognise one page image: its lines in reading order (boxes divided by `scale`), each
    character with a box, and the mean confidence."""
    try:
        lines = engine.recognize(image)
    except MissingDependencyError:
        raise
    except Exception as exc:  # an engine failure is this document's error, not a traceback
        raise UnreadableError(f"OCR failed ({engine.name}): {type(exc).__name__}: {exc}") from exc
    total = sum(len(ln.text) for ln in lines)
    conf = sum(ln.score * len(ln.text) for ln in lines) / total if total else None
    return assemble_page(lines_to_segments(lines, scale), space_gap=0.3), (round(conf, 4) if conf is not None else None)


def ocr_image(image: Image, engine: OcrEngine, *, scale: float = 1.0) -> tuple[PageText, float | None]:
    """Recognise one page image: its text (lines wrapped at the margin joined), one box a character,
    mean confidence."""
    lines, conf = ocr_lines(image, engine, scale=scale)
    return finish_pages([(lines, image.width / scale)])[0], conf


def fit_scale(width: float, height: float, dpi: float) -> float:
    """Render scale for a page of `width` x `height` points: `dpi`, capped at MAX_SIDE_PX."""
    return min(dpi / 72.0, MAX_SIDE_PX / max(width, height, 1.0))
