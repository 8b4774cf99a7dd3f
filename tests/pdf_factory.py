"""Inputs the PDF/OCR/office tests make for themselves: PDFs with embedded CJK fonts, noisy scans.

Page content is a real minutes text (the first lines of the founding document, tests/fixtures).
Fonts come from Debian packages listed in the Makefile's SYSTEM_PACKAGES: fonts-arphic-ukai
(TrueType) and fonts-noto-cjk (OpenType/CFF, the case pdfminer reads as empty text).
"""

from __future__ import annotations

import random
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from corpora import DEV as DEV  # re-exported: the fixtures, under the name the PDF tests use
from corpora import FOUNDING, SHARED

REAL = SHARED / "corpus" / "real"  # the shared real PDFs: optional, tests that use them skip without them

UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
NOTO_TC_INDEX = 3  # the collection's order: JP, KR, SC, TC, HK


def minutes_lines(n: int = 25) -> list[str]:
    """The first `n` non-empty lines of taipei_secretariat_107.md, markdown bullets removed."""
    lines = [ln.strip() for ln in FOUNDING.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [re.sub(r"^[-*]\s+", "", ln) for ln in lines[:n]]


def norm(text: str) -> str:
    """NFKC, no whitespace: what CER compares (line wrapping is the PDF's, not the text's)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


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


def _new_pdf(font: str) -> Any:
    from fpdf import FPDF

    path, index = _font(font)
    pdf = FPDF(format="A4")
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
             user_password: str | None = None) -> bytes:
    """A born-digital PDF of `lines`; optionally a footer drawn first on the page (content-stream
    order != reading order), an extra image-only page (PNG/JPEG bytes), or a user password."""
    pdf = _new_pdf(font)
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
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for png in png_pages:
        pdf.add_page()
        pdf.image(BytesIO(png), x=0, y=0, w=pdf.w, h=pdf.h)
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

    pdf = _new_pdf("ukai")
    pdf.add_page()
    pdf.image(BytesIO(png), x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.text_mode = TextMode.INVISIBLE
    _write_lines(pdf, lines)
    return bytes(pdf.output())
