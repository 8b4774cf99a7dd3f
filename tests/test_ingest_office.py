"""DOCX, ODT, HTML and legacy .doc input: paragraphs and tables in document order (each merged cell
once, rows as TAB-separated cells), typed errors. Every input is made here."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from ingest_factory import cer, minutes_lines

import pipeline
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


# ---- merged cells and minutes kept in a table ---------------------------------------------------

MEETING = [
    ("臺北市政府秘書處113年第1次處務會議紀錄", None),
    ("會議時間", "113年4月7日（星期日）上午10時"),
    ("會議地點", "本府12樓會議室"),
    ("主席", "陳志銘"),
    ("紀錄", "陳慧玲"),
    ("報告事項", ["一、文書組報告公文時效。", "決定：洽悉。", "二、總務組報告採購進度。",
              "決定：請總務組於4月底前完成招標。"]),
    ("討論事項", ["案由一：修正本處分層負責明細表案。", "說明：配合組織調整。",
              "決議：照案通過，請人事室於5月15日前公告。"]),
    ("散會", "上午11時30分"),
]


def meeting_docx() -> bytes:
    """The minutes as one Word table: a title merged across both columns, label | value rows, the
    report and discussion items as paragraphs in one cell each; a label merged down two rows."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    t = d.add_table(rows=len(MEETING) + 1, cols=2)
    for i, (label, value) in enumerate(MEETING):
        if value is None:
            cell = t.cell(i, 0).merge(t.cell(i, 1))
            cell.text = label
            continue
        t.cell(i, 0).text = label
        if isinstance(value, list):
            cell = t.cell(i, 1)
            cell.text = value[0]
            for para in value[1:]:
                cell.add_paragraph(para)
        else:
            t.cell(i, 1).text = value
    # 列席 merged down two rows, one name a row
    last = len(MEETING)
    t.cell(last - 1, 0).text, t.cell(last - 1, 1).text = "列席", "人事室王主任"
    t.cell(last - 1, 0).merge(t.cell(last, 0))
    t.cell(last, 1).text = "政風室李主任"
    out = BytesIO()
    d.save(out)
    return out.getvalue()


def test_docx_table_merged_cells_read_once_and_rows_as_lines() -> None:
    docx = pytest.importorskip("docx")
    data = meeting_docx()
    # what python-docx gives for the same table: a merged cell once per grid column
    table = docx.Document(BytesIO(data)).tables[0]
    assert [c.text for c in table.rows[0].cells].count(MEETING[0][0]) == 2
    doc = ingest_bytes(data, "m.docx")
    lines = doc.text.split("\n")
    assert doc.text.count(MEETING[0][0]) == 1 and doc.text.count("列席") == 1
    assert "會議時間\t113年4月7日（星期日）上午10時" in lines
    assert "列席\t人事室王主任" in lines and "\t政風室李主任" in lines
    # the body of a row stays lines under its label: headings and items are lines
    assert lines[lines.index("報告事項") + 1] == "一、文書組報告公文時效。"
    assert lines[lines.index("討論事項") + 1] == "案由一：修正本處分層負責明細表案。"


def test_minutes_kept_in_a_word_table_give_header_sections_and_people() -> None:
    m = pipeline.extract_bytes(meeting_docx(), "m.docx")
    assert m.meeting.date == "2024-04-07" and m.meeting.chair == "陳志銘" and m.meeting.recorder == "陳慧玲"
    assert m.meeting.location == "本府12樓會議室"
    kinds = [s.kind for s in m.sections]
    assert "reports" in kinds and "discussion" in kinds
    reports = next(s for s in m.sections if s.kind == "reports")
    assert len(reports.items) == 2
    assert {p.name for p in m.people} >= {"陳志銘", "陳慧玲"}
    asks = {(a.assignees[0] if a.assignees else None, a.deadline) for a in m.action_items}
    assert ("總務組", "2024-04-30") in asks and ("人事室", "2024-05-15") in asks


def test_odt_table_spans_read_once() -> None:
    pytest.importorskip("odf")
    from odf.opendocument import OpenDocumentText
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentText()
    table = Table(name="t")
    table.addElement(TableColumn(numbercolumnsrepeated=3))

    def row(*cells: object) -> None:
        tr = TableRow()
        for cell in cells:
            tr.addElement(cell)  # type: ignore[arg-type]
        table.addElement(tr)

    def cell(text: str, cols: int = 1, rows: int = 1) -> object:
        tc = TableCell(numbercolumnsspanned=cols, numberrowsspanned=rows)
        tc.addElement(P(text=text))
        return tc

    row(cell("臺北市政府秘書處處務會議紀錄", cols=3), CoveredTableCell(), CoveredTableCell())
    row(cell("會議時間"), cell("113年4月7日", cols=2), CoveredTableCell())
    row(cell("出席", rows=2), cell("總務組"), cell("涂組長"))
    row(CoveredTableCell(), cell("文書組"), cell("高組長"))
    doc.text.addElement(table)
    out = BytesIO()
    doc.save(out)
    got = ingest_bytes(out.getvalue(), "t.odt").text.split("\n")
    assert got == ["臺北市政府秘書處處務會議紀錄", "會議時間\t113年4月7日", "出席\t總務組\t涂組長",
                   "\t文書組\t高組長"]


def test_html_table_spans_read_once() -> None:
    html = ("<html><body><h1>某某局第12次局務會議紀錄</h1><table>"
            "<tr><th colspan=2>會議資料</th></tr>"
            "<tr><td>會議時間</td><td>民國110年3月4日上午9時</td></tr>"
            "<tr><td rowspan=2>出席</td><td>秘書室王主任</td></tr>"
            "<tr><td>人事室李主任</td></tr>"
            "<tr><td>報告事項</td><td><p>一、請秘書室於3月底前完成盤點。</p><p>決定：洽悉。</p></td></tr>"
            "</table><p>散會</p></body></html>")
    doc = ingest_bytes(html.encode("utf-8"), "page.html")
    assert doc.source.format == "html"
    assert doc.text.split("\n") == ["某某局第12次局務會議紀錄", "會議資料", "會議時間\t民國110年3月4日上午9時",
                                     "出席\t秘書室王主任", "\t人事室李主任", "報告事項",
                                     "一、請秘書室於3月底前完成盤點。", "決定：洽悉。", "散會"]
    m = pipeline.extract_bytes(html.encode("utf-8"), "page.html")
    assert m.meeting.date == "2021-03-04"
    (ask,) = m.action_items
    assert ask.assignees == ["秘書室"] and ask.deadline == "2021-03-31"
