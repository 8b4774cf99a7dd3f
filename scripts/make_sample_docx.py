"""Build data/raw/ly_judiciary_committee_10_1_10_proceedings.docx, the sample archive's DOCX.

Its content is a real public minutes text, tests/fixtures/ly_judiciary_committee_10_1_10_proceedings.txt
(立法院第10屆第1會期司法及法制委員會第10次全體委員會議議事錄; provenance in tests/fixtures/SOURCES.jsonl),
one paragraph per line, the title as a heading: the way such minutes are kept in Word. The file is made
here (python-docx) because the public source is an HTML page; nothing is changed in the text.

    .venv/bin/python scripts/make_sample_docx.py
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "tests" / "fixtures" / "ly_judiciary_committee_10_1_10_proceedings.txt"
TARGET = REPO / "data" / "raw" / "ly_judiciary_committee_10_1_10_proceedings.docx"
FIXED_TIME = (2020, 3, 25, 12, 0, 0)  # the meeting's day: the same bytes on every build


def build(text: str) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "立法院第10屆第1會期司法及法制委員會第10次全體委員會議議事錄"
    d.core_properties.author = "minutes sample archive (built from public minutes text)"
    lines = text.splitlines()
    d.add_heading(lines[0], level=1)
    for line in lines[1:]:
        d.add_paragraph(line)
    raw = io.BytesIO()
    d.save(raw)
    # rewrite the zip with fixed member times, so a rebuild gives the same bytes
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)([^>]*)>[^<]*<",
                              rb"<dcterms:\1\2>2020-03-25T12:00:00Z<", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)
    return out.getvalue()


def main() -> int:
    TARGET.write_bytes(build(SOURCE.read_text(encoding="utf-8")))
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
