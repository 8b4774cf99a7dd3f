"""DOCX, ODT and legacy .doc input: paragraphs and tables in document order, typed errors."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pdf_factory import cer, minutes_lines

from pipeline.errors import EmptyDocumentError, MissingDependencyError, UnreadableError
from pipeline.ingest import ingest_bytes, sniff_format
from pipeline.ingest.office import libreoffice

TABLE = [("組室", "辦理情形"), ("總務組", "已完成招標"), ("文書組", "賡續辦理")]


def make_docx(lines: list[str]) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading(lines[0], level=1)
    for line in lines[1:6]:
        d.add_paragraph(line)
    table = d.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    for line in lines[6:]:
        d.add_paragraph(line)
    out = BytesIO()
    d.save(out)
    return out.getvalue()


def make_odt(lines: list[str]) -> bytes:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import H, P, S

    doc = OpenDocumentText()
    doc.text.addElement(H(outlinelevel=1, text=lines[0]))
    for line in lines[1:6]:
        doc.text.addElement(P(text=line))
    # 主　席 written with spaces as a distributed label: text:s keeps them
    p = P(text="主")
    p.addElement(S(c=3))
    p.addText("席：陳志銘")
    doc.text.addElement(p)
    table = Table(name="t")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in TABLE:
        tr = TableRow()
        for cell in row:
            tc = TableCell()
            tc.addElement(P(text=cell))
            tr.addElement(tc)
        table.addElement(tr)
    doc.text.addElement(table)
    for line in lines[6:]:
        doc.text.addElement(P(text=line))
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_tables_in_order() -> None:
    lines = minutes_lines()
    data = make_docx(lines)
    assert sniff_format(data) == "docx"
    doc = ingest_bytes(data, "m.docx")
    assert doc.source.format == "docx"
    assert doc.text.startswith(lines[0])
    assert "總務組\t已完成招標" in doc.text
    assert doc.text.index(lines[5]) < doc.text.index("組室\t辦理情形") < doc.text.index(lines[6])
    expected = "\n".join(lines[:6] + ["\t".join(r) for r in TABLE] + lines[6:])
    assert cer(expected, doc.text) == 0.0
    assert [p.method for p in doc.pages] == ["text"] and doc.char_boxes is None


def test_odt_paragraphs_spaces_and_tables() -> None:
    lines = minutes_lines()
    data = make_odt(lines)
    assert sniff_format(data) == "odt"
    doc = ingest_bytes(data, "m.odt")
    assert doc.source.format == "odt"
    assert doc.text.startswith(lines[0])
    assert "主   席：陳志銘" in doc.text
    assert "文書組\t賡續辦理" in doc.text
    assert cer("\n".join(lines), doc.text.replace("主   席：陳志銘", "")
               .replace("\n".join("\t".join(r) for r in TABLE), "")) < 0.01


def test_damaged_and_empty_office_files() -> None:
    data = make_docx(["標題"])
    broken = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]  # cut XML
            dst.writestr(item, body)
    with pytest.raises(UnreadableError):
        ingest_bytes(broken.getvalue(), "broken.docx")
    docx = pytest.importorskip("docx")
    empty = BytesIO()
    docx.Document().save(empty)
    with pytest.raises(EmptyDocumentError):
        ingest_bytes(empty.getvalue(), "empty.docx")


def test_legacy_doc_needs_libreoffice() -> None:
    # an OLE2 header: sniffed as a Word 97-2003 document
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096
    assert sniff_format(fake) == "doc"
    if libreoffice() is None:
        with pytest.raises(MissingDependencyError, match="LibreOffice"):
            ingest_bytes(fake, "old.doc")
    else:
        with pytest.raises(UnreadableError):
            ingest_bytes(fake, "old.doc")


@pytest.mark.skipif(libreoffice() is None, reason="LibreOffice not installed")
def test_legacy_doc_through_libreoffice(tmp_path: Path) -> None:
    import subprocess

    lines = minutes_lines(8)
    src = tmp_path / "m.docx"
    src.write_bytes(make_docx(lines))
    exe = libreoffice()
    assert exe is not None
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(src)], check=True,
                   capture_output=True, timeout=180)
    doc = ingest_bytes((tmp_path / "m.doc").read_bytes(), "m.doc")
    assert doc.source.format == "doc"
    assert lines[0] in doc.text and "總務組" in doc.text
