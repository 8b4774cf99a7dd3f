"""`minutes review`: one self-contained HTML page to check a document's extraction by eye.

The document text with every extraction highlighted by type, a side list that jumps to each
mention, the coverage report, and for PDFs the page images with the mentions' boxes drawn.

Mentions overlap and nest (an action item holds its deadline, a person's mention its division), so
the text is cut at every span boundary and each piece carries the classes of all the mentions that
cover it: action items paint a light background and an underline, the others an inline colour over
it. Every piece of document text goes through `html.escape`, and the page's Content-Security-Policy
allows no script at all: a document holding `<script>` shows it as text.
"""

from __future__ import annotations

import base64
import bisect
import html
import io
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.models import Minutes

MAX_PAGE_IMAGES = 40
PAGE_SCALE = 1.4

# kind -> (label, colour); the colours are those the screenshot test looks for
KINDS: dict[str, tuple[str, str]] = {
    "action": ("action items", "#e1bee7"),
    "date": ("dates", "#ffd54f"),
    "time": ("times", "#ffcc80"),
    "case": ("cases", "#ef9a9a"),
    "division": ("divisions", "#90caf9"),
    "person": ("people", "#a5d6a7"),
    "heading": ("headings", "#eeeeee"),
}
# paint order: later kinds win the background where mentions nest
_PAINT = ("heading", "action", "division", "person", "case", "time", "date")


@dataclass(frozen=True)
class Mark:
    """One highlighted mention."""

    uid: str
    kind: str
    start: int
    end: int
    text: str
    detail: str
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None


def _bbox(m: object) -> tuple[float, float, float, float] | None:
    box = getattr(m, "bbox", None)
    if isinstance(box, (list, tuple)) and len(box) == 4:
        return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
    return None


def collect_marks(minutes: Minutes) -> list[Mark]:
    """Every mention of the result as a mark, with a short description of what was extracted."""
    marks: list[Mark] = []

    def add(kind: str, m: object, start: int, end: int, text: str, detail: str) -> None:
        if 0 <= start < end <= len(minutes.text):
            marks.append(Mark(f"m{len(marks)}", kind, start, end, text, detail,
                              getattr(m, "page", None), _bbox(m)))

    for s in minutes.sections:
        add("heading", s, *s.heading_span, minutes.text[s.heading_span[0]:s.heading_span[1]], s.kind)
    for a in minutes.action_items:
        who = "、".join(a.assignees) or "(no assignee)"
        add("action", a, *a.span, a.text, f"{who}; due {a.deadline or '-'}; {a.section}")
    for d in minutes.dates:
        add("date", d, *d.span, d.text, d.value + (f" – {d.until}" if d.until else "")
            + (" (weekday mismatch)" if d.weekday_mismatch else ""))
    for t in minutes.times:
        add("time", t, *t.span, t.text, t.value)
    for c in minutes.case_numbers:
        add("case", c, *c.span, c.text, f"{c.id} {c.status}" + (f" ({c.status_text})" if c.status_text else ""))
    for v in minutes.divisions:
        add("division", v, *v.span, v.text, v.canonical or v.name)
    for p in minutes.people:
        add("person", p, *p.span, p.text, " ".join(x for x in (p.name, p.title, p.division) if x))
    return marks


def place_on_pages(minutes: Minutes, marks: Sequence[Mark]) -> list[Mark]:
    """Marks with the page their span starts on, where the result has pages and the mark has none."""
    if not minutes.pages:
        return list(marks)
    starts = [p.start for p in minutes.pages]
    out = []
    for m in marks:
        if m.page is None:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < minutes.pages[i].end:
                m = replace(m, page=minutes.pages[i].number)
        out.append(m)
    return out


def _search_pattern(text: str) -> str:
    return r"\s*".join(re.escape(c) for c in text if not c.isspace())


def find_boxes(pdf_path: Path, marks: Sequence[Mark], pages: int) -> list[Mark]:
    """Best effort for results without boxes: find each mark's words on its page of a PDF's text layer
    (the n-th mark with the same words on a page takes the n-th match)."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    wanted = [m for m in marks if m.bbox is None and m.page is not None and m.page <= pages
              and m.kind != "heading" and _search_pattern(m.text)]
    found: dict[str, tuple[float, float, float, float]] = {}
    with pdfplumber.open(str(pdf_path)) as pdf:
        for number in sorted({m.page for m in wanted if m.page is not None}):
            if number > len(pdf.pages):
                continue
            page = pdf.pages[number - 1]
            seen: dict[str, int] = {}
            for m in sorted((m for m in wanted if m.page == number), key=lambda m: m.start):
                pattern = _search_pattern(m.text)
                n = seen[pattern] = seen.get(pattern, -1) + 1
                hits = page.search(pattern, regex=True, return_chars=False)
                if n < len(hits):
                    h = hits[n]
                    found[m.uid] = (float(h["x0"]), float(h["top"]), float(h["x1"]), float(h["bottom"]))
    return [replace(m, bbox=found[m.uid]) if m.uid in found else m for m in marks]


def segments(length: int, marks: Sequence[Mark]) -> list[tuple[int, int, list[Mark]]]:
    """The text cut at every mark boundary: (start, end, marks covering [start, end)), in order."""
    cuts = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})
    by_start: dict[int, list[Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[tuple[int, int, list[Mark]]] = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        out.append((a, b, list(active)))
    return out


def _esc(s: str) -> str:
    return html.escape(s, quote=True)


def _classes(cover: Sequence[Mark]) -> str:
    """Headings stay bold and action items underlined under everything; of the inline mentions the
    innermost (shortest) one gives the background, so a division inside a person's mention shows."""
    kinds = {m.kind for m in cover}
    classes = [f"k-{k}" for k in ("heading", "action") if k in kinds]
    inline = [m for m in cover if m.kind not in ("heading", "action")]
    if inline:
        top = min(inline, key=lambda m: (m.end - m.start, -_PAINT.index(m.kind)))
        classes.append(f"k-{top.kind}")
    return " ".join(classes)


def render_text(text: str, marks: Sequence[Mark]) -> str:
    """The document text as escaped HTML, with every segment wrapped in the classes covering it."""
    parts: list[str] = []
    started: set[str] = set()
    for a, b, cover in segments(len(text), marks):
        for m in cover:
            if m.uid not in started:
                started.add(m.uid)
                parts.append(f'<a class="anchor" id="{m.uid}"></a>')
        piece = _esc(text[a:b])
        if not cover:
            parts.append(piece)
            continue
        title = _esc("\n".join(f"{KINDS[m.kind][0]}: {m.detail}" for m in cover))
        parts.append(f'<span class="{_classes(cover)}" title="{title}">{piece}</span>')
    return "".join(parts)


def _css() -> str:
    rules = [
        "body{margin:0;font:15px/1.7 'Noto Sans CJK TC','Noto Sans TC','PingFang TC','Microsoft JhengHei',"
        "sans-serif;color:#212121;background:#fafafa}",
        "header{padding:10px 16px;background:#263238;color:#fff}header h1{font-size:18px;margin:0}",
        "header .meta{font-size:13px;opacity:.85}",
        ".wrap{display:flex;align-items:flex-start}",
        "main{flex:1;min-width:0;padding:12px 16px}",
        "aside{width:340px;flex:none;position:sticky;top:0;max-height:100vh;overflow:auto;padding:8px 12px;"
        "background:#fff;border-left:1px solid #ddd;font-size:13px}",
        ".doc{white-space:pre-wrap;word-break:break-all;background:#fff;padding:12px;border:1px solid #ddd}",
        "a.anchor{scroll-margin-top:40vh}",
        "a.anchor:target+span{outline:3px solid #d32f2f}",
        ".k-action{text-decoration:underline 2px #8e24aa;text-underline-offset:3px}",
        ".k-heading{font-weight:bold}",
        "aside ol{padding-left:18px;margin:4px 0 10px}aside li{margin:1px 0}",
        "aside a{color:inherit;text-decoration:none}aside a:hover{text-decoration:underline}",
        ".swatch{display:inline-block;width:11px;height:11px;margin-right:4px;border:1px solid #999;"
        "vertical-align:middle}",
        ".detail{color:#616161}",
        "table.cov td{padding:0 6px 0 0}",
        ".warn{color:#b71c1c}",
        ".pages{padding:12px 16px}.page{position:relative;display:inline-block;margin:0 12px 12px 0;"
        "border:1px solid #bbb}.page img{display:block;max-width:100%}",
        ".page .box{position:absolute;border:2px solid;box-sizing:border-box}",
        ".page .no{position:absolute;top:2px;left:4px;background:#fff;font-size:12px;padding:0 3px}",
    ]
    for kind in _PAINT:
        rules.append(f".k-{kind}{{background:{KINDS[kind][1]}}}")
        rules.append(f".page .box.b-{kind}{{border-color:{KINDS[kind][1]};background:{KINDS[kind][1]}55}}")
    return "\n".join(rules)


def _side_list(marks: Sequence[Mark]) -> str:
    out: list[str] = []
    for kind, (label, colour) in KINDS.items():
        items = [m for m in marks if m.kind == kind]
        if not items:
            continue
        out.append(f'<h3><span class="swatch" style="background:{colour}"></span>{_esc(label)} ({len(items)})</h3>')
        out.append("<ol>")
        for m in items:
            page = f" p.{m.page}" if m.page is not None else ""
            out.append(f'<li><a href="#{m.uid}">{_esc(m.text[:60])}</a> '
                       f'<span class="detail">{_esc(m.detail)}{page}</span></li>')
        out.append("</ol>")
    return "\n".join(out)


def ungrounded(minutes: Minutes, marks: Iterable[Mark]) -> list[Mark]:
    """Marks whose span does not cut out their own text (grounding errors)."""
    return [m for m in marks if m.kind != "heading" and minutes.text[m.start:m.end] != m.text
            and not (m.kind == "case" and m.text in minutes.text[m.start:m.end])]


def _coverage(minutes: Minutes, marks: Sequence[Mark]) -> str:
    cov = minutes.coverage
    rows = [("characters", f"{cov.chars_total:,}"), ("in sections", f"{cov.chars_in_sections:,}"),
            ("share in sections", f"{cov.share_in_sections:.1%}"), ("sections", str(len(minutes.sections))),
            ("profile", minutes.profile)]
    out = ["<h3>coverage</h3>", '<table class="cov">']
    out += [f"<tr><td>{_esc(k)}</td><td>{_esc(v)}</td></tr>" for k, v in rows]
    out.append("</table>")
    if cov.unknown_headings:
        out.append("<p>unknown headings:</p><ol>")
        out += [f'<li>{_esc(h.text[:60])} <span class="detail">@{h.span[0]}</span></li>' for h in cov.unknown_headings]
        out.append("</ol>")
    bad = ungrounded(minutes, marks)
    if bad:
        out.append(f'<p class="warn">{len(bad)} mentions whose span does not hold their text</p>')
    if minutes.warnings:
        out.append("<h3>warnings</h3><ol>" + "".join(f'<li class="warn">{_esc(w)}</li>' for w in minutes.warnings)
                   + "</ol>")
    return "\n".join(out)


def _page_images(pdf_path: Path, marks: Sequence[Mark], pages: int) -> list[tuple[int, str, float, float]]:
    """(page number, PNG data URI, width, height in points) of the first pages of a PDF."""
    import pypdfium2 as pdfium

    out: list[tuple[int, str, float, float]] = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(min(len(pdf), pages)):
            page = pdf[i]
            width, height = page.get_size()
            image = page.render(scale=PAGE_SCALE).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            out.append((i + 1, "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode(), width,
                        height))
            page.close()
    finally:
        pdf.close()
    return out


def _render_pages(minutes: Minutes, marks: Sequence[Mark], source: Path | None) -> str:
    if source is None or minutes.source.format != "pdf" or not source.is_file():
        return ""
    try:
        images = _page_images(source, marks, MAX_PAGE_IMAGES)
        if any(m.bbox is None for m in marks):
            marks = find_boxes(source, marks, MAX_PAGE_IMAGES)
    except Exception as exc:  # a page image is a convenience: never fail the review page for it
        return f'<section class="pages"><p class="warn">page images unavailable: {_esc(str(exc))}</p></section>'
    sizes = {p.number: (p.width, p.height) for p in minutes.pages}
    out = ['<section class="pages"><h2>pages</h2>']
    for number, uri, pw, ph in images:
        w, h = sizes.get(number, (None, None))
        w, h = w or pw, h or ph
        boxes = []
        for m in marks:
            if m.page != number or m.bbox is None or m.kind == "heading":
                continue
            x0, top, x1, bottom = m.bbox
            boxes.append(f'<a class="box b-{m.kind}" href="#{m.uid}" title="{_esc(m.detail)}" style="'
                         f"left:{100 * x0 / w:.2f}%;top:{100 * top / h:.2f}%;"
                         f'width:{100 * (x1 - x0) / w:.2f}%;height:{100 * (bottom - top) / h:.2f}%"></a>')
        out.append(f'<div class="page"><img alt="page {number}" src="{uri}">'
                   f'<span class="no">{number}</span>{"".join(boxes)}</div>')
    out.append("</section>")
    return "\n".join(out)


def render_page(minutes: Minutes, source: Path | None = None, *, pages: bool = True) -> str:
    """The review page of one result as one HTML string (no external resources, no script)."""
    marks = place_on_pages(minutes, collect_marks(minutes))
    m = minutes.meeting
    title = m.title or Path(minutes.source.path).name
    meta = " · ".join(x for x in (m.body, m.name, f"第{m.session}次" if m.session is not None else None, m.date,
                                  m.location, f"主席 {m.chair}" if m.chair else None) if x)
    legend = " ".join(f'<span class="swatch" style="background:{c}"></span>{_esc(label)}'
                      for k, (label, c) in KINDS.items() if k != "heading")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-Hant"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">",
        f"<title>{_esc(title)} · review</title>",
        f"<style>{_css()}</style></head><body>",
        f'<header><h1>{_esc(title)}</h1><div class="meta">{_esc(meta)}</div>'
        f'<div class="meta">{_esc(minutes.source.path)} · {len(marks)} marks · {legend}</div></header>',
        '<div class="wrap"><main>',
        f'<div class="doc">{render_text(minutes.text, marks)}</div>',
        _render_pages(minutes, marks, source) if pages else "",
        "</main><aside>",
        _coverage(minutes, marks),
        _side_list(marks),
        "</aside></div></body></html>",
    ])


def load_result(path: Path) -> tuple[Minutes, Path | None]:
    """A result and its source file: a JSON written by `minutes extract`, or an input run now."""
    if path.suffix.lower() == ".json":
        try:
            minutes = Minutes.model_validate_json(path.read_bytes())
        except ValueError:
            pass
        else:
            source = Path(minutes.source.path)
            return minutes, source if source.is_file() else None
    from pipeline.api import extract

    return extract(path), path


def write_review(path: str | Path, output: str | Path, *, pages: bool = True) -> Path:
    """Write the review page of one document (input file or result JSON) to `output`."""
    from pipeline.export.files import write_atomic

    minutes, source = load_result(Path(path))
    out = Path(output)
    write_atomic(out, render_page(minutes, source, pages=pages).encode("utf-8"))
    out.chmod(0o644)  # a page to share, not a secret (the temporary file was private)
    return out
