"""The one carrier through the pipeline: text as extracted, plus views for matching.

`text` is never rewritten. Rules match on `folded` (same length as `text`) or on `compact`
(folded, without whitespace, zero-width marks, converter list markers and page-number lines),
and every match is mapped back to a `[start, end)` span of `text`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from operator import add
from typing import TYPE_CHECKING, Any

from pipeline.fold import INVISIBLE, fold
from pipeline.models import PageInfo, SourceInfo

if TYPE_CHECKING:
    from pipeline.ingest.layout import BoxMap

# A line that is only layout: a page number, "1 / 3", "1 de 4", "- 2 -", "第 3 頁", "Page 2".
_ENDS_SENTENCE = re.compile(r"[。；;！!？?][」』)）]?$")
_EDGE_LINES = 4  # lines at the top and at the bottom of a page where running headers and footers are
# (searched over the whole text at once: a blank is any whitespace but the line break, and ^ and $
# stand at each line's ends)
_NOISE_LINE = re.compile(
    r"^[^\S\n]*(?:[-–—]?[^\S\n]*\d{1,4}[^\S\n]*[-–—]?|\d{1,4}[^\S\n]*/[^\S\n]*\d{1,4}|\d{1,4}[^\S\n]+de[^\S\n]+\d{1,4}"
    r"|第[^\S\n]*\d{1,4}[^\S\n]*頁(?:[^\S\n]*[,，/]?[^\S\n]*共[^\S\n]*\d{1,4}[^\S\n]*頁)?"
    r"|[Pp]age[^\S\n]*\d{1,4}(?:[^\S\n]*of[^\S\n]*\d{1,4})?)[^\S\n]*$",
    re.M,
)
_INVISIBLE_CHAR = re.compile(f"[{re.escape(''.join(sorted(INVISIBLE)))}]")
# fold() maps every invisible character to an invisible one, so a run of visible characters in
# the folded view is visible in the text too and need not be searched for invisible ones
_FOLD_KEEPS_INVISIBLE = all(fold(c) in INVISIBLE for c in INVISIBLE)
# HTML a page's export leaves inside the text: line breaks, paragraph and cell tags, entities
_HTML_TAG = re.compile(r"</?(?:br|p|div|span|td|tr|th|b|strong|font|li|ul|ol|u|i|em)\b[^<>]{0,200}>|&(?:nbsp|amp|lt|gt);",
                       re.IGNORECASE)
# Markup a converter adds at the start of a line: markdown quotes (> > >), bullets and headings.
_MARKUP_BLANK = "[ \t\u3000]"
_BULLETS = "-*+•●▪・"
_LINE_MARKUP = re.compile(f"^{_MARKUP_BLANK}*(?:>{_MARKUP_BLANK}*)*(?:(?:[{re.escape(_BULLETS)}]|#{{1,6}}){_MARKUP_BLANK}+)?",
                          re.M)
# the lines that may open with such markup (the first mark after the blanks); on any other line
# the markup is blanks only, which the compact view drops anyway
_MARKUP_LEAD = re.compile(f"^{_MARKUP_BLANK}*[>#{re.escape(_BULLETS)}]", re.M)


def _furniture_key(line: str) -> str:
    """A line as page furniture compares: NFKC, no whitespace, every number one '#'."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", unicodedata.normalize("NFKC", line)))


def _merge_near_keys(keyed: dict[str, list[int]]) -> None:
    """Join the groups of keys that differ by a character or two in ten (OCR noise), in place."""
    from difflib import SequenceMatcher

    keys = sorted(keyed, key=len, reverse=True)
    for i, a in enumerate(keys):
        if a not in keyed:
            continue
        for b in keys[i + 1:]:
            if b in keyed and len(b) >= 0.8 * len(a) and SequenceMatcher(None, a, b).ratio() >= 0.85:
                keyed[a].extend(keyed.pop(b))
        keyed[a].sort()


_SPACED_PAIR = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
_TABLE_COLUMN_GAP = re.compile(r"\S[ \u3000]{2,}(?=\S)")
_TIGHT_PAIR = re.compile(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])")


_ATX = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+\S")
_SETEXT = re.compile(r"[ ]{0,3}(=+|-+)[ \t]*")
_NOT_SETEXT = re.compile(r"[ \t]{4}|[ ]{0,3}[-*+][ \t]|[ ]{0,3}\d{1,9}[.)][ \t]")


class GapKind:
    NONE = 0  # characters adjacent in the text
    SOFT = 1  # a single space, or a line wrapped mid-sentence
    HARD = 2  # a column gap, an ideographic space, a line that ended a short entry


@dataclass
class Document:
    text: str
    source: SourceInfo
    pages: list[PageInfo] = field(default_factory=list)
    # one box per character of `text` for PDF and OCR input (see pipeline.ingest.layout.locate)
    char_boxes: BoxMap | None = field(default=None, repr=False, compare=False)

    # ---- views -------------------------------------------------------------------------
    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of every line, without its newline."""
        lengths = list(map(len, self.text.split("\n")))
        # each line starts one past the end of the one before (the sums run in C, not a step per line)
        starts = list(accumulate(map((1).__add__, lengths[:-1]), initial=0))
        return list(zip(starts, map(add, starts, lengths), strict=True))

    @cached_property
    def noise_lines(self) -> set[int]:
        """Indexes of lines that are page furniture, kept out of the matching views (they stay in
        `text`): page numbers ("3", "- 3 -", "1 / 3", "第 3 頁 共 5 頁", "Page 3"), and running
        headers and footers, lines that recur at the top or bottom of pages (digits aside, so "第 28
        屆第 1 次理監事會議" on every page is one line; for OCR'd pages nearly the same text). The
        first occurrence of a running line is kept: it is often the minutes' title. In a document of
        several pages a page number counts only at a page's top or bottom; a text without pages (a
        converter's output) has them inline, anywhere."""
        lines, text = self.lines, self.text
        paged = len(self.pages) > 1
        edge: set[int] = set()  # the first and last few non-empty lines of each page
        if paged:
            for p in self.pages:
                first, last = self.line_of(p.start), self.line_of(max(p.start, p.end - 1))
                filled = [i for i in range(first, last + 1) if lines[i][1] > lines[i][0]
                          and text[lines[i][0]:lines[i][1]].strip()]
                edge.update(filled[:_EDGE_LINES])
                edge.update(filled[-_EDGE_LINES:])
        page_numbers = {i for i in map(self.line_of, (m.start() for m in _NOISE_LINE.finditer(text)))
                        if not paged or i in edge}
        if not paged:
            return page_numbers
        keyed: dict[str, list[int]] = {}
        for i in sorted(edge - page_numbers):
            s, e = lines[i]
            if "\t" in text[s:e]:  # a table row repeats (a total line), it is no running header
                continue
            key = _furniture_key(text[s:e])
            # not a sentence of the minutes that happens to start two pages (決議：照案通過。)
            if len(key.replace("#", "")) >= 2 and not _ENDS_SENTENCE.search(key):
                keyed.setdefault(key, []).append(i)
        if any(p.method == "ocr" for p in self.pages):  # OCR reads a running header differently each time
            _merge_near_keys(keyed)
        furniture: set[int] = set()
        for idxs in keyed.values():
            if len({self.page_of(lines[i][0]) for i in idxs}) > 1:
                furniture.update(idxs[1:])
        return page_numbers | furniture

    @cached_property
    def _compact(self) -> tuple[str, list[int]]:
        folded = self.folded
        chars: list[str] = []
        index: list[int] = []
        lines = self.lines
        done = 0  # the lines before this one are read
        for i in self._lines_read_alone():
            if done < i:
                self._read_plain(lines[done][0], lines[i - 1][1], chars, index)
            done = i + 1
            if i in self.noise_lines:
                continue
            s, e = lines[i]
            m = _LINE_MARKUP.match(folded, s, e)
            pos = m.end() if m else s
            if folded.find("**", pos, e) == -1:
                # HTML tags a page's export left in the text (…會議室<br />, &nbsp;) are not visible
                last = pos
                for tag in _HTML_TAG.finditer(folded, pos, e):
                    self._read_plain(last, tag.start(), chars, index)
                    last = tag.end()
                self._read_plain(last, e, chars, index)
                continue
            while pos < e:
                ch = folded[pos]
                if ch == "*" and pos + 1 < e and folded[pos + 1] == "*":
                    pos += 2  # markdown bold
                    continue
                if ch not in INVISIBLE and self.text[pos] not in INVISIBLE:
                    chars.append(ch)
                    index.append(pos)
                pos += 1
        if done < len(lines):
            self._read_plain(lines[done][0], lines[-1][1], chars, index)
        return "".join(chars), index

    def _lines_read_alone(self) -> list[int]:
        """The lines the compact view reads one by one, ascending: page furniture (left out), lines
        that open with markup, and lines with markdown bold or HTML. Every other line is plain text,
        and a run of plain lines is read at once (its line breaks are invisible)."""
        folded = self.folded
        alone = set(self.noise_lines)
        alone.update(self.line_of(m.start()) for m in _MARKUP_LEAD.finditer(folded))
        for mark in ("**", "<", "&"):
            k = folded.find(mark)
            while k != -1:
                line = self.line_of(k)
                alone.add(line)
                k = folded.find(mark, self.lines[line][1])
        return sorted(alone)

    def _read_plain(self, start: int, end: int, chars: list[str], index: list[int]) -> None:
        """Add what is visible of text[start:end] to the compact view: the characters visible in
        its folded view (and in the text, where folding could make an invisible one visible)."""
        if start >= end:
            return
        piece = self.folded[start:end]
        kept, visible = _visible(piece, start)
        if not _FOLD_KEEPS_INVISIBLE:
            kept = [k for k in kept if self.text[k] not in INVISIBLE]
            visible = "".join(piece[k - start] for k in kept)
        index.extend(kept)
        chars.append(visible)

    @cached_property
    def compact(self) -> str:
        return self._compact[0]

    @cached_property
    def compact_index(self) -> list[int]:
        return self._compact[1]

    # ---- offsets -----------------------------------------------------------------------
    def span(self, cstart: int, cend: int) -> tuple[int, int]:
        """A span of `compact` as a span of `text`."""
        idx = self.compact_index
        if cend <= cstart:
            p = idx[cstart] if cstart < len(idx) else len(self.text)
            return p, p
        return idx[cstart], idx[cend - 1] + 1

    def to_compact(self, pos: int) -> int:
        """The first compact position at or after text offset `pos`."""
        return bisect_left(self.compact_index, pos)

    def compact_span(self, span: tuple[int, int]) -> tuple[int, int]:
        """A span of `text` as a span of `compact` (from the first compact char at or after its start)."""
        return self.to_compact(span[0]), self.to_compact(span[1])

    def to_compact_end(self, pos: int) -> int:
        """The compact position just past the last compact char before text offset `pos`."""
        return bisect_right(self.compact_index, pos - 1)

    def line_of(self, pos: int) -> int:
        starts = self._line_starts
        return max(0, bisect_right(starts, pos) - 1)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [s for s, _ in self.lines]

    @cached_property
    def compact_lines(self) -> list[tuple[int, int]]:
        """Every line as compact offsets: (to_compact(start), to_compact(end)). A line break is
        never in the compact view, so a line's end maps where the next line's start does."""
        index = self.compact_index
        starts = [bisect_left(index, s) for s, _ in self.lines]
        return list(zip(starts, [*starts[1:], len(index)], strict=True))

    @cached_property
    def compact_line_starts(self) -> list[int]:
        """The compact offset of every line's first character, ascending (blank lines share one)."""
        return sorted({cs for cs, _ in self.compact_lines})

    def compact_line_start(self, pos: int) -> int:
        """The compact offset where the line holding compact offset `pos` starts."""
        starts = self.compact_line_starts
        return starts[max(0, bisect_right(starts, pos) - 1)]

    @cached_property
    def compact_line_start_set(self) -> frozenset[int]:
        return frozenset(self.compact_line_starts)

    @cached_property
    def _wrap_width(self) -> int:
        """A typical full line length: lines this long were probably wrapped by layout."""
        lengths = sorted(len(self.text[s:e].strip()) for s, e in self.lines if e - s > 0)
        if not lengths:
            return 0
        return lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0]

    def breaks_line(self, ci: int) -> bool:
        """Does a line end between compact chars ci-1 and ci (a roster's entry on the next line, a
        name wrapped onto it)?"""
        idx = self.compact_index
        return 0 < ci < len(idx) and "\n" in self.text[idx[ci - 1]:idx[ci]]

    def markdown_level(self, i: int) -> int | None:
        """The level of a markdown heading on line i: its #s, or 1 and 2 for a line underlined by
        === and --- (CommonMark's ATX and setext headings); None for any other line."""
        if i < self._front_matter_end:
            return None  # (--- / tags: … / ---: a page's front matter, not its text)
        s, e = self.lines[i]
        raw = self.text[s:e]
        atx = _ATX.match(raw)
        if atx is not None:
            return len(atx.group(1))
        # (a list entry or an indented line above --- is no heading: the --- is a rule)
        if i + 1 < len(self.lines) and raw.strip() and not _SETEXT.fullmatch(raw) and not _NOT_SETEXT.match(raw):
            s, e = self.lines[i + 1]
            under = _SETEXT.fullmatch(self.text[s:e])
            if under is not None and len(under.group(1)) >= 3:
                return 1 if under.group(1)[0] == "=" else 2
        return None

    @cached_property
    def _front_matter_end(self) -> int:
        """The line after a YAML front matter's closing --- (a static site's or HackMD's page), else 0."""
        if not self.lines or self.text[slice(*self.lines[0])].strip() != "---":
            return 0
        for k in range(1, min(len(self.lines), 60)):
            if self.text[slice(*self.lines[k])].strip() == "---":
                return k + 1
        return 0

    def gap(self, ci: int) -> int:
        """What separates compact chars ci-1 and ci in the text (a GapKind)."""
        idx = self.compact_index
        if 0 < ci < len(idx) and idx[ci - 1] + 1 == idx[ci]:
            return GapKind.NONE  # the common case, answered without the cache
        known = self._gaps.get(ci)
        if known is None:
            known = self._gaps[ci] = self._gap(ci)
        return known

    @cached_property
    def _gaps(self) -> dict[int, int]:
        return {}  # the extractors ask the same positions many times

    def _gap(self, ci: int) -> int:
        idx = self.compact_index
        if ci <= 0 or ci >= len(idx):
            return GapKind.HARD
        a, b = idx[ci - 1] + 1, idx[ci]
        if a == b:
            return GapKind.NONE
        between = self.text[a:b]
        if "\u3000" in between or "\t" in between or "  " in between.replace("\n", ""):
            if "\n" not in between:
                return GapKind.HARD
        if "\n" in between:
            return GapKind.SOFT if self._wraps(self.line_of(idx[ci - 1])) else GapKind.HARD
        if between.strip(" ") == "" and len(between) <= 1:
            if self._letter_spaced(self.line_of(idx[ci - 1])):
                return GapKind.NONE  # 主 席 : 傅 勝 利 校 長: a line with a space after every character
            return GapKind.SOFT
        return GapKind.HARD

    def _wraps(self, line: int) -> bool:
        """Did the layout wrap this line (its break is no break in the writing)? The line is
        nearly full, is not a table row, and does not end a sentence; otherwise the line break
        ends an entry. Kept by line: every break after the line asks the same."""
        known = self._wrapped_lines.get(line)
        if known is None:
            ls, le = self.lines[line]
            text = self.text[ls:le].strip()
            table_row = len(_TABLE_COLUMN_GAP.findall(text)) >= 2
            known = self._wrapped_lines[line] = bool(
                text and text[-1] not in "。；;:：!?！？" and not table_row
                and len(text) >= max(8, int(self._wrap_width * 0.75)))
        return known

    @cached_property
    def _wrapped_lines(self) -> dict[int, bool]:
        return {}

    def spaced_at(self, ci: int) -> bool:
        """Is compact char ci set apart by a space in a letter-spaced line (where gap() sees none)?"""
        idx = self.compact_index
        return 0 < ci < len(idx) and self.text[idx[ci - 1] + 1:idx[ci]] == " " \
            and self._letter_spaced(self.line_of(idx[ci - 1]))

    def _letter_spaced(self, line: int) -> bool:
        """Is the line set with a space between characters (a PDF's justified or spaced type
        transcribed): most neighbouring CJK characters stand one space apart."""
        known = self._spaced_lines.get(line)
        if known is None:
            s, e = self.lines[line]
            raw = self.text[s:e]
            spaced = len(_SPACED_PAIR.findall(raw))
            tight = len(_TIGHT_PAIR.findall(raw))
            known = self._spaced_lines[line] = spaced >= 8 and spaced >= 3 * tight
        return known

    @cached_property
    def _spaced_lines(self) -> dict[int, bool]:
        return {}

    def page_of(self, pos: int) -> int | None:
        for p in self.pages:
            if p.start <= pos < p.end:
                return p.number
        return None


# a piece of text at least this long has its visible characters found by numpy, in bulk (one
# array operation instead of a Python step per character; a short piece is not worth the set-up)
_BULK_VISIBLE = 256


def _visible(piece: str, start: int) -> tuple[list[int], str]:
    """The offsets (from `start`) of the characters of `piece` that are not INVISIBLE, and those
    characters."""
    if len(piece) < _BULK_VISIBLE:
        kept = [k for k, ch in enumerate(piece, start) if ch not in INVISIBLE]
        return kept, piece if len(kept) == len(piece) else _INVISIBLE_CHAR.sub("", piece)
    import numpy as np

    codes = np.frombuffer(piece.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # (every invisible character is in the BMP: a code point past it reads as U+FFFF, visible)
    visible = _visible_table()[np.minimum(codes, 0xFFFF)]
    text: str = codes[visible].tobytes().decode("utf-32-le", "surrogatepass")
    return (np.flatnonzero(visible) + start).tolist(), text


@lru_cache(maxsize=1)
def _visible_table() -> Any:
    """A bool per BMP code point: is it visible (not INVISIBLE)?"""
    import numpy as np

    table = np.ones(0x10000, dtype=bool)
    table[[ord(c) for c in INVISIBLE]] = False
    return table


def compact_range(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The compact offsets covering text[start:end]."""
    return doc.to_compact(start), doc.to_compact(end)


def as_written(doc: Document, cstart: int, cend: int) -> str:
    """The characters of a compact range as a reader reads them: the text's own characters (台
    stays 台), compatibility ideographs and full-width forms in their plain form (NFKC), no
    whitespace or markup."""
    idx = doc.compact_index
    if cstart < cend <= len(idx) and idx[cend - 1] - idx[cstart] == cend - 1 - cstart:
        # no whitespace or markup inside: the characters stand together in the text
        return unicodedata.normalize("NFKC", doc.text[idx[cstart]:idx[cend - 1] + 1])
    return unicodedata.normalize("NFKC", "".join(doc.text[i] for i in idx[cstart:cend]))
