"""Text input: plain text, markdown and HTML, in any of the encodings minutes come in."""

from __future__ import annotations

import re
import unicodedata

from pipeline.document import Document
from pipeline.errors import UnreadableError, UnsupportedFormatError
from pipeline.models import PageInfo, SourceInfo

_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|body|head|div|p|table)\b", re.I)
_BLOCK_END = re.compile(
    r"(?is)<(?:br|hr)\b[^>]*>|</(?:p|div|li|tr|h[1-6]|table|ul|ol|section|article|header|footer|nav|title"
    r"|blockquote|pre|dd|dt)\s*>|<(?:p|div|li|tr|h[1-6])\b[^>]*>"
)
_CELL_END = re.compile(r"(?i)</t[dh]\s*>")


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


def html_to_text(html: str) -> str:
    """HTML to text with line breaks where blocks end. Page boilerplate stays in the text."""
    from selectolax.lexbor import LexborHTMLParser

    marked = _CELL_END.sub(lambda m: m.group(0) + "\t", _BLOCK_END.sub(lambda m: m.group(0) + "\n", html))
    tree = LexborHTMLParser(marked)
    tree.strip_tags(["script", "style", "noscript", "template"])
    root = tree.body or tree.root
    if root is None:
        return ""
    text = root.text(deep=True, separator="", strip=False)
    title = tree.css_first("title")
    if title is not None and tree.body is not None:
        text = title.text(strip=True) + "\n" + text
    text = re.sub(r"[ \t]*\n[ \t]*(?:\n[ \t]*)+", "\n\n", text)
    return text.strip("\n")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    sample = text[:5000]
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cs") and c not in "\n\r\t\f")
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
