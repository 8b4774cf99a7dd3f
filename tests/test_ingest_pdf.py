"""PDF and image ingest: text layer with boxes, page triage, OCR, typed errors, provenance.

The inputs are made here (tests/pdf_factory.py) from a real minutes text; OCR runs on five page
images in the whole suite (it costs seconds a page), everything else reads text layers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from pdf_factory import (
    DEV,
    REAL,
    SHARED,
    cer,
    empty_pdf,
    image_pdf,
    minutes_lines,
    norm,
    ocr_layer_pdf,
    render_png,
    text_pdf,
    tiff,
)

from pipeline.errors import EmptyDocumentError, EncryptedError, MissingDependencyError, UnreadableError
from pipeline.ingest import ingest_bytes
from pipeline.ingest.layout import PAGE_SEPARATOR, attach_provenance, locate
from pipeline.ingest.pdf import PageFacts, text_stats, triage, triage_pages

pytest.importorskip("fpdf")


@cache
def ukai_pdf() -> bytes:
    return text_pdf(minutes_lines(), font="ukai")


@cache
def ocr_available() -> bool:
    try:
        from pipeline.ingest.ocr import get_engine

        get_engine("rapidocr")
    except MissingDependencyError:
        return False
    return True


needs_ocr = pytest.mark.skipif("not ocr_available()", reason="rapidocr/onnxruntime not installed")


def expected_text() -> str:
    return "\n".join(minutes_lines())


# ---- born-digital text layer ------------------------------------------------------------------

def test_truetype_cjk_font_text_layer() -> None:
    doc = ingest_bytes(ukai_pdf(), "ukai.pdf")
    assert doc.source.format == "pdf" and doc.source.pages == len(doc.pages)
    assert all(p.method == "pdf-text" for p in doc.pages)
    assert cer(expected_text(), doc.text) < 0.01
    # one box slot per character, pages tile the text with the separator between them
    assert doc.char_boxes is not None and len(doc.char_boxes) == len(doc.text)
    for a, b in zip(doc.pages, doc.pages[1:], strict=False):
        assert doc.text[a.end:b.start] == PAGE_SEPARATOR
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)


def test_opentype_cff_font_that_pdfminer_reads_as_empty() -> None:
    import io

    import pdfplumber

    data = text_pdf(minutes_lines(), font="noto")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plumber = "".join(p.extract_text() or "" for p in pdf.pages)
    doc = ingest_bytes(data, "noto.pdf")
    assert cer(expected_text(), doc.text) < 0.01
    # the reason pypdfium2 reads the text layer: pdfminer loses (nearly) all of it, silently
    assert len(norm(plumber)) < 0.5 * len(norm(expected_text()))


def test_fake_bold_heading_is_read_once_and_footer_last() -> None:
    lines = minutes_lines()
    data = text_pdf(lines, font="ukai", fake_bold_first=True, footer="第 1 頁")
    doc = ingest_bytes(data, "bold.pdf")
    title = lines[0]
    assert doc.text.count(title) == 1
    assert doc.text.startswith(title)
    # the footer is drawn first in the content stream; by its box it is the page's last line
    first_page = doc.text[doc.pages[0].start:doc.pages[0].end]
    assert first_page.rstrip().endswith("第 1 頁")
    assert cer("\n".join([*lines, "第 1 頁"]), doc.text) < 0.01


def test_locate_gives_page_and_box_in_points() -> None:
    doc = ingest_bytes(ukai_pdf(), "ukai.pdf")
    start = doc.text.index("陳志銘")
    page, box = locate(doc, start, start + 3)
    assert page == 1 and box is not None
    x0, top, x1, bottom = box
    width, height = doc.pages[0].width, doc.pages[0].height
    assert width is not None and height is not None
    assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height
    assert 8 < bottom - top < 25  # a 12 pt line
    assert 25 < x1 - x0 < 50  # three 12 pt characters
    assert top < height / 3  # the header is at the top of the page
    # the title is above the chair line
    _, title_box = locate(doc, 0, 5)
    assert title_box is not None and title_box[3] <= top
    # text input has pages but no boxes
    txt = ingest_bytes(expected_text().encode(), "x.txt")
    assert locate(txt, 0, 5) == (1, None)


def test_spans_on_later_pages_and_provenance_on_minutes() -> None:
    import pipeline

    path = DEV / "taipei_secretariat_107.md"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    data = text_pdf([ln.removeprefix("- ") for ln in lines], font="ukai")
    doc = ingest_bytes(data, "taipei_secretariat_107.pdf")
    assert len(doc.pages) >= 2
    last = doc.pages[-1]
    page, box = locate(doc, last.start, last.start + 4)
    assert page == last.number and box is not None
    minutes = pipeline.extract_bytes(data, "taipei_secretariat_107.pdf")
    attach_provenance(minutes, doc)
    mentions = [*minutes.dates, *minutes.times, *minutes.case_numbers, *minutes.divisions,
                *minutes.people, *minutes.action_items]
    for m in mentions:
        if m.span[1] > m.span[0] and m.text.strip():
            assert m.page is not None and m.bbox is not None, m
            assert doc.pages[m.page - 1].start <= m.span[0] <= doc.pages[m.page - 1].end


# ---- triage -----------------------------------------------------------------------------------

def test_triage_rules() -> None:
    clean = expected_text()
    assert triage(PageFacts(clean)).kind == "text"
    assert triage(PageFacts("The council met on 2 October 2022 and approved the budget. " * 5)).kind == "text"
    assert triage(PageFacts("")).kind == "empty"
    assert triage(PageFacts("", image_cover=0.95)).kind == "ocr"
    assert triage(PageFacts("12", image_cover=0.95)).kind == "ocr"  # a stamped page number
    assert triage(PageFacts("", paths=400)).kind == "ocr"  # text drawn as outlines
    assert triage(PageFacts("(cid:12)(cid:34)(cid:56) 會議" * 10)).kind == "ocr"
    assert triage(PageFacts("\ufffd\ufffd會議紀錄\ue000\ue001" * 10)).kind == "ocr"
    # a broken ToUnicode map: what the 2022 general assembly minutes' text layer looks like
    mojibake = "G3HIJ-6)191)))J:KHIJL)187)JMNOPQ)RS)JMTU)21)J=) Äq ÅÇ 2021 77(t(-.(uvwxy(zMÉÑÖÜáàâ"
    assert triage(PageFacts(mojibake * 3)).kind == "ocr"
    assert text_stats(mojibake).mojibake >= 8
    # an earlier OCR layer: invisible text over a page image is kept
    assert triage(PageFacts(clean, image_cover=1.0, invisible_text=1.0)).kind == "ocr-layer"
    # compatibility ideographs (U+F98E for 年) are CJK, not private use
    assert triage(PageFacts(clean.replace("年", "\uf98e"))).kind == "text"


def test_earlier_ocr_layer_is_kept_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ingest import ocr

    def no_engine(name: str | None = None) -> None:
        raise AssertionError("a page with an OCR layer must not be OCR'd again")

    monkeypatch.setattr(ocr, "get_engine", no_engine)
    data = ocr_layer_pdf(render_png(ukai_pdf(), dpi=72), minutes_lines())
    assert [t.kind for t in triage_pages(data)] == ["ocr-layer"]
    doc = ingest_bytes(data, "layer.pdf")
    assert [p.method for p in doc.pages] == ["pdf-ocr-layer"]
    assert cer(expected_text(), doc.text) < 0.01


@pytest.mark.skipif(not (REAL / "asroc_general_assembly_2022.pdf").is_file(), reason="real corpus not found")
def test_real_pdfs_triage() -> None:
    garbled = triage_pages((REAL / "asroc_general_assembly_2022.pdf").read_bytes())
    assert [i + 1 for i, t in enumerate(garbled) if t.kind == "ocr"] == [1, 2]
    assert all("mojibake" in t.reason for t in garbled[:2])
    mixed = triage_pages((REAL / "ntu_student_affairs_cmte_59.pdf").read_bytes())
    assert len(mixed) == 75
    # the scanned sign-in sheets (images, no text layer) and only those
    assert [i + 1 for i, t in enumerate(mixed) if t.kind == "ocr"] == [4, 5, 6, 7, 8, 9]
    for name in ("asroc_council_20130119.pdf", "asroc_council_20160109.pdf", "asroc_council_20231006.pdf"):
        assert all(t.kind == "text" for t in triage_pages((REAL / name).read_bytes())), name


@pytest.mark.skipif(not (REAL / "ntu_student_affairs_cmte_59.pdf").is_file(), reason="real corpus not found")
def test_real_pdf_text_layer_reading_order() -> None:
    doc = ingest_bytes((REAL / "ntu_student_affairs_cmte_59.pdf").read_bytes(), "ntu.pdf", ocr="off")
    first = doc.text[doc.pages[0].start:doc.pages[0].end]
    lines = first.splitlines()
    assert lines[0].startswith("國立臺灣大學學生輔導委員會第 59 次會議紀錄")
    assert lines[1].replace(" ", "").startswith("時間：114年12月8日")
    # the page footer "1 / 3" comes early in the content stream and last by position
    assert lines[-1].strip() == "1 / 3"
    assert [p.method for p in doc.pages[3:9]] == ["pdf-text-unreliable"] * 6


# ---- OCR --------------------------------------------------------------------------------------

@needs_ocr
def test_noisy_scan_goes_through_ocr() -> None:
    scan = image_pdf([render_png(ukai_pdf(), dpi=200, noise=True)])
    doc = ingest_bytes(scan, "scan.pdf")
    assert [p.method for p in doc.pages] == ["ocr"]
    page = doc.pages[0]
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.8
    assert cer(expected_text(), doc.text) < 0.05
    # boxes in PDF points of the scanned page
    start = doc.text.index("陳志銘")
    number, box = locate(doc, start, start + 3)
    assert number == 1 and box is not None
    assert page.width is not None and 0 <= box[0] < box[2] <= page.width
    assert box[1] < page.height / 3 if page.height else False


@needs_ocr
def test_image_page_inside_text_pdf_only_that_page_is_ocrd() -> None:
    lines = minutes_lines()
    crop = render_png(ukai_pdf(), dpi=200, crop=(0.0, 0.3))
    data = text_pdf(lines[:8], font="ukai", image_page=crop)
    doc = ingest_bytes(data, "mixed.pdf")
    assert [p.method for p in doc.pages] == ["pdf-text", "ocr"]
    ocr_text = doc.text[doc.pages[1].start:doc.pages[1].end]
    assert "陳志銘" in ocr_text and "秘書處" in ocr_text
    # without OCR the page is kept, empty, and says why
    off = ingest_bytes(data, "mixed.pdf", ocr="off")
    assert off.pages[1].method == "pdf-text-unreliable" and "no text layer" in (off.pages[1].triage or "")


@needs_ocr
def test_multipage_tiff_image_input() -> None:
    # half pages at 100 dpi: RapidOCR scales the short side up to 736 px, so strips cost as much
    pages = [render_png(ukai_pdf(), dpi=100, crop=(0.0, 0.5)), render_png(ukai_pdf(), dpi=100, crop=(0.5, 1.0))]
    doc = ingest_bytes(tiff(pages), "scan.tiff")
    assert doc.source.format == "image" and doc.source.pages == 2
    assert [p.method for p in doc.pages] == ["ocr", "ocr"]
    assert "臺北市政府秘書處" in doc.text[: doc.pages[0].end]
    assert doc.pages[0].width is not None and abs(doc.pages[0].width - 827) <= 2  # pixels: A4 at 100 dpi
    start = doc.text.index("臺北市政府")
    number, box = locate(doc, start, start + 5)
    assert number == 1 and box is not None and box[2] <= 827


def test_missing_ocr_engine_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.ingest import ocr

    ocr._engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr -> ImportError
    monkeypatch.setitem(sys.modules, "tesserocr", None)
    try:
        scan = image_pdf([render_png(ukai_pdf(), dpi=50)])
        with pytest.raises(MissingDependencyError, match="rapidocr") as err:
            ingest_bytes(scan, "scan.pdf")
        assert "page 1 needs OCR" in str(err.value)
        with pytest.raises(MissingDependencyError, match="tesserocr"):
            ingest_bytes(scan, "scan.pdf", ocr="tesseract")
        with pytest.raises(MissingDependencyError, match="rapidocr"):
            ingest_bytes(render_png(ukai_pdf(), dpi=50), "scan.png")
        # a text PDF needs no engine at all
        assert ingest_bytes(ukai_pdf(), "ukai.pdf").text
    finally:
        ocr._engine.cache_clear()


@cache
def tesseract_available() -> bool:
    try:
        from pipeline.ingest.ocr import get_engine

        get_engine("tesseract")
    except MissingDependencyError:
        return False
    return True


@pytest.mark.skipif("not tesseract_available()", reason="tesserocr or tesseract-ocr-chi-tra not installed")
def test_tesseract_engine_on_a_noisy_scan() -> None:
    scan = image_pdf([render_png(ukai_pdf(), dpi=200, noise=True)])
    doc = ingest_bytes(scan, "scan.pdf", ocr="tesseract")
    assert [p.method for p in doc.pages] == ["ocr"]
    assert cer(expected_text(), doc.text) < 0.05
    # tesseract spaces CJK characters apart; they are not on the page
    assert "陳志銘" in doc.text


# ---- bad input --------------------------------------------------------------------------------

def test_encrypted_pdf() -> None:
    data = text_pdf(minutes_lines(5), font="ukai", user_password="secret")
    with pytest.raises(EncryptedError):
        ingest_bytes(data, "locked.pdf")
    doc = ingest_bytes(data, "locked.pdf", password="secret")
    assert "臺北市政府秘書處" in doc.text


@pytest.mark.parametrize("share", [0.3, 0.6, 0.95])
def test_truncated_pdf(share: float) -> None:
    data = ukai_pdf()
    with pytest.raises(UnreadableError):
        ingest_bytes(data[: int(len(data) * share)], "cut.pdf")


def test_empty_and_blank_pdfs() -> None:
    from fpdf import FPDF

    with pytest.raises(EmptyDocumentError):
        ingest_bytes(empty_pdf(), "nopages.pdf")
    blank = FPDF()
    blank.add_page()
    with pytest.raises(EmptyDocumentError):
        ingest_bytes(bytes(blank.output()), "blank.pdf")
    with pytest.raises(UnreadableError):
        ingest_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200, "junk.pdf")


def test_damaged_image_is_unreadable() -> None:
    png = render_png(ukai_pdf(), dpi=30)
    with pytest.raises(UnreadableError):
        ingest_bytes(png[: len(png) // 2], "cut.png")


# ---- the whole pipeline: a born-digital PDF scores as its text does ---------------------------

SCORE_PY = SHARED / "eval" / "score.py"
GOLD = SHARED / "gold" / "taipei_secretariat_107.gold.json"


@pytest.mark.skipif(not (SCORE_PY.is_file() and GOLD.is_file()), reason="shared/eval not beside the repo")
def test_born_digital_pdf_scores_like_its_text(tmp_path: Path) -> None:
    import pipeline
    from pipeline.export.json_doc import write_minutes_json

    path = DEV / "taipei_secretariat_107.md"
    lines = [ln.removeprefix("- ") for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / GOLD.name).write_bytes(GOLD.read_bytes())
    scores = {}
    for kind, data, name in (("text", path.read_bytes(), path.name),
                             ("pdf", text_pdf(lines, font="noto"), "taipei_secretariat_107.pdf")):
        out = tmp_path / kind
        out.mkdir()
        write_minutes_json(pipeline.extract_bytes(data, name), out, "taipei_secretariat_107")
        res = subprocess.run([sys.executable, str(SCORE_PY), "--gold", str(gold), "--pred", str(out), "--json"],
                             capture_output=True, text=True, check=True)
        scores[kind] = {f: v["f1"] for f, v in json.loads(res.stdout)["fields"].items()}
    for field, f1 in scores["text"].items():
        assert scores["pdf"][field] >= f1 - 0.05, (field, scores)


@pytest.mark.skipif(not (REAL / "ntu_student_affairs_cmte_59.pdf").is_file(), reason="real corpus not found")
def test_running_headers_and_footers_are_found_not_removed() -> None:
    from pipeline.ingest.layout import running_lines

    doc = ingest_bytes((REAL / "ntu_student_affairs_cmte_59.pdf").read_bytes(), "ntu.pdf", ocr="off")
    first_three = [doc.text[s:e] for s, e in running_lines(doc) if s < doc.pages[3].start]
    title = "國立臺灣大學學生輔導委員會第 59 次會議紀錄"
    assert first_three == [title, "1 / 3", title, "2 / 3", title, "3 / 3"]
    assert doc.text.count(title) >= 3  # found, not removed
    single = ingest_bytes(ukai_pdf(), "ukai.pdf")
    assert running_lines(single) == []
