"""What a statistical model reads, and the way back to `Document.text` offsets.

The model view is the document's compact view (no whitespace, page-number lines or list markup)
in the original characters (CJK compatibility ideographs normalised, since model vocabularies
lack them), with a sentence mark inserted where the layout separates two entries (a line that
ended a short entry, a column gap), so that `主席: 陳志銘` and the next line do not run together.
Lines wrapped mid-sentence are joined, which mends words and names split across lines.
The view is cut into chunks of about `max_chars` characters at sentence ends: CKIP pads every
input of a call to the longest one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pipeline.document import Document, GapKind
from pipeline.fold import INVISIBLE

SEPARATOR = "。"
SENTENCE_ENDS = frozenset("。．.；;！!？?")
SOFT_ENDS = frozenset("，,、：:」』）)")
NO_SEPARATOR_AFTER = SENTENCE_ENDS | SOFT_ENDS | frozenset("「『（(")
DEFAULT_CHUNK = 250


def model_char(ch: str) -> str:
    """The character a model reads for `ch` (one character)."""
    o = ord(ch)
    if 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F:
        n = unicodedata.normalize("NFKC", ch)
        if len(n) == 1:
            return n
    return ch


@dataclass(frozen=True)
class Entity:
    """A model's entity, grounded: `text == doc.text[start:end]`."""

    label: str
    start: int
    end: int
    text: str
    name: str  # the entity's characters as the model read them, without layout
    vstart: int  # view offsets, for checks against word boundaries
    vend: int


@dataclass
class ModelView:
    chars: str
    index: list[int]  # text offset of every view char; -1 for an inserted separator
    chunks: list[tuple[int, int]]

    def chunk_texts(self) -> list[str]:
        return [self.chars[a:b] for a, b in self.chunks]

    def entity(self, doc: Document, label: str, vstart: int, vend: int) -> Entity | None:
        """Map view offsets [vstart, vend) to a grounded entity; None when it crosses a separator."""
        while vstart < vend and self.index[vstart] < 0:
            vstart += 1
        while vend > vstart and self.index[vend - 1] < 0:
            vend -= 1
        if vend <= vstart or any(self.index[i] < 0 for i in range(vstart, vend)):
            return None
        start, end = self.index[vstart], self.index[vend - 1] + 1
        return Entity(label=label, start=start, end=end, text=doc.text[start:end],
                      name=self.chars[vstart:vend], vstart=vstart, vend=vend)


def build_view(doc: Document, max_chars: int = DEFAULT_CHUNK) -> ModelView:
    text = doc.text
    chars: list[str] = []
    index: list[int] = []
    for ci, pos in enumerate(doc.compact_index):
        ch = text[pos]
        if ch in INVISIBLE:  # cannot happen in the compact view; kept as a guard
            continue
        if ci and chars and chars[-1] not in NO_SEPARATOR_AFTER and doc.gap(ci) == GapKind.HARD:
            chars.append(SEPARATOR)
            index.append(-1)
        chars.append(model_char(ch))
        index.append(pos)
    view = "".join(chars)
    return ModelView(chars=view, index=index, chunks=chunk_bounds(view, max_chars))


def chunk_bounds(view: str, max_chars: int = DEFAULT_CHUNK) -> list[tuple[int, int]]:
    """Cut `view` into pieces of at most `max_chars`, preferably after a sentence end."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    out: list[tuple[int, int]] = []
    start, n = 0, len(view)
    while start < n:
        if n - start <= max_chars:
            out.append((start, n))
            break
        limit = start + max_chars
        floor = start + max_chars // 2
        cut = _last_after(view, floor, limit, SENTENCE_ENDS)
        if cut is None:
            cut = _last_after(view, floor, limit, SOFT_ENDS)
        if cut is None:
            cut = limit
        out.append((start, cut))
        start = cut
    return out


def _last_after(view: str, lo: int, hi: int, marks: frozenset[str]) -> int | None:
    for i in range(hi - 1, lo - 1, -1):
        if view[i] in marks:
            return i + 1
    return None
