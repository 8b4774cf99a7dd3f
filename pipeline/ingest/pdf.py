"""PDF input: the text layer through pypdfium2 with a box per character, OCR where it fails.

Why pypdfium2 and not pdfminer/pdfplumber for the text: it is ~40x faster, and pdfminer returns
empty text, without a warning, for fonts whose encoding is an embedded CMap stream (fpdf2's CFF
fonts, ocrmypdf's CJK text layers). pypdfium2 gives characters in content-stream order (a footer
can come first), so lines are re-ordered by their boxes (pipeline.ingest.layout); character boxes
go straight from pdfium into a numpy array, and everything after is array work, not a Python step a
character.

Each page is triaged (see `triage`): its text layer is used, or the page is rendered and OCR'd
(no text but images or drawings; replacement/private-use characters, `(cid:N)`; mojibake from a
broken ToUnicode map; letters of unrelated scripts inside CJK text, 天文ᖂ會), or an earlier OCR
layer (invisible text over a page image) is kept. Scanned pages between text pages are OCR'd alone.
Pages with ruling lines get their tables found (pdfplumber's table finder on the edges pdfium
reads) and read as rows of TAB-separated cells. Pages are joined with PAGE_SEPARATOR;
`Document.pages` records each page's offsets, method and OCR confidence, and `Document.char_boxes`
each character's box.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pipeline.document import Document
from pipeline.errors import (
    EmptyDocumentError,
    EncryptedError,
    MissingDependencyError,
    UnreadableError,
)
from pipeline.ingest.layout import Box, Line, Table, assemble_chars, finish_pages, join_pages
from pipeline.models import PageInfo, SourceInfo

if TYPE_CHECKING:
    import pypdfium2

    from pipeline.ingest.ocr import OcrEngine

DEFAULT_OCR_DPI = 200

TriageKind = Literal["text", "ocr", "ocr-layer", "empty"]

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_EMPTY_PAGE_TREE = re.compile(rb"/Count\s+0\b")
_CID = re.compile(r"\(cid:\d+\)")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
# characters a broken ToUnicode map turns CJK text into (Latin-1/MacRoman/cp1252 letters and
# symbols); minutes in Chinese or English hardly contain them
_MOJIBAKE_EXTRA = frozenset("†‡‰‹›‚„⁄ƒ¸˛˝˚˙˘ˇ¯˜ˆ¨´¤¦§¶ªº¿¡«»¬¯")
_MOJIBAKE_CODES = tuple(sorted(ord(ch) for ch in _MOJIBAKE_EXTRA))
_ASCII_PUNCT_CODES = tuple(sorted(ord(ch) for ch in _ASCII_PUNCT))


@dataclass(frozen=True)
class TextStats:
    chars: int  # non-whitespace characters
    bad: int  # U+FFFD, private use, controls
    cid: int  # (cid:N) placeholders
    mojibake: int  # letters and symbols from the wrong code page
    ascii_punct: int
    cjk: int
    foreign: int = 0  # letters of scripts unrelated to the text (Ethiopic, Canadian syllabics ...)
    foreign_in_cjk: int = 0  # ... of them next to CJK characters (天文ᖂ會): a garbled glyph map


# Scripts a Taiwanese minutes text is written in, or quotes: Latin, Greek, CJK (with its
# punctuation, radicals, compatibility forms and extensions), Bopomofo, kana, and the symbol
# blocks. A letter elsewhere (Ethiopic, Canadian syllabics, Mongolian, Khmer, Cherokee, Hangul
# jamo ...) inside Chinese text comes from a broken glyph-to-Unicode map.
_KNOWN_RANGES = ((0x0000, 0x052F), (0x1AB0, 0x1AFF), (0x1D00, 0x1DFF), (0x1E00, 0x1FFF),
                 (0x2000, 0x2BFF), (0x2E00, 0x2E7F), (0x2E80, 0xA4CF), (0xA700, 0xA7FF),
                 (0xAC00, 0xD7AF), (0xE000, 0xF8FF), (0xF900, 0xFFFF), (0x10000, 0x1FFFF),
                 (0x20000, 0x3FFFF), (0xE0000, 0x10FFFF))
_WS_CODES = (0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x3000, 0x200B, 0xFEFF)


_WS, _BAD, _PUNCT, _CJK, _MOJ, _KNOWN, _IDEO = 1, 2, 4, 8, 16, 32, 64


@lru_cache(maxsize=1)
def _classes() -> Any:
    """A class bitmask for every code point of the BMP (the rest are classed by range)."""
    import numpy as np

    c = np.arange(0x10000, dtype=np.uint32)
    t = np.zeros(0x10000, dtype=np.uint8)
    ws = np.isin(c, _WS_CODES) | ((c >= 0x2000) & (c <= 0x200A))
    bad = (c == 0xFFFD) | ((c >= 0xE000) & (c <= 0xF8FF)) | (c < 0x20) | ((c >= 0x7F) & (c < 0xA0))
    bad &= ~ws
    punct = np.isin(c, _ASCII_PUNCT_CODES)
    cjk = (((c >= 0x3400) & (c <= 0x9FFF)) | ((c >= 0x3000) & (c <= 0x303F)) | ((c >= 0xFF00) & (c <= 0xFFEF))
           | ((c >= 0xF900) & (c <= 0xFAFF))) & ~ws
    moj = ((((c >= 0xC0) & (c <= 0x24F)) & ~np.isin(c, (0xD7, 0xF7))) | ((c >= 0x250) & (c <= 0x36F))
           | ((c >= 0xFB00) & (c <= 0xFB4F)) | np.isin(c, _MOJIBAKE_CODES))
    known = np.zeros(0x10000, dtype=bool)
    for lo, hi in _KNOWN_RANGES:
        known |= (c >= lo) & (c <= hi)
    ideo = ((c >= 0x3400) & (c <= 0x9FFF)) | ((c >= 0xF900) & (c <= 0xFAFF))
    for flag, mask in ((_WS, ws), (_BAD, bad), (_PUNCT, punct), (_CJK, cjk), (_MOJ, moj), (_KNOWN, known),
                       (_IDEO, ideo)):
        t[mask] |= flag
    return t


def char_classes(codes: Any) -> Any:
    """Class bitmasks (see `_classes`) of an array of code points."""
    import numpy as np

    t = _classes()
    out = t[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():
        a = codes[astral]
        cls = np.full(len(a), _KNOWN, dtype=np.uint8)
        cls[(a >= 0x20000) & (a <= 0x2FFFF)] |= _CJK | _IDEO
        cls[a >= 0xF0000] |= _BAD
        out[astral] = cls
    return out


def text_stats(text: str) -> TextStats:
    """What triage counts in a page's text layer (numpy over the code points)."""
    import unicodedata

    import numpy as np

    if not text:
        return TextStats(0, 0, 0, 0, 0, 0)
    c = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
    k = char_classes(c)
    keep = (k & _WS) == 0
    c, k = c[keep], k[keep]
    bad = (k & _BAD) != 0
    punct = ((k & _PUNCT) != 0) & ~bad
    cjk = (k & _CJK) != 0
    moj = ((k & _MOJ) != 0) & ~bad & ~punct & ~cjk
    foreign = np.zeros(len(c), dtype=bool)
    for i in np.nonzero((k & _KNOWN) == 0)[0]:  # few or none: look each up
        foreign[i] = unicodedata.category(chr(int(c[i])))[0] in "LMNC"
    n_foreign = int(foreign.sum())
    in_cjk = 0
    if n_foreign:
        ideo = (k & _IDEO) != 0
        near = np.zeros(len(c), dtype=bool)
        near[1:] |= ideo[:-1]
        near[:-1] |= ideo[1:]
        in_cjk = int((foreign & near).sum())
    return TextStats(len(c), int(bad.sum()), len(_CID.findall(text)) if "(cid:" in text else 0, int(moj.sum()),
                     int(punct.sum()), int(cjk.sum()), n_foreign, in_cjk)


@dataclass(frozen=True)
class PageFacts:
    """What triage looks at: the page's text layer and what else is drawn on it."""

    text: str
    image_cover: float = 0.0  # share of the page covered by images
    invisible_text: float = 0.0  # share of text objects drawn invisibly (render mode 3)
    paths: int = 0  # vector drawing objects
    rules: int = 0  # thin horizontal or vertical lines and rectangles: table borders

    @property
    def ruled(self) -> bool:
        """Ruling lines that may draw a table: worth the table finder's time."""
        return self.rules >= 4


@dataclass(frozen=True)
class Triage:
    kind: TriageKind
    reason: str


def triage(facts: PageFacts) -> Triage:
    """Decide how to read a page: its text layer, OCR, or an earlier OCR layer kept as it is."""
    s = text_stats(facts.text)
    if s.chars < 10:
        if facts.image_cover >= 0.1 or facts.paths >= 50:
            return Triage("ocr", f"no text layer ({s.chars} chars) over images or drawings")
        return Triage("empty" if s.chars == 0 else "text", "blank page" if s.chars == 0 else "little text")
    broken = s.bad + 4 * s.cid
    if broken / s.chars > 0.05:
        return Triage("ocr", f"unmapped glyphs: {s.bad} replacement/private-use chars, {s.cid} (cid:N)")
    if s.mojibake / s.chars > 0.04 and s.mojibake >= 5:
        return Triage("ocr", f"mojibake: {s.mojibake} of {s.chars} chars from a wrong code page")
    if s.foreign_in_cjk >= 3 and s.foreign >= 0.02 * (s.cjk + s.foreign) and s.foreign_in_cjk >= 0.3 * s.foreign:
        return Triage("ocr", f"garbled: {s.foreign} letters of unrelated scripts inside CJK text "
                             f"({s.foreign_in_cjk} next to CJK characters)")
    if s.ascii_punct / s.chars > 0.2 and s.ascii_punct + s.mojibake > 3 * max(s.cjk, 1) and s.chars >= 40:
        return Triage("ocr", f"mojibake: {s.ascii_punct} ASCII punctuation of {s.chars} chars, {s.cjk} CJK")
    if facts.image_cover >= 0.5 and s.chars < 60:
        return Triage("ocr", f"a page image with only {s.chars} chars of text")
    if facts.image_cover >= 0.5 and facts.invisible_text >= 0.5:
        return Triage("ocr-layer", "invisible text over a page image: an earlier OCR layer")
    return Triage("text", "text layer")


# ---- pdfium helpers ------------------------------------------------------------------------

def _open(data: bytes, source: SourceInfo, password: str | None) -> pypdfium2.PdfDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY):
            raise EncryptedError(f"{source.path}: the PDF is encrypted and needs a password") from exc
        # pdfium refuses a document with an empty page tree; say so rather than "unreadable"
        if b"%%EOF" in data[-1024:] and not _PAGE_OBJECT.search(data) and _EMPTY_PAGE_TREE.search(data):
            raise EmptyDocumentError(f"{source.path}: the PDF has no pages") from exc
        raise UnreadableError(f"{source.path}: not a readable PDF ({exc})") from exc


class _Geometry:
    """Page space (y up, crop box origin) to display space (origin top-left, page rotation applied)."""

    def __init__(self, page: pypdfium2.PdfPage) -> None:
        left, bottom, right, top = page.get_bbox()
        self.left, self.top = left, top
        self.w, self.h = right - left, top - bottom
        self.rotation = page.get_rotation() % 360

    @property
    def size(self) -> tuple[float, float]:
        return (self.h, self.w) if self.rotation in (90, 270) else (self.w, self.h)

    def _turned(self, l: Any, t: Any, r: Any, b: Any) -> tuple[Any, Any, Any, Any]:  # noqa: E741
        """PDF coordinates (origin bottom left) as the page is shown: origin top left, the page's
        rotation applied. Plain arithmetic, so numbers and numpy arrays alike."""
        u0, v0, u1, v1 = l - self.left, self.top - t, r - self.left, self.top - b
        rot = self.rotation
        if rot == 90:
            u0, v0, u1, v1 = self.h - v1, u0, self.h - v0, u1
        elif rot == 180:
            u0, v0, u1, v1 = self.w - u1, self.h - v1, self.w - u0, self.h - v0
        elif rot == 270:
            u0, v0, u1, v1 = v0, self.w - u1, v1, self.w - u0
        return u0, v0, u1, v1

    def boxes(self, l: Any, t: Any, r: Any, b: Any) -> Any:  # noqa: E741
        """`box` on numpy arrays: an (n, 4) float32 array."""
        import numpy as np

        return np.stack(self._turned(l, t, r, b), axis=1).astype(np.float32)

    def box(self, l: float, t: float, r: float, b: float) -> Box:  # noqa: E741
        u0, v0, u1, v1 = self._turned(l, t, r, b)
        return (u0, v0, u1, v1)


def _page_text_raw(textpage: pypdfium2.PdfTextPage) -> str:
    """The text page's characters, one str character per pdfium char index."""
    import pypdfium2.raw as raw

    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(2 * (n + 1))
    got = raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * max(got - 1, 0)].decode("utf-16-le", errors="replace")
    if len(text) == n:
        return text
    # characters outside the BMP come as surrogate pairs: ask one index at a time instead
    return "".join(chr(raw.FPDFText_GetUnicode(tp, i) or 0xFFFD) for i in range(n))


@lru_cache(maxsize=1)
def _loose_char_box() -> Any:
    """FPDFText_GetLooseCharBox taking plain addresses (no ctypes object a call)."""
    import pypdfium2.raw as raw

    proto = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p)
    return proto(ctypes.cast(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p).value or 0)


def char_boxes(textpage: pypdfium2.PdfTextPage, geo: _Geometry, text: str) -> Any:
    """Each character's loose box (the font's ascent to descent) in display coordinates, as a
    numpy float32 array (len(text), 4); NaN rows for whitespace and characters pdfium gives no box.
    pdfium writes straight into the array's memory: one C call a printed character."""
    import numpy as np

    n = len(text)
    tp = ctypes.cast(textpage.raw, ctypes.c_void_p).value
    rects = np.zeros((max(n, 1), 4), dtype=np.float32)  # FS_RECTF: left, top, right, bottom
    ok = np.zeros(n, dtype=bool)
    if n:
        codes = np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)
        printed = np.nonzero((char_classes(codes) & _WS) == 0)[0]
        base = rects.ctypes.data
        get_box = _loose_char_box()
        ok[printed] = np.fromiter((get_box(tp, i, base + 16 * i) for i in printed.tolist()), dtype=bool,
                                  count=len(printed))
    r = rects[:n]
    left, top, right, bottom = r[:, 0], r[:, 1], r[:, 2], r[:, 3]
    ok &= (right > left) & (top > bottom)
    out = geo.boxes(left, top, right, bottom)
    out[~ok] = np.nan
    return out


def _page_facts(page: pypdfium2.PdfPage, text: str) -> PageFacts:
    """Images, drawings and invisible text on the page (raw calls: no Python object per item)."""
    import pypdfium2.raw as raw

    geo_l, geo_b, geo_r, geo_t = page.get_bbox()
    area = max((geo_r - geo_l) * (geo_t - geo_b), 1.0)
    x0, y0, x1, y1 = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    counts = {"cover": 0.0, "texts": 0, "invisible": 0, "paths": 0, "rules": 0}

    def visit(obj: object, depth: int) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            if raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
                w = max(0.0, min(x1.value, geo_r) - max(x0.value, geo_l))
                h = max(0.0, min(y1.value, geo_t) - max(y0.value, geo_b))
                counts["cover"] += w * h / area
        elif kind == raw.FPDF_PAGEOBJ_TEXT:
            counts["texts"] += 1
            if raw.FPDFTextObj_GetTextRenderMode(obj) == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                counts["invisible"] += 1
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            counts["paths"] += 1
            if counts["paths"] <= 2000 and raw.FPDFPageObj_GetBounds(obj, x0, y0, x1, y1):
                w, h = x1.value - x0.value, y1.value - y0.value
                # a rule (thin and at least 8 pt long) or a box drawn as one rectangle
                if (min(w, h) <= 2.5 and max(w, h) >= 8) or (w >= 8 and h >= 8 and w * h < 0.9 * area):
                    counts["rules"] += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:  # a scan is often wrapped in a form XObject
            for j in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, j), depth + 1)

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, i), 0)
    texts = int(counts["texts"])
    return PageFacts(text, min(float(counts["cover"]), 1.0),
                     int(counts["invisible"]) / texts if texts else 0.0, int(counts["paths"]), int(counts["rules"]))


def ruling_edges(page: pypdfium2.PdfPage, geo: _Geometry, *, max_segments: int = 20000) -> list[dict[str, Any]]:
    """The page's horizontal and vertical line segments (path objects' straight segments, rectangle
    sides included) as pdfplumber edges in display coordinates (origin top-left, y down)."""
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    fx, fy = ctypes.c_float(), ctypes.c_float()
    line_to, move_to = raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_MOVETO
    edges: list[dict[str, Any]] = []
    budget = [max_segments]

    def point(x: float, y: float, t: tuple[float, ...]) -> tuple[float, float]:
        a, b, c, d, e, f = t
        u0, v0, _, _ = geo.box(a * x + c * y + e, b * x + d * y + f, a * x + c * y + e, b * x + d * y + f)
        return u0, v0

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= 1:
            lo, hi = min(x0, x1), max(x0, x1)
            edges.append({"x0": lo, "x1": hi, "top": y0, "bottom": y0, "width": hi - lo, "height": 0.0,
                          "orientation": "h", "object_type": "line"})
        elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= 1:
            lo, hi = min(y0, y1), max(y0, y1)
            edges.append({"x0": x0, "x1": x0, "top": lo, "bottom": hi, "width": 0.0, "height": hi - lo,
                          "orientation": "v", "object_type": "line"})

    def compose(t: tuple[float, ...], u: tuple[float, ...]) -> tuple[float, ...]:
        """The transform `t` (an object's, inside a form) followed by `u` (the form's)."""
        a, b, c, d, e, f = t
        a2, b2, c2, d2, e2, f2 = u
        return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
                e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)

    def visit(obj: Any, outer: tuple[float, ...] | None, depth: int) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM) or budget[0] <= 0:
            return
        if not raw.FPDFPageObj_GetMatrix(obj, m):
            return
        t: tuple[float, ...] = (m.a, m.b, m.c, m.d, m.e, m.f)
        if outer is not None:
            t = compose(t, outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            if depth < 4:
                for j in range(raw.FPDFFormObj_CountObjects(obj)):
                    visit(raw.FPDFFormObj_GetObject(obj, j), t, depth + 1)
            return
        n = raw.FPDFPath_CountSegments(obj)
        budget[0] -= n
        start = cur = None
        for i in range(n):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            if not raw.FPDFPathSegment_GetPoint(seg, fx, fy):
                continue
            pt = point(fx.value, fy.value, t)
            kind_ = raw.FPDFPathSegment_GetType(seg)
            if kind_ == move_to:
                start = cur = pt
            else:
                if kind_ == line_to and cur is not None:
                    add(cur, pt)
                cur = pt
            if raw.FPDFPathSegment_GetClose(seg) and cur is not None and start is not None:
                add(cur, start)
                cur = start

    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, i), None, 0)
    return edges


class _EdgePage:
    """What pdfplumber's table finder reads of a page, with the edges pdfium drew."""

    def __init__(self, edges: list[dict[str, Any]], size: tuple[float, float]) -> None:
        self.edges = edges
        self.bbox = (0.0, 0.0, size[0], size[1])


def find_tables(page: pypdfium2.PdfPage, geo: _Geometry) -> list[Table]:
    """Tables drawn with ruling lines, as rows of cell boxes in display coordinates (None where a
    merged cell covers the position): pdfplumber's table finder ("lines" strategy) run on the
    edges pdfium reads, without parsing the page a second time."""
    from pdfplumber.table import TableFinder

    edges = ruling_edges(page, geo)
    if len(edges) < 4:
        return []
    finder = TableFinder(_EdgePage(edges, geo.size), {})  # type: ignore[arg-type]
    out: list[Table] = []
    for t in finder.tables:
        rows: Table = [[None if c is None else (float(c[0]), float(c[1]), float(c[2]), float(c[3]))
                        for c in row.cells] for row in t.rows]
        # a lone box (a frame around a paragraph, a text box) is no table
        if len(rows) * len(rows[0]) >= 2 if rows else False:
            out.append(rows)
    return out


@dataclass
class _PageResult:
    lines: list[Line]
    info: PageInfo
    width: float


def _ocr_page(page: pypdfium2.PdfPage, geo: _Geometry, engine: OcrEngine, dpi: float) -> tuple[list[Line], float | None]:
    from pipeline.ingest.ocr import fit_scale, ocr_lines

    w, h = geo.size
    scale = fit_scale(w, h, dpi)
    bitmap = page.render(scale=scale, may_draw_forms=True)
    try:
        image = bitmap.to_pil()
    finally:
        bitmap.close()
    return ocr_lines(image, engine, scale=scale)


def read_pdf(data: bytes, source: SourceInfo, *, ocr: object = "auto", force_ocr: bool = False,
             ocr_dpi: float = DEFAULT_OCR_DPI, password: str | None = None, tables: object = True,
             **_: object) -> Document:
    """Read a PDF into a `Document`.

    `ocr`: "auto" or "rapidocr" (default engine), "tesseract", or "off" (pages that need OCR keep
    whatever text layer they have). `force_ocr` OCRs every page. `tables`: find tables from ruling
    lines (pdfplumber) on the pages that have them, and read them as rows of TAB-separated cells.
    """
    from pipeline.ingest.ocr import engine_name

    ocr = engine_name(ocr)
    tables_on = str(tables).strip().lower() not in ("false", "off", "no", "0", "none")
    pdf = _open(data, source, password)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise EmptyDocumentError(f"{source.path}: the PDF has no pages")
        engine: OcrEngine | None = None
        results: list[_PageResult] = []
        for index in range(n_pages):
            try:
                page = pdf[index]
            except Exception as exc:
                raise UnreadableError(f"{source.path}: page {index + 1} cannot be read ({exc})") from exc
            try:
                geo = _Geometry(page)
                textpage = page.get_textpage()
                try:
                    raw_text = _page_text_raw(textpage)
                    facts = _page_facts(page, raw_text)
                    decision = Triage("ocr", "forced") if force_ocr else triage(facts)
                    tables = (_tables(page, geo, source) if tables_on and facts.ruled and decision.kind == "text"
                              else [])
                    lines = assemble_chars(raw_text, char_boxes(textpage, geo, raw_text), tables=tables)
                finally:
                    textpage.close()
                w, h = geo.size
                info = PageInfo(number=index + 1, start=0, end=0, method="pdf-text", width=round(w, 2),
                                height=round(h, 2), triage=decision.reason)
                if decision.kind == "ocr" and ocr != "off":
                    if engine is None:
                        from pipeline.ingest.ocr import get_engine

                        try:
                            engine = get_engine(ocr)
                        except MissingDependencyError as exc:
                            raise MissingDependencyError(
                                f"{source.path}: page {index + 1} needs OCR ({decision.reason}); {exc}"
                            ) from exc
                    lines, conf = _ocr_page(page, geo, engine, ocr_dpi)
                    info.method, info.ocr_confidence = "ocr", conf
                elif decision.kind == "ocr-layer":
                    info.method = "pdf-ocr-layer"
                elif decision.kind == "ocr":
                    info.method = "pdf-text-unreliable"
                results.append(_PageResult(lines, info, w))
            finally:
                page.close()
    except (EmptyDocumentError, EncryptedError, UnreadableError, MissingDependencyError):
        raise
    except Exception as exc:  # pdfium on a damaged file: a typed error, never a traceback
        raise UnreadableError(f"{source.path}: the PDF could not be read ({type(exc).__name__}: {exc})") from exc
    finally:
        pdf.close()
    return _join(results, source, n_pages)


def _join(results: list[_PageResult], source: SourceInfo, n_pages: int) -> Document:
    src = source.model_copy(update={"format": "pdf", "pages": n_pages})
    texts = finish_pages([(r.lines, r.width) for r in results])
    try:
        return join_pages([(t, r.info) for t, r in zip(texts, results, strict=True)], src)
    except EmptyDocumentError as exc:
        raise EmptyDocumentError(f"{source.path}: no text on any of its {n_pages} pages") from exc


def _tables(page: pypdfium2.PdfPage, geo: _Geometry, source: SourceInfo) -> list[Table]:
    try:
        return find_tables(page, geo)
    except ImportError:  # pdfplumber is a core dependency; without it tables read as lines
        return []
    except Exception:  # a table finder failure costs this page its tables, not its text
        return []


def triage_pages(data: bytes, *, password: str | None = None) -> list[Triage]:
    """Each page's triage decision, without OCR (for tests, `minutes` diagnostics and the bench)."""
    src = SourceInfo(path="<bytes>", sha256="", format="pdf", bytes=len(data))
    pdf = _open(data, src, password)
    out: list[Triage] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    out.append(triage(_page_facts(page, _page_text_raw(textpage))))
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        pdf.close()
    return out
