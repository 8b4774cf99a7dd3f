"""Image input (PNG, JPEG, TIFF incl. multi-page, GIF, BMP, WebP): every frame through OCR.

Boxes are in the image's pixels (origin top-left), after EXIF orientation is applied.
"""

from __future__ import annotations

from io import BytesIO

from pipeline.document import Document
from pipeline.errors import MissingDependencyError, UnreadableError
from pipeline.ingest.layout import Line, finish_pages, join_pages
from pipeline.models import PageInfo, SourceInfo

MAX_FRAMES = 500


def read_image(data: bytes, source: SourceInfo, *, ocr: object = "auto", **_: object) -> Document:
    try:
        from PIL import Image, ImageOps, ImageSequence
    except ImportError as exc:
        raise MissingDependencyError("image input needs Pillow: pip install 'minutes[pdf]'") from exc
    from pipeline.ingest.ocr import engine_name, get_engine, ocr_lines

    ocr = engine_name(ocr)
    if ocr == "off":
        raise MissingDependencyError(f"{source.path}: an image has no text without OCR (OCR is off)")
    try:
        img = Image.open(BytesIO(data))
        img.load()
    except Exception as exc:  # PIL raises many types for damaged files
        raise UnreadableError(f"{source.path}: not a readable image ({type(exc).__name__}: {exc})") from exc
    engine = get_engine(ocr)
    pages: list[tuple[list[Line], PageInfo, float]] = []
    try:
        for i, frame in enumerate(ImageSequence.Iterator(img)):
            if i >= MAX_FRAMES:
                break
            page_img = ImageOps.exif_transpose(frame.copy()).convert("RGB")
            lines, conf = ocr_lines(page_img, engine)
            info = PageInfo(number=i + 1, start=0, end=0, method="ocr", ocr_confidence=conf,
                            width=float(page_img.width), height=float(page_img.height), triage="image")
            pages.append((lines, info, float(page_img.width)))
    except (MissingDependencyError, UnreadableError):
        raise
    except Exception as exc:
        raise UnreadableError(f"{source.path}: image frame could not be decoded ({exc})") from exc
    texts = finish_pages([(lines, width) for lines, _, width in pages])
    return join_pages([(t, info) for t, (_, info, _) in zip(texts, pages, strict=True)],
                      source.model_copy(update={"format": "image", "pages": len(pages)}))
