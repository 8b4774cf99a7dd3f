"""`minutes review`: the HTML page highlights every extraction, escapes every piece of text, and
shows its highlights in a real browser (headless Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from pipeline.audit.review import KINDS, Mark, collect_marks, render_page, render_text, segments
from pipeline.models import (
    ActionItem,
    CaseNumber,
    Coverage,
    DateMention,
    Division,
    Meeting,
    Minutes,
    Person,
    Section,
    SourceInfo,
)

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import FOUNDING, REAL_PDF, extract_to, minutes_cli
except ImportError:
    from audit_support import FOUNDING, REAL_PDF, extract_to, minutes_cli  # type: ignore[no-redef]

SCRIPT = "<script>alert(1)</script>"
EVIL_NAME = '"><img src=x onerror=alert(2)>'
TEXT = (
    "某某處第1次會議紀錄\n"
    "壹、報告事項\n"
    f"總務組涂組長報告:{SCRIPT}已處理。\n"
    "會議結論:請總務組於12月10日前完成招標作業,列管案號10601解除列管。\n"
)


def _at(s: str, n: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(n + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def synthetic() -> Minutes:
    """A result with every kind of mention, nested ones (an action item holding its deadline and
    assignee) and document text that holds markup."""
    action = "請總務組於12月10日前完成招標作業"
    return Minutes(
        pipeline_version="test", profile="default",
        source=SourceInfo(path="evil<script>.md", sha256="0" * 64, format="text"),
        text=TEXT,
        meeting=Meeting(title=f"某某處{SCRIPT}會議", date="2021-12-01", session=1),
        sections=[Section(kind="reports", heading="壹、報告事項", span=(_at("壹")[0], len(TEXT)),
                          heading_span=_at("壹、報告事項"))],
        dates=[DateMention(text="12月10日", span=_at("12月10日"), value="2021-12-10")],
        case_numbers=[CaseNumber(text="10601", span=_at("10601"), id="10601", status="closed")],
        divisions=[Division(text="總務組", span=_at("總務組"), name="總務組"),
                   Division(text="總務組", span=_at("總務組", 1), name=EVIL_NAME)],
        people=[Person(text="總務組涂組長", span=_at("總務組涂組長"), name="涂", title="組長")],
        action_items=[ActionItem(text=action, span=_at(action), assignees=["總務組"], deadline="2021-12-10",
                                 trigger="請", section="reports")],
        coverage=Coverage(chars_total=len(TEXT), chars_in_sections=len(TEXT) - 11, share_in_sections=0.9,
                          unknown_headings=[]),
        warnings=[f"warning with {SCRIPT}"],
    )


# ---- the HTML --------------------------------------------------------------------------------------

def test_segments_split_at_every_boundary() -> None:
    marks = [Mark("a", "action", 2, 10, "", ""), Mark("d", "date", 4, 6, "", ""), Mark("p", "person", 8, 12, "", "")]
    cuts = [(a, b, sorted(m.uid for m in cover)) for a, b, cover in segments(14, marks)]
    assert cuts == [(0, 2, []), (2, 4, ["a"]), (4, 6, ["a", "d"]), (6, 8, ["a"]), (8, 10, ["a", "p"]),
                    (10, 12, ["p"]), (12, 14, [])]


def test_text_is_kept_whole_and_escaped() -> None:
    text = "a<b>&c"
    html = render_text(text, [Mark("x", "date", 1, 4, "<b>", "")])
    assert html == 'a<a class="anchor" id="x"></a><span class="k-date" title="dates: ">&lt;b&gt;</span>&amp;c'


def test_page_has_no_markup_from_the_document() -> None:
    page = render_page(synthetic())
    assert "<script" not in page.lower()
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page  # and no script could run anyway
    # every mention is in the side list and has an anchor to jump to
    marks = collect_marks(synthetic())
    assert len(marks) == 7
    for m in marks:
        assert f'id="{m.uid}"' in page and f'href="#{m.uid}"' in page
    # the nested pieces carry both classes: the action item's and the date's
    assert re.search(r'class="k-action k-date"[^>]*>12月10日<', page)


# ---- in a browser ----------------------------------------------------------------------------------

def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed (`make test` installs the Debian package)")
    return exe


def _browse(page: Path, tmp: Path, *extra: str, fragment: str = "") -> subprocess.CompletedProcess[str]:
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    return subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp / 'profile'}",
         "--window-size=1200,900", *extra, url],
        capture_output=True, text=True, timeout=180,
    )


def screenshot(page: Path, tmp: Path, fragment: str = "") -> Image.Image:
    png = tmp / f"{page.stem}{fragment}.png"
    res = _browse(page, tmp, f"--screenshot={png}", fragment=fragment)
    assert png.is_file(), res.stderr[-2000:]
    return Image.open(png).convert("RGB")


def colour_pixels(image: Image.Image, hex_colour: str, tolerance: int = 2) -> int:
    want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    hist = image.getcolors(maxcolors=1 << 24) or []
    return sum(n for n, rgb in hist if all(abs(a - b) <= tolerance for a, b in zip(rgb, want, strict=True)))


def test_highlights_are_visible_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "synthetic.html"
    page.write_text(render_page(synthetic()), encoding="utf-8")
    image = screenshot(page, tmp_path)
    for kind in ("action", "date", "case", "division", "person"):
        assert colour_pixels(image, KINDS[kind][1]) > 150, kind


def test_script_in_a_document_is_only_text(tmp_path: Path) -> None:
    doc = tmp_path / "evil.md"
    text = FOUNDING.read_text(encoding="utf-8")
    assert "出席:如簽到表" in text
    doc.write_text(text.replace("出席:如簽到表", f"出席:如簽到表 {SCRIPT}"), encoding="utf-8")
    page = tmp_path / "evil.html"
    res = minutes_cli("review", str(doc), "-o", str(page))
    assert res.returncode == 0, res.stderr
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    dom = _browse(page, tmp_path, "--dump-dom").stdout
    assert "<script" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # a text node, serialised


def test_review_of_the_founding_document_from_its_json(tmp_path: Path) -> None:
    out = extract_to(tmp_path / "out", FOUNDING)
    page = tmp_path / "founding.html"
    res = minutes_cli("review", str(out / "json" / "taipei_secretariat_107.json"), "-o", str(page))
    assert res.returncode == 0, res.stderr
    html = page.read_text(encoding="utf-8")
    assert "coverage" in html and "陳志銘" in html
    minutes = Minutes.model_validate_json((out / "json" / "taipei_secretariat_107.json").read_bytes())
    image = screenshot(page, tmp_path)
    # the kinds the pipeline found are highlighted (the top of the page holds dates and divisions)
    if minutes.dates:
        assert colour_pixels(image, KINDS["date"][1]) > 150
    if minutes.divisions:
        assert colour_pixels(image, KINDS["division"][1]) > 150
    first_action = next((m for m in collect_marks(minutes) if m.kind == "action"), None)
    if first_action is not None:  # the side list's link scrolls the page to it
        image = screenshot(page, tmp_path, fragment=first_action.uid)
        assert colour_pixels(image, KINDS["action"][1]) > 150


def test_review_of_a_pdf_shows_its_pages_with_boxes(tmp_path: Path) -> None:
    page = tmp_path / "pdf.html"
    res = minutes_cli("review", str(REAL_PDF), "-o", str(page))
    assert res.returncode == 0, res.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count('<img alt="page') >= 1 and "data:image/png;base64," in html
    assert 'class="box b-date"' in html
