"""Office documents: DOCX (python-docx), ODT (odfpy) and legacy .doc (through LibreOffice).

Body paragraphs and tables in document order; a table row becomes one line with its cells
separated by tabs (a column gap for the matching views), nested tables flattened into their cell.
No page geometry: these formats have no fixed pages, so the document is one page without boxes.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.errors import (
    EmptyDocumentError,
    EncryptedError,
    MissingDependencyError,
    UnreadableError,
)
from pipeline.ingest.text import table_rows
from pipeline.models import PageInfo, SourceInfo

LIBREOFFICE_TIMEOUT_S = 180


def _document(text: str, source: SourceInfo, fmt: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        raise EmptyDocumentError(f"{source.path}: the document has no text")
    src = source.model_copy(update={"format": fmt, "pages": None})
    return Document(text=text, source=src, pages=[PageInfo(number=1, start=0, end=len(text), method="text")])


# ---- DOCX -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_paragraph(p: Any) -> str:
    """A w:p element's text: runs, tabs and breaks, fields' results (not their codes)."""
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == _W + "t":
            out.append(el.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "sym":
            char = el.get(_W + "char")
            if char:
                try:
                    out.append(chr(int(char, 16)))
                except ValueError:
                    pass
        elif tag == _W + "delText":
            continue  # tracked deletions are not the document's text
    return "".join(out)


def _docx_blocks(parent: Any) -> Iterator[str]:
    for child in parent.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            yield _docx_paragraph(child)
        elif tag == _W + "tbl":
            rows = []
            for tr in child.iter(_W + "tr"):
                if tr.getparent() is not child:
                    continue  # rows of nested tables are read inside their cell
                # each w:tc once: a cell merged across columns (gridSpan) is one w:tc, one merged
                # down (vMerge) is read in its first row and empty below
                rows.append([[q for b in _docx_blocks(tc) for q in b.split("\n")]
                             for tc in _docx_cells(tr)])
            yield from table_rows(rows)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _docx_blocks(content)


def _docx_cells(tr: Any) -> Iterator[Any]:
    """A row's cells, also those wrapped in content controls (w:sdt) or custom XML."""
    for child in tr.iterchildren():
        if child.tag == _W + "tc":
            merge = child.find(f"{_W}tcPr/{_W}hMerge")
            if merge is not None and merge.get(_W + "val") != "restart":
                continue  # a legacy horizontal merge: the cell it continues holds the text
            yield child
        elif child.tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if child.tag == _W + "sdt" else child
            if content is not None:
                yield from _docx_cells(content)


def read_docx(data: bytes, source: SourceInfo, **_: object) -> Document:
    try:
        import docx
    except ImportError as exc:
        raise MissingDependencyError("DOCX input needs python-docx: pip install 'minutes[pdf]'") from exc
    try:
        d = docx.Document(BytesIO(data))
        lines = list(_docx_blocks(d.element.body))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableError(f"{source.path}: not a readable DOCX ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml and python-docx raise many types for damaged packages
        raise UnreadableError(f"{source.path}: not a readable DOCX ({type(exc).__name__}: {exc})") from exc
    return _document("\n".join(lines), source, "docx")


# ---- ODT ------------------------------------------------------------------------------------

def _odf_text(node: Any) -> str:
    """Text of a paragraph-level node: spaces (text:s), tabs, line breaks, nested spans."""
    from odf.namespaces import TEXTNS

    out: list[str] = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            out.append(str(child.data))
            continue
        if child.nodeType != child.ELEMENT_NODE:
            continue
        ns, name = child.qname
        if ns == TEXTNS and name == "s":
            out.append(" " * int(child.getAttrNS(TEXTNS, "c") or 1))
        elif ns == TEXTNS and name == "tab":
            out.append("\t")
        elif ns == TEXTNS and name == "line-break":
            out.append("\n")
        elif ns == TEXTNS and name in ("note", "annotation", "tracked-changes"):
            continue
        else:
            out.append(_odf_text(child))
    return "".join(out)


def _odf_blocks(node: Any) -> Iterator[str]:
    from odf.namespaces import TABLENS, TEXTNS

    for child in node.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        ns, name = child.qname
        if ns == TEXTNS and name in ("p", "h"):
            yield _odf_text(child)
        elif ns == TABLENS and name == "table":
            rows = []
            for row in _odf_rows(child):
                cells = []
                beside = 0  # covered cells still to come that a cell of this row spans
                for cell in row.childNodes:
                    # a merged cell is one table:table-cell; the cells it covers are
                    # table:covered-table-cell: nothing beside it, an empty cell below it
                    if cell.nodeType != cell.ELEMENT_NODE:
                        continue
                    if cell.qname == (TABLENS, "table-cell"):
                        cells.append([q for b in _odf_blocks(cell) for q in b.split("\n")])
                        beside = int(cell.getAttrNS(TABLENS, "number-columns-spanned") or 1) - 1
                    elif cell.qname == (TABLENS, "covered-table-cell"):
                        if beside > 0:
                            beside -= 1
                        else:
                            cells.append([])
                rows.append(cells)
            yield from table_rows(rows)
        elif ns == TEXTNS and name == "tracked-changes":
            continue
        else:  # lists, sections, frames: their paragraphs in order
            yield from _odf_blocks(child)


def _odf_rows(table: Any) -> Iterator[Any]:
    from odf.namespaces import TABLENS

    for child in table.childNodes:
        if child.nodeType != child.ELEMENT_NODE:
            continue
        if child.qname == (TABLENS, "table-row"):
            yield child
        elif child.qname[0] == TABLENS and child.qname[1] in ("table-header-rows", "table-rows", "table-row-group"):
            yield from _odf_rows(child)


def read_odt(data: bytes, source: SourceInfo, **_: object) -> Document:
    try:
        from odf.opendocument import load
    except ImportError as exc:
        raise MissingDependencyError("ODT input needs odfpy: pip install 'minutes[pdf]'") from exc
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            if "META-INF/manifest.xml" in z.namelist() and b"encryption-data" in z.read("META-INF/manifest.xml"):
                raise EncryptedError(f"{source.path}: the ODT is password-protected")
        doc = load(BytesIO(data))
        lines = list(_odf_blocks(doc.text))
    except EncryptedError:
        raise
    except Exception as exc:  # odfpy and its XML parser raise many types
        raise UnreadableError(f"{source.path}: not a readable ODT ({type(exc).__name__}: {exc})") from exc
    return _document("\n".join(lines), source, "odt")


# ---- legacy .doc ----------------------------------------------------------------------------

def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_doc(data: bytes, source: SourceInfo, **options: object) -> Document:
    """Word 97-2003: converted to DOCX by LibreOffice (headless), then read as DOCX."""
    exe = libreoffice()
    if exe is None:
        raise MissingDependencyError(
            f"{source.path}: legacy .doc input needs LibreOffice (Debian: apt-get install "
            "libreoffice-writer-nogui; `soffice` on PATH); or save the file as DOCX or ODT"
        )
    with tempfile.TemporaryDirectory(prefix="minutes-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        # a private profile: a user's running LibreOffice would otherwise take the job (or lock it)
        profile = Path(tmp) / "profile"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            subprocess.run(cmd, check=False, capture_output=True, timeout=LIBREOFFICE_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableError(f"{source.path}: LibreOffice did not convert it within "
                                  f"{LIBREOFFICE_TIMEOUT_S} s") from exc
        out = Path(tmp) / "input.docx"
        if not out.is_file():
            raise UnreadableError(f"{source.path}: LibreOffice could not convert this .doc (damaged or "
                                  "password-protected?)")
        doc = read_docx(out.read_bytes(), source, **options)
    doc.source = doc.source.model_copy(update={"format": "doc"})
    return doc
