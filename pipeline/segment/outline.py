"""The outline: top-level sections (with a kind), their items at every level, and each item's
conclusion blocks (會議結論, 決議, 決定, 主席裁示 ...) and supplementary reports by speaker.

Tolerates converter and OCR damage: 多、 read for 參、, markdown bullets and bold, page numbers
inline, headings numbered out of sequence (a nested 五、 under a speaker is not a section).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.document import Document
from pipeline.grammar.headings import (
    _LABEL_LINE,
    _RAW_BULLET,
    BARE_TOP,
    LABEL_BEFORE_COLON,
    RUN_ON_LINE,
    TOP_STYLES,
    HeadingRules,
    Marker,
    parse_marker,
)
from pipeline.models import Block, Coverage, Item, Mention, Section

HEADING_MAX = 40  # compact characters of a heading read from a run-on line
_SPEAKER = re.compile(r"(?P<speaker>[^:：,，。；;()]{2,24}?)(?P<kind>補充報告|口頭報告|報告|說明|發言)[:：]")


@dataclass
class Line:
    index: int
    start: int
    end: int
    cs: int
    ce: int
    compact: str
    marker: Marker | None
    indent: int
    bullet: bool
    cut: bool = False  # a part of a run-on line that opens at a top-level heading
    md_level: int | None = None  # a markdown heading's level (# 討論事项, or underlined by === / ---)


def _lines(doc: Document, start: int, rules: HeadingRules) -> list[Line]:
    out: list[Line] = []
    comp = doc.compact
    noise, compact_lines = doc.noise_lines, doc.compact_lines
    for i, (s, e) in enumerate(doc.lines):
        if e <= start or i in noise:
            continue
        line_cs, ce = compact_lines[i]  # (the body may begin inside a flattened line)
        cs = line_cs if s >= start else doc.to_compact(start)
        if ce <= cs:
            continue
        raw = doc.text[s:e]
        bm = _RAW_BULLET.match(raw)
        indent = len(raw) - len(raw.lstrip(" \t\u3000"))
        level = doc.markdown_level(i) if bm is None else None
        for a, b in _run_on_parts(comp, cs, ce, rules, line_cs):
            text = comp[a:b]
            ts, te = (s, e) if (a, b) == (cs, ce) else doc.span(a, b)
            out.append(Line(i, ts, te, a, b, text, parse_marker(text), indent, bm is not None and a == cs,
                            a > line_cs and b - line_cs >= RUN_ON_LINE, level if a == cs else None))
    return out


def _markdown_top(lines: list[Line], rules: HeadingRules) -> list[tuple[Line, str]] | None:
    """A markdown page's sections: its headings of the highest level below the title (## 小聚籌備,
    # 討論事項), header fields aside; the lists under them are their items, not sections. None where
    the page has fewer than two such headings, or where its headings repeat (### 柯華葳： over and
    over: a transcript's speakers, read as turns)."""
    heads = [(ln, ln.compact.lstrip("#")) for ln in lines if ln.md_level is not None]
    heads = [(ln, rest) for ln, rest in heads if rest and not rules.labelish.match(rest)]
    if not heads:
        return None
    level = min(ln.md_level or 0 for ln, _ in heads)
    if sum(ln.md_level == level for ln, _ in heads) == 1 and heads[0][0].md_level == level and len(heads) > 1:
        heads = heads[1:]  # (# 20190529 vTaiwan 小黑客松: the one heading above all the others is the title)
        level = min(ln.md_level or 0 for ln, _ in heads)
    top = [(ln, rest) for ln, rest in heads if ln.md_level == level]
    texts = [rest for _, rest in top]
    repeated = sum(1 for t in texts if texts.count(t) > 1)
    if len(top) < 2 or 2 * repeated >= len(top):
        return None
    return top


def _heading_end(doc: Document, ln: Line) -> int:
    """Where a heading's words end: the line's end, or in a run-on line (a flattened page, whose
    heading runs on into its entries) the first stop or colon, at most HEADING_MAX characters on."""
    if ln.ce - ln.cs < RUN_ON_LINE:
        return ln.end
    m = re.compile(r"[:：。；;]").search(ln.compact, 0, HEADING_MAX)
    cut = ln.cs + (m.end() if m else min(HEADING_MAX, ln.ce - ln.cs))
    return doc.span(ln.cs, cut)[1]


def _run_on_parts(comp: str, cs: int, ce: int, rules: HeadingRules, line_cs: int) -> list[tuple[int, int]]:
    """A flattened page (a PDF's text run into one line: …紀錄:廖櫻玉壹、主席報告…。貳、報告事項:…)
    read as the lines it lost: split before each top-level marker that opens a known kind of
    section. The line (from `line_cs`) is judged whole, where the body begins inside it (at `cs`)."""
    if ce - line_cs < RUN_ON_LINE:
        return [(cs, ce)]
    bounds = [cs, *rules.midline_headings(comp, cs + 1, ce, run_on=True), ce]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def _top_level(lines: list[Line], rules: HeadingRules) -> list[tuple[Line, str]]:
    """Pick the top-level headings: one marker style, numbered in sequence (or a markdown page's
    headings)."""
    markdown = _markdown_top(lines, rules)
    if markdown is not None:
        return _without_repeats(markdown)
    styles = [ln.marker.style for ln in lines if ln.marker]
    top_style = next((s for s in TOP_STYLES if s in styles), None)
    # keyword headings standing alone (報告事項 / 臨時動議：); a numbered one follows its numbering
    keyword_line = [bool((not ln.marker or ln.marker.style == "bullet")
                         and rules.is_keyword(ln.compact if not ln.marker else ln.compact[ln.marker.end:]))
                    for ln in lines]  # (by position: a Line compares field by field)
    if top_style is None:
        if any(keyword_line):
            top_style = "kw"
        elif "cn" in styles:
            top_style = "cn"
        elif "ar" in styles:
            top_style = "ar"
        elif any(ln.bullet for ln in lines):
            top_style = "bullet"
        else:
            # 6. 報告事項 / (一)討論事項: a lower numbering style whose lines name section kinds
            named = [ln.marker.style for ln in lines if ln.marker and ln.marker.style not in ("bullet", "case")
                     and len(ln.compact) - ln.marker.end <= 16 and rules.kind_of(ln.compact[ln.marker.end:]) != "other"]
            top_style = named[0] if named else None
    # (a keyword heading with its colon and a short value on the line opens a section too, though it
    # sets no numbering style: 臨時動議：無, 主席致詞：王大明 校長, 業務報告：詳見會議手冊)
    keyword_line = [kw or _keyword_with_value(ln, rules) for kw, ln in zip(keyword_line, lines, strict=True)]
    chosen: list[tuple[Line, str]] = []
    speakers = _turns(lines) if top_style == "bullet" else set()
    last_ord: int | None = None
    # a list in the top level's own style opened inside a section (說明：一、…六、…): while it runs,
    # its next number is its entry, not the next section, unless the line names a section's kind or
    # stands further left than the list (六、審議案 … 說明：一、…七、變更內容 … 七、臨時提案)
    inner_ord: int | None = None
    inner_indent = 0
    min_indent = min((ln.indent for ln in lines if ln.bullet), default=0)
    for k, ln in enumerate(lines):
        text = ln.compact
        rest = text[ln.marker.end:] if ln.marker else text
        if ln.cut:
            # a heading found inside a run-on line: its words are the ones up to the first stop
            words = rest[1:] if not ln.marker and BARE_TOP.match(rest) else rest
            # (壹報告事項一主席報告: the section word it opens with, not the item's after it)
            words = next((w for w, _ in rules.keywords if words.startswith(w)), words)
            chosen.append((ln, re.split(r"[:：。，,；;(（]", words, maxsplit=1)[0][:12]))
            continue
        if rules.adjournment.match(rest) and not (ln.marker and ln.marker.style not in (*TOP_STYLES, "cn", "ar", top_style)):
            chosen.append((ln, rest))
            last_ord = None  # a file of several meetings' minutes numbers each one's sections anew
            continue
        if top_style not in (None, "kw", "bullet") and ln.marker and ln.marker.style == top_style:
            if rules.labelish.match(rest):
                continue  # 一、時間:… after a 散會: the next meeting's header field, never a section
            o = ln.marker.ordinal
            inner = inner_ord is not None and o == inner_ord + 1 and ln.indent >= inner_indent \
                and rules.kind_of(rest) == "other"
            if not inner and (last_ord is None or (o is not None and o == last_ord + 1)):
                chosen.append((ln, rest))
                last_ord, inner_ord = o, None
            elif inner or (o == 1 and last_ord is not None):
                inner_ord, inner_indent = o, ln.indent if o == 1 else inner_indent
            continue
        # (not the words under a bare 貳、: they are that heading's)
        bare_above = bool(chosen) and k > 0 and chosen[-1][0] is lines[k - 1] and not chosen[-1][1].strip()
        # (陸、臨時動議： / 報告案件 / 第一案：…: a keyword line right under a numbered heading heads a part of it)
        numbered_above = bool(chosen) and k > 0 and chosen[-1][0] is lines[k - 1] and chosen[-1][0].marker is not None \
            and chosen[-1][0].marker.style in TOP_STYLES
        if keyword_line[k] and not ln.marker and not bare_above and not numbered_above and (top_style == "kw" or not chosen or (
                rules.kind_of(rest) != rules.kind_of(chosen[-1][1]))):
            # a keyword heading alone on a line (臨時動議：) is a section in any numbering
            chosen.append((ln, rest))
            continue
        if top_style == "kw":
            if not chosen and _LABEL_LINE.match(text):
                chosen.append((ln, text))
                continue
        if top_style == "bullet" and ln.bullet and ln.indent == min_indent and len(text) <= 30 \
                and not re.search(r"[。，,；;]", text) and not (speakers and _a_speaker(text, rules, speakers)):
            chosen.append((ln, text))
            continue
        label = _LABEL_LINE.match(text)
        if not chosen and k == 0 and label and top_style not in TOP_STYLES \
                and label["label"] not in rules.agenda_labels:
            chosen.append((ln, text))
        elif not chosen and k == 0 and top_style not in TOP_STYLES and (kw := _KIND_LABEL.match(text)) \
                and rules.kind_of(kw["label"]) != "other" and not rules.conclusion_line.match(text):
            chosen.append((ln, kw["label"]))  # 審議案：共1案 opening the body: a section with its count
            top_style = "kw"  # (the numbered entries under it are its items; sections are named by words)
    return _without_repeats(_without_sentence_entries(chosen, rules, lines))


def _keyword_with_value(ln: Line, rules: HeadingRules) -> bool:
    """臨時動議：無 / 主席致詞：陳國基 理事長: a keyword heading, its colon, a short value (no sentence)."""
    if ln.marker is not None or ln.cut:
        return False
    m = _KIND_LABEL.match(ln.compact)
    if m is None or not rules.is_keyword(m["label"]):
        return False
    value = ln.compact[m.end() + 1:]
    return len(value) <= 16 and not re.search(r"[，,。；;]", value)


def _without_repeats(chosen: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """報告事項 … 報告事項: the same unnumbered heading written again right after itself (a page that
    lists the agenda, then gives the minutes) goes on with the one section."""
    out: list[tuple[Line, str]] = []
    for ln, rest in chosen:
        prev = out[-1] if out else None
        if prev is not None and ln.marker is None and prev[0].marker is None and rest.strip("*:：~ ") \
                and rest.strip("*:：~ ") == prev[1].strip("*:：~ "):
            continue
        out.append((ln, rest))
    return out


def _turns(lines: list[Line]) -> set[str]:
    """The speakers of a transcript's turns: bullet lines whose text recurs on other bullets (• 主秘,
    • 唐鳳, • 主秘 …), the layout of a verbatim record, where a bullet opens a turn, not a section."""
    counts: dict[str, int] = {}
    echoed: set[str] = set()  # • 策略司\n  策略司: the speaker written again under the bullet
    for k, ln in enumerate(lines):
        if ln.bullet:
            counts[ln.compact] = counts.get(ln.compact, 0) + 1
            if k + 1 < len(lines) and lines[k + 1].compact == ln.compact:
                echoed.add(ln.compact)
    bullets = sum(counts.values())
    speakers = echoed | {t for t, c in counts.items() if c >= 2}
    return speakers if bullets >= 4 and sum(counts[t] for t in speakers) >= 0.6 * bullets else set()


def _a_speaker(text: str, rules: HeadingRules, speakers: set[str]) -> bool:
    return text in speakers and rules.kind_of(text) == "other"


def _sentence(rest: str, wraps: bool = False) -> bool:
    """A list entry's words rather than a heading's: a stop, a long clause, or a line that runs on."""
    return bool(re.search(r"[。；;]", rest)) or (len(rest) > 30 and bool(re.search(r"[，,]", rest))) \
        or (wraps and len(rest) >= 12)


def _without_sentence_entries(chosen: list[tuple[Line, str]], rules: HeadingRules,
                              lines: list[Line], *, unnamed: bool = False) -> list[tuple[Line, str]]:
    """院長提示：\n一、本院邱秘書長…上週至美國訪問，… / 二、…: under a heading named by its words (or,
    `unnamed`, where no line names a kind at all), a numbering whose entries name no section kind and
    are mostly sentences numbers that section's items."""
    named = any(ln.marker is None and rules.kind_of(rest) != "other" for ln, rest in chosen)

    def kind(rest: str) -> str:
        # a sentence names a section's kind in its first words (三、討論事項：…), not deep inside
        # (一、本案業經…委員會…審議通過，…: an entry of a case's explanation)
        return rules.kind_of(rest[:_HEADING_WORDS] if _sentence(rest) else rest)

    if not named and not (unnamed and all(kind(rest) == "other" for _, rest in chosen)):
        return chosen
    index = {id(x): k for k, x in enumerate(lines)}

    def wraps(ln: Line) -> bool:
        k = index[id(ln)] + 1
        return k < len(lines) and lines[k].marker is None and not lines[k].bullet and not ln.compact.endswith((":", "："))

    by_style: dict[str, list[tuple[Line, str]]] = {}
    for ln, rest in chosen:
        if ln.marker is not None and ln.marker.style not in TOP_STYLES:
            by_style.setdefault(ln.marker.style, []).append((ln, rest))
    drop = {id(ln) for entries in by_style.values()
            if all(kind(rest) == "other" and not rules.adjournment.match(rest) for _, rest in entries)
            and 2 * sum(_sentence(rest, wraps(ln)) for ln, rest in entries) >= len(entries)
            for ln, _ in entries}
    return [(ln, rest) for ln, rest in chosen if id(ln) not in drop]


_KIND_LABEL = re.compile(LABEL_BEFORE_COLON)
# how many characters open a sentence that may name a section's kind
_HEADING_WORDS = 12
_MIDLINE_SPEAKER = re.compile(r"(?<=[。;；])(?P<speaker>[^:：,，。；;()]{2,24}?)(?P<kind>補充報告|口頭報告)[:：]")


def _blocks_and_items(doc: Document, lines: list[Line], rules: HeadingRules) -> tuple[list[Item], list[Block]]:
    """Items (nested by the order marker styles first appear) and blocks inside one section.

    A block (會議結論, 決議, a speaker's 補充報告) belongs to the item on the level where the
    previous block of its kind was: after 總務組涂組長補充報告 and its (一)(二)…, the next speaker's
    report belongs to 四、各組室業務工作報告 again, not to its (七)."""
    label_rx = rules.conclusion_line
    roots: list[Item] = []
    section_blocks: list[Block] = []
    style_order: list[str] = []
    stack: list[tuple[str, Item]] = []
    owner_depth: dict[str, int] = {}

    def attach(kind: str, label: str, speaker: str | None, start: int, end: int, k: int) -> None:
        depth = owner_depth.get(kind)
        if depth is not None and len(stack) > depth:
            del stack[depth:]
        nxt = next((x.marker for x in lines[k + 1:] if x.marker and x.marker.style != "bullet"), None)
        if stack and nxt is not None and nxt.style == stack[-1][0] and nxt.ordinal == 1:
            stack.pop()  # 9. …\n決議：\n1. …: the block and its own list belong to the item above 9.
        owner_depth.setdefault(kind, len(stack))
        target = stack[-1][1].blocks if stack else section_blocks
        target.append(Block(kind=kind, label=label, speaker=speaker, span=(start, end)))  # type: ignore[arg-type]

    for k, ln in enumerate(lines):
        text = ln.compact
        m = label_rx.match(text)
        numbered = ln.marker is not None and ln.marker.style != "bullet"
        speaker = _SPEAKER.match(text) if not m and not numbered else None
        if m:
            attach("conclusion", m.group(0).rstrip(":"), None, ln.start, ln.end, k)
            continue
        if speaker:
            attach("report", speaker.group(0).rstrip(":"), speaker["speaker"], ln.start, ln.end, k)
            continue
        if ln.marker and ln.marker.style != "bullet":
            style = ln.marker.style
            if style not in style_order:
                style_order.append(style)
            level = style_order.index(style)
            while stack and style_order.index(stack[-1][0]) >= level:
                stack.pop()
            item = Item(marker=ln.marker.text, heading=doc.text[ln.start:_heading_end(doc, ln)].strip(), level=level + 2,
                        span=(ln.start, ln.end))
            (stack[-1][1].children if stack else roots).append(item)
            stack.append((style, item))
        for mid in _MIDLINE_SPEAKER.finditer(text) if "報告" in text else ():  # (both kinds end in 報告)
            s0, _ = doc.span(ln.cs + mid.start(), ln.cs + mid.end())
            attach("report", mid.group(0).rstrip(":"), mid["speaker"], s0, ln.end, k)
    return roots, section_blocks


def _close_spans(items: list[Item], end: int, owner_blocks: list[Block]) -> None:
    """An item runs to its next sibling, or to the first block of its owner that comes after it:
    文書組報告 and 決定 after 一、's last (二) are 一、's, not (二)'s."""
    for k, it in enumerate(items):
        nxt = items[k + 1].span[0] if k + 1 < len(items) else end
        nxt = min([b.span[0] for b in owner_blocks if it.span[0] < b.span[0] < nxt], default=nxt)
        it.span = (it.span[0], nxt)
        _close_spans(it.children, nxt, it.blocks)
        for j, b in enumerate(it.blocks):
            bnext = it.blocks[j + 1].span[0] if j + 1 < len(it.blocks) else nxt
            b.span = (b.span[0], max(b.span[1], bnext))


def _entries_of_titled_section(tops: list[tuple[Line, str]], rules: HeadingRules, title: str) -> bool:
    """縣長裁示事項 as the title, then 1、…。(民政局) 2、…: the title names the one section, and the
    numbered sentences under it are its items, not sections. Headings name a kind or are short; an
    entry of a list is a sentence."""
    if not tops or rules.kind_of(title) == "other":
        return False
    return all(ln.marker is not None and ln.marker.style not in TOP_STYLES and rules.kind_of(rest) == "other"
               and _sentence(rest) for ln, rest in tops)


def build_outline(doc: Document, rules: HeadingRules, start: int,
                  title_span: tuple[int, int] | None = None) -> tuple[list[Section], Coverage]:
    lines = _lines(doc, start, rules)
    tops = _top_level(lines, rules)
    if title_span is not None and _entries_of_titled_section(tops, rules, doc.text[title_span[0]:title_span[1]]):
        titled = _titled_section(doc, rules, lines, title_span)
        return titled, _coverage(doc, lines, titled, [])
    # a page whose numbered lines name no kind at all (一、針對…請衛生局…。 二、…): its conclusions'
    # entries, not sections
    tops = _without_sentence_entries(tops, rules, lines, unnamed=True)
    sections: list[Section] = []
    starts = [x.start for x in lines]
    for k, (ln, rest) in enumerate(tops):
        end = tops[k + 1][0].start if k + 1 < len(tops) else len(doc.text)
        if k + 1 == len(tops) and rules.adjournment.match(rest):
            end = ln.end  # what follows the adjournment (attachments, sign-in sheets) is not minutes
        inner = lines[bisect_right(starts, ln.start): bisect_left(starts, end)]
        items, blocks = _blocks_and_items(doc, inner, rules)
        _close_spans(items, end, blocks)
        for j, b in enumerate(blocks):
            nxt = blocks[j + 1].span[0] if j + 1 < len(blocks) else end
            b.span = (b.span[0], max(b.span[1], nxt))
        heading_end = _heading_end(doc, ln)
        heading_text = doc.text[ln.start:heading_end].strip()
        if not rest.strip() and inner:
            # 柒、 alone on its line: the heading's words are on the next lines, to the first stop
            rest = re.split("[。:；;]", "".join(x.compact for x in inner[:3]), maxsplit=1)[0]
        sections.append(Section(
            kind=rules.kind_of(rest),  # type: ignore[arg-type]
            heading=heading_text, marker=ln.marker.text if ln.marker and ln.marker.style != "bullet" else None,
            span=(ln.start, end), heading_span=(ln.start, heading_end), items=items, blocks=blocks,
        ))
    sections = [s for sec in sections for s in _unwrapped(doc, rules, sec)]
    if not sections and (opening := _kind_in_opening_line(doc, rules)) is not None:
        # MOIO7171-審議事項-第6案:…: a page that is one case of a section, its kind named in its
        # first line, and nothing inside it a section of its own
        sections = _titled_section(doc, rules, lines, opening)
    return sections, _coverage(doc, lines, sections, tops)


def _kind_in_opening_line(doc: Document, rules: HeadingRules) -> tuple[int, int] | None:
    """The first line, where it names a section's kind as a word set apart (…-審議事項-第6案:…)."""
    if not doc.lines:
        return None
    s, e = doc.lines[0]
    named = any(m["word"] in rules.keyword_words and rules.kind_of(m["word"]) != "other"
                for m in _SET_APART.finditer(doc.text, s, e))
    return (s, e) if named else None


# a word between separators (a dash, a colon, a bracket, a space) or at the line's ends
_SET_APART = re.compile(r"(?:^|(?<=[-—:：\s「」、]))(?P<word>[\u4e00-\u9fff]{2,8})(?=$|[-—:：\s「」、第])")


def _unwrapped(doc: Document, rules: HeadingRules, sec: Section) -> list[Section]:
    """五、會議記錄 / (一)主席致詞:… (二)提案討論: a heading that only wraps the minutes' parts, whose
    entries name kinds of section, gives way to those entries as sections."""
    words = re.sub(r"\s+", "", sec.heading)
    marker = parse_marker(words)
    words = re.sub(r"\[[^\]]*\]", "", words[marker.end:] if marker else words).strip(":：")  # ([@more@]: a blog's tag)
    if sec.kind != "other" or words not in rules.wrapper_headings or not sec.items:
        return [sec]
    kinds = [rules.kind_of(re.split(r"[:：]", re.sub(r"\s+", "", it.heading)[len(it.marker):], maxsplit=1)[0])
             for it in sec.items]
    if 2 * sum(k != "other" for k in kinds) < len(kinds):
        return [sec]  # (七、議程： over the questions raised: entries, not the minutes' parts)
    out = []
    for it, kind in zip(sec.items, kinds, strict=True):
        line_end = doc.text.find("\n", it.span[0])
        heading_end = min(it.span[1], line_end if line_end != -1 else it.span[1])
        out.append(Section(kind=kind, heading=doc.text[it.span[0]:heading_end].strip(),  # type: ignore[arg-type]
                           marker=it.marker, span=it.span, heading_span=(it.span[0], heading_end),
                           items=it.children, blocks=it.blocks))
    return out


def _titled_section(doc: Document, rules: HeadingRules, lines: list[Line],
                    title_span: tuple[int, int]) -> list[Section]:
    """One section headed by the title, holding the numbered entries as its items."""
    items, blocks = _blocks_and_items(doc, lines, rules)
    end = len(doc.text)
    _close_spans(items, end, blocks)
    a, b = title_span
    section = Section(kind=rules.kind_of(doc.text[a:b]),  # type: ignore[arg-type]
                      heading=doc.text[a:b].strip(), marker=None, span=(a, end), heading_span=(a, b),
                      items=items, blocks=blocks)
    return [section]


def _coverage(doc: Document, lines: list[Line], sections: list[Section],
              tops: list[tuple[Line, str]]) -> Coverage:
    total = len(doc.compact)
    inside = 0
    if sections:
        a = doc.to_compact(sections[0].span[0])
        b = doc.to_compact(sections[-1].span[1])
        inside = b - a
    chosen = {ln.index for ln, _ in tops}
    unknown: list[Mention] = []
    for ln in lines:
        if ln.index in chosen or ln.marker is None or ln.marker.style not in TOP_STYLES:
            continue
        unknown.append(Mention(text=doc.text[ln.start:ln.end], span=(ln.start, ln.end)))
    return Coverage(chars_total=total, chars_in_sections=inside,
                    share_in_sections=round(inside / total, 4) if total else 0.0, unknown_headings=unknown)


# a speaker's remarks heading: who, then the word for an address (校長致詞, 王理事長講話)
_REMARKS = re.compile(r"^(?P<who>[\u4e00-\u9fff]{1,8}?)(?:致詞|致辭|講話)")
# the words that name whoever chairs, whatever the post
_CHAIR_WORDS = ("主席", "主持人", "召集人", "首長", "長官")


def remarks_by_chair(sections: list[Section], chair_titles: set[str]) -> None:
    """三、校長致詞 at an alumni association its 理事長 chairs: a guest's address (other), not the
    chair's remarks. Only where the chair's own post is known (主席：陳國基 理事長)."""
    posts = {t for t in chair_titles if t not in _CHAIR_WORDS}
    if not posts:
        return
    for sec in sections:
        if sec.kind != "chair_remarks":
            continue
        m = _REMARKS.match(re.sub(r"\s+", "", sec.heading.removeprefix(sec.marker or "")))
        who = m["who"] if m is not None else ""
        # (主席宣佈開會並致詞: the chair speaks; a guest is named by a short post: 校長, 陳校長)
        if 2 <= len(who) <= 5 and not who.startswith(_CHAIR_WORDS) and not who.endswith(_CHAIR_WORDS) \
                and not who.endswith(tuple(posts)):
            sec.kind = "other"
