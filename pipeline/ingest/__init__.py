"""Ingest: a file's bytes to a `Document`. The format is read from the content, not the name."""

from __future__ import annotations

import hashlib
import importlib
import zipfile
from io import BytesIO
from pathlib import Path

from pipeline.document import Document
from pipeline.errors import EmptyDocumentError, TooLargeError, UnsupportedFormatError
from pipeline.models import SourceInfo

DEFAULT_MAX_BYTES = 200 * 1024 * 1024

_IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
)


def sniff_format(data: bytes) -> str:
    """pdf, image, docx, odt, doc, zip or text, from the first bytes."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, _ in _IMAGE_MAGIC:
        if head.startswith(magic):
            return "image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = set(z.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and z.read("mimetype").startswith(b"application/vnd.oasis.opendocument"):
                    return "odt"
        except (zipfile.BadZipFile, OSError, KeyError):
            # a damaged or truncated archive: its first member names tell what it was meant to be, so
            # its reader reports it as unreadable rather than as an unsupported zip
            if b"mimetypeapplication/vnd.oasis.opendocument" in head:
                return "odt"
            if b"[Content_Types].xml" in head or b"word/" in head:
                return "docx"
        return "zip"
    return "text"


def source_info(path: str | Path, data: bytes, fmt: str) -> SourceInfo:
    return SourceInfo(path=str(path), sha256=hashlib.sha256(data).hexdigest(), format=fmt, bytes=len(data))


# format -> (module, function); each reader takes (data, SourceInfo, **options) -> Document
_READERS = {
    "text": ("pipeline.ingest.text", "read_text"),
    "pdf": ("pipeline.ingest.pdf", "read_pdf"),
    "image": ("pipeline.ingest.image", "read_image"),
    "docx": ("pipeline.ingest.office", "read_docx"),
    "odt": ("pipeline.ingest.office", "read_odt"),
    "doc": ("pipeline.ingest.office", "read_doc"),
}


def ingest_bytes(data: bytes, path: str | Path = "<bytes>", *, max_bytes: int = DEFAULT_MAX_BYTES,
                 **options: object) -> Document:
    """Read one document from its bytes. Raises a `MinutesError` subclass on bad input."""
    if len(data) > max_bytes:
        raise TooLargeError(f"{path}: {len(data)} bytes is over the limit of {max_bytes} (--max-bytes)")
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyDocumentError(f"{path}: the file is empty")
    fmt = sniff_format(data)
    if fmt == "zip":
        raise UnsupportedFormatError(f"{path}: a zip archive that is neither DOCX nor ODT")
    module_name, func_name = _READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            raise UnsupportedFormatError(f"{path}: {fmt} input is not supported by this build") from exc
        raise
    reader = getattr(module, func_name)
    doc: Document = reader(data, source_info(path, data, fmt), **options)
    return doc


def ingest(path: str | Path, **options: object) -> Document:
    """Read one file into a `Document`."""
    p = Path(path)
    max_bytes = int(options.pop("max_bytes", DEFAULT_MAX_BYTES))  # type: ignore[call-overload]
    size = p.stat().st_size
    if size > max_bytes:
        raise TooLargeError(f"{p}: {size} bytes is over the limit of {max_bytes} (--max-bytes)")
    return ingest_bytes(p.read_bytes(), p, max_bytes=max_bytes, **options)
