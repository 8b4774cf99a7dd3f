"""`minutes eval`: precision / recall / F1 per field against gold annotations.

The scoring is that of `shared/eval/score.py` (gold format: `shared/gold/FORMAT.md`, prediction
contract: `shared/eval/CONTRACT.md`), so the project's own numbers and the shared scorer's agree:

- meeting fields by exact value (after `squash`), sections by sequence alignment (LCS of kinds);
- dates by (value, until), case numbers by (id, status), divisions by name, people by (name, title),
  as multisets; a prediction that matches an `optional` gold entry is neither rewarded nor penalised;
- action items by overlap of the predicted text with the gold `quote`, then by assignee set;
  deadline accuracy over the matched action items;
- grounding: every predicted span must cut its own text out of the document text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIELDS: tuple[str, ...] = ("meeting", "sections", "dates", "case_numbers", "divisions", "people",
                           "action_items", "deadlines", "grounding")
GOLD_SUFFIX = ".gold.json"
_INVISIBLE_OR_SPACE = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
# (field, the key naming the mention when it has no `text`) for the grounding check
_GROUNDED_FIELDS: tuple[tuple[str, str], ...] = (
    ("dates", "text"), ("case_numbers", "id"), ("divisions", "name"), ("people", "name"),
    ("action_items", "text"),
)

Json = dict[str, Any]


def squash(value: str | None) -> str:
    """Text as a reader compares it: NFKC-folded, without whitespace or zero-width characters."""
    return _INVISIBLE_OR_SPACE.sub("", unicodedata.normalize("NFKC", value or ""))


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def merge(self, other: Tally) -> None:
        self.add(other.tp, other.fp, other.fn)

    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 0.0 if self.fn else 1.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision(), 4), "recall": round(self.recall(), 4),
                "f1": round(self.f1(), 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


Tallies = dict[str, Tally]


def new_tallies() -> Tallies:
    return {f: Tally() for f in FIELDS}


# ---- matching primitives ---------------------------------------------------------------------

def multiset_counts(gold: Iterable[Hashable], pred: Iterable[Hashable],
                    optional: Iterable[Hashable] = ()) -> tuple[int, int, int]:
    """(tp, fp, fn) of two multisets; predictions beyond gold that are optional cost nothing."""
    g, p, o = Counter(gold), Counter(pred), Counter(optional)
    tp = sum(min(n, p[k]) for k, n in g.items())
    fp = sum(max(0, n - o[k]) for k, n in (p - g).items())
    fn = sum(max(0, n - p[k]) for k, n in g.items())
    return tp, fp, fn


def lcs_length(a: Sequence[object], b: Sequence[object]) -> int:
    """Length of the longest common subsequence."""
    prev = [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(prev[j] + 1 if x == y else max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]


def longest_common_substring(needle: str, haystack: str) -> int:
    """Length of the longest substring of `needle` that occurs in `haystack`."""
    best = 0
    for i in range(len(needle)):
        j = i + best + 1
        while j <= len(needle) and needle[i:j] in haystack:
            best = j - i
            j += 1
    return best


def quote_overlaps(pred_text: str, quote: str) -> bool:
    """A predicted directive matches a gold quote when one holds the other (the prediction at least
    half the quote) or they share a substring of at least half the quote."""
    p, q = squash(pred_text), squash(quote)
    if not q:
        return False
    if q in p or (p and p in q and len(p) >= 0.5 * len(q)):
        return True
    return longest_common_substring(q, p) >= 0.5 * len(q)


# ---- fields ----------------------------------------------------------------------------------

def _entries(doc: Mapping[str, Any], field: str) -> list[Any]:
    value = doc.get(field)
    return list(value) if isinstance(value, list) else []


def score_meeting(gold: Mapping[str, Any], pred: Mapping[str, Any], tally: Tally) -> None:
    for key, want in (gold.get("meeting") or {}).items():
        if want is None:
            continue
        got = (pred.get("meeting") or {}).get(key)
        ok = got is not None and squash(str(got)) == squash(str(want))
        tally.add(int(ok), int(not ok and got is not None), int(not ok))


def score_sections(gold: Mapping[str, Any], pred: Mapping[str, Any], tally: Tally) -> None:
    gold_kinds = _entries(gold, "sections")
    pred_kinds = [s.get("kind") for s in _entries(pred, "sections")]
    n = lcs_length(gold_kinds, pred_kinds)
    tally.add(n, len(pred_kinds) - n, len(gold_kinds) - n)


def _date_key(d: Mapping[str, Any]) -> Hashable:
    return (d.get("value"), d.get("until") or None)


def _case_key(c: Mapping[str, Any]) -> Hashable:
    return (str(c.get("id")), c.get("status"))


def _division_key(d: Mapping[str, Any] | str) -> Hashable:
    return squash(d if isinstance(d, str) else d.get("name"))


def _person_key(p: Mapping[str, Any]) -> Hashable:
    return (squash(p.get("name")), squash(p.get("title")))


def score_set_field(gold: Mapping[str, Any], pred: Mapping[str, Any], field: str,
                    key: Callable[[Any], Hashable], tally: Tally, *, distinct: bool) -> None:
    """Score a field as a multiset of keys (`distinct`: as a set; optional entries never are)."""
    optional = _entries(gold.get("optional") or {}, field)
    g = [key(x) for x in _entries(gold, field)]
    p = [key(x) for x in _entries(pred, field)]
    if distinct:
        g, p = list(set(g)), list(set(p))
    tally.add(*multiset_counts(g, p, [key(x) for x in optional]))


def score_actions(gold: Mapping[str, Any], pred: Mapping[str, Any], actions: Tally,
                  deadlines: Tally) -> None:
    """Each gold directive takes the first unused prediction whose text overlaps its quote."""
    gold_items = _entries(gold, "action_items")
    pred_items = _entries(pred, "action_items")
    optional = _entries(gold.get("optional") or {}, "action_items")
    used: set[int] = set()
    found = assigned = deadline_right = 0
    for g in gold_items:
        hit = next((i for i, p in enumerate(pred_items)
                    if i not in used and quote_overlaps(p.get("text", ""), g["quote"])), None)
        if hit is None:
            continue
        used.add(hit)
        found += 1
        p = pred_items[hit]
        if sorted(map(squash, p.get("assignees") or [])) == sorted(map(squash, g["assignees"])):
            assigned += 1
        if (p.get("deadline") or None) == (g.get("deadline") or None):
            deadline_right += 1
    spare = [p for i, p in enumerate(pred_items) if i not in used]
    spare_optional = sum(1 for p in spare
                         if any(quote_overlaps(p.get("text", ""), o["quote"]) for o in optional))
    actions.add(assigned, len(spare) - spare_optional + (found - assigned), len(gold_items) - assigned)
    deadlines.add(deadline_right, found - deadline_right, found - deadline_right)


def _grounded(text: str, mention: Mapping[str, Any], field: str, key: str) -> bool:
    span = mention.get("span")
    want = str(mention.get("text") or mention.get(key) or "")
    if not (isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span)):
        return False
    start, end = span
    if not 0 <= start <= end <= len(text):
        return False
    cut = text[start:end]
    return want in cut if field == "case_numbers" else cut == want


def score_grounding(pred: Mapping[str, Any], tally: Tally) -> None:
    text = pred.get("text")
    if not isinstance(text, str):
        return
    for field, key in _GROUNDED_FIELDS:
        for mention in _entries(pred, field):
            ok = _grounded(text, mention, field, key)
            tally.add(int(ok), int(not ok), 0)


def score_document(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> Tallies:
    """The tallies of one document's prediction against its gold."""
    t = new_tallies()
    score_meeting(gold, pred, t["meeting"])
    score_sections(gold, pred, t["sections"])
    score_set_field(gold, pred, "dates", _date_key, t["dates"], distinct=False)
    score_set_field(gold, pred, "case_numbers", _case_key, t["case_numbers"], distinct=True)
    score_set_field(gold, pred, "divisions", _division_key, t["divisions"], distinct=True)
    score_set_field(gold, pred, "people", _person_key, t["people"], distinct=True)
    score_actions(gold, pred, t["action_items"], t["deadlines"])
    score_grounding(pred, t["grounding"])
    return t


# ---- folders ---------------------------------------------------------------------------------

def _read_json(path: Path) -> Json:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def prediction_stem(gold: Mapping[str, Any], gold_path: Path) -> str:
    """The stem of the prediction file that pairs with a gold file (X.gold.json <-> X.json)."""
    return Path(gold.get("source") or gold_path.name[: -len(GOLD_SUFFIX)]).stem


class EvalInputError(ValueError):
    """A gold or prediction folder that is missing, not a folder, or holds no file to score."""


def check_folders(gold_dir: str | Path, pred_dir: str | Path) -> tuple[Path, Path]:
    """The gold folder and the prediction folder (OUT/json when given an OUT of `minutes extract`);
    EvalInputError when either is missing or holds nothing to score."""
    gold, pred = Path(gold_dir), Path(pred_dir)
    if (pred / "json").is_dir():  # OUT of `minutes extract`: its documents are in OUT/json
        pred = pred / "json"
    for what, folder in (("--gold", gold), ("--pred", pred)):
        if not folder.exists():
            raise EvalInputError(f"{what} {folder}: no such folder")
        if not folder.is_dir():
            raise EvalInputError(f"{what} {folder}: not a folder")
    if not any(gold.glob(f"*{GOLD_SUFFIX}")):
        raise EvalInputError(f"--gold {gold}: no gold files (*{GOLD_SUFFIX}) in it")
    if not any(p for p in pred.glob("*.json") if not p.name.endswith(GOLD_SUFFIX)):
        raise EvalInputError(f"--pred {pred}: no predictions (*.json) in it")
    return gold, pred


def evaluate_dirs(gold_dir: str | Path, pred_dir: str | Path) -> Json:
    """Score every `*.gold.json` in gold_dir against `<stem>.json` in pred_dir (or in pred_dir/json,
    when pred_dir is an output folder of `minutes extract`).

    Returns {"documents", "missing_predictions", "invalid_predictions", "predictions_without_gold",
    "fields": {field: {precision, recall, f1, tp, fp, fn}}, "per_document": {stem: {field: f1}},
    "per_document_counts": {stem: {field: {tp, fp, fn}}}}. A missing or unreadable prediction scores
    as an empty one; predictions without gold are listed and not scored. Raises EvalInputError when a
    folder is missing or holds nothing to score.
    """
    gold_dir, pred_dir = check_folders(gold_dir, pred_dir)
    total = new_tallies()
    missing: list[str] = []
    invalid: list[str] = []
    per_doc: dict[str, dict[str, float]] = {}
    per_doc_counts: dict[str, dict[str, dict[str, int]]] = {}
    gold_paths = sorted(gold_dir.glob(f"*{GOLD_SUFFIX}"))
    paired: set[str] = set()
    for gold_path in gold_paths:
        gold = _read_json(gold_path)
        stem = prediction_stem(gold, gold_path)
        paired.add(f"{stem}.json")
        pred_path = pred_dir / f"{stem}.json"
        pred: Json = {}
        if not pred_path.exists():
            missing.append(stem)
        else:
            try:
                pred = _read_json(pred_path)
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                invalid.append(stem)
        local = score_document(gold, pred)
        for f in FIELDS:
            total[f].merge(local[f])
        per_doc[stem] = {f: round(local[f].f1(), 3) for f in FIELDS}
        per_doc_counts[stem] = {f: {"tp": local[f].tp, "fp": local[f].fp, "fn": local[f].fn} for f in FIELDS}
    without_gold = sorted(p.stem for p in pred_dir.glob("*.json")
                          if p.name not in paired and not p.name.endswith(GOLD_SUFFIX))
    return {
        "documents": len(gold_paths),
        "missing_predictions": missing,
        "invalid_predictions": invalid,
        "predictions_without_gold": without_gold,
        "fields": {f: total[f].as_dict() for f in FIELDS},
        "per_document": per_doc,
        "per_document_counts": per_doc_counts,
    }


_SHORT = {"meeting": "meet", "sections": "sect", "dates": "date", "case_numbers": "case",
          "divisions": "div", "people": "ppl", "action_items": "act", "deadlines": "dl",
          "grounding": "grnd"}


def format_table(result: Mapping[str, Any]) -> str:
    """The totals per field, then each document's F1 per field."""
    lines = [f"documents: {result['documents']}   missing predictions: {len(result['missing_predictions'])}"
             f"   predictions without gold: {len(result.get('predictions_without_gold') or [])}",
             f"{'field':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for f, r in result["fields"].items():
        lines.append(f"{f:<14}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
                     f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}")
    per_doc: Mapping[str, Mapping[str, float]] = result.get("per_document") or {}
    if per_doc:
        width = max(len("document"), *(len(s) for s in per_doc))
        lines += ["", "F1 per document", f"{'document':<{width}}" + "".join(f"{_SHORT[f]:>6}" for f in FIELDS)]
        for stem, scores in per_doc.items():
            lines.append(f"{stem:<{width}}" + "".join(f"{scores[f]:>6.2f}" for f in FIELDS))
    for stem in result["missing_predictions"]:
        lines.append(f"missing prediction: {stem}.json")
    for stem in result.get("invalid_predictions") or []:
        lines.append(f"unreadable prediction: {stem}.json")
    for stem in result.get("predictions_without_gold") or []:
        lines.append(f"prediction without gold (not scored): {stem}.json")
    return "\n".join(lines)
