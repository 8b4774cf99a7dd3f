"""Action items: directives with the units or people asked, their deadline, and the section, item
and block they come from.

A sentence is cut into comma clauses. A clause with a directive word (a frame of
`pipeline.grammar.directives`) opens an item; a later clause opens another when it asks someone
new (…，另請消防局於十月底前提報) or has a subject of its own, and otherwise continues the item
(…，並於12月底前回報). The ones asked are read where the frame puts them: the units, people and posts
named right after 請/送請/責成/交由 (joined by 、 及 與 …; not a partner after 會同), or the subject before 應/負責. Units and
people come from the extractors that ran before (`divisions`, `outside_bodies`, `people`), so
請公管中心及市民服務組向資訊局確認 asks 公管中心 and 市民服務組, and 經濟部水利署 is one assignee.

Cutting the body into sentences and clauses, and the regions read apart, is
`pipeline.extract.sentences`; reading who is asked, `pipeline.extract.assignees`. This module
decides which clauses open a directive and what belongs to each, and adds deadlines and the unit
in charge.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.chars import is_cjk
from pipeline.context import Context
from pipeline.extract.assignees import Assignees, by_whom, subject, typed, unnamed_party
from pipeline.extract.registry import component
from pipeline.extract.sentences import (
    LIST_MARK,
    SENTENCE_END,
    clauses,
    inside,
    is_proposal,
    labelled_spans,
    locate,
    others_regions,
    sentences,
    strip_lead,
)
from pipeline.gazetteer import Occurrences
from pipeline.grammar.dates import WEEKDAY
from pipeline.grammar.directives import Directives, Trigger
from pipeline.grammar.headings import parse_marker
from pipeline.models import ActionItem


@dataclass
class Draft:
    start: int
    end: int
    trigger: Trigger
    assignees: list[str] = field(default_factory=list)
    names_end: int = -1  # where the list of the ones asked ended


@component("action_items", requires=("people", "divisions", "outside_bodies", "dates", "sections"),
           provides=("action_items",))
def actions_component(ctx: Context) -> dict[str, Any]:
    return {"action_items": extract_actions(ctx)}


def extract_actions(ctx: Context) -> list[ActionItem]:
    doc = ctx.doc
    comp = doc.compact
    rules = ctx.lex.grammar(Directives)
    reader = Assignees(ctx, rules)
    skip_sections = set(rules.words_of("skip_應_in_sections"))
    continuations = rules.words_of("continuations")
    out: list[ActionItem] = []
    quoted = rules.words_of("quoted_addressees")
    others = others_regions(ctx, rules)
    # the directive words of the whole body in one automaton pass: a sentence that holds none
    # opens no directive, and is not read further
    directive_words = Occurrences(rules.triggers.occurrences(comp, ctx.body_start))
    for a, b in sentences(ctx, ctx.body_start):
        if not directive_words.any_within(a, b) or is_proposal(comp[a:b], rules) or inside(others, a):
            continue
        sec, _, block = locate(ctx.sections, doc.span(a, a + 1)[0])
        # (an old decision read out under 確認上次會議紀錄 asks nothing new; this meeting's 決定
        # there does: 發言紀錄上網前,應送委員確認)
        skip_ying = sec is not None and sec.kind in skip_sections and block not in ctx.rules.conclusion_labels
        drafts: list[Draft] = []
        for cs, ce in clauses(comp, a, b):
            triggers = [t for t in rules.find(comp, cs, ce, skip_ying=skip_ying, named_at=reader.mentions.starts,
                                              named_before=reader.mentions.ends)
                        if not reader.mentions.covers(t.start) and t.start not in reader.mentions.starts]
            # (交 in 交通局, 由 of a name: part of a unit's or a person's name, no directive)
            opened = _open(ctx, reader, rules, triggers, ce)
            if opened is None:
                if drafts:
                    cur = drafts[-1]
                    if cur.names_end == cs - 1 and cur.assignees:
                        # 請李委員永辰、黃呂委員錦茹，于委員淑婷、劉委員小蘭…組成專案小組: the list of
                        # the ones asked runs on over a comma
                        more, cur.names_end = reader.read(cs, ce)
                        cur.assignees = list(dict.fromkeys(cur.assignees + more))
                    cur.end = ce
                continue
            t, names, after = opened
            if comp.startswith(quoted, t.end):
                continue  # 請貴府調整…: a quoted letter asks its addressee
            lead = strip_lead(comp, cs, ce)
            bare_verb = t.start == lead and not names and cs > a and 2 <= ce - t.end <= 5 \
                and SENTENCE_END.match(comp, b - 1) is not None  # (a finished sentence: 請刪除。)
            tail = sum(map(is_cjk, comp[after:b]))
            if not names and not bare_verb and (tail < 2 or (tail < 3 and not SENTENCE_END.match(comp, b - 1))):
                continue  # a directive word with nothing after it (a truncated text: …爰此,請考試)
            if not drafts:
                if bare_verb or (t.slot == "before" and t.start == lead and not names and cs > a):
                    # …合計錯誤，請修正 / …審議的範疇，請刪除: a bare verb asks about what the clauses
                    # before it name; the directive is the sentence (發言紀錄上網前,應送委員確認: so is
                    # an 應 that opens its clause, its subject and time before it)
                    lead = strip_lead(comp, a, ce)
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
                continue
            cur = drafts[-1]
            continued = t.start > cs and comp.startswith(continuations, t.start - 1) \
                and comp[t.start - 1] in "".join(continuations)
            # (…吳委員光庭…組成專案小組，並請吳委員光庭擔任召集人: one of the ones asked singled out
            # for more is asked anew)
            new_names = [n for n in names if n not in cur.assignees] or (
                names if t.word == "請" and set(names) < set(cur.assignees) else [])
            if cur.assignees and comp[cur.end - 1:cur.end] == "後" and cur.end <= cs and t.word == "由":
                # 請總幹事更正財報後，由委員重新簽名公告: what 由 others do "after" finishes the task
                # asked (…函送本部後，交由本會原專案小組研提…: 交由 hands on a task of its own)
                cur.end = ce
            elif cur.trigger.slot == "before" and not cur.assignees and names and t.slot != "before" and not continued:
                # 服務應提供…，請公管中心…確認: the 應 clause states the aim, the 請 clause asks someone
                cur.end, cur.trigger, cur.assignees = ce, t, names
            elif new_names and (cur.assignees or cur.trigger.slot != "before" or continued):
                # …，另請消防局於十月底前提報: someone else asked
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
            elif continued or t.slot == "before" or (t.start == lead and not names):
                cur.end = ce
                cur.assignees = list(dict.fromkeys(cur.assignees + names))
            else:
                drafts.append(Draft(lead, ce, t, names, after if names else -1))
        drafts = [dr for dr in drafts if dr.trigger.word != "負責" or _responsibility(ctx, comp, dr)]
        for k, dr in enumerate(drafts):
            if not dr.assignees and k == 0:
                dr.assignees = subject(ctx, reader, a, b, dr.trigger.start)
            out.append(_to_item(ctx, dr))
    return _in_charge(ctx, reader, rules, _rulings_set_deadlines(ctx, out), others)


def _rulings_set_deadlines(ctx: Context, items: list[ActionItem]) -> list[ActionItem]:
    """…請交通局提供…資料 / 請農業局提供…資料 / 主席裁定：請於101年12月18日開會前送會: a ruling that
    asks no one, with a deadline, after the requests it rules on (back to the ruling before it, in
    its section) gives them its deadline, and is no item of its own."""
    comp, doc = ctx.doc.compact, ctx.doc
    labels = tuple(ctx.rules.conclusion_labels)
    label_starts = [a for a, _ in labelled_spans(comp, labels)] if labels else []
    out: list[ActionItem] = []
    pending: list[int] = []  # indexes in `out` of requests with no deadline since the last ruling
    prev_end, prev_section = 0, None
    for it in items:
        cs, ce = doc.compact_span(it.span)
        line_start = doc.compact_line_start(cs)
        ruling = comp.startswith(labels, line_start)
        k = bisect.bisect_left(label_starts, prev_end)
        if it.section_heading != prev_section or (k < len(label_starts) and label_starts[k] < line_start):
            pending = []  # (主席裁定：請照辦 between them closed the requests before it)
        prev_end, prev_section = ce, it.section_heading
        if ruling and not it.assignees and it.deadline and pending:
            for k in pending:
                out[k] = out[k].model_copy(update={"deadline": it.deadline, "deadline_text": it.deadline_text})
            pending = []
            continue
        if it.assignees and not it.deadline and not ruling:
            pending.append(len(out))
        out.append(it)
    return out


_LABELLED = re.compile(r"[^，,。:：]{1,8}[:：]")  # 申請單位：臺北市政府（捷運工程局）: a field, not an entry
_IN_CHARGE = re.compile(r"[（(](?:(?P<label>[\u4e00-\u9fff]{2,4})[:：])?(?P<units>[^()（）:：]{2,30})[)）][。；.]?")


def _in_charge(ctx: Context, reader: Assignees, rules: Directives, items: list[ActionItem],
               others: list[tuple[int, int]]) -> list[ActionItem]:
    """List entries that end with the unit in charge in brackets: …要儘早聯繫規劃辦理。(民政局),
    …（主辦單位：工務局）. The entry's directives that name no one are that unit's; an entry with a
    word of obligation and no directive read is one directive of the unit."""
    doc, comp = ctx.doc, ctx.doc.compact
    line_starts = doc.compact_line_starts
    line_set = doc.compact_line_start_set
    labels = frozenset(rules.words_of("in_charge_labels"))
    skip = {"reports", "previous_minutes", "tracking"}
    body_start = ctx.body_start
    entries = [cs for cs in line_starts if cs >= body_start and cs < len(comp)
               and (LIST_MARK.match(comp, cs) or parse_marker(comp[cs:cs + 8]))]
    starts = [doc.to_compact(it.span[0]) for it in items]
    unnamed = "".join(rules.words_of("not_assignee_start"))  # 請於…, 請儘速…: no one named after 請
    added: list[ActionItem] = []
    for m in _IN_CHARGE.finditer(comp, ctx.body_start):
        if m.end() < len(comp) and m.end() not in line_set:
            continue  # the brackets do not end the entry
        if m.group("label") and m.group("label") not in labels:
            continue
        k = bisect.bisect_right(entries, m.start()) - 1
        if k < 0 or m.start() - entries[k] > 400 or inside(others, entries[k]):
            continue
        es = strip_lead(comp, entries[k], m.start())
        ua, ub = m.span("units")
        names, end = reader.read(ua, ub)
        if not names or end != ub or any(typed(ctx, n).type not in ("unit", "outside_body", "collective")
                                         for n in names):
            continue
        sec, _, _ = locate(ctx.sections, doc.span(es, es + 1)[0])
        if sec is not None and sec.kind in skip:
            continue
        within = [i for i, s in enumerate(starts) if es <= s < m.start()]
        for i in within:
            it = items[i]
            t = it.text.find(it.trigger)
            asked = t >= 0 and rules.triggers.get(it.trigger) != "before" \
                and it.text[t + len(it.trigger):][:1] not in unnamed  # (應…: the subject is the one asked)
            if not it.assignees and not asked:  # (也請啟忠專員…: someone is named, though not read)
                items[i] = items[i].model_copy(update={
                    "assignees": names, "assignee_details": [typed(ctx, n) for n in names]})
        if not within and not _LABELLED.match(comp, es, m.start()) and rules.obliges(comp, es, m.start()):
            trigger = Trigger(m.start(), m.end(), m.group(0).rstrip("。；."), "in_charge")
            added.append(_to_item(ctx, Draft(es, m.start(), trigger, names)))
    return sorted([*items, *added], key=lambda it: it.span[0]) if added else items


def _open(ctx: Context, reader: Assignees, rules: Directives, triggers: list[Trigger],
          limit: int) -> tuple[Trigger, list[str], int] | None:
    """The first trigger of a clause that opens a directive, the ones it asks, and where they end."""
    comp = ctx.doc.compact
    for t in triggers:
        if t.slot == "before":
            if t.word == "負責":
                by = 1 if comp[t.start - 1:t.start] == "由" else 0
                return t, reader.before(t.start - by) or by_whom(ctx, reader, t.start), t.end
            # the one who should act stands before 應; 應由各單位推派… names them after it
            if comp[t.end:t.end + 1] == "由":
                names, after = reader.read(t.end + 1, limit)
                return t, names, after
            # 國際處皆應將…: the unit or person right before 應 (an adverb between) is its subject
            p = t.start
            while p > 0 and t.start - p < 2 and comp[p - 1] in rules.subject_adverbs:
                p -= 1
            return t, reader.before(p), t.end
        names, after = reader.read(t.end, limit)
        if not names and t.slot in ("after", "after_with_verb") \
                and not reader.words.common(comp[max(0, t.start - 1):t.end]):  # (理由, 自由, 經由: no 由 frame)
            names, after = unnamed_party(ctx, reader, rules, t.end, limit) or (names, after)
        title = ctx.lex.titles.starting_at(comp, after, min(limit, after + 6)) if names else None
        spoken = title[0] if title is not None else after  # 請管理中心總幹事報告: the unit's officer speaks
        if t.word == "請" and ((names and comp.startswith(rules.speaking, spoken) and limit - spoken <= 6)
                              or rules.gives_floor(comp, spoken, limit, bool(names))):
            continue  # 請紀律委員會報告, 請何委員從…角度說明: asking someone to speak now, not a directive
        if t.slot == "after_with_verb":
            if not names or comp.startswith(rules.reporting, after):
                continue  # 由王局長說明: who reports, not who is asked
            clause = max(comp.rfind(x, 0, t.start) for x in ",，。；;") + 1
            if any(comp.find(w, clause, t.end) != -1 for w in rules.words_of("past_markers")):
                continue  # 曾於98年3月10日由…委託…辦理: what was done, not a directive
            reach = after + 20 + _quoted_length(comp, after, min(limit, after + 80))
            verbs = [v for v in rules.handling.iter(comp, after, min(limit, reach))
                     if comp[v[1]:v[1] + 1] not in "人員者" and comp.count("(", after, v[0]) <= comp.count(")", after, v[0])]
            if not verbs:
                continue  # 理由, 交流, 由…組成專案小組: no handling verb follows
        return t, names, after
    return None


def _quoted_length(comp: str, a: int, b: int) -> int:
    """How many characters of comp[a:b] stand inside 「…」 or 『…』 (由市府開闢單位依據「各級政府機關互相
    撥用公有不動產之有償或無償劃分原則」辦理: the handling verb comes after the quoted title)."""
    n = 0
    for m in re.finditer(r"「[^「」]*」|『[^『』]*』", comp[a:b]):
        n += len(m.group(0))
    return n



def _responsibility(ctx: Context, comp: str, dr: Draft) -> bool:
    """X負責 assigns work in a decision or in a note (曾耀寰常務理事負責); in a report it only tells
    who did something (媒體事務組負責媒體宣傳)."""
    if comp.rfind("(", dr.start, dr.trigger.start) > comp.rfind(")", dr.start, dr.trigger.start):
        return True
    _, _, block = locate(ctx.sections, ctx.doc.span(dr.trigger.start, dr.trigger.end)[0])
    return block is not None and block in ctx.rules.conclusion_labels



def _to_item(ctx: Context, dr: Draft) -> ActionItem:
    doc = ctx.doc
    comp = doc.compact
    end = dr.end
    while end > dr.start and comp[end - 1] in "。；;!?！？,，:：":
        end -= 1
    s, e = doc.span(dr.start, end)
    sec, item, block = locate(ctx.sections, s)
    deadline, deadline_text = _deadline(ctx, s, e)
    return ActionItem(text=doc.text[s:e], span=(s, e), assignees=dr.assignees,
                      assignee_details=[typed(ctx, a) for a in dr.assignees], deadline=deadline,
                      deadline_text=deadline_text, trigger=dr.trigger.word,
                      section=sec.kind if sec else "none", section_heading=sec.heading if sec else None,
                      item=item.heading if item else None, block=block)


_WEEKDAY_AFTER = re.compile(WEEKDAY)


def _deadline(ctx: Context, s: int, e: int) -> tuple[str | None, str | None]:
    """A date inside the directive that it must be done by: 12月底前, 於12月20日前."""
    comp = ctx.doc.compact
    node = ctx.lex.files.get("directives") or {}
    after_words = tuple(node.get("deadline_after") or ())
    planned = tuple(node.get("planned_before") or ())
    first = bisect.bisect_left(ctx.dates, s, key=lambda d: d.span[0])
    for dm in ctx.dates[first:]:
        if dm.span[0] >= e:
            break
        ce = ctx.doc.to_compact(dm.span[1])
        cs = ctx.doc.to_compact(dm.span[0])
        weekday = _WEEKDAY_AFTER.match(comp, ce)
        if weekday is not None:
            ce = weekday.end()  # 12/18(五)前: the weekday between the date and 前
        if dm.kind == "month_end" or comp.startswith(after_words, ce) or dm.text.endswith(after_words) \
                or comp.endswith(planned, 0, cs):
            return (dm.until or dm.value), dm.text
    return None, None

