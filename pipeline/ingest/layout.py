"""Page geometry: characters with boxes to lines in reading order, and spans back to page + box.

Readers (PDF text layer, OCR) hand in *segments*: runs of characters that a producer drew or
recognised together, each character with its box in display coordinates (origin top-left, y down;
PDF points for PDF pages, pixels for images). `assemble_page` groups the segments into visual
lines, orders lines top to bottom and segments left to right, drops characters drawn twice (fake
bold), and returns the page text with one box per character. `BoxMap` keeps those boxes for a whole
`Document` (16 bytes a character) so that any span of the text can be located on its page.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.errors import EmptyDocumentError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pipeline.document import Document
    from pipeline.models import Minutes, PageInfo, SourceInfo

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
NAN = float("nan")
# between pages: a form feed on a line of its own, so that a line never spans two pages
PAGE_SEPARATOR = "\n\f\n"
_WS = frozenset(" \t\r\n\f\u3000\u00a0\u200b")


@dataclass
class Segment:
    """Characters drawn (or recognised) together on one line, in their own order."""

    chars: list[str] = field(default_factory=list)
    boxes: list[Box | None] = field(default_factory=list)

    def add(self, ch: str, box: Box | None) -> None:
        self.chars.append(ch)
        self.boxes.append(box)

    @property
    def bbox(self) -> Box | None:
        return union(b for b in self.boxes if b is not None)


@dataclass
class _Line:
    top: float
    bottom: float
    segments: list[tuple[Segment, Box]] = field(default_factory=list)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1e-3)


def union(boxes: Iterable[Box]) -> Box | None:
    x0 = y0 = math.inf
    x1 = y1 = -math.inf
    seen = False
    for b in boxes:
        seen = True
        x0, y0 = min(x0, b[0]), min(y0, b[1])
        x1, y1 = max(x1, b[2]), max(y1, b[3])
    return (x0, y0, x1, y1) if seen else None


def _vertical_overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    """Overlap of two vertical extents as a share of the smaller one."""
    inter = min(a_bottom, b_bottom) - max(a_top, b_top)
    smaller = max(min(a_bottom - a_top, b_bottom - b_top), 1e-3)
    return inter / smaller


def _group_lines(segments: Sequence[Segment]) -> list[_Line]:
    """Segments to visual lines: a segment joins the line its vertical extent mostly shares."""
    boxed = [(s, b) for s in segments if (b := s.bbox) is not None]
    # sort by vertical centre; ties by x so that equal rows keep left-to-right order
    boxed.sort(key=lambda sb: ((sb[1][1] + sb[1][3]) / 2, sb[1][0]))
    lines: list[_Line] = []
    for seg, box in boxed:
        # a few recent lines only: lines are visited top to bottom
        for line in reversed(lines[-4:]):
            if _vertical_overlap(line.top, line.bottom, box[1], box[3]) >= 0.5:
                line.segments.append((seg, box))
                # the band grows with what joins it, but only within one line height
                line.top = min(line.top, box[1])
                line.bottom = max(line.bottom, box[3])
                break
        else:
            lines.append(_Line(box[1], box[3], [(seg, box)]))
    lines.sort(key=lambda ln: (ln.top + ln.bottom) / 2)
    return lines


def _is_duplicate(ch: str, box: Box, kept: dict[str, list[Box]]) -> bool:
    """A character drawn again at (almost) the same place: fake bold or a shadow."""
    for other in kept.get(ch, ()):
        w = max(other[2] - other[0], box[2] - box[0], 1e-3)
        h = max(other[3] - other[1], box[3] - box[1], 1e-3)
        if abs(other[0] - box[0]) < 0.3 * w and abs(other[1] - box[1]) < 0.3 * h:
            return True
    return False


def _strip(seg: Segment) -> Segment:
    chars, boxes = seg.chars, seg.boxes
    i, j = 0, len(chars)
    while i < j and chars[i] in _WS:
        i += 1
    while j > i and chars[j - 1] in _WS:
        j -= 1
    return Segment(chars[i:j], boxes[i:j])


@dataclass
class PageText:
    """A page's text and one box (or None) per character of it."""

    text: str
    boxes: list[Box | None]


def assemble_page(segments: Sequence[Segment], *, space_gap: float = 0.25) -> PageText:
    """Lines in reading order, segments left to right; fake-bold duplicates dropped.

    Two segments on one line are joined by a space when the gap between them is wider than
    `space_gap` line heights (a word or column gap that no drawn space character marks).
    """
    out_chars: list[str] = []
    out_boxes: list[Box | None] = []
    for li, line in enumerate(_group_lines(segments)):
        kept: dict[str, list[Box]] = {}
        parts: list[tuple[Segment, Box]] = []
        for seg, _ in sorted(line.segments, key=lambda sb: sb[1][0]):
            clean = Segment()
            for ch, box in zip(seg.chars, seg.boxes, strict=True):
                if box is not None and ch not in _WS:
                    if _is_duplicate(ch, box, kept):
                        continue
                    kept.setdefault(ch, []).append(box)
                clean.add(ch, box)
            clean = _strip(clean)
            bbox = clean.bbox
            if clean.chars and bbox is not None:
                parts.append((clean, bbox))
        if not parts:
            continue
        if li and out_chars:
            out_chars.append("\n")
            out_boxes.append(None)
        prev_x1: float | None = None
        for seg, bbox in parts:
            if prev_x1 is not None and bbox[0] - prev_x1 > space_gap * line.height:
                out_chars.append(" ")
                out_boxes.append(None)
            out_chars.extend(seg.chars)
            out_boxes.extend(seg.boxes)
            prev_x1 = max(prev_x1 or -math.inf, bbox[2])
    return PageText("".join(out_chars), out_boxes)


class BoxMap:
    """One box per character of a `Document`'s text, packed as float32 (NaN: no box)."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data = array("f")

    def __len__(self) -> int:
        return len(self._data) // 4

    def extend(self, boxes: Iterable[Box | None]) -> None:
        data = self._data
        for b in boxes:
            if b is None:
                data.extend((NAN, NAN, NAN, NAN))
            else:
                data.extend(b)

    def pad(self, n: int) -> None:
        """n characters without a box (page separators)."""
        self._data.extend([NAN] * (4 * n))

    def get(self, pos: int) -> Box | None:
        d = self._data
        i = 4 * pos
        if pos < 0 or i + 4 > len(d) or math.isnan(d[i]):
            return None
        return (d[i], d[i + 1], d[i + 2], d[i + 3])

    def boxes(self, start: int, end: int) -> Iterator[Box]:
        for pos in range(max(start, 0), min(end, len(self))):
            b = self.get(pos)
            if b is not None:
                yield b


def join_pages(pages: list[tuple[PageText, PageInfo]], source: SourceInfo) -> Document:
    """Pages into one `Document`: texts joined by PAGE_SEPARATOR, offsets and boxes recorded."""
    from pipeline.document import Document

    parts: list[str] = []
    boxes = BoxMap()
    infos: list[PageInfo] = []
    pos = 0
    for i, (page, info) in enumerate(pages):
        if i:
            parts.append(PAGE_SEPARATOR)
            boxes.pad(len(PAGE_SEPARATOR))
            pos += len(PAGE_SEPARATOR)
        parts.append(page.text)
        boxes.extend(page.boxes)
        info.start, info.end = pos, pos + len(page.text)
        pos = info.end
        infos.append(info)
    text = "".join(parts)
    if not text.strip():
        raise EmptyDocumentError(f"{source.path}: OCR found no text")
    return Document(text=text, source=source, pages=infos, char_boxes=boxes)


def locate(doc: Document, start: int, end: int) -> tuple[int | None, Box | None]:
    """The page a span starts on and the box around its characters on that page.

    Boxes are rounded to 0.1 (PDF points or image pixels, origin top-left). A span crossing a page
    boundary gets the box of its part on the first page. Input without geometry (text, DOCX) gives
    the page number (or None) and no box.
    """
    pos = start
    text = doc.text
    while pos < end and text[pos] in _WS:
        pos += 1
    page = doc.page_of(pos if pos < end else start)
    boxes: BoxMap | None = getattr(doc, "char_boxes", None)
    if boxes is None or page is None:
        return page, None
    info = next((p for p in doc.pages if p.number == page), None)
    stop = min(end, info.end) if info is not None else end
    b = union(boxes.boxes(pos, stop))
    if b is None:
        return page, None
    return page, (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))


def iter_mentions(obj: object) -> Iterator[BaseModel]:
    """Every `Mention` inside a model, lists and dicts included."""
    from pydantic import BaseModel

    from pipeline.models import Mention

    if isinstance(obj, Mention):
        yield obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if isinstance(value, (BaseModel, list, tuple, dict)):
                yield from iter_mentions(value)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            if isinstance(v, (BaseModel, list, tuple, dict)):
                yield from iter_mentions(v)
    elif isinstance(obj, dict):
        for v in obj.values():
            if isinstance(v, (BaseModel, list, tuple, dict)):
                yield from iter_mentions(v)


def attach_provenance(minutes: Minutes, doc: Document) -> Minutes:
    """Set `page` and `bbox` on every mention of `minutes` from its span (in place; returned)."""
    for m in iter_mentions(minutes):
        start, end = m.span  # type: ignore[attr-defined]
        page, box = locate(doc, start, end)
        if page is not None:
            m.page = page  # type: ignore[attr-defined]
        if box is not None:
            m.bbox = box  # type: ignore[attr-defined]
    return minutes


_DIGITS = re.compile(r"\d+")


def running_lines(doc: Document, *, slots: int = 3) -> list[tuple[int, int]]:
    """Spans of running headers and footers: lines among a page's first or last `slots` lines whose
    text (digits ignored, so "1 / 3" matches "2 / 3") recurs in the same place on a neighbouring page
    (within two pages). They stay in `text`; segmentation can keep them out of sections.
    """
    if len(doc.pages) < 2:
        return []
    text = doc.text
    per_page: list[list[tuple[str, int, int, str]]] = []  # (key, start, end, where)
    for p in doc.pages:
        lines: list[tuple[int, int]] = []
        pos = p.start
        for part in text[p.start:p.end].split("\n"):
            if part.strip():
                lines.append((pos, pos + len(part)))
            pos += len(part) + 1
        picked: list[tuple[str, int, int, str]] = []
        for where, chosen in (("head", lines[:slots]), ("foot", lines[-slots:])):
            for s, e in chosen:
                key = _DIGITS.sub("#", re.sub(r"\s+", "", text[s:e]))
                # a page number ("#", "# / #", "第#頁") or a line long enough not to recur by chance
                if key and (len(key.replace("#", "")) >= 4 or not any(c.isalpha() for c in key)
                            or re.fullmatch(r"第#頁|-#-|page#", key, re.I)):
                    picked.append((key, s, e, where))
        per_page.append(picked)
    keys = [{(k, w) for k, _, _, w in page} for page in per_page]
    out: set[tuple[int, int]] = set()
    for i, page in enumerate(per_page):
        near = set().union(*(keys[j] for j in range(max(0, i - 2), min(len(keys), i + 3)) if j != i))
        for key, s, e, where in page:
            if (key, where) in near:
                out.add((s, e))
    return sorted(out)
