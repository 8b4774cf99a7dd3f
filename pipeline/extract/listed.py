"""The people of a list: a header's fields and rosters (出席委員：甲、乙、丙, 理事：… / 請假：…, 主席：丁副
校長詩同), each entry read by the person grammar (`pipeline.grammar.entries`) with the title its
label, its group or its own words give, and the readings they make (`Reading`, scored against
`ACCEPT` as every other reading of `pipeline.extract.people`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pipeline.chars import is_cjk
from pipeline.context import Context
from pipeline.document import as_written
from pipeline.grammar.entries import parse_entry
from pipeline.grammar.names import Names, PersonHit, unit_like
from pipeline.grammar.rosters import split_entries
from pipeline.grammar.titles import find_titles
from pipeline.lexicon import Lexicon
from pipeline.segment.fields import Field
from pipeline.words import common_words

ACCEPT = 0.5  # a reading scored at least this is reported
KEEP = 0.3  # below ACCEPT and at least this: kept as a candidate for review
ROLE_OF_FIELD = {"chair": "chair", "recorder": "recorder", "attendees": "attendee", "absentees": "absentee",
                 "observers": "observer"}
ROSTER_FIELDS = ("chair", "recorder", "attendees", "absentees", "observers", "other")
_BRACKETED_LEAD = re.compile(r"[(（][^()（）]{1,10}[)）]")  # a short bracketed note opening an entry


@dataclass
class Reading:
    hit: PersonHit
    role: str | None  # chair, recorder, attendee ... for a listed person
    titles: tuple[str, ...]  # the titles this reading gives (a post and a role may both apply)
    division: str | None = None


def _label_title(f: Field, ctx: Context) -> str | None:
    """出席委員 → 委員, 請假委員 → 委員, 列席代表 → 代表: a label that ends in a title gives it."""
    titles = find_titles(f.label, ctx.lex)
    if titles and titles[-1].end == len(f.label) and titles[-1].kind == "post":
        return titles[-1].text
    if f.field == "other" and ctx.lex.titles.get(f.label) is not None:
        return f.label
    return None


def roster(ctx: Context, f: Field, names: Names, group: str | None = None) -> list[Reading]:
    """The people of one field's value, with the field's role and the label's title (`group`: the
    title of the group the field's names belong to, given before it)."""
    doc, comp, lex = ctx.doc, ctx.doc.compact, ctx.lex
    role = ROLE_OF_FIELD.get(f.field, "listed")
    label_title = _label_title(f, ctx)
    out: list[Reading] = []
    last_title: str | None = None
    group_title: str | None = group
    sub_role: str | None = None
    pending: str | None = None
    division: str | None = None
    prev_line = -1
    entries = split_entries(comp, f.value_start, f.value_end, doc.gap, lex, names, doc.breaks_line)
    all_names = label_title is not None and _list_of_names(comp, entries, lex, names, label_title)
    used_titles: set[str] = set()

    @cache
    def posted() -> int:
        """How many of the roster's entries are a post and a name (counted once, when first asked)."""
        return sum(any(h.form == "title_name" for h in parse_entry(comp, x, y, lex, names)) for x, y in entries)
    for a, b in entries:
        line = doc.line_of(doc.compact_index[a])
        if line != prev_line and pending is None:
            division = None  # a unit at the head of a line covers that line's names
        prev_line = line
        listed = last_title if last_title is not None and comp[a - 1:a] == "、" else None
        lead = _BRACKETED_LEAD.match(comp[a:b])
        if lead is not None and lead.end() < b - a and (heading := _bracketed_title(comp, a, a + lead.end(), lex)):
            group_title = heading  # (常務理事) 呂聖元 (…)\n賴詩萍 (…): the title covers the lines after it
        bracketed = _bracketed_title(comp, a, b, lex)
        if bracketed is not None:
            # (理事長) 管一政 / (常務理事) 許瑞榮、曾耀寰: a title in brackets heads the names after
            # it, up to the next one
            group_title = bracketed
            continue
        hits = parse_entry(comp, a, b, lex, names, label_title=pending or listed or group_title or label_title)
        if all_names and all(h.score < ACCEPT for h in hits):
            # 到場社員：威辰、晉毅、…、老蔡: in a list of names, a name without a known surname (a given
            # name, a nickname) is one of them
            hits = [PersonHit(a, b, comp[a:b], ((a, b),), label_title, "bare", ACCEPT, evidence=("list of names",))]
        if not hits and (post := _portfolio(comp, a, b, lex, names, posted)) is not None:
            hits = post
        if not hits:
            titles = find_titles(comp, lex, a, b)
            whole = bool(titles) and titles[0].start == a and titles[-1].end == b
            sub_field = lex.labels.get(comp[a:b])
            lost = lex.lost_glyph_titles.get(comp[a:b], ()) if b - a == 1 else ()
            if comp[b:b + 1] in (":", "：") and (whole or sub_field is not None or lost):
                # 理事：甲、乙、丙 / 監事：丁 / 請假人員：戊: a label inside the roster, for the names after it
                # (理事：甲 / 請假：乙: who is away under a group's title keeps it)
                if whole:
                    group_title = titles[-1].text
                elif lost:
                    # 常務理事：甲 / 事：乙 / 事：丙: a title that lost its first glyphs is the next of those
                    # its last glyph ends, in the order a roster lists them (理事, then 監事)
                    group_title = next((t for t in lost if t not in used_titles), lost[-1])
                elif sub_field != "absentees":
                    group_title = None
                if group_title is not None:
                    used_titles.add(group_title)
                sub_role = ROLE_OF_FIELD.get(sub_field) if sub_field in ("absentees", "observers") else None
                continue
            if titles and titles[-1].end == b:
                # 行政院院長 | 蘇貞昌: a post on its own, the name in the next entry
                pending = titles[-1].text
                if titles[-1].start > a:
                    division = as_written(doc, a, titles[-1].start)
            elif unit_like(comp[a:b], lex):
                division = as_written(doc, a, b)
            continue
        pending = None
        main = hits[0]
        if main.form == "title_name" and label_title is None:
            last_title = main.title  # 議員陳信瑜、康裕成: a title before the first name covers the list
        elif main.form != "bare" or comp[a - 1:a] != "、":
            last_title = None
        for h in hits:
            div = as_written(doc, *h.division) if h.division else division
            person_role = "stand_in" if h.stand_in_for else ("absentee" if h.absent else sub_role or role)
            given: list[str] = [h.title] if h.title else []
            if f.field in ("chair", "recorder") and not h.stand_in_for:
                given += _label_roles(f.label)  # 主席：丁副校長詩同 names a person by the post and by the role
            elif f.field == "other" and label_title is None and lex.titles.get(f.label) is not None:
                given.append(f.label)  # 司儀：臨僱洪小婷
            out.append(Reading(h, person_role, tuple(dict.fromkeys(given)) or (None,), div))  # type: ignore[arg-type]
    return out


def _portfolio(comp: str, a: int, b: int, lex: Lexicon, names: Names, posted: Callable[[], int]) -> list[PersonHit] | None:
    """活動李定中 in 會長古奕元、副會長吳信增、活動李定中、衛生張維峻: among entries of a post and a
    name (`posted`: how many), a two-character word before a full name is the post of a cadre's
    portfolio (活動, 衛生, 公關), which no list of titles holds."""
    if b - a not in (5, 6) or not all(is_cjk(c) for c in comp[a:b]):
        return None
    word = comp[a:a + 2]
    if unit_like(word, lex) or getattr(common_words().get(word), "tag", "") in _NOT_NAME_TAGS:
        return None
    person = [h for h in parse_entry(comp, a + 2, b, lex, names) if h.form == "bare" and h.score >= ACCEPT]
    if not person or posted() < 2:
        return None
    h = person[0]
    return [PersonHit(a, b, h.name, h.name_parts, word, "title_name", h.score, evidence=("a portfolio's post",))]


# the word classes (jieba's tags) no name is: pronouns, numerals, measure words, prepositions,
# conjunctions, particles, adverbs
_NOT_NAME_TAGS = frozenset({"r", "m", "q", "p", "c", "u", "d"})


def _list_of_names(comp: str, entries: list[tuple[int, int]], lex: Lexicon, names: Names, title: str) -> bool:
    """A roster under a titled label (出席委員, 到場社員) whose entries are all of a name's shape
    (two or three CJK characters, no title, no unit, no pronoun, numeral or particle: 全體, 其他),
    at least three of them reading as names: its other entries are names too."""
    if len(entries) < 3:
        return False
    vocab = common_words()
    read = 0
    for a, b in entries:
        piece = comp[a:b]
        if not 2 <= b - a <= 3 or not all(is_cjk(c) for c in piece) or find_titles(comp, lex, a, b) \
                or unit_like(piece, lex) or getattr(vocab.get(piece), "tag", "") in _NOT_NAME_TAGS:
            return False
        read += bool(parse_entry(comp, a, b, lex, names, label_title=title))
    return read >= 3


def group_before(ctx: Context, f: Field, previous: Field | None) -> str | None:
    """理事：甲、乙 / 請假：丙、丁: a 請假 field right after a roster group's names is that group's
    absentees, under its title (the last label that opens a line of the roster before it, when
    that label is a title)."""
    if f.field != "absentees" or previous is None or previous.field not in ("attendees", "absentees") \
            or previous.value_end < f.start - 2 or _label_title(f, ctx) is not None:
        return None
    comp, doc = ctx.doc.compact, ctx.doc
    starts = doc.compact_line_start_set
    for colon in range(previous.value_end - 1, previous.value_start, -1):
        if comp[colon] not in ":：":
            continue
        # the last label inside the roster, if it opens its line (監事：…, 工作人員：… names no title)
        begin = next((p for p in range(colon - 1, max(previous.value_start, colon - 8) - 1, -1) if p in starts), None)
        if begin is None:
            continue
        titles = find_titles(comp, ctx.lex, begin, colon)
        return titles[-1].text if titles and titles[0].start == begin and titles[-1].end == colon else None
    return None


def _label_roles(label: str) -> list[str]:
    """The roles a chair's or recorder's label names: 主持人(hoster) → 主持人 (a gloss in another
    language is no part of it), 主持人兼司儀 → 主持人, 司儀."""
    return [r for r in _GLOSS.sub("", label).split("兼") if r]


_GLOSS = re.compile(r"[(（][^()（）]*[)）]")


def _bracketed_title(comp: str, a: int, b: int, lex: Lexicon) -> str | None:
    """The title of an entry that is only a title in brackets: (理事長), （常務監事）."""
    if b - a < 3 or comp[a] not in "(（[【" or comp[b - 1] not in ")）]】":
        return None
    titles = find_titles(comp, lex, a + 1, b - 1)
    if len(titles) == 1 and titles[0].start == a + 1 and titles[0].end == b - 1:
        return titles[0].text
    return None
