"""PDF and image ingest: text layer with boxes, line joins, tables, page furniture, triage (garbled
text layers, scanned pages between text pages), OCR, typed errors, provenance.

Every input is made here (tests/ingest_factory.py) from a real minutes text in tests/fixtures, with a
CJK font embedded; scans are renderings of those PDFs with scanner noise. OCR runs on a handful of
page images in the whole suite (it costs seconds a page); everything else reads text layers.
"""

from __future__ import annotations

import difflib
import re
import sys
from functools import cache

import pytest
from corpora import REAL_PDF, shared_or_skip
from ingest_factory import (
    cer,
    empty_pdf,
    garble_text_layer,
    image_pdf,
    lines_found,
    minutes_lines,
    mixed_pdf,
    norm,
    norm_lines,
    ocr_layer_pdf,
    render_png,
    table_pdf,
    text_pdf,
    tiff,
)

import pipeline
from pipeline.errors import EmptyDocumentError, EncryptedError, MissingDependencyError, UnreadableError
from pipeline.ingest import ingest_bytes
from pipeline.ingest.layout import PAGE_SEPARATOR, attach_provenance, locate
from pipeline.ingest.pdf import PageFacts, text_stats, triage, triage_pages

pytest.importorskip("fpdf")


def flat_lines(n: int | None = None) -> list[str]:
    """Minutes lines without the spaces inside them: a layout then breaks long lines anywhere
    (as Word does CJK text), not at a stray space. (The founding document came from a PDF converter
    that broke one line before a 、; that line is whole here.)"""
    out: list[str] = []
    for ln in minutes_lines(n):
        ln = re.sub(r"\s+", "", ln)
        if out and ln.startswith("、"):
            out[-1] += ln
        else:
            out.append(ln)
    return out


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


def line_ratio(expected: str, got: str) -> float:
    """How much of the line structure two texts share (whitespace and page numbers aside)."""
    return difflib.SequenceMatcher(None, norm_lines(expected), norm_lines(got), autojunk=False).ratio()


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


@pytest.mark.parametrize("font", ["ukai", "noto"])
def test_lines_broken_by_the_layout_are_joined_as_the_text_has_them(font: str) -> None:
    lines = flat_lines()
    doc = ingest_bytes(text_pdf(lines, font=font), f"{font}.pdf")
    # long lines wrap at the right margin on the page; the text has them whole again, so no name or
    # number is cut in two (a wrap across a page break stays: a line never spans two pages)
    assert line_ratio("\n".join(lines), doc.text) > 0.9
    got = norm_lines(doc.text)
    long = [line for line in lines if len(line) > 60]
    whole = [line for line in long if line in got]
    # every long line reads whole but where the page layout broke it (say) once or twice
    assert len(long) > 10 and len(whole) >= len(long) - (len(doc.pages) - 1) - 1, set(long) - set(whole)
    # the characters keep their own boxes: a joined line spans two rows of the page
    start = doc.text.index("賽榮獲")
    page, box = locate(doc, start, start + 3)
    assert page == 1 and box is not None


def test_short_lines_and_right_aligned_lines_stay_lines() -> None:
    lines = ["臺北市政府秘書處會議紀錄", "時間：110年12月16日", "主席：陳志銘", "紀錄：陳慧玲",
             "壹、報告事項", "一、文書組報告。", "決定：洽悉。"]
    doc = ingest_bytes(text_pdf(lines, font="ukai"), "short.pdf")
    assert norm_lines(doc.text) == norm_lines("\n".join(lines))


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
    data = text_pdf(minutes_lines(None), font="ukai")
    doc = ingest_bytes(data, "taipei_secretariat_107.pdf")
    assert len(doc.pages) >= 2
    last = doc.pages[-1]
    page, box = locate(doc, last.start, last.start + 4)
    assert page == last.number and box is not None
    minutes = pipeline.extract_bytes(data, "taipei_secretariat_107.pdf")
    attach_provenance(minutes, doc)
    mentions = [*minutes.dates, *minutes.times, *minutes.case_numbers, *minutes.divisions,
                *minutes.people, *minutes.action_items]
    assert len(mentions) > 20
    for m in mentions:
        if m.span[1] > m.span[0] and m.text.strip():
            assert m.page is not None and m.bbox is not None, m
            assert doc.pages[m.page - 1].start <= m.span[0] <= doc.pages[m.page - 1].end


def test_running_header_and_page_numbers_are_furniture_not_text() -> None:
    lines = minutes_lines(None)
    title = lines[0]
    data = text_pdf(lines, font="ukai", header=title, page_numbers=True)
    doc = ingest_bytes(data, "headed.pdf")
    assert len(doc.pages) >= 3
    texts = [doc.text[s:e].strip() for s, e in doc.lines]
    noise = {texts[i] for i in doc.noise_lines}
    assert {f"第 {n} 頁" for n in range(1, len(doc.pages) + 1)} <= noise
    # the running title: found, not removed; its first occurrence stays in the matching views
    assert doc.text.count(title) == len(doc.pages) + 1
    assert doc.compact.count(norm(title)) == 1
    assert "第2頁" not in doc.compact
    # the same minutes as text and as this PDF: the same sections and people
    as_text = pipeline.extract_bytes("\n".join(lines).encode(), "m.txt")
    as_pdf = pipeline.extract_bytes(data, "m.pdf")
    assert [s.kind for s in as_pdf.sections] == [s.kind for s in as_text.sections]
    assert sorted(p.name for p in as_pdf.people) == sorted(p.name for p in as_text.people)
    assert as_pdf.meeting.date == as_text.meeting.date


def test_real_born_digital_pdf_reading_order_and_letterhead() -> None:
    doc = ingest_bytes(REAL_PDF.read_bytes(), REAL_PDF.name)
    assert [t.kind for t in triage_pages(REAL_PDF.read_bytes())] == ["text"] * len(doc.pages)
    first = doc.text[doc.pages[0].start:doc.pages[0].end].splitlines()
    assert first[0] == "中華民國天文學會"
    # the letterhead of page 2 is furniture; that of page 1 stays (it names the body)
    noise = [doc.text[s:e] for i, (s, e) in enumerate(doc.lines) if i in doc.noise_lines]
    assert "中華民國天文學會" in noise
    assert doc.compact.startswith("中華民國天文學會")


# ---- tables -----------------------------------------------------------------------------------

TABLE_ROWS = [
    [("臺北市政府秘書處第17次處務會議紀錄", 2)],
    [("會議時間", 1), ("113年4月7日上午10時", 1)],
    [("會議地點", 1), ("本府12樓會議室", 1)],
    [("主席", 1), ("陳志銘", 1)],
]


def test_pdf_table_from_ruling_lines_reads_as_rows_of_cells() -> None:
    before = ["下列為會議資料："]
    after = ["壹、報告事項", "一、文書組報告公文時效。", "決定：洽悉。"]
    data = table_pdf(before, TABLE_ROWS, after)
    doc = ingest_bytes(data, "table.pdf")
    lines = doc.text.splitlines()
    # each row one line, cells set apart by a TAB; the merged title cell once
    assert "會議時間\t113年4月7日上午10時" in lines
    assert "主席\t陳志銘" in lines
    assert doc.text.count("臺北市政府秘書處第17次處務會議紀錄") == 1
    # in reading order: the line above the table, its rows, the lines below
    assert lines.index("下列為會議資料：") < lines.index("主席\t陳志銘") < lines.index("壹、報告事項")
    # a header field in a cell is a header field; the TAB never joins the next line
    m = pipeline.extract_bytes(data, "table.pdf")
    assert m.meeting.date == "2024-04-07" and m.meeting.chair == "陳志銘"
    assert m.meeting.location is not None and "12樓會議室" in m.meeting.location
    # the boxes still point at the characters in their cells
    start = doc.text.index("陳志銘")
    page, box = locate(doc, start, start + 3)
    assert page == 1 and box is not None and box[0] > 60


def test_pdf_without_ruling_lines_has_no_tables() -> None:
    doc = ingest_bytes(ukai_pdf(), "ukai.pdf")
    assert "\t" not in doc.text


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
    # letters of unrelated scripts inside Chinese text (天文ᖂ會): a glyph map pointing elsewhere
    garbled = "中華民國天文ᖂ會現金收支明細（107/12/11 至 108/04/17）\n107 年度ቸ᧯會員 跨ሽ匯 中研院天文所ᛜ業稅ዩ納金\n"
    t = triage(PageFacts(garbled * 3))
    assert t.kind == "ocr" and "unrelated scripts" in t.reason
    assert text_stats(garbled).foreign_in_cjk >= 5
    # ... but a Korean or Thai name, a Greek letter, bullets and CJK compatibility forms are text
    assert triage(PageFacts(clean + "\n出席：김민준、สมชาย、α粒子 • ①")).kind == "text"
    assert triage(PageFacts(clean.replace("年", "\uf98e"))).kind == "text"
    # an earlier OCR layer: invisible text over a page image is kept
    assert triage(PageFacts(clean, image_cover=1.0, invisible_text=1.0)).kind == "ocr-layer"


def test_garbled_text_layer_is_sent_to_ocr_by_page() -> None:
    lines = minutes_lines()
    good = text_pdf(lines, font="ukai", compress=False)
    bad = garble_text_layer(good)
    assert [t.kind for t in triage_pages(good)] == ["text"]
    (t,) = triage_pages(bad)
    assert t.kind == "ocr" and "unrelated scripts" in t.reason
    # without OCR the page keeps its text layer and says it cannot be trusted
    off = ingest_bytes(bad, "garbled.pdf", ocr="off")
    assert [p.method for p in off.pages] == ["pdf-text-unreliable"]


@needs_ocr
def test_garbled_text_layer_reads_as_the_page_shows() -> None:
    bad = garble_text_layer(text_pdf(minutes_lines(), font="ukai", compress=False))
    doc = ingest_bytes(bad, "garbled.pdf")
    assert [p.method for p in doc.pages] == ["ocr"]
    assert cer(expected_text(), doc.text) < 0.03
    assert "處務會議紀錄" in doc.text and "ᖂ" not in doc.text


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


def test_real_garbled_pdfs_in_the_shared_corpus() -> None:
    real = shared_or_skip("corpus", "real")
    garbled = triage_pages((real / "asroc_general_assembly_2022.pdf").read_bytes())
    assert [i + 1 for i, t in enumerate(garbled) if t.kind == "ocr"] == [1, 2]
    scripts = triage_pages((real / "asroc_council_20190427.pdf").read_bytes())
    assert [i + 1 for i, t in enumerate(scripts) if t.kind == "ocr"] == [3, 4]
    mixed = triage_pages((real / "ntu_student_affairs_cmte_59.pdf").read_bytes())
    assert [i + 1 for i, t in enumerate(mixed) if t.kind == "ocr"] == [4, 5, 6, 7, 8, 9]


# ---- OCR --------------------------------------------------------------------------------------

@cache
def flat_pdf() -> bytes:
    return text_pdf(flat_lines(25), font="ukai")


@cache
def scan_doc() -> tuple[bytes, object]:
    """A noisy scan of the first page of the minutes (the lines without spaces: a layout breaks
    CJK text anywhere, and fpdf would justify lines with spaces by stretching them)."""
    scan = image_pdf([render_png(flat_pdf(), dpi=200, noise=True)])
    return scan, ingest_bytes(scan, "scan.pdf")


def scan_expected() -> str:
    pdf = ingest_bytes(flat_pdf(), "flat.pdf")
    return pdf.text[:pdf.pages[0].end]


@needs_ocr
def test_noisy_scan_goes_through_ocr() -> None:
    _, doc = scan_doc()
    assert [p.method for p in doc.pages] == ["ocr"]  # type: ignore[attr-defined]
    page = doc.pages[0]  # type: ignore[attr-defined]
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.8
    assert cer(scan_expected(), doc.text) < 0.02  # type: ignore[attr-defined]
    # boxes in PDF points of the scanned page
    start = doc.text.index("陳志銘")  # type: ignore[attr-defined]
    number, box = locate(doc, start, start + 3)  # type: ignore[arg-type]
    assert number == 1 and box is not None
    assert page.width is not None and 0 <= box[0] < box[2] <= page.width
    assert page.height is not None and box[1] < page.height / 3
    # three characters are about three characters wide: each has its own box
    assert 20 < box[2] - box[0] < 60


@needs_ocr
def test_scan_reads_traditional_forms_and_lines_as_the_text() -> None:
    _, doc = scan_doc()
    text = doc.text  # type: ignore[attr-defined]
    # the recogniser mixes simplified and old forms into Traditional print (内 for 內, 爲 for 為)
    assert not set("内爲黄页啓别项报") & set(text)
    # lines the page wrapped at its margin read whole, as in the text and the born-digital PDF
    assert lines_found(scan_expected(), text) >= 0.8


@needs_ocr
def test_scanned_pages_between_text_pages_only_those_are_ocrd(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = flat_lines(12)
    sign_in = render_png(text_pdf(["簽到表", "王大明", "李小華", "張三豐"], font="ukai"), dpi=150, noise=True)
    blank = render_png(text_pdf([" "], font="ukai"), dpi=100, noise=True)
    data = mixed_pdf([lines[:6], sign_in, lines[6:], blank])
    doc = ingest_bytes(data, "hybrid.pdf")
    assert [p.method for p in doc.pages] == ["pdf-text", "ocr", "pdf-text", "ocr"]
    second = doc.text[doc.pages[1].start:doc.pages[1].end]
    assert "簽到表" in second and "王大明" in second
    assert doc.text[doc.pages[3].start:doc.pages[3].end] == ""  # a blank scan: nothing read
    assert cer("\n".join(lines), doc.text[:doc.pages[0].end] + doc.text[doc.pages[2].start:doc.pages[2].end]) < 0.01


@needs_ocr
def test_sign_in_sheet_after_adjournment_gives_no_people() -> None:
    lines = [*minutes_lines(12), "散會：上午11時30分"]
    sign_in = render_png(text_pdf(["簽到表", "出席人員簽名", "王大明科長", "李小華專員"], font="ukai"),
                         dpi=150, noise=True)
    m = pipeline.extract_bytes(mixed_pdf([lines, sign_in]), "with_sheet.pdf")
    assert [p.method for p in m.pages] == ["pdf-text", "ocr"]
    assert "王大明" in m.text
    assert not [p for p in m.people if "王大明" in p.text or "李小華" in p.text]


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
    scan, _ = scan_doc()
    doc = ingest_bytes(scan, "scan.pdf", ocr="tesseract")
    assert [p.method for p in doc.pages] == ["ocr"]
    assert cer(scan_expected(), doc.text) < 0.05
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

def test_born_digital_pdf_scores_like_its_text(tmp_path: object) -> None:
    from pathlib import Path

    from corpora import GOLD

    from pipeline.evaluate import evaluate_dirs
    from pipeline.export.json_doc import write_minutes_json

    tmp = Path(str(tmp_path))
    gold = tmp / "gold"
    gold.mkdir()
    (gold / "taipei_secretariat_107.gold.json").write_bytes((GOLD / "taipei_secretariat_107.gold.json").read_bytes())
    lines = flat_lines()
    scores = {}
    for kind, data, name in (("text", "\n".join(lines).encode(), "taipei_secretariat_107.txt"),
                             ("ukai", text_pdf(lines, font="ukai"), "taipei_secretariat_107.pdf"),
                             ("noto", text_pdf(lines, font="noto"), "taipei_secretariat_107.pdf")):
        out = tmp / kind
        out.mkdir()
        write_minutes_json(pipeline.extract_bytes(data, name), out, "taipei_secretariat_107")
        scores[kind] = {f: v["f1"] for f, v in evaluate_dirs(gold, out)["fields"].items()}
    for kind in ("ukai", "noto"):
        for field, f1 in scores["text"].items():
            assert scores[kind][field] >= f1 - 0.03, (kind, field, scores)
