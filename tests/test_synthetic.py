"""The synthetic suite (tests/synthetic/): a fixed-seed sample of every class of text must be read at
F1 >= 0.98 on the class's own field, and the generator must be sound (its truth is in its text,
its dates are real days, the same seed writes the same text, it never imports the pipeline).

The full suite with per-facet tables is `bench/synthetic.py`.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from synthetic import CLASSES, SUITE_SIZES, Variant, generate_suite, score_focus
from synthetic.generator import titles
from synthetic.truth import Tally, squash

SAMPLE_SEED = 1101216
SAMPLE_PER_CLASS = 60
MIN_F1 = 0.98
SYNTHETIC_DIR = Path(__file__).resolve().parent / "synthetic"


@pytest.fixture(scope="module")
def samples() -> dict[str, list[Variant]]:
    return {name: make(SAMPLE_PER_CLASS, SAMPLE_SEED) for name, make in CLASSES.items()}


# ---- the generator ------------------------------------------------------------------------------

def test_the_generator_never_imports_the_pipeline() -> None:
    for path in SYNTHETIC_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            assert not any(m.split(".")[0] == "pipeline" for m in modules), f"{path.name} imports {modules}"


def test_the_suite_has_at_least_2000_variants_with_distinct_ids() -> None:
    assert sum(SUITE_SIZES.values()) >= 2000
    suite = generate_suite(sizes={name: n // 10 for name, n in SUITE_SIZES.items()})
    assert len({v.id for v in suite}) == len(suite)


def test_the_same_seed_writes_the_same_text_and_truth() -> None:
    for make in CLASSES.values():
        a, b = make(12, 7), make(12, 7)
        assert [v.text for v in a] == [v.text for v in b]
        assert [v.gold for v in a] == [v.gold for v in b]
        assert [v.text for v in make(12, 8)] != [v.text for v in a]


def _iso(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


_ANY_TITLE = sorted({t.text for kind in ("city_government", "county_government", "bureau", "school",
                                          "township_office", "council", "hospital", "committee",
                                          "association", "visitor") for t in titles(kind)}, key=len)


def _name_is_written(name: str, text: str) -> bool:
    """A name occurs whole, or split by a title (王組長大明 states 王大明)."""
    if name in text:
        return True
    return any(re.search(re.escape(name[:k]) + r"\S{1,6}" + re.escape(name[k:]), text)
               for k in range(1, len(name)))


def _check_variant(v: Variant) -> None:
    text, squashed = v.text, squash(v.text)
    gold, focus = v.gold, v.focus
    assert set(gold) >= {"meeting", "sections", "dates", "case_numbers", "divisions", "people",
                         "action_items", "optional"}
    meeting = gold["meeting"]
    day = _iso(meeting["date"])
    for key in ("start_time", "end_time"):
        if meeting[key]:
            assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", meeting[key]), meeting
    if meeting["start_time"] and meeting["end_time"]:
        assert meeting["end_time"] > meeting["start_time"], meeting
    for key in ("body", "location"):
        if meeting[key]:
            assert squash(meeting[key]) in squashed, (key, meeting[key])
    if meeting["chair"]:
        assert all(_name_is_written(n, text) for n in meeting["chair"].split("、")), meeting["chair"]
    for d in gold["dates"]:
        assert squash(d["text"]) in squashed, d
        _iso(d["value"])
    for p in gold["people"] + gold["optional"]["people"]:
        assert _name_is_written(p["name"], text), p
    # a main title is written; an optional one may be a reader's alias (主席 for 主持人, 由…主持)
    assert all(squash(p["title"]) in squashed for p in gold["people"] if p["title"])
    for name in gold["divisions"]:
        assert name in text, name
    for a in gold["action_items"] + gold["optional"]["action_items"]:
        assert squash(a["quote"]) in squashed and len(squash(a["quote"])) >= 8, a
        assert all(_name_is_written(x, text) for x in a["assignees"]), a
        if a["deadline"]:
            assert _iso(a["deadline"]) >= day, (a, day)
    assert focus.regions and all(0 <= s < e <= len(text) for s, e in focus.regions)
    # the fragment's items are the document's items, and they lie in the fragment
    regions_text = "".join(text[s:e] for s, e in focus.regions)
    assert all(p in gold["people"] for p in focus.gold["people"])
    assert all(a in gold["action_items"] for a in focus.gold["action_items"])
    for a in focus.gold["action_items"]:
        assert squash(a["quote"]) in squash(regions_text), a
    assert set(focus.gold["divisions"]) <= set(gold["divisions"])


def test_every_truth_is_in_its_text_and_every_date_is_a_day(samples: dict[str, list[Variant]]) -> None:
    for variants in samples.values():
        for v in variants:
            _check_variant(v)


def test_the_suite_covers_every_sub_class() -> None:
    from synthetic.generator import LAYOUTS, NAME_KINDS, PERSON_FORMS, ROSTER_FORMS
    suite = generate_suite()
    seen: dict[str, set[str]] = {}
    for v in suite:
        for facet, value in v.facets.items():
            seen.setdefault(f"{v.klass}.{facet}", set()).add(value)
    assert seen["person.form"] == set(PERSON_FORMS)
    assert seen["person.name"] == set(NAME_KINDS)
    assert seen["roster.form"] == set(ROSTER_FORMS)
    assert seen["header.layout"] == set(LAYOUTS)
    assert seen["unit.whose"] == {"own", "outside"}
    assert {"directive", "look-alike"} == seen["directive.kind"]


def test_the_scorer_follows_the_shared_rules() -> None:
    """A perfect prediction scores 1; a missing one 0; an optional extra costs nothing."""
    v = CLASSES["roster"](1, 3)[0]
    inside = v.focus.regions[0]
    perfect = {"people": [{**p, "span": list(inside)} for p in v.focus.gold["people"]]}
    perfect["people"] += [{**p, "span": list(inside)} for p in v.focus.gold["optional"]["people"]]
    assert score_focus(v.focus, perfect).tallies["people"].f1() == 1.0
    assert score_focus(v.focus, None).tallies["people"].recall() == (0.0 if v.focus.gold["people"] else 1.0)


# ---- the pipeline on a sample of each class -----------------------------------------------------

def _predict(v: Variant) -> dict[str, Any] | None:
    from pipeline.api import extract_bytes
    try:
        return extract_bytes(v.text.encode("utf-8"), f"{v.id}.txt").model_dump(mode="json")
    except Exception:   # a failure is a miss, counted like any other
        return None


@pytest.mark.parametrize("klass", list(CLASSES))
def test_the_pipeline_reads_each_class(klass: str, samples: dict[str, list[Variant]]) -> None:
    total = Tally()
    failures: list[str] = []
    for v in samples[klass]:
        pred = _predict(v)
        score = score_focus(v.focus, pred)
        main = score.tallies[v.focus.field]
        total.add(main)
        if pred is None:
            failures.append(f"{v.id} [{v.subclass}]: the pipeline failed")
        elif not main.perfect:
            fragment = " | ".join(v.text[s:e].strip() for s, e in v.focus.regions)
            failures.append(f"{v.id} [{v.subclass}] 「{fragment}」: " + "; ".join(score.problems[:3]))
    shown = "\n".join(failures[:12])
    assert total.f1() >= MIN_F1, (
        f"{klass}: F1 {total.f1():.3f} (P {total.precision():.3f}, R {total.recall():.3f}) on "
        f"{len(samples[klass])} variants, {len(failures)} wrong:\n{shown}")
