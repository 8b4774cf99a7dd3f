"""Text input: plain text, markdown and HTML, in any of the encodings minutes come in."""

from __future__ import annotations

import re
from typing import Any

from pipeline.document import Document
from pipeline.errors import UnreadableError, UnsupportedFormatError
from pipeline.models import PageInfo, SourceInfo

_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|body|head|div|p|table)\b", re.I)


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to str and the encoding used: BOMs, strict UTF-8, UTF-16 without BOM, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # UTF-8 with lone surrogates (CESU-8, Java/JavaScript exporters): read_text shows them as U+FFFD
        return data.decode("utf-8", errors="surrogatepass"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4000]:
        # UTF-16 without a BOM: CJK text has few NUL bytes, so judge by what it decodes to
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data[: len(data) // 2 * 2].decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return text, enc
        raise UnsupportedFormatError("binary content: NUL bytes in what is not UTF-16 text")
    # UTF-8 damaged in a few places (a byte lost or flipped, a download cut mid-character): keep it UTF-8
    # rather than read the whole file as some other encoding or give up on it
    if (damaged := _mostly(data, "utf-8")) is not None:
        return damaged, "utf-8"
    # Traditional-Chinese legacy encodings first: detection alone often calls Big5 "cp1252".
    for enc in ("cp950", "big5hkscs", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    if (damaged := _mostly(data, "cp950")) is not None:  # Big5 with a few damaged bytes
        return damaged, "cp950"
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableError("the text encoding could not be determined")
    return str(best), str(best.encoding)


def _mostly(data: bytes, encoding: str) -> str | None:
    """`data` decoded with U+FFFD for undecodable bytes, if they are a tiny share (at most 1 in 200) of
    the non-ASCII bytes: real text in `encoding` with a few damaged bytes, not another encoding."""
    non_ascii = sum(1 for b in data if b >= 0x80)
    if non_ascii < 30:
        return None
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - (data.count("\ufffd".encode()) if encoding == "utf-8" else 0)
    return text if bad <= non_ascii // 200 else None


def _plausible(text: str) -> bool:
    """Mostly CJK, ASCII and punctuation: what a decoded minutes text looks like."""
    sample = text[:3000]
    if not sample:
        return False
    good = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    cjk_or_ascii = sum(1 for c in sample if ord(c) < 0x250 or 0x2E80 <= ord(c) <= 0x9FFF
                       or 0xF900 <= ord(c) <= 0xFFEF or 0x3000 <= ord(c) <= 0x303F)
    return good / len(sample) > 0.95 and cjk_or_ascii / len(sample) > 0.9


_BLOCKS = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "section",
                     "article", "header", "footer", "nav", "title", "blockquote", "pre", "dd", "dt", "dl", "hr",
                     "main", "aside", "form", "fieldset", "address", "figure", "figcaption", "caption", "tbody",
                     "thead", "tfoot", "center"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "-comment", "svg", "button", "select"})


def table_rows(rows: list[list[list[str]]]) -> list[str]:
    """A table as lines: each row one line, its cells separated by TABs (a column gap for the
    matching views: `會議時間\t113年4月7日` reads as a label and its value), each merged cell once.
    A cell holds paragraphs. When only the row's last filled cell has several, it is a body of text
    under the label the row starts with (minutes kept in a table: 討論事項 | 一、… 說明：… 決議：…): the
    row's other cells make its line and the body's paragraphs follow as lines of their own, so that
    headings and items stay lines. Otherwise a cell's paragraphs are joined by spaces."""
    out: list[str] = []
    for cells in rows:
        paras = [[p for p in (" ".join(q.split()) for q in cell) if p] for cell in cells]
        filled = [i for i, p in enumerate(paras) if p]
        multi = [i for i in filled if len(paras[i]) > 1]
        body: list[str] = []
        if len(multi) == 1 and multi[0] == filled[-1]:
            body = paras[multi[0]]
            paras = paras[:multi[0]]
        row = "\t".join(" ".join(p) for p in paras).rstrip("\t")
        if row.strip():
            out.append(row)
        out.extend(body)
    return out


def html_to_text(html: str) -> str:
    """HTML to text: a line break where a block ends, tables as rows of TAB-separated cells (see
    `table_rows`). Text nodes keep their own spacing; page boilerplate stays in the text."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    parts: list[str] = []

    def newline(buf: list[str]) -> None:
        if buf and not buf[-1].endswith("\n"):
            buf.append("\n")

    def walk(node: Any, buf: list[str]) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                buf.append(child.text(deep=False) or "")
            elif tag in _SKIP:
                continue
            elif tag == "br":
                buf.append("\n")
            elif tag == "table":
                newline(buf)
                rows = []
                pending: dict[int, int] = {}  # column -> rows a cell above still spans
                for tr in _rows(child):
                    cells: list[list[str]] = []
                    col = 0  # grid column
                    for cell in tr.iter():
                        if cell.tag not in ("td", "th"):
                            continue
                        while pending.get(col, 0) > 0:  # under a cell merged from above: an empty cell
                            pending[col] -= 1
                            cells.append([])
                            col += 1
                        inner: list[str] = []
                        walk(cell, inner)
                        cells.append("".join(inner).split("\n"))
                        span = _int_attr(cell, "colspan")
                        if (down := _int_attr(cell, "rowspan") - 1) > 0:
                            pending[col] = down
                        col += span
                    rows.append(cells)
                lines = table_rows(rows)
                if lines:
                    buf.append("\n".join(lines))
                    buf.append("\n")
            elif tag in _BLOCKS:
                newline(buf)
                walk(child, buf)
                newline(buf)
            else:
                walk(child, buf)

    root = tree.body or tree.root
    if root is None:
        return ""
    walk(root, parts)
    text = "".join(parts)
    title = tree.css_first("title")
    if title is not None and tree.body is not None:
        text = title.text(strip=True) + "\n" + text
    text = re.sub(r"[ \t]*\n[ \t]*(?:\n[ \t]*)+", "\n\n", text)
    return text.strip("\n")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _int_attr(node: Any, name: str) -> int:
    try:
        return max(1, min(int((node.attributes.get(name) or "1").strip()), 100))
    except ValueError:
        return 1


def _rows(table: Any) -> list[Any]:
    """The rows of a table, not those of tables nested in its cells."""
    out = []
    for child in table.iter():
        if child.tag == "tr":
            out.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child.iter() if c.tag == "tr")
    return out


# a character of Unicode's categories Cc (controls), Co (private use) or Cs (surrogates), except
# the controls text uses (\t \n \f \r): one regex instead of a category lookup per character
_BINARY_CHAR = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
                          r"\U000f0000-\U000ffffd\U00100000-\U0010fffd]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:5000]
    bad = len(_BINARY_CHAR.findall(sample))
    bad += sample.count("\ufffd")
    return bad / len(sample) > 0.1


def read_text(data: bytes, source: SourceInfo, **_: object) -> Document:
    try:
        text, encoding = decode(data)
    except (UnreadableError, UnsupportedFormatError) as exc:
        raise type(exc)(f"{source.path}: {exc}") from None  # the message names the file
    if _looks_binary(text):
        raise UnsupportedFormatError(f"{source.path}: binary content, not text")
    fmt = "text"
    if _HTML_SNIFF.search(data[:4096]) and re.search(r"(?i)</(?:p|div|td|body|html)>", text[:200000]):
        text = html_to_text(text)
        fmt = "html"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # control characters read as spaces; lone surrogates cannot be written as UTF-8 JSON, so
    # they show as the replacement character (one pass of C code: the files can be megabytes)
    text = _CONTROL.sub(" ", text)
    text = _SURROGATE.sub("\ufffd", text)
    if not text.strip():
        from pipeline.errors import EmptyDocumentError

        raise EmptyDocumentError(f"{source.path}: no text")
    src = source.model_copy(update={"format": fmt, "encoding": encoding, "pages": None})
    return Document(text=text, source=src, pages=[PageInfo(number=1, start=0, end=len(text), method="text")])
