"""Hostile and broken inputs the hostile-input tests make for themselves (issue 7).

`make_good(folder)` copies a few real minutes from tests/fixtures; `make_broken(folder)` adds one file of
every broken kind an archive holds (random bytes, truncated and encrypted PDFs, a zip named `.pdf`, blank
pages, an all-white image, NUL bytes, lone surrogates, UTF-16 without a BOM, Big5, compatibility
ideographs, `<script>` in the text, empty files, odd file names, symbolic-link loops, a FIFO) and returns
what each one must become: "ok" (a JSON document) or the error types that are acceptable for it.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from corpora import FIXTURES, FOUNDING, REAL_PDF, kcc_fixtures

GOOD_NAMES = (
    "taipei_secretariat_107.md",
    "executive_yuan_meeting_2750.txt",
    "ly_judiciary_committee_10_1_10_proceedings.txt",
    "taipei_udd_management_meeting_317.txt",
)
UKAI = Path("/usr/share/fonts/truetype/arphic/ukai.ttc")
SCRIPT = "<script>alert(1)</script>"
OK = "ok"


@dataclass
class Hostile:
    """The inputs of a hostile batch and what each must become."""

    # absolute path -> "ok" or the acceptable error types
    expect: dict[str, str | frozenset[str]] = field(default_factory=dict)
    # inputs given on the command line besides the folder (hidden names, links the folder walk skips)
    extra_args: list[str] = field(default_factory=list)

    def add(self, path: Path, outcome: str | frozenset[str] | set[str]) -> None:
        self.expect[shown(path)] = outcome if isinstance(outcome, str) else frozenset(outcome)


def shown(path: Path | str) -> str:
    """The absolute path as outputs record it: bytes that are not UTF-8 written as \\xNN."""
    return os.fsencode(os.path.abspath(path)).decode("utf-8", errors="backslashreplace")


def secretariat_text() -> str:
    return FOUNDING.read_text(encoding="utf-8")


def make_good(folder: Path) -> list[Path]:
    """Copies of real minutes from tests/fixtures, under `folder/good/`."""
    dst = folder / "good"
    dst.mkdir(parents=True, exist_ok=True)
    out = []
    for name in GOOD_NAMES:
        shutil.copyfile(FIXTURES / name, dst / name)
        out.append(dst / name)
    return out


def _variant(text: str, tag: str) -> str:
    """The same minutes with a different title line: other bytes, so no result is reused by hash."""
    first, _, rest = text.partition("\n")
    return f"{first}（{tag}）\n{rest}"


def make_pdf(text: str | None, *, pages: int = 2, user_password: str | None = None) -> bytes:
    """A born-digital PDF (fpdf2, an embedded CJK TrueType font); `text=None` gives blank pages."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    if text is not None:
        if not UKAI.is_file():
            pytest.skip(f"font not found: {UKAI} (fonts-arphic-ukai)")
        pdf.add_font("ukai", "", str(UKAI))
    for _ in range(pages):
        pdf.add_page()
        if text is not None:
            pdf.set_font("ukai", size=11)
            pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def white_png(width: int = 800, height: int = 1100) -> bytes:
    image = pytest.importorskip("PIL.Image")
    buf = io.BytesIO()
    image.new("RGB", (width, height), "white").save(buf, "PNG")
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_bytes(text: str) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_broken(folder: Path) -> Hostile:
    """Every broken kind, plus minutes that are awkward but fine, under `folder/` (not `good/`)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = secretariat_text()
    h = Hostile()
    rng = random.Random(20240607)

    def put(name: str, data: bytes, outcome: str | set[str]) -> Path:
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        h.add(p, outcome)
        return p

    # --- files that are not documents at all -----------------------------------------------------
    put("random_bytes.txt", rng.randbytes(6000), {"unsupported_format", "unreadable"})
    put("random_bytes.pdf", rng.randbytes(6000), {"unsupported_format", "unreadable"})
    data = REAL_PDF.read_bytes()  # a real text-layer PDF, cut in half
    put("truncated.pdf", data[: len(data) // 2], {"unreadable"})
    put("encrypted.pdf", make_pdf(text[:600], user_password="secret"), {"encrypted"})
    put("zip_named.pdf", zip_bytes({"minutes.txt": text.encode("utf-8")}), {"unsupported_format"})
    put("blank_pages.pdf", make_pdf(None, pages=3), {"empty"})
    put("all_white.png", white_png(), {"empty", "missing_dependency"})
    put("empty.txt", b"", {"empty"})
    put("whitespace_only.md", b" \r\n\t\n\xef\xbb\xbf  \n", {"empty"})
    put("empty.docx", b"", {"empty"})
    put("truncated.docx", docx_bytes(text)[:1500], {"unreadable"})
    put("nul_heavy.txt", b"\x00".join(text.encode("utf-8")[i: i + 3] for i in range(0, 3000, 3)),
        {"unsupported_format"})
    put("not_minutes.txt", ("Shopping list: apples, pears, bread. " * 40).encode("ascii"), {"not_minutes"})
    # sparse: over the batch's --max-bytes (the tests pass 5 MB) without using the disk
    big = folder / "too_big.txt"
    with open(big, "wb") as fh:
        fh.truncate(6 * 1024 * 1024)
    h.add(big, {"too_large"})

    # --- minutes that are awkward but must come out as documents ----------------------------------
    put("nul_bytes.txt", b"\n".join(ln + (b"\x00" if i % 7 == 3 else b"") for i, ln in enumerate(
        _variant(text, "NUL").encode("utf-8").split(b"\n"))), OK)
    # lone surrogates as a CESU-8 / Java exporter writes them
    put("lone_surrogates.txt", b"\n".join(ln + (b"\xed\xa0\x80" if i % 9 == 4 else b"") for i, ln in
                                          enumerate(_variant(text, "surrogates").encode("utf-8").split(b"\n"))),
        OK)
    put("utf16_no_bom.txt", _variant(text, "UTF-16").encode("utf-16-le"), OK)
    put("big5.txt", _variant(text, "Big5").encode("cp950", errors="replace"), OK)
    compat = _variant(text, "compat").replace("年", "\uf98e").replace("理", "\uf9e4").replace("六", "\uf9d1")
    put("compat_ideographs.txt", compat.encode("utf-8"), OK)
    scripted = _variant(text, "script").replace("\n", f"\n{SCRIPT}\n", 3)
    put("script_in_text.txt", scripted.encode("utf-8"), OK)
    html = ("<!doctype html><html><head><title>會議紀錄</title><script>alert(1)</script></head><body>"
            + "".join(f"<p>{ln}</p>" for ln in _variant(text, "html").splitlines()) + "</body></html>")
    put("script_page.html", html.encode("utf-8"), OK)
    # a page of real council minutes full of compatibility ideographs (U+F98E ...)
    for f in kcc_fixtures()[:1]:
        put(f"kcc_{f.name}", f.read_bytes(), OK)

    # --- names that try to leave the output folder ------------------------------------------------
    put('odd<>:"|*?\\name.txt', _variant(text, "odd name").encode("utf-8"), OK)
    put("dots..\\..\\..\\up.md", _variant(text, "backslashes").encode("utf-8"), OK)
    put(" 空白 name . txt.md", _variant(text, "spaces").encode("utf-8"), OK)
    put("\u202eevil\u200b name\x7f.txt", _variant(text, "bidi").encode("utf-8"), OK)
    # a Big5 file name (an old Windows archive unpacked on Linux): not valid UTF-8
    put(os.fsdecode("會議紀錄_big5_name".encode("cp950") + b".txt"), _variant(text, "Big5 name").encode("utf-8"), OK)
    # a hidden name the folder walk skips: given on the command line
    hidden = put("..evil name?.txt", _variant(text, "hidden").encode("utf-8"), OK)
    h.extra_args.append(str(hidden))

    # --- links and special files --------------------------------------------------------------------
    loop = folder / "loop"
    loop.mkdir()
    (loop / "again").symlink_to("..", target_is_directory=True)  # a folder cycle the walk must not follow
    (loop / "cycle_a.txt").symlink_to("cycle_b.txt")
    (loop / "cycle_b.txt").symlink_to("cycle_a.txt")
    h.add(loop / "cycle_a.txt", {"unreadable"})
    h.add(loop / "cycle_b.txt", {"unreadable"})
    (loop / "dangling.txt").symlink_to("no_such_file.txt")
    h.add(loop / "dangling.txt", {"unreadable"})
    fifo = folder / "named_pipe.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    h.add(fifo, {"unreadable"})
    # (a path given on the command line that does not exist is a usage error, not a row: test_batch.py)
    return h
