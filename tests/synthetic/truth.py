"""The truth of a synthetic variant and how a prediction is scored against it.

A variant's `gold` is a whole document in the format of shared/gold/FORMAT.md (meeting, sections,
dates, divisions, people, action_items, optional), so it can be scored by `minutes eval` like any
hand-made gold; one key is added, `attendance` (the names a roster lists as present or absent: a
stand-in attends, 請假 is absent), which FORMAT.md does not have and the scorers ignore. Its `focus` says what the variant is about: the field of its class, the regions of
the text where the generated fragment sits, and the gold items that fragment contributes. A class is
scored on its focus: gold items of the fragment against the predictions whose span falls in its
regions (predictions elsewhere in the document are judged by the whole-document score instead).

The scoring follows shared/eval/score.py: people by (name, title) and divisions by name as sets,
after NFKC folding without whitespace; an `optional` gold entry is neither rewarded nor penalised;
a predicted directive matches the first gold quote it overlaps (one holds the other, or they share a
substring of half the quote); meeting fields by exact value, a null gold field not scored. Action
items are scored strictly here: a match counts only when its assignee set *and* its deadline agree.

Nothing here imports the pipeline: the truth must not depend on the code it judges.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]
Span = tuple[int, int]

MEETING_FIELDS = ("body", "name", "session", "date", "start_time", "end_time", "location", "chair",
                  "recorder")
_INVISIBLE_OR_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")


def squash(value: object) -> str:
    """Text as a reader compares it (score.py): NFKC-folded, no whitespace or zero-width characters."""
    return _INVISIBLE_OR_SPACE.sub("", unicodedata.normalize("NFKC", "" if value is None else str(value)))


# ---- the truth ---------------------------------------------------------------------------------

@dataclass
class Focus:
    """What a variant is about: `field` is scored, `also` are reported beside it (same regions)."""

    field: str
    regions: list[Span]
    gold: Json
    also: tuple[str, ...] = ()


@dataclass
class Variant:
    """One generated document with its truth."""

    id: str
    klass: str
    subclass: str
    facets: dict[str, str]
    text: str
    gold: Json
    focus: Focus

    def gold_document(self) -> Json:
        """The gold in FORMAT.md form, named for `<id>.txt`."""
        return {"source": f"{self.id}.txt", **self.gold}


class GoldBuilder:
    """Collects the gold of one document as it is written; `focus=True` marks the fragment's items."""

    def __init__(self) -> None:
        self.meeting: Json = dict.fromkeys(MEETING_FIELDS)
        self.sections: list[str] = []
        self.dates: list[Json] = []
        self.optional_dates: list[Json] = []
        self.divisions: list[str] = []
        self.people: list[Json] = []
        self.optional_people: list[Json] = []
        self.actions: list[Json] = []
        self.optional_actions: list[Json] = []
        self.attendees: list[str] = []
        self.absentees: list[str] = []
        self.focus_people: list[Json] = []
        self.focus_optional_people: list[Json] = []
        self.focus_divisions: list[str] = []
        self.focus_actions: list[Json] = []
        self.focus_optional_actions: list[Json] = []
        self.focus_attendance: Json = {"attendees": [], "absentees": []}

    def person(self, name: str, title: str | None, division: str | None = None, *,
               optional: bool = False, focus: bool = False) -> None:
        entry = {"name": name, "title": title, "division": division}
        (self.optional_people if optional else self.people).append(entry)
        if focus:
            (self.focus_optional_people if optional else self.focus_people).append(entry)

    def division(self, name: str, *, focus: bool = False) -> None:
        self.divisions.append(name)
        if focus:
            self.focus_divisions.append(name)

    def date(self, text: str, value: str, until: str | None = None) -> None:
        self.dates.append({"text": text, "value": value, "until": until})

    def action(self, assignees: list[str], deadline: str | None, quote: str, *, optional: bool = False,
               focus: bool = False) -> None:
        entry = {"assignees": list(assignees), "deadline": deadline, "quote": quote}
        (self.optional_actions if optional else self.actions).append(entry)
        if focus:
            (self.focus_optional_actions if optional else self.focus_actions).append(entry)

    def attendance(self, attendees: Iterable[str] = (), absentees: Iterable[str] = (), *,
                   focus: bool = False) -> None:
        present, absent = list(attendees), list(absentees)
        self.attendees += present
        self.absentees += absent
        if focus:
            self.focus_attendance["attendees"] += present
            self.focus_attendance["absentees"] += absent

    @staticmethod
    def _people(main: list[Json], optional: list[Json]) -> tuple[list[Json], list[Json]]:
        """One entry per (name, title); a pair that is main somewhere is not also optional."""
        def key(p: Mapping[str, Any]) -> tuple[str, str]:
            return squash(p["name"]), squash(p["title"])

        seen: dict[tuple[str, str], Json] = {}
        for p in main:
            seen.setdefault(key(p), p)
        spare: dict[tuple[str, str], Json] = {}
        for p in optional:
            if key(p) not in seen:
                spare.setdefault(key(p), p)
        return list(seen.values()), list(spare.values())

    def build(self) -> tuple[Json, Json]:
        """(the FORMAT.md gold of the document, the gold of the focus fragment)."""
        people, optional_people = self._people(self.people, self.optional_people)
        focus_people, focus_optional = self._people(self.focus_people, self.focus_optional_people)
        gold: Json = {
            "meeting": dict(self.meeting),
            "sections": list(self.sections),
            "dates": list(self.dates),
            "case_numbers": [],
            "divisions": sorted(set(self.divisions), key=self.divisions.index),
            "people": people,
            "action_items": list(self.actions),
            "optional": {"dates": list(self.optional_dates), "people": optional_people,
                         "action_items": list(self.optional_actions)},
            "attendance": {"attendees": list(self.attendees), "absentees": list(self.absentees)},
        }
        focus: Json = {
            "meeting": dict(self.meeting),
            "people": focus_people,
            "divisions": sorted(set(self.focus_divisions), key=self.focus_divisions.index),
            "action_items": list(self.focus_actions),
            "optional": {"people": focus_optional, "action_items": list(self.focus_optional_actions)},
            "attendance": {k: list(v) for k, v in self.focus_attendance.items()},
        }
        return gold, focus


# ---- scoring -----------------------------------------------------------------------------------

@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def perfect(self) -> bool:
        return self.fp == 0 and self.fn == 0

    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> Json:
        return {"precision": round(self.precision(), 4), "recall": round(self.recall(), 4),
                "f1": round(self.f1(), 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class FocusScore:
    """A variant's tallies per scored field and, for failures, what went wrong."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _in_regions(span: object, regions: list[Span]) -> bool:
    if not (isinstance(span, (list, tuple)) and len(span) == 2):
        return False
    start, end = span
    return any(start < r_end and end > r_start for r_start, r_end in regions)


def _set_counts(gold: set[Hashable], pred: set[Hashable], optional: set[Hashable]) -> Tally:
    """score.py's multiset rule on sets: extra predictions that are optional cost nothing."""
    g, p = Counter(gold), Counter(pred)
    tp = sum(min(n, p[k]) for k, n in g.items())
    fp = sum(n for k, n in (p - g).items() if k not in optional)
    fn = sum(max(0, n - p[k]) for k, n in g.items())
    return Tally(tp, fp, fn)


def _person_key(p: Mapping[str, Any]) -> tuple[str, str]:
    return squash(p.get("name")), squash(p.get("title"))


def _show_person(key: Hashable) -> str:
    name, title = key if isinstance(key, tuple) else (key, "")
    return f"{name}/{title or '-'}"


def longest_common_substring(needle: str, haystack: str) -> int:
    best = 0
    for i in range(len(needle)):
        j = i + best + 1
        while j <= len(needle) and needle[i:j] in haystack:
            best = j - i
            j += 1
    return best


def quote_overlaps(pred_text: str, quote: str) -> bool:
    """score.py: one holds the other (the prediction at least half the quote), or they share a
    substring of at least half the quote."""
    p, q = squash(pred_text), squash(quote)
    if not q:
        return False
    if q in p or (p and p in q and len(p) >= 0.5 * len(q)):
        return True
    return longest_common_substring(q, p) >= 0.5 * len(q)


def _score_people(focus: Focus, pred: Json, out: FocusScore) -> None:
    gold = {_person_key(p) for p in focus.gold["people"]}
    optional = {_person_key(p) for p in focus.gold["optional"]["people"]}
    got = {_person_key(p) for p in pred.get("people") or [] if _in_regions(p.get("span"), focus.regions)}
    out.tallies["people"] = _set_counts(set(gold), set(got), set(optional))
    for k in sorted(gold - got):
        out.problems.append(f"missed person {_show_person(k)}")
    for k in sorted(got - gold - optional):
        out.problems.append(f"spurious person {_show_person(k)}")


def _score_divisions(focus: Focus, pred: Json, out: FocusScore) -> None:
    gold = {squash(d) for d in focus.gold["divisions"]}
    got = {squash(d.get("name")) for d in pred.get("divisions") or []
           if _in_regions(d.get("span"), focus.regions)}
    out.tallies["divisions"] = _set_counts(set(gold), set(got), set())
    out.problems += [f"missed division {d}" for d in sorted(gold - got)]
    out.problems += [f"spurious division {d}" for d in sorted(got - gold)]


def _score_actions(focus: Focus, pred: Json, out: FocusScore) -> None:
    """Strict: a directive is right when found, with the same assignees and the same deadline.
    Beside it, the two halves as score.py counts them (assignees; deadline over found items)."""
    gold_items = focus.gold["action_items"]
    optional = focus.gold["optional"]["action_items"]
    preds = [a for a in pred.get("action_items") or [] if _in_regions(a.get("span"), focus.regions)]
    used: set[int] = set()
    right = assigned = found = deadline_right = 0
    for g in gold_items:
        hit = next((i for i, p in enumerate(preds)
                    if i not in used and quote_overlaps(str(p.get("text", "")), g["quote"])), None)
        if hit is None:
            out.problems.append(f"missed directive 「{g['quote']}」")
            continue
        used.add(hit)
        found += 1
        p = preds[hit]
        same_assignees = sorted(map(squash, p.get("assignees") or [])) == sorted(map(squash, g["assignees"]))
        same_deadline = (p.get("deadline") or None) == (g.get("deadline") or None)
        assigned += same_assignees
        deadline_right += same_deadline
        right += same_assignees and same_deadline
        if not same_assignees:
            out.problems.append(f"assignees {p.get('assignees')} for {g['assignees']} in 「{g['quote']}」")
        if not same_deadline:
            out.problems.append(f"deadline {p.get('deadline')} for {g.get('deadline')} in 「{g['quote']}」")
    spare = [p for i, p in enumerate(preds) if i not in used
             and not any(quote_overlaps(str(p.get("text", "")), o["quote"]) for o in optional)]
    for p in spare:
        out.problems.append(f"spurious directive 「{p.get('text')}」 {p.get('assignees')}")
    out.tallies["action_items"] = Tally(right, len(spare) + found - right, len(gold_items) - right)
    out.tallies["assignees"] = Tally(assigned, len(spare) + found - assigned, len(gold_items) - assigned)
    out.tallies["deadlines"] = Tally(deadline_right, found - deadline_right, found - deadline_right)


def _score_meeting(focus: Focus, pred: Json, out: FocusScore) -> None:
    total = Tally()
    got_meeting = pred.get("meeting") or {}
    for key in MEETING_FIELDS:
        want = focus.gold["meeting"].get(key)
        if want is None:
            continue
        got = got_meeting.get(key)
        ok = got is not None and squash(got) == squash(want)
        one = Tally(int(ok), int(not ok and got is not None), int(not ok))
        out.tallies[f"meeting.{key}"] = one
        total.add(one)
        if not ok:
            out.problems.append(f"meeting.{key} {got!r} for {want!r}")
    out.tallies["meeting"] = total


def _score_attendance(focus: Focus, pred: Json, out: FocusScore) -> None:
    total = Tally()
    got_meeting = pred.get("meeting") or {}
    for key in ("attendees", "absentees"):
        gold = {squash(n) for n in focus.gold["attendance"][key]}
        got = {squash(n) for n in got_meeting.get(key) or []}
        if not gold:
            continue
        # people outside the fragment may attend too: only the fragment's names are judged
        total.add(Tally(len(gold & got), 0, len(gold - got)))
        out.problems += [f"{key[:-1]} {n} not listed" for n in sorted(gold - got)]
    out.tallies["attendance"] = total


_SCORERS = {"people": _score_people, "divisions": _score_divisions, "action_items": _score_actions,
            "meeting": _score_meeting, "attendance": _score_attendance}


def score_focus(focus: Focus, pred: Json | None) -> FocusScore:
    """Score one prediction (the contract JSON, or None when the pipeline failed) on a focus."""
    out = FocusScore()
    for name in (focus.field, *focus.also):
        _SCORERS[name](focus, pred or {}, out)
    return out
