"""People: every person named with a title, a post or a role, in the header and in the text.

One person grammar (`pipeline.grammar.names`, `.entries`, `.rosters`, `.persons`) reads them all:
- the header's fields (主席：丁副校長詩同 gives 丁詩同 as 副校長 and as 主席; 紀錄：陳慧玲);
- rosters wherever they stand (出席委員：甲、乙、丙 gives each the label's title 委員; 列席：
  社會局局長張乃千 …; names with no title anywhere are kept with no title);
- role lines in the body (陳情人：王大明);
- names with a note that names the post (許瑞榮(成功大學物理系；共同主席));
- running text, read at each title, where the words around a name must agree with its edges.
Each reading has a score; overlapping readings are resolved by it, and readings below the
threshold are kept as candidates for review, not reported. The lists (fields and rosters) are read
in `pipeline.extract.listed`; this module reads the rest and resolves them all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pipeline.anchor import anchored
from pipeline.chars import NAME_DOTS, is_cjk
from pipeline.context import Context
from pipeline.document import GapKind, as_written
from pipeline.extract.listed import ACCEPT, KEEP, ROSTER_FIELDS, Reading, group_before, roster
from pipeline.extract.registry import component
from pipeline.extract.units import before_word
from pipeline.gazetteer import Gazetteer, word_matcher
from pipeline.grammar.names import Edges, Names, PersonHit
from pipeline.grammar.persons import scan_text
from pipeline.grammar.titles import Title, find_titles
from pipeline.memo import Memo
from pipeline.models import Candidate, Person
from pipeline.segment.fields import Field, find_fields
from pipeline.words import Words, common_words

_ENGLISH = re.compile(r"(?P<title>Prof\.|Dr\.|Mr\.|Ms\.|Mrs\.|Professor)[ \t]+"
                      r"(?P<name>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2})")
_NOTED = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4})\((?P<note>[^()]{1,30})\)")
_NOTED_ANCHOR = (re.compile(r"\("), 4)  # (its bracket stands two to four characters after its start)


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

    def spaced_at(i: int) -> bool:
        return gap(i) == GapKind.SOFT and not doc.breaks_line(i)

    return Edges(Memo(left_at).__getitem__, Memo(right_at).__getitem__, hard, Memo(split_at).__getitem__,
                 spaced_at)


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
        readings += roster(ctx, f, names, group_before(ctx, f, previous))
        previous = f
    readings += _role_lines(ctx, names)
    readings += _noted(ctx, names, ctx.body_start)
    # running text, read at each title, outside the fields already read
    in_fields = sorted((f.label_start, f.value_end) for f in fields + body_fields)
    vocab = common_words()
    title_line = ctx.head.title_span and doc.compact_span(ctx.head.title_span)
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
        for r in roster(ctx, f, names):
            r.role = "listed"
            out.append(r)
    return out


def _written_name(ctx: Context, h: PersonHit) -> str:
    return "".join(as_written(ctx.doc, a, b) for a, b in h.name_parts) or h.name


def _full_names(ctx: Context, readings: list[Reading]) -> dict[tuple[str, str | None], str]:
    """(surname, title) -> the full name of the one person the document names with both (新竹分所
    張菊犁分所長 … 請張分所長召開…: 張分所長 is 張菊犁); none where two people share them."""
    seen: dict[tuple[str, str | None], set[str]] = {}
    grammar = ctx.lex.grammar(Names)
    for r in readings:
        h = r.hit
        if h.form == "surname_title" or h.title is None or len(h.name) < 2:
            continue
        name = _written_name(ctx, h)
        for k in grammar.surname_lengths(h.name):
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
