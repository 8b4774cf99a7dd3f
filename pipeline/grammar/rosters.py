"""A list value (a roster, a header field's value) cut into entries: at 、 , ; and, inside those, at
whitespace where the pieces are entries of their own (王大明 李小華) but not where a spaced layout
split one entry (科 長 鮑夏明, 陳 市 長, 廖婉君委\\n員); each entry is then read by
`pipeline.grammar.entries`, whose reading of a piece also decides here how well it reads as one
entry.

Everything runs on the compact view (folded, no whitespace); offsets are compact offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.chars import NAME_DOTS, is_cjk
from pipeline.grammar.entries import SEAT_CODE, core
from pipeline.grammar.names import LATIN_RUN, Names, latin, unit_like
from pipeline.grammar.titles import find_titles
from pipeline.lexicon import Lexicon

_NOTES = re.compile(r"\(([^()]+)\)")


# what one more entry costs when whitespace-separated pieces are glued into entries: a spaced
# layout (鄭 校長 元順) reads as one entry unless two entries read clearly better
ENTRY_COST = 0.5
# and what gluing pieces across a line break costs (a wrapped entry, 廖婉君委\n員, still glues)
NEWLINE_GLUE_COST = 0.4


def split_entries(comp: str, a: int, b: int, gap: Callable[[int], int], lex: Lexicon,
                  names: Names, newline: Callable[[int], bool] | None = None) -> list[tuple[int, int]]:
    """A list value cut into entries: at 、 , ; and, inside those, at whitespace where the
    pieces are entries of their own (王大明 李小华) but not where a spaced layout split one
    entry (科 長 鮑夏明, 陳 市 長, 廖婉君委\\n員). `gap(p)` is what separates p-1 and p in the text,
    false where nothing does (a document's `gap`: GapKind.NONE is 0)."""
    newline = newline or (lambda _: False)
    out: list[tuple[int, int]] = []
    depth = 0
    seg_start = a
    segments: list[tuple[int, int]] = []
    for i in range(a, b):
        ch = comp[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "、,，;；|:：":
            if i > seg_start:
                sub = _sub_label(comp, seg_start, i, lex, newline) if ch in ":：" else None
                if sub is not None:
                    segments.append((seg_start, sub))  # …范毅軍\n監事：李靜媚: a title labels the next names
                    seg_start = sub
                segments.append((seg_start, i))
            seg_start = i + 1
    if b > seg_start:
        segments.append((seg_start, b))
    for sa, sb in segments:
        cuts = [p for p in range(sa + 1, sb) if gap(p) and comp.count("(", sa, p) == comp.count(")", sa, p)]
        if not cuts:
            out += _name_run(comp, sa, sb, lex, names) or [(sa, sb)]
            continue
        pieces = [(x, y) for x, y in zip([sa, *cuts], [*cuts, sb], strict=True)
                  if not SEAT_CODE.fullmatch(comp, x, y)]  # C1 王大明: the seat code is no entry
        glued: list[tuple[int, int]] = []
        for x, y in pieces:
            if glued and LATIN_RUN.match(comp, x) and latin(comp[glued[-1][1] - 1]):
                glued[-1] = (glued[-1][0], y)  # 鄭天財Sra Kacaw: a romanised name holds spaces
            elif glued and not newline(x) and _note_of_previous(comp, x, y, lex):
                glued[-1] = (glued[-1][0], y)  # 朱有花 (中研院天文所), 江國興 (請假): the name's note
            else:
                glued.append((x, y))
        out += _best_segmentation(comp, _letter_spaced_names(comp, glued, names, newline), lex, names, newline)
    return [part for entry in out for part in _dotted_pair(comp, *entry, names)]


def _dotted_pair(comp: str, a: int, b: int, names: Names) -> list[tuple[int, int]]:
    """王月美‧易祥麗: two Han names (a common surname and a given name each) joined by a name's dot
    are two entries; an indigenous name (巴干‧巴萬, 柯伊諾.拉斌) stays whole."""
    dots = [p for p in range(a + 1, b - 1) if comp[p] in NAME_DOTS]
    if len(dots) != 1:
        return [(a, b)]
    p = dots[0]
    if all(y - x == 3 and names.surname_weight(comp[x]) >= 0.85 and names.score(comp[x:y]) >= 0.85
           for x, y in ((a, p), (p + 1, b))):
        return [(a, p), (p + 1, b)]
    return [(a, b)]


def _letter_spaced_names(comp: str, pieces: list[tuple[int, int]], names: Names,
                         newline: Callable[[int], bool]) -> list[tuple[int, int]]:
    """倪 明 宗 校長: a run of two to four one-character pieces on one line that together read as a
    name is one name set letter-spaced, never a name and a surname with the next piece's title."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(pieces)
    while i < n:
        j = i
        while j < n and pieces[j][1] - pieces[j][0] == 1 and is_cjk(comp[pieces[j][0]]) \
                and (j == i or not newline(pieces[j][0])):
            j += 1
        if 2 <= j - i <= 4 and names.score(comp[pieces[i][0]:pieces[j - 1][1]]) > 0:
            out.append((pieces[i][0], pieces[j - 1][1]))
            i = j
        else:
            out.append(pieces[i])
            i += 1
    return out


def _name_run(comp: str, a: int, b: int, lex: Lexicon, names: Names) -> list[tuple[int, int]] | None:
    """黃富源曹汶龍江翠如蔡墩銘: names run together where a letter-spaced transcription lost the
    spaces between them; cut into names of two to four characters that all read as names, three
    characters preferred (the common length of Taiwanese names), or None."""
    n = b - a
    if n < 5 or n > 80 or not all(map(is_cjk, comp[a:b])) or find_titles(comp, lex, a, b):
        return None
    prior = {2: -0.15, 3: 0.0, 4: -0.3}
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[n] = (0.0, n)
    for i in range(n - 2, -1, -1):
        options = []
        for k in (2, 3, 4):
            rest = best[i + k] if i + k <= n else None
            if rest is None:
                continue
            score = names.score(comp[a + i:a + i + k])
            if score >= 0.9:
                options.append((rest[0] + prior[k] + score - 1.0, i + k))
        best[i] = max(options) if options else None
    if best[0] is None:
        return None
    out, i = [], 0
    while i < n:
        step = best[i]
        assert step is not None
        out.append((a + i, a + step[1]))
        i = step[1]
    return out if len(out) >= 2 else None


def _note_of_previous(comp: str, x: int, y: int, lex: Lexicon) -> bool:
    """Is comp[x:y] a bracketed note (an affiliation, 請假) rather than a bracketed title that heads
    the names after it ((理事), (常務監事))?"""
    notes = list(_NOTES.finditer(comp[x:y]))
    if not notes or sum(m.end() - m.start() for m in notes) != y - x:
        return False  # only bracketed notes: (清華大學天文所及物理系)(請假)
    for m in notes:
        titles = find_titles(comp, lex, x + m.start(1), x + m.end(1))
        if len(titles) == 1 and titles[0].start == x + m.start(1) and titles[0].end == x + m.end(1):
            return False
    return True


def _sub_label(comp: str, a: int, colon: int, lex: Lexicon, newline: Callable[[int], bool]) -> int | None:
    """Where a label of the names after its colon starts, when it opens a new line inside the
    segment comp[a:colon]: a title (陳貞玟、范毅軍\n監事：李靜媚), a header label (…\n請假人員：…) or a
    title's last glyph (…\n事：, the rest lost)."""
    for t in reversed(find_titles(comp, lex, a, colon)):
        if t.end == colon and t.start > a and newline(t.start):
            return t.start
        break
    for p in range(max(a + 1, colon - 6), colon - 1):
        if newline(p) and lex.labels.get(comp[p:colon]) is not None:
            return p
    if colon - 1 > a and newline(colon - 1) and comp[colon - 1] in lex.lost_glyph_titles:
        return colon - 1  # 蔣永正\n    事：王一雄: a title that lost its first glyphs (理 事)
    return None


def _entry_quality(comp: str, x: int, y: int, lex: Lexicon, names: Names) -> float:
    """How well comp[x:y] reads as one list entry: a person with a title reads best, a bare
    name well, a unit or a lone title (the name comes in the next entry) a little."""
    hits = core(comp, x, y, lex, names, None)
    if hits:
        quality = hits[0].score + (0.3 if hits[0].title is not None else 0.0)
    elif unit_like(comp[x:y], lex) or find_titles(comp, lex, x, y):
        quality = 0.1
    else:
        quality = -1.0
    return quality - ENTRY_COST


def _best_segmentation(comp: str, pieces: list[tuple[int, int]], lex: Lexicon, names: Names,
                       newline: Callable[[int], bool]) -> list[tuple[int, int]]:
    """Glue whitespace-separated pieces into entries so that the entries read best in all
    (dynamic programming over the pieces; an entry spans at most five pieces)."""
    n = len(pieces)
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(i, min(n, i + 5)):
            if j > i and newline(pieces[j][0]) and comp[pieces[j][0] - 1] == ")":
                break  # 朱有花 (中研院天文所)\n(常務理事) 呂聖元: a note closing its line ends the entry
            q = _entry_quality(comp, pieces[i][0], pieces[j][1], lex, names)
            if j > i and newline(pieces[j][0]):
                q -= NEWLINE_GLUE_COST  # a line break ends an entry more often than it wraps one
            options.append((q + best[j + 1][0], j + 1))
        best[i] = max(options, key=lambda o: (o[0], -o[1]))
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = best[i][1]
        out.append((pieces[i][0], pieces[j - 1][1]))
        i = j
    return out
