"""People: every person named with a title, a post or a role, in the header and in the text.

One person grammar (`pipeline.grammar.names`, `.entries`, `.rosters`, `.persons`) reads them all:
- the header's fields (主席：丁副校長詩同 gives 丁詩同 as 副校長 and as 主席; 紀錄：陳慧玲);
- rosters wherever they stand (出席委員：甲、乙、丙 gives each the label's title 委員; 列席：
  社會局局長張乃千 …; names with no title anywhere are kept with no title);
- role lines in the body (陳情人：王大明);
- names with a note that names the post (許瑞榮(成功大學物理系；共同主席));
- running text, read at each title, where the words around a name must agree with its edges.
Each reading has a score; overlapping readings are resolved by it, and readings below the
threshold are kept as candidates for review, not reported.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.anchor import anchored
from pipeline.chars import NAME_DOTS, is_cjk
from pipeline.context import Context
from pipeline.document import GapKind, as_written
from pipeline.extract.registry import component
from pipeline.extract.units import before_word
from pipeline.gazetteer import Gazetteer, word_matcher
from pipeline.grammar.entries import parse_entry
from pipeline.grammar.names import Edges, Names, PersonHit, unit_like
from pipeline.grammar.persons import scan_text
from pipeline.grammar.rosters import split_entries
from pipeline.grammar.titles import Title, find_titles
from pipeline.lexicon import Lexicon
from pipeline.memo import Memo
from pipeline.models import Candidate, Person
from pipeline.segment.fields import Field, find_fields
from pipeline.words import Words, common_words

ACCEPT = 0.5  # a reading scored at least this is reported
KEEP = 0.3  # below ACCEPT and at least this: kept as a candidate for review
ROLE_OF_FIELD = {"chair": "chair", "recorder": "recorder", "attendees": "attendee", "absentees": "absentee",
                 "observers": "observer"}
ROSTER_FIELDS = ("chair", "recorder", "attendees", "absentees", "observers", "other")
_ENGLISH = re.compile(r"(?P<title>Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Professor)[ \t]+"
                      r"(?P<name>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2})")
_BRACKETED_LEAD = re.compile(r"[(（][^()（）]{1,10}[)）]")  # a short bracketed note opening an entry
_NOTED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4})\((?P<note>[^()]{1,30})\)")
_NOTED_ANCHOR = (re.compile(r"\("), 4)  # (its bracket stands two to four characters after its start)


@dataclass
class Reading:
    hit: PersonHit
    role: str | None  # chair, recorder, attendee ... for a listed person
    titles: tuple[str, ...]  # the titles this reading gives (a post and a role may both apply)
    division: str | None = None


@lru_cache(maxsize=64)
def _following_words(after_titles: frozenset[str]) -> Gazetteer[bool]:
    """A name ends before a word that follows names (表示, 主持 …); one character is too weak (the
    matcher made once per word list, not once per document)."""
    return word_matcher(tuple(w for w in after_titles if len(w) > 1))


def _edges(ctx: Context, title_ends: set[int], title_starts: set[int]) -> Edges:
    """Edges of names in running text, from the document: gaps, punctuation, function words,
    units and titles found before.

    The grammar asks the same positions many times: each answer is kept, by position, in a `Memo`
    whose question is a closure over the document's views (not over the memos' holder, so no
    reference cycle keeps a document alive after its extraction)."""
    doc, comp, lex = ctx.doc, ctx.doc.compact, ctx.lex
    size = len(comp)
    gap = doc.gap
    before = lex.gazetteer_of("before_names", "parent_words")
    after = _following_words(lex.words_of("after_titles"))
    not_in = lex.words_of("not_in_names")
    unit_ends = {doc.to_compact(d.span[1]) for d in (*ctx.divisions, *ctx.outside_bodies)}
    words = common_words()

    def hard_at(i: int) -> bool:
        """Nothing written runs across i: the text's ends, punctuation, a line or column break (a
        line the layout wrapped is no break)."""
        if i <= 0 or i >= size:
            return True
        if not is_cjk(comp[i - 1]) or not is_cjk(comp[i]):
            return True
        return gap(i) == GapKind.HARD  # a wrapped line is a SOFT gap: a name reads on over it

    hard: Callable[[int], bool] = Memo(hard_at).__getitem__

    def split_at(i: int) -> bool:
        """A break no name runs across: punctuation (a name's dots aside), a line or column break."""
        if i <= 0 or i >= size:
            return True
        for ch in (comp[i - 1], comp[i]):
            if not ch.isalnum() and ch not in NAME_DOTS and ch not in "-'":
                return True
        return gap(i) == GapKind.HARD

    def left_at(i: int) -> int:
        """How surely a name may start at i: 2 at punctuation, a break, a function word, a unit
        or a title; 1 where only the vocabulary says a word ends there; 0 not at all."""
        if hard(i) or comp[i - 1] in not_in:
            return 2
        if i in unit_ends or i in title_ends:
            return 2
        if comp.startswith("長", i + 1) and (i + 1 in unit_ends or comp[i - 1] == comp[i]):
            # 地政局長林燕山: the unit's last character is the title's first (局長); 布袋里里長: the
            # place's last character is written again as the title's
            return 2
        if before_word(before, words, comp, i, max(0, i - 4)):
            return 2
        # a word of the language ends here and none runs across (感謝|陳大明)
        return int(words.common(comp[i - 2:i], 50) and not words.common(comp[i - 1:i + 1], 3))

    def right_at(i: int) -> int:
        """How surely a name may end before i (as `left_at`)."""
        if hard(i) or comp[i] in not_in or i in title_starts:
            return 2
        if after.starting_at(comp, i) is not None or words.particle(comp[i]):
            return 2  # 表示, 主持 …; 於, 和, 的: words that follow a name
        # a word of the language starts here and none runs across (陳市長菊|施政報告)
        return int(words.common(comp[i:i + 2], 50) and not words.common(comp[i - 1:i + 1], 3))

    return Edges(Memo(left_at).__getitem__, Memo(right_at).__getitem__, hard, Memo(split_at).__getitem__)


def _label_title(f: Field, ctx: Context) -> str | None:
    """出席委員 → 委員, 請假委員 → 委員, 列席代表 → 代表: a label that ends in a title gives it."""
    titles = find_titles(f.label, ctx.lex)
    if titles and titles[-1].end == len(f.label) and titles[-1].kind == "post":
        return titles[-1].text
    if f.field == "other" and ctx.lex.titles.get(f.label) is not None:
        return f.label
    return None


def _roster(ctx: Context, f: Field, names: Names, group: str | None = None) -> list[Reading]:
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
    entries = split_entries(comp, f.value_start, f.value_end, doc.gap, lex, names,
                            lambda p: "\n" in doc.text[doc.compact_index[p - 1]:doc.compact_index[p]])
    all_names = label_title is not None and _list_of_names(comp, entries, lex, names, label_title)
    used_titles: set[str] = set()
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
        if not hits and (post := _portfolio(comp, a, b, entries, lex, names)) is not None:
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


def _portfolio(comp: str, a: int, b: int, entries: list[tuple[int, int]], lex: Lexicon,
               names: Names) -> list[PersonHit] | None:
    """活動李定中 in 會長古奕元、副會長吳信增、活動李定中、衛生張維峻: among entries of a post and a
    name, a two-character word before a full name is the post of a cadre's portfolio (活動, 衛生,
    公關), which no list of titles holds."""
    if b - a not in (5, 6) or not all(is_cjk(c) for c in comp[a:b]):
        return None
    word = comp[a:a + 2]
    if unit_like(word, lex) or getattr(common_words().get(word), "tag", "") in _NOT_NAME_TAGS:
        return None
    person = [h for h in parse_entry(comp, a + 2, b, lex, names) if h.form == "bare" and h.score >= ACCEPT]
    if not person:
        return None
    posted = 0
    for x, y in entries:
        if (x, y) != (a, b):
            posted += any(h.form == "title_name" for h in parse_entry(comp, x, y, lex, names))
    if posted < 2:
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


def _group_before(ctx: Context, f: Field, previous: Field | None) -> str | None:
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


def _noted(ctx: Context, names: Names, start: int) -> list[Reading]:
    """許瑞榮(成功大學物理系；共同主席), 蔡錦俊(成大理學院院長): a name and a note naming the post."""
    comp, lex = ctx.doc.compact, ctx.lex
    out: list[Reading] = []
    for m in anchored(_NOTED, comp, _NOTED_ANCHOR, start):
        a, b = m.span("name")
        for n in range(min(4, b - a), 1, -1):
            name = comp[b - n:b]
            if names.score(name) < 0.7:
                continue
            note = m.group("note")
            for part in reversed(re.split(r"[；;，,、]", note)):
                titles = find_titles(part, lex)
                if titles and titles[-1].end == len(part):
                    hit = PersonHit(b - n, m.end(), name, ((b - n, b),), titles[-1].text, "noted", 0.8)
                    out.append(Reading(hit, None, (titles[-1].text,)))
                    break
            break
    return out


def _resolve(readings: list[Reading]) -> tuple[list[Reading], list[Reading]]:
    """Overlapping readings of the text: the higher score wins; a reading under ACCEPT is kept
    apart as a candidate."""
    accepted: list[Reading] = []
    low: list[Reading] = []
    taken: list[tuple[int, int]] = []
    starts: list[int] = []
    # listed people first (their entries bound them), then running text by score
    for r in sorted(readings, key=lambda r: (r.role is None, -r.hit.score, r.hit.start)):
        if r.hit.score < ACCEPT:
            if r.hit.score >= KEEP:
                low.append(r)
            continue
        a, b = r.hit.start, r.hit.end
        k = bisect_right(starts, a)
        clash = (k > 0 and taken[k - 1][1] > a) or (k < len(starts) and starts[k] < b)
        if clash and r.role is None:
            continue  # running text only: a listed person may share a span with another reading
        taken.insert(k, (a, b))
        starts.insert(k, a)
        accepted.append(r)
    return sorted(accepted, key=lambda r: r.hit.start), low


@component("people", requires=("head", "divisions", "outside_bodies", "sections"),
           provides=("people", "candidates", "meeting.chair", "meeting.recorder", "meeting.attendees",
                     "meeting.absentees", "meeting.observers"))
def people_component(ctx: Context) -> dict[str, Any]:
    doc, comp, lex = ctx.doc, ctx.doc.compact, ctx.lex
    names = lex.grammar(Names)
    readings: list[Reading] = []
    header_fields = {(f.label_start, f.value_start) for f in ctx.head.fields}
    fields = [f for f in ctx.head.fields if f.field in ROSTER_FIELDS]
    # rosters and role lines in the body (an embedded 議事錄's 出席委員, 陳情人：…)
    body_fields = [f for f in find_fields(doc, lex, ctx.body_start, len(comp),
                                          fields=("attendees", "absentees", "observers"))
                   if (f.label_start, f.value_start) not in header_fields]
    previous: Field | None = None
    for f in fields + body_fields:
        readings += _roster(ctx, f, names, _group_before(ctx, f, previous))
        previous = f
    readings += _role_lines(ctx, names)
    readings += _noted(ctx, names, ctx.body_start)
    # running text, read at each title, outside the fields already read
    in_fields = sorted((f.label_start, f.value_end) for f in fields + body_fields)
    vocab = common_words()
    title_line = ctx.head.title_span and (doc.to_compact(ctx.head.title_span[0]), doc.to_compact(ctx.head.title_span[1]))
    titles = [t for t in find_titles(comp, lex) if not _inside(in_fields, t.start)
              and not (title_line and title_line[0] <= t.start < title_line[1]) and not _in_word(comp, t, vocab)]
    edges = _edges(ctx, {t.end for t in titles}, {t.start for t in titles})
    known: dict[str, list[str]] = {}
    for r in readings:
        parts = r.hit.name_parts
        if r.hit.form != "surname_title" and len(r.hit.name) >= 2:
            for sl in names.surname_lengths(r.hit.name):
                known.setdefault(r.hit.name[:sl], []).append(r.hit.name[sl:])
        del parts
    for h in scan_text(comp, titles, names, edges, lex, known, common_words()):
        readings.append(Reading(h, None, (h.title,) if h.title else (None,)))  # type: ignore[arg-type]
    accepted, low = _resolve(readings)
    people = _to_people(ctx, accepted)
    people += _english(ctx)
    meeting = _meeting_roles(ctx, accepted)
    candidates = [Candidate(text=doc.text[slice(*doc.span(r.hit.start, r.hit.end))], span=doc.span(r.hit.start, r.hit.end),
                            kind="person", value={"name": _written_name(ctx, r.hit), "title": r.titles[0]},
                            score=round(r.hit.score, 3), reasons=[r.hit.form]) for r in low]
    return {"people": people, "candidates": [*ctx.candidates, *candidates], **meeting}


def _in_word(comp: str, t: Title, vocab: Words) -> bool:
    """A title inside a longer word of the language is no title: 會議紀錄, 總司令部."""
    # (the dictionary's words are at most four characters long: a longer stretch is none, and is
    # not cut out to be looked up)
    room = 4 - (t.end - t.start)
    for k in (2, 3):
        if k <= room and t.start - k >= 0 and vocab.common(comp[t.start - k:t.end], 3):
            return True
    for k in (2, 3):
        if k <= room and t.end + k <= len(comp) and vocab.common(comp[t.start:t.end + k], 3):
            return True
    # 碩士班, 博士班 (a class of students): one character more makes a word (whatever jieba's tag)
    entry = vocab.get(comp[t.start:t.end + 1]) if t.end < len(comp) and room >= 1 else None
    return entry is not None and entry.freq >= 3


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    k = bisect_right(ranges, (pos, 1 << 62)) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def _role_lines(ctx: Context, names: Names) -> list[Reading]:
    """陳情人：王大明, 召集人：李小華 at the start of a line in the body: a role label."""
    doc, comp, lex = ctx.doc, ctx.doc.compact, ctx.lex
    out: list[Reading] = []
    roles = lex.roles
    body_start = ctx.body_start
    for cs, ce in doc.compact_lines:
        if cs < body_start or ce - cs < 4:
            continue
        k = comp.find(":", cs, min(ce, cs + 8))
        if k == -1:
            k = comp.find("：", cs, min(ce, cs + 8))
        if k <= cs or comp[cs:k] not in roles:
            continue
        f = Field("other", comp[cs:k], cs, cs, k, k + 1, ce)
        for r in _roster(ctx, f, names):
            r.role = "listed"
            out.append(r)
    return out


def _written_name(ctx: Context, h: PersonHit) -> str:
    return "".join(as_written(ctx.doc, a, b) for a, b in h.name_parts) or h.name


def _full_names(ctx: Context, readings: list[Reading]) -> dict[tuple[str, str | None], str]:
    """(surname, title) -> the full name of the one person the document names with both (新竹分所
    張菊犁分所長 … 請張分所長召開…: 張分所長 is 張菊犁); none where two people share them."""
    seen: dict[tuple[str, str | None], set[str]] = {}
    for r in readings:
        h = r.hit
        if h.form == "surname_title" or h.title is None or len(h.name) < 2:
            continue
        name = _written_name(ctx, h)
        for k in ctx.lex.grammar(Names).surname_lengths(h.name):
            seen.setdefault((h.name[:k], h.title), set()).add(name)
    return {key: next(iter(names)) for key, names in seen.items() if len(names) == 1}


def _to_people(ctx: Context, readings: list[Reading]) -> list[Person]:
    doc = ctx.doc
    out: list[Person] = []
    seen: set[tuple[str, str | None, int]] = set()
    ends = sorted((doc.to_compact(d.span[1]), d.name) for d in ctx.divisions)
    end_pos = [e for e, _ in ends]
    full = _full_names(ctx, readings)
    for r in readings:
        h = r.hit
        s, e = doc.span(h.start, h.end)
        name = _written_name(ctx, h)
        if h.form == "surname_title":
            name = full.get((h.name, h.title), name)
        division = r.division
        if division is None:
            k = bisect_right(end_pos, h.start) - 1
            if k >= 0 and end_pos[k] == h.start:
                division = ends[k][1]  # 總務組黃妙英股長: the unit written right before
        for title in r.titles:
            written_title = _written_title(ctx, h, title) if title else None
            key = (name, written_title, h.start)
            if key in seen:
                continue
            seen.add(key)
            out.append(Person(text=doc.text[s:e], span=(s, e), name=name, title=written_title, division=division,
                              role=r.role, confidence=round(min(1.0, h.score), 3)))
    return _titled_elsewhere(ctx, out)


def _titled_elsewhere(ctx: Context, people: list[Person]) -> list[Person]:
    """出席人員:卓伯源、張豐富… and 主席:卓主任委員伯源: a name listed bare takes the post the document
    gives the same name elsewhere (the first post, else the first role), so that one person is not
    reported both with and without a title."""
    roles = ctx.lex.roles
    known: dict[str, str] = {}
    for p in people:
        if p.title and (p.name not in known or (known[p.name] in roles and p.title not in roles)):
            known[p.name] = p.title
    return [p.model_copy(update={"title": known[p.name]}) if p.title is None and p.name in known else p
            for p in people]


def _written_title(ctx: Context, h: PersonHit, title: str) -> str:
    """A title as the mention writes it (祕書 stays 祕書); a label's title stands elsewhere and
    is given in its folded form."""
    k = ctx.doc.compact.find(title, h.start, h.end)
    return as_written(ctx.doc, k, k + len(title)) if k != -1 else title


def _english(ctx: Context) -> list[Person]:
    """Prof. Andrew Fabian, Dr. Donald Goldsmith: visitors named the English way."""
    out = []
    for m in _ENGLISH.finditer(ctx.doc.text, ctx.head.end):
        s, e = m.span()
        out.append(Person(text=ctx.doc.text[s:e], span=(s, e), name=m["name"], title=m["title"]))
    return out


def _meeting_roles(ctx: Context, readings: list[Reading]) -> dict[str, Any]:
    """The chair and recorder as names without titles, and the attendance lists."""
    m = ctx.head.meeting
    # (主席：瞿副召集人海源、許副召集人宗力: co-chairs, joined as several recorders are)
    chairs = [r for r in readings if r.role == "chair" and r.hit.start < ctx.body_start]
    chair = chairs[0] if chairs else None
    if chair is None and m.chair is None:
        chair = next((r for r in readings if "主席" in r.titles and _speaker(ctx, r)), None)
        chairs = [chair] if chair else []
    recorders = [r for r in readings if r.role == "recorder" and r.hit.start < ctx.body_start]
    out: dict[str, Any] = {
        "meeting.chair": "、".join(dict.fromkeys(_written_name(ctx, r.hit) for r in chairs)) or m.chair,
        "meeting.recorder": "、".join(dict.fromkeys(_written_name(ctx, r.hit) for r in recorders)) or m.recorder,
        "meeting.attendees": [_written_name(ctx, r.hit) for r in readings if r.role in ("attendee", "stand_in")],
        "meeting.absentees": [_written_name(ctx, r.hit) for r in readings if r.role == "absentee"],
        "meeting.observers": [_written_name(ctx, r.hit) for r in readings if r.role == "observer"],
    }
    if chairs:
        m.spans["chair"] = ctx.doc.span(chairs[0].hit.start, chairs[-1].hit.end)
    if recorders:
        m.spans["recorder"] = ctx.doc.span(recorders[0].hit.start, recorders[-1].hit.end)
    return out


def _speaker(ctx: Context, r: Reading) -> bool:
    """A transcript names its chair as a speaker (主席洪若珊：…) when the header does not."""
    doc = ctx.doc
    s, _e = doc.span(r.hit.start, r.hit.end)
    line_start = doc.text.rfind("\n", 0, s) + 1
    return not doc.text[line_start:s].strip() and doc.compact[r.hit.end:r.hit.end + 1] in (":", "：")
