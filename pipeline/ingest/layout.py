"""Page geometry: characters with boxes to lines in reading order, and spans back to page + box.

Readers hand in characters with boxes in display coordinates (origin top-left, y down; PDF points
for PDF pages, pixels for images): the PDF reader a page's characters in content-stream order
(`assemble_chars`, numpy throughout), OCR its recognised lines as *segments* (`assemble_page`).
Both group runs into visual lines, order lines top to bottom and runs left to right, drop characters
drawn twice (fake bold), and then `finish_page` joins the lines: a line that a layout broke because
it reached the right margin is joined to its continuation as the text had it (no word cut in two),
other lines end with a newline; table rows (cells separated by a TAB) stay rows.

`BoxMap` keeps one box per character for a whole `Document` (16 bytes a character) so that any span
of the text can be located on its page.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
_WS_CODES = (0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3000, 0xA0, 0x200B, 0xFEFF)

# What starts an item, a heading or a list entry: a line starting so is never a continuation.
_MARKER = re.compile(
    r"(?:[一二三四五六七八九十壹貳參叁肆伍陸柒捌玖拾甲乙丙丁戊己庚辛壬癸]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾\d０-９]{1,3}\s*[）)]"
    r"|[\d０-９]{1,2}\s*[、.．)）](?![\d０-９])|[a-zA-Z]\s*[.)、](?!\w)"
    r"|[•●◆◇■□○◎※▪▶►➢✓\-－–—*＊・·]"
    r"|第\s*[一二三四五六七八九十百零〇\d]+\s*[條案章節款項點次屆]"
    r"|(?:案由|說明|決議|決定|主席|附件|備註|提案|報告|討論|臨時動議|散會)"
    r"|(?:[\u4e00-\u9fff]{2,6}|[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,4})\s*[：:])"  # 出席委員：, 說 明：
)
_LATIN = re.compile(r"[A-Za-z0-9À-ɏ]")
_ENDS_SENTENCE = re.compile(r"[。！？；：.!?;:][」』）)\]”’\"']*\s*$")


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
class Line:
    """One visual line: its text and one box a character (NaN rows: no box), and its extent."""

    text: str
    boxes: Any  # numpy float32 array (len(text), 4)
    x0: float
    top: float
    x1: float
    bottom: float
    em: float  # the typical character height on the line
    gap: float = 0.0  # the widest gap between runs on the line (a column or tab gap when wide)
    gap_at: tuple[float, float] = (0.0, 0.0)  # where that gap is (x0, x1)
    table: bool = False  # a table row (cells separated by TABs): never joined to another line

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


def group_rows(boxes: Sequence[Box]) -> list[list[int]]:
    """Indexes of `boxes` grouped into visual rows, top to bottom: a box joins the row its vertical
    extent mostly shares (among the last few rows: rows are visited top to bottom)."""
    order = sorted(range(len(boxes)), key=lambda i: ((boxes[i][1] + boxes[i][3]) / 2, boxes[i][0]))
    rows: list[tuple[float, float, list[int]]] = []
    for i in order:
        b = boxes[i]
        for k in range(len(rows) - 1, max(len(rows) - 5, -1), -1):
            top, bottom, members = rows[k]
            if _vertical_overlap(top, bottom, b[1], b[3]) >= 0.5:
                members.append(i)
                rows[k] = (min(top, b[1]), max(bottom, b[3]), members)
                break
        else:
            rows.append((b[1], b[3], [i]))
    rows.sort(key=lambda r: (r[0] + r[1]) / 2)
    return [sorted(m, key=lambda i: boxes[i][0]) for _, _, m in rows]


@dataclass
class PageText:
    """A page's text and one box a character: a numpy float32 array (len(text), 4), NaN: none."""

    text: str
    boxes: Any


def _np() -> Any:
    import numpy as np

    return np


def _boxes_array(boxes: Sequence[Box | None]) -> Any:
    np = _np()
    out = np.full((len(boxes), 4), np.nan, dtype=np.float32)
    for i, b in enumerate(boxes):
        if b is not None:
            out[i] = b
    return out


def _drop_duplicates(parts: list[tuple[str, Any, Box]]) -> list[tuple[str, Any, Box]]:
    """Characters drawn again at (almost) the same place on a line (fake bold, a shadow): kept once.
    Only runs that overlap an earlier run are looked at character by character."""
    np = _np()
    kept: list[tuple[str, Any, Box]] = []
    for text, boxes, bbox in parts:
        overlapping = [k for k in kept if min(k[2][2], bbox[2]) - max(k[2][0], bbox[0])
                       > 0.3 * min(k[2][2] - k[2][0], bbox[2] - bbox[0], 1e9)]
        if overlapping:
            seen: dict[str, list[Any]] = {}
            for ktext, kboxes, _ in overlapping:
                for ch, b in zip(ktext, kboxes, strict=True):
                    if not math.isnan(b[0]):
                        seen.setdefault(ch, []).append(b)
            keep = []
            for j, (ch, b) in enumerate(zip(text, boxes, strict=True)):
                dup = False
                if not math.isnan(b[0]):
                    for o in seen.get(ch, ()):
                        w = max(o[2] - o[0], b[2] - b[0], 1e-3)
                        h = max(o[3] - o[1], b[3] - b[1], 1e-3)
                        if abs(o[0] - b[0]) < 0.3 * w and abs(o[1] - b[1]) < 0.3 * h:
                            dup = True
                            break
                if not dup:
                    keep.append(j)
            if len(keep) < len(text):
                kept_text = "".join(text[j] for j in keep)
                kept_boxes = boxes[np.asarray(keep, dtype=np.int64)]
                i0 = len(kept_text) - len(kept_text.lstrip())
                text = kept_text.strip()
                boxes = kept_boxes[i0:i0 + len(text)]
                valid = boxes[~np.isnan(boxes[:, 0])]
                if not text or not len(valid):
                    continue
                bbox = (float(valid[:, 0].min()), float(valid[:, 1].min()),
                        float(valid[:, 2].max()), float(valid[:, 3].max()))
        kept.append((text, boxes, bbox))
    return kept


def _make_line(parts: list[tuple[str, Any, Box]], space_gap: float) -> Line | None:
    """Runs on one row, left to right, into a line: a space where the gap is wider than
    `space_gap` line heights (a word or column gap that no drawn space marks)."""
    np = _np()
    parts = _drop_duplicates(sorted(parts, key=lambda p: p[2][0]))
    if not parts:
        return None
    top = min(p[2][1] for p in parts)
    bottom = max(p[2][3] for p in parts)
    # the typical run height: characters' loose boxes span the font's line height
    em = max(sorted(p[2][3] - p[2][1] for p in parts)[len(parts) // 2], 1e-3)
    height = max(bottom - top, 1e-3)
    texts: list[str] = []
    arrays: list[Any] = []
    prev_x1: float | None = None
    gap_box = np.full((1, 4), np.nan, dtype=np.float32)
    widest, widest_at = 0.0, (0.0, 0.0)
    for text, boxes, bbox in parts:
        if prev_x1 is not None and bbox[0] - prev_x1 > space_gap * height:
            # a column or tab-stop gap reads as two spaces (a hard gap for the matching views)
            wide = bbox[0] - prev_x1 > 2 * em
            texts.append("  " if wide else " ")
            arrays.append(np.concatenate([gap_box, gap_box]) if wide else gap_box)
            if bbox[0] - prev_x1 > widest:
                widest, widest_at = bbox[0] - prev_x1, (prev_x1, bbox[0])
        texts.append(text)
        arrays.append(boxes)
        prev_x1 = bbox[2] if prev_x1 is None else max(prev_x1, bbox[2])
    return Line("".join(texts), np.concatenate(arrays), min(p[2][0] for p in parts), top,
                max(p[2][2] for p in parts), bottom, em, widest, widest_at)


def assemble_page(segments: Sequence[Segment], *, space_gap: float = 0.25) -> list[Line]:
    """Segments (OCR lines, or any reader's runs) to visual lines in reading order."""
    parts: list[tuple[str, Any, Box]] = []
    for seg in segments:
        chars, boxes = seg.chars, seg.boxes
        i, j = 0, len(chars)
        while i < j and chars[i] in _WS:
            i += 1
        while j > i and chars[j - 1] in _WS:
            j -= 1
        bbox = union(b for b in boxes[i:j] if b is not None)
        if i < j and bbox is not None:
            parts.append(("".join(chars[i:j]), _boxes_array(boxes[i:j]), bbox))
    return [ln for row in group_rows([p[2] for p in parts])
            if (ln := _make_line([parts[k] for k in row], space_gap)) is not None]


Table = list[list[Box | None]]  # rows of cell boxes (None: a position a merged cell covers)


def assemble_chars(text: str, boxes: Any, *, space_gap: float = 0.25,
                   tables: Sequence[Table] = ()) -> list[Line]:
    """A PDF page's characters in content-stream order, each with a box (NaN: none), into visual
    lines. Runs break at the reader's line breaks (CR/LF), where the next character is on another
    line, or where it jumps back left (the same text drawn a second time). Characters inside the
    cells of `tables` (found from ruling lines) make table rows instead (see `_table_lines`)."""
    np = _np()
    n = len(text)
    if n == 0:
        return []
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    newline = (codes == 10) | (codes == 13)
    ws = codes == 0
    for code in _WS_CODES:
        ws |= codes == code
    has_box = ~np.isnan(boxes[:, 0]) & ~ws
    k = np.nonzero(has_box)[0]
    if len(k) == 0:
        return []
    b = boxes[k]
    h = b[:, 3] - b[:, 1]
    lines_before = np.cumsum(newline)[k]
    cell = _cell_of(b, tables) if tables else None
    brk = np.zeros(len(k), dtype=bool)
    brk[0] = True
    if len(k) > 1:
        overlap = np.minimum(b[1:, 3], b[:-1, 3]) - np.maximum(b[1:, 1], b[:-1, 1])
        brk[1:] = ((overlap < 0.5 * np.minimum(h[1:], h[:-1]))
                   | (b[1:, 0] < b[:-1, 0] - 0.5 * np.maximum(h[1:], h[:-1]))
                   | (lines_before[1:] != lines_before[:-1]))
        if cell is not None:
            _split_at_cells(brk, cell, k, b, h)
    starts = np.nonzero(brk)[0]
    # a space drawn across a column or tab-stop gap (two em or more) reads as two spaces: a hard gap
    wide = np.zeros(n, dtype=bool)
    if len(k) > 1:
        far = ~brk[1:] & (k[1:] - k[:-1] > 1) & (b[1:, 0] - b[:-1, 2] > 2 * np.minimum(h[1:], h[:-1]))
        wide[k[1:][far] - 1] = True
    x0 = np.minimum.reduceat(b[:, 0], starts)
    y0 = np.minimum.reduceat(b[:, 1], starts)
    x1 = np.maximum.reduceat(b[:, 2], starts)
    y1 = np.maximum.reduceat(b[:, 3], starts)
    ends = np.append(starts[1:], len(k)) - 1
    first, last = k[starts], k[ends]
    tab = str.maketrans({"\t": " ", "\xa0": " "})
    parts: list[tuple[str, Any, Box]] = []
    for s, e, bx0, by0, bx1, by1 in zip(first.tolist(), last.tolist(), x0.tolist(), y0.tolist(),
                                        x1.tolist(), y1.tolist(), strict=True):
        piece = text[s:e + 1]
        seg_boxes = boxes[s:e + 1]
        if wide[s:e + 1].any():
            twice = np.flatnonzero(wide[s:e + 1])
            piece = "".join(c + (" " if j in set(twice.tolist()) else "") for j, c in enumerate(piece))
            seg_boxes = np.insert(seg_boxes, twice + 1, np.nan, axis=0)
        if "\x00" in piece:
            keep = np.asarray([c != "\x00" for c in piece])
            piece = piece.replace("\x00", "")
            seg_boxes = seg_boxes[keep]
        parts.append((piece.translate(tab), seg_boxes, (bx0, by0, bx1, by1)))
    if cell is None:
        return _lines(parts, space_gap)
    part_cell = [int(np.bincount(cell[s:e + 1] + 1).argmax()) - 1
                 for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    free = [p for p, c in zip(parts, part_cell, strict=True) if c < 0]
    in_cells: dict[int, list[tuple[str, Any, Box]]] = {}
    for p, c in zip(parts, part_cell, strict=True):
        if c >= 0:
            in_cells.setdefault(c, []).append(p)
    keyed = [((ln.top + ln.bottom) / 2, 0, ln) for ln in _lines(free, space_gap)]
    keyed += _table_lines(tables, in_cells, space_gap)
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [ln for _, _, ln in keyed]


def _split_at_cells(brk: Any, cell: Any, k: Any, b: Any, h: Any) -> None:
    """Break runs that cross table cells, at the word gap (a space, or a gap between glyphs)
    nearest to where the characters' cell changes: text drawn a little left of its cell's border
    stays with its words (each run then goes to the cell most of its characters are in)."""
    np = _np()
    change = np.zeros(len(k), dtype=bool)
    change[1:] = (cell[1:] != cell[:-1]) & ~brk[1:]
    if not change.any():
        return
    gap = np.zeros(len(k), dtype=bool)
    gap[1:] = (k[1:] - k[:-1] > 1) | (b[1:, 0] - b[:-1, 2] > 0.15 * np.minimum(h[1:], h[:-1]))
    run = np.cumsum(brk)
    for j in np.nonzero(change)[0].tolist():
        same = np.nonzero(gap & (run == run[j]))[0]
        brk[int(same[np.abs(same - j).argmin()]) if len(same) else j] = True


def _lines(parts: list[tuple[str, Any, Box]], space_gap: float) -> list[Line]:
    return [ln for row in group_rows([p[2] for p in parts])
            if (ln := _make_line([parts[i] for i in row], space_gap)) is not None]


def _cell_of(b: Any, tables: Sequence[Table]) -> Any:
    """For each character box, the index of the table cell its centre lies in (-1: none); cells are
    numbered across `tables`, rows and columns in order."""
    np = _np()
    cx = (b[:, 0] + b[:, 2]) / 2
    cy = (b[:, 1] + b[:, 3]) / 2
    out = np.full(len(b), -1, dtype=np.int64)
    i = 0
    for table in tables:
        for row in table:
            for c in row:
                if c is not None:
                    inside = (cx >= c[0]) & (cx < c[2]) & (cy >= c[1]) & (cy < c[3]) & (out < 0)
                    out[inside] = i
                i += 1
    return out


def _table_lines(tables: Sequence[Table], in_cells: dict[int, list[tuple[str, Any, Box]]],
                 space_gap: float) -> list[tuple[float, int, Line]]:
    """Table rows as lines: cells separated by a TAB, each merged cell once, a cell's lines joined
    where they only wrap at its right border. As in office documents (`text.table_rows`), a body of
    paragraphs in the row's last filled cell follows as lines of its own under the row's label.
    Each line comes with its place on the page: the top of its row, then its order in the row."""
    np = _np()
    out: list[tuple[float, int, Line]] = []
    tab_box = np.full((1, 4), np.nan, dtype=np.float32)
    i = 0
    for table in tables:
        for row in table:
            row_top = min((c[1] for c in row if c is not None), default=0.0)
            seq = 0
            cells: list[list[Line]] = []
            for c in row:
                if c is not None:
                    lines = _lines(in_cells.get(i, []), space_gap)
                    right = c[2] - 0.2 * (lines[0].em if lines else 0)
                    cells.append(_paragraphs(lines, right, c[0]))
                i += 1
            filled = [j for j, p in enumerate(cells) if p]
            if not filled:
                continue
            multi = [j for j in filled if len(cells[j]) > 1]
            body: list[Line] = []
            if len(multi) == 1 and multi[0] == filled[-1]:
                body = cells[multi[0]]
                cells = cells[:multi[0]]
            else:
                cells = [[_join(p, " ")] if len(p) > 1 else p for p in cells]
            last = max((j for j, p in enumerate(cells) if p), default=-1)
            if last >= 0:
                texts: list[str] = []
                arrays: list[Any] = []
                for j, p in enumerate(cells[:last + 1]):
                    if j:
                        texts.append("\t")
                        arrays.append(tab_box)
                    if p:
                        texts.append(p[0].text)
                        arrays.append(p[0].boxes)
                made = [p[0] for p in cells if p]
                out.append((row_top, seq, Line("".join(texts), np.concatenate(arrays), min(m.x0 for m in made),
                                                min(m.top for m in made), max(m.x1 for m in made),
                                                max(m.bottom for m in made), made[0].em, table=True)))
                seq += 1
            for para in body:
                para.table = True
                out.append((row_top, seq, para))
                seq += 1
    return out


def _paragraphs(lines: list[Line], right: float, left: float) -> list[Line]:
    """A cell's lines, those that only wrap at its right border joined into one."""
    out: list[Line] = []
    for line in lines:
        if out:
            kind = wrap_kind(out[-1], line, right, left)
            if kind is not None:
                latin = _LATIN.match(out[-1].text[-1]) and _LATIN.match(line.text[0])
                out[-1] = _join([out[-1], line], " " if kind == "word" or latin else "")
                continue
        out.append(line)
    return out


def _join(lines: list[Line], sep: str) -> Line:
    np = _np()
    texts: list[str] = []
    arrays: list[Any] = []
    for j, ln in enumerate(lines):
        if j and sep:
            texts.append(sep)
            arrays.append(np.full((len(sep), 4), np.nan, dtype=np.float32))
        texts.append(ln.text)
        arrays.append(ln.boxes)
    return Line("".join(texts), np.concatenate(arrays), min(ln.x0 for ln in lines), min(ln.top for ln in lines),
                max(ln.x1 for ln in lines), max(ln.bottom for ln in lines), lines[0].em, lines[0].gap,
                lines[0].gap_at, lines[0].table)


def _page_right(lines: Sequence[Line]) -> float | None:
    """The rightmost line end on a page that another body line shares (within an em)."""
    ends = sorted((ln.x1 for ln in lines if not ln.table), reverse=True)
    ems = sorted(ln.em for ln in lines if not ln.table)
    if len(ends) < 2:
        return None
    em = ems[len(ems) // 2]
    for i, x in enumerate(ends[:-1]):
        if ends[i + 1] >= x - em:
            return x
    return None


def right_edges(pages: Sequence[tuple[Sequence[Line], float | None]]) -> list[float | None]:
    """Where a full line of body text ends, for each page (its lines, its width): the rightmost line
    end that two lines share, over all pages of that width, if it is near the left margin mirrored
    (a page of short lines only, all alike, has no full line: its lines are not joined)."""
    best: dict[float | None, float] = {}
    for lines, width in pages:
        r = _page_right(lines)
        body = [ln for ln in lines if not ln.table]
        if r is None or not body:
            continue
        key = round(width) if width else None
        if width:
            em = sorted(ln.em for ln in body)[len(body) // 2]
            mirrored = width - min(ln.x0 for ln in body)
            if r < mirrored - max(2 * em, 0.04 * width):
                continue
        best[key] = max(best.get(key, -math.inf), r)
    return [best.get(round(width) if width else None) for _, width in pages]


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3000 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or o >= 0x20000


def _span_width(line: Line, start: int, end: int) -> float:
    np = _np()
    b = line.boxes[start:end]
    b = b[~np.isnan(b[:, 0])]
    return float(b[:, 2].max() - b[:, 0].min()) if len(b) else line.em


def _first_tokens(line: Line) -> tuple[float, float]:
    """What a wrap before `line` would have had to fit: its first character (or Latin word), as
    a layout that breaks anywhere in CJK text sees it; and, when the line starts with a Latin word or
    a number up to a space, that word, as a layout that breaks at spaces sees it."""
    m = re.match(r"[、，。,.;；:：)）」』]?[A-Za-z0-9À-ɏ'’\-]+|\S", line.text)
    char = _span_width(line, m.start(), m.end()) if m else line.em
    space = line.text.find(" ")
    first = line.text[:space] if space > 0 else line.text
    if any(_is_cjk(c) for c in first) and not _is_list(line):  # CJK text breaks anywhere: no word
        return char, char
    return char, max(char, _span_width(line, 0, len(first)) + 0.5 * line.em)


def _is_list(line: Line) -> bool:
    """A list of short items set apart by spaces (names: 邱臣遠 陳歐珀 溫玉霞 ...)."""
    words = line.text.split()
    return len(words) >= 4 and sum(len(w) for w in words) <= 6 * len(words)


def wrap_kind(a: Line, b: Line, right: float, left: float) -> str | None:
    """How line `b` continues line `a`, if `a` ended only because it reached the right margin:
    "char" (a break inside a run of CJK text or a word) or "word" (a break at a space: the next word
    did not fit), else None. `a` does not end a sentence and is body text, not a short right-aligned
    line; `b` follows right below, in the same type size, and starts no item or heading."""
    if a.table or b.table or not a.text or not b.text:
        return None
    em = max(a.em, b.em, 1e-3)
    if abs(a.em - b.em) > 0.35 * em or a.x1 - a.x0 < 0.6 * (right - left):
        return None
    gap = b.top - a.bottom
    if gap < -0.3 * em or gap > 1.0 * em or b.x0 > a.x1:
        return None
    if _ENDS_SENTENCE.search(a.text) or _MARKER.match(b.text):  # a heading or a new paragraph may follow
        return None
    if a.gap > 2 * em and b.gap > 2 * em and a.gap_at[0] < b.gap_at[1] and b.gap_at[0] < a.gap_at[1]:
        return None  # columns: a gutter down both lines (a label and its value, a table without rules)
    room = right - a.x1
    char, word = _first_tokens(b)
    if _is_list(b) and _is_list(a):
        # a list wraps at a space: room for a character left means the break was at a space
        if room < 0.9 * char:
            return "char"
        return "word" if room < word + 0.75 * em else None
    if room < char + 0.75 * em:
        return "char"
    if room < word + 0.75 * em:
        return "word"
    return None


def wraps_into(a: Line, b: Line, right: float, left: float) -> bool:
    """Whether line `b` continues line `a` (see `wrap_kind`)."""
    return wrap_kind(a, b, right, left) is not None


def finish_page(lines: Sequence[Line], right: float | None = None) -> PageText:
    """Lines in order into the page text: a newline between lines, nothing (CJK) or a space (Latin
    words) where a line only wraps into the next (see `wraps_into`; `right`: where full lines end,
    from `right_edges`; None: no line is joined)."""
    np = _np()
    if not lines:
        return PageText("", np.zeros((0, 4), dtype=np.float32))
    left = min(ln.x0 for ln in lines)
    texts: list[str] = []
    arrays: list[Any] = []
    sep = np.full((1, 4), np.nan, dtype=np.float32)
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            kind = wrap_kind(prev, line, right, left) if right is not None else None
            if kind is not None:
                # a break at a space, or between Latin words, keeps a space; CJK text runs on
                if kind == "word" or (_LATIN.match(prev.text[-1]) and _LATIN.match(line.text[0])):
                    texts.append(" ")
                    arrays.append(sep)
            else:
                texts.append("\n")
                arrays.append(sep)
        texts.append(line.text)
        arrays.append(line.boxes)
    return PageText("".join(texts), np.concatenate(arrays).astype(np.float32, copy=False))


def finish_pages(pages: Sequence[tuple[Sequence[Line], float | None]]) -> list[PageText]:
    """Each page's lines (and width) into its text, lines wrapped at the document's margin joined."""
    return [finish_page(lines, right) for (lines, _), right in zip(pages, right_edges(pages), strict=True)]


class BoxMap:
    """One box per character of a `Document`'s text, packed as float32 (NaN: no box)."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data = array("f")

    def __len__(self) -> int:
        return len(self._data) // 4

    def extend(self, boxes: Iterable[Box | None] | Any) -> None:
        data = self._data
        if hasattr(boxes, "dtype"):  # a numpy (n, 4) array, NaN rows for no box
            data.frombytes(boxes.astype("float32", copy=False).tobytes())  # type: ignore[union-attr]
            return
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

    def union(self, start: int, end: int) -> Box | None:
        """The box around the characters in [start, end) that have one."""
        np = _np()
        start, end = max(start, 0), min(end, len(self))
        if end <= start:
            return None
        a = np.frombuffer(self._data, dtype=np.float32, count=4 * end, offset=0)[4 * start:].reshape(-1, 4)
        a = a[~np.isnan(a[:, 0])]
        if not len(a):
            return None
        return (float(a[:, 0].min()), float(a[:, 1].min()), float(a[:, 2].max()), float(a[:, 3].max()))

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
    at = pos if pos < end else start
    pages = doc.pages
    k = bisect_right([p.start for p in pages], at) - 1 if len(pages) > 8 else -1
    info = None
    if k >= 0 and pages[k].start <= at < pages[k].end:
        info = pages[k]
    else:
        info = next((p for p in pages if p.start <= at < p.end), None)
    page = info.number if info is not None else None
    boxes: BoxMap | None = getattr(doc, "char_boxes", None)
    if boxes is None or info is None:
        return page, None
    b = boxes.union(pos, min(end, info.end))
    if b is None:
        return page, None
    return page, (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))


def iter_mentions(obj: object) -> Iterator[BaseModel]:
    """Every `Mention` inside a model, lists and dicts included (depth first, in field order)."""
    from pydantic import BaseModel

    from pipeline.models import Mention

    containers = (BaseModel, list, tuple, dict)
    stack: list[object] = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, BaseModel):
            if isinstance(o, Mention):
                yield o
            values: Iterable[object] = o.__dict__.values()
        elif isinstance(o, dict):
            values = o.values()
        else:
            values = o  # type: ignore[assignment]
        stack.extend(reversed([v for v in values if isinstance(v, containers)]))


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
