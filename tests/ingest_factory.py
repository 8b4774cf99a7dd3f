"""Inputs the ingest tests make for themselves: PDFs with embedded CJK fonts (text pages, wrapped
paragraphs, ruled tables with merged cells, running headers, a text layer whose glyphs map to the
wrong code points), noisy scans of them, DOCX/ODT/HTML tables with merged cells.

The text is a real minutes text: the founding document in tests/fixtures. Fonts come from Debian
packages (Makefile SYSTEM_PACKAGES): fonts-arphic-ukai (TrueType) and fonts-noto-cjk (OpenType/CFF,
which pdfminer reads as empty text). Nothing here reads ../shared.
"""

from __future__ import annotations

import random
import re
import unicodedata
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from corpora import FOUNDING

UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_TC_INDEX = 3  # the collection's order: JP, KR, SC, TC, HK


def minutes_lines(n: int | None = 25) -> list[str]:
    """The first `n` non-empty lines of the founding document, markdown bullets and bold removed."""
    lines = [ln.strip() for ln in FOUNDING.read_text(encoding="utf-8").splitlines() if ln.strip()]
    lines = [re.sub(r"^[-*]\s+", "", ln).replace("**", "") for ln in lines]
    return lines if n is None else lines[:n]


def norm(text: str) -> str:
    """NFKC, no whitespace: what CER compares (line wrapping is the PDF's, not the text's)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def norm_lines(text: str) -> list[str]:
    """The non-empty lines of a text, whitespace removed (page separators and page numbers dropped)."""
    out = []
    for line in unicodedata.normalize("NFKC", text).split("\n"):
        line = re.sub(r"\s+", "", line)
        if line and not re.fullmatch(r"第\d+頁|\d+/\d+|-\d+-", line):
            out.append(line)
    return out


def lines_found(expected: str, got: str, *, min_len: int = 40, similarity: float = 0.9) -> float:
    """The share of `expected`'s long lines that `got` has as lines too, nearly (OCR errors aside):
    whether two readings of a page break it into the same lines."""
    import difflib

    want = [ln for ln in norm_lines(expected) if len(ln) >= min_len]
    have = norm_lines(got)
    if not want:
        return 1.0
    hits = sum(1 for w in want if any(abs(len(h) - len(w)) <= 0.2 * len(w)
                                      and difflib.SequenceMatcher(None, w, h).ratio() >= similarity for h in have))
    return hits / len(want)


def cer(expected: str, got: str) -> float:
    """Character error rate: edit distance / len(expected), both normalised by `norm`."""
    a, b = norm(expected), norm(got)
    if not a:
        return 0.0 if not b else 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1] / len(a)


def _font(name: str) -> tuple[Path, int]:
    path = {"ukai": UKAI, "noto": NOTO}[name]
    if not path.is_file():
        pytest.skip(f"font {path} not installed (make unit installs fonts-arphic-ukai fonts-noto-cjk)")
    return path, (NOTO_TC_INDEX if name == "noto" else 0)


def new_pdf(font: str = "ukai", *, compress: bool = True) -> Any:
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    path, index = _font(font)
    pdf = FPDF(format="A4")
    pdf.compress = compress
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("cjk", fname=str(path), collection_font_number=index)
    pdf.set_font("cjk", size=12)
    return pdf


def _write_lines(pdf: Any, lines: list[str], *, fake_bold_first: bool = False) -> None:
    for i, line in enumerate(lines):
        if i == 0 and fake_bold_first:
            # fake bold as Word and old printers make it: the same text drawn twice, 0.3 pt apart
            pdf.set_font_size(16)
            x, y = pdf.get_x(), pdf.get_y()
            pdf.cell(0, 10, line)
            pdf.set_xy(x + 0.1, y)
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font_size(12)
            continue
        pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")


def text_pdf(lines: list[str], *, font: str = "ukai", fake_bold_first: bool = False,
             footer: str | None = None, image_page: bytes | None = None,
             user_password: str | None = None, header: str | None = None, page_numbers: bool = False,
             compress: bool = True) -> bytes:
    """A born-digital PDF of `lines` (long lines wrap at the right margin, as a word processor wraps
    them); optionally a footer drawn first on the page (content-stream order != reading order), a
    running header and "第 N 頁" page numbers on every page, an extra image-only page (PNG/JPEG
    bytes), or a user password."""
    pdf = new_pdf(font, compress=compress)
    if header is not None or page_numbers:
        def on_page() -> None:
            pdf.set_auto_page_break(False)
            if header is not None:
                pdf.set_y(8)
                pdf.set_font_size(9)
                pdf.cell(0, 6, header, align="C")
            if page_numbers:
                pdf.set_y(-15)
                pdf.set_font_size(9)
                pdf.cell(0, 6, f"第 {pdf.page_no()} 頁", align="C")
            pdf.set_font_size(12)
            pdf.set_auto_page_break(True, margin=20)

        pdf.header = lambda: (on_page(), pdf.set_y(20))  # type: ignore[method-assign]
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.add_page()
    if footer is not None:
        y = pdf.get_y()
        pdf.set_auto_page_break(False)
        pdf.set_y(-25)
        pdf.cell(0, 10, footer, align="C")
        pdf.set_auto_page_break(True, margin=20)
        pdf.set_xy(pdf.l_margin, y)
    _write_lines(pdf, lines, fake_bold_first=fake_bold_first)
    if image_page is not None:
        pdf.add_page()
        pdf.image(BytesIO(image_page), x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def table_pdf(before: list[str], rows: list[list[tuple[str, int]]], after: list[str], *,
              font: str = "ukai") -> bytes:
    """Lines, then a table drawn with ruling lines (each cell: text and how many columns it spans),
    then more lines."""
    pdf = new_pdf(font)
    pdf.add_page()
    _write_lines(pdf, before)
    with pdf.table(first_row_as_headings=False, line_height=8) as table:
        for cells in rows:
            row = table.row()
            for text, span in cells:
                row.cell(text, colspan=span)
    _write_lines(pdf, after)
    return bytes(pdf.output())


def garble_text_layer(pdf_bytes: bytes, share: float = 0.3, seed: int = 7) -> bytes:
    """The same PDF with a broken ToUnicode map: a share of the CJK glyphs map to letters of
    unrelated scripts (Canadian syllabics, Ethiopic), as in real PDFs whose text layer reads
    天文ᖂ會 where the page shows 天文學會. The page looks the same; only its text layer lies.
    The PDF must be written uncompressed (text_pdf(compress=False))."""
    rnd = random.Random(seed)
    foreign = [0x1400 + i for i in range(1, 600)] + [0x1200 + i for i in range(0, 300)]

    def remap(m: re.Match[bytes]) -> bytes:
        code = int(m.group(2), 16)
        if 0x4E00 <= code <= 0x9FFF and rnd.random() < share:
            return m.group(1) + b"<%04X>" % rnd.choice(foreign)
        return m.group(0)

    out = re.sub(rb"(<[0-9A-Fa-f]{4}> )<([0-9A-Fa-f]{4})>", remap, pdf_bytes)
    assert out != pdf_bytes, "no ToUnicode entries found: write the PDF uncompressed"
    assert len(out) == len(pdf_bytes)
    return out


def render_png(pdf_bytes: bytes, page: int = 0, dpi: int = 200, *, noise: bool = False,
               crop: tuple[float, float] | None = None) -> bytes:
    """A page rendered to PNG; `noise` adds what a scanner adds (salt and pepper, grey speckle,
    a slight skew); `crop` keeps that vertical share (top, bottom) of the page."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        img = doc[page].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()
    if crop is not None:
        img = img.crop((0, int(img.height * crop[0]), img.width, int(img.height * crop[1])))
    if noise:
        rnd = random.Random(1234)
        px = img.load()
        assert px is not None
        w, h = img.size
        for _ in range(w * h // 150):
            x, y = rnd.randrange(w), rnd.randrange(h)
            px[x, y] = 0 if rnd.random() < 0.3 else rnd.randrange(120, 256)
        img = img.rotate(0.4, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    out = BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def image_pdf(png_pages: list[bytes]) -> bytes:
    """An image-only PDF ("scan"), one A4 page per image."""
    pytest.importorskip("fpdf")
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for png in png_pages:
        pdf.add_page()
        pdf.image(BytesIO(png), x=0, y=0, w=pdf.w, h=pdf.h)
    return bytes(pdf.output())


def mixed_pdf(pages: list[bytes | list[str]], font: str = "ukai") -> bytes:
    """Pages in order: a list of lines is a text page, bytes (PNG) a scanned page."""
    pdf = new_pdf(font)
    for page in pages:
        pdf.add_page()
        if isinstance(page, bytes):
            pdf.image(BytesIO(page), x=0, y=0, w=pdf.w, h=pdf.h)
        else:
            _write_lines(pdf, page)
    return bytes(pdf.output())


def tiff(png_pages: list[bytes]) -> bytes:
    """A multi-page TIFF of the given images."""
    from PIL import Image

    frames = [Image.open(BytesIO(p)).convert("L") for p in png_pages]
    out = BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return out.getvalue()


def empty_pdf() -> bytes:
    """A well-formed PDF with no pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    out = BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def ocr_layer_pdf(png: bytes, lines: list[str]) -> bytes:
    """A scan with an earlier OCR layer: the page image, and the text drawn invisibly over it."""
    from fpdf.enums import TextMode

    pdf = new_pdf("ukai")
    pdf.add_page()
    pdf.image(BytesIO(png), x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.text_mode = TextMode.INVISIBLE
    _write_lines(pdf, lines)
    return bytes(pdf.output())


def inflate_streams(pdf_bytes: bytes) -> bytes:
    """Every Flate stream of a PDF, decompressed (to look inside in a test's failure message)."""
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf_bytes, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return b"\n".join(out)
