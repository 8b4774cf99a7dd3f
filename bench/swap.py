"""Renamed minutes: does extraction hold when the same real minutes name other people?

    .venv/bin/python bench/swap.py [--seeds 3] [--shared ../shared] [--show 25]

A metamorphic check of generalisation. Each annotated document (the first-contact batches in
data/firstcontact/, and the shared text gold when ../shared is present) is read twice: as it is, and
with every person's given name replaced by a real given name of the same length drawn from *other*
documents' gold (so the names are real Taiwanese names, with the characters real names have, e.g.
信義, 中和, 志明). The gold is renamed the same way, so a perfect reader scores the same on both.
A drop in the people field (or any other) is a reading that depended on which names the document
happened to hold; the names read in one copy and lost in the other are printed, as the classes to fix.

Only names that stand whole in the text are renamed: a single or compound surname from the synthetic
suite's lists (tests/synthetic/, the Ministry of the Interior's name statistics) followed by the given
name. A name written letter-spaced, or around one of its gold titles (陳議長文昌), is renamed too;
names with a romanised part stay as they are.
Writes bench/results/swap.json and bench/results/swap.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.api import extract_bytes  # noqa: E402
from pipeline.evaluate import FIELDS, new_tallies, score_document, squash  # noqa: E402
from tests.synthetic.generator import compound_surnames, surnames  # noqa: E402

RESULTS = REPO / "bench" / "results"
TEXT_CORPORA = ("dev", "kcc", "wide", "real")
SUFFIXES = (".txt", ".md")


@dataclass
class Annotated:
    name: str
    raw: str
    suffix: str
    gold: dict[str, Any]


def annotated(shared: Path | None) -> Iterator[Annotated]:
    """Every annotated text document: the first-contact batches, then the shared text gold."""
    for gold_path in sorted((REPO / "data" / "firstcontact").glob("*/gold/*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        raw = gold_path.parent.parent / "raw" / gold["source"]
        if raw.suffix in SUFFIXES and raw.is_file():
            yield Annotated(raw.name, raw.read_text(encoding="utf-8"), raw.suffix, gold)
    if shared is None or not (shared / "gold").is_dir():
        return
    for gold_path in sorted((shared / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        for corpus in TEXT_CORPORA:
            raw = shared / "corpus" / corpus / gold["source"]
            if raw.suffix in SUFFIXES and raw.is_file():
                yield Annotated(raw.name, raw.read_text(encoding="utf-8"), raw.suffix, gold)
                break


def split_name(name: str) -> tuple[str, str] | None:
    """(surname, given) of a Han name of two to four characters with a listed surname."""
    if not (2 <= len(name) <= 4) or not all("\u4e00" <= c <= "\u9fff" for c in name):
        return None
    if len(name) >= 3 and name[:2] in compound_surnames():
        return name[:2], name[2:]
    if len(name) <= 3 and name[0] in surnames():
        return name[0], name[1:]
    return None


def gold_names(gold: dict[str, Any]) -> set[str]:
    return {p["name"] for p in gold.get("people") or [] if isinstance(p.get("name"), str)}


def given_pool(docs: list[Annotated]) -> dict[str, list[tuple[str, str]]]:
    """Given names by length, each with the document it came from."""
    pool: dict[str, list[tuple[str, str]]] = {}
    for d in docs:
        for name in sorted(gold_names(d.gold)):
            parts = split_name(name)
            if parts:
                pool.setdefault(str(len(parts[1])), []).append((parts[1], d.name))
    return pool


def renaming(doc: Annotated, pool: dict[str, list[tuple[str, str]]], rng: random.Random) -> dict[str, str]:
    """Old full name -> new full name, for the names that stand whole in the text."""
    names = sorted(gold_names(doc.gold))
    out: dict[str, str] = {}
    taken = set(names)
    titles: dict[str, set[str]] = {}
    for p in doc.gold.get("people") or []:
        if isinstance(p.get("name"), str) and isinstance(p.get("title"), str):
            titles.setdefault(p["name"], set()).add(p["title"])
    for name in names:
        parts = split_name(name)
        # a name inside another gold name (林照 in 林照玉) would be renamed twice
        if parts is None or not _spaced(name).search(doc.raw) or any(name in m for m in names if m != name):
            continue
        sur, given = parts
        choices = [g for g, src in pool.get(str(len(given)), []) if src != doc.name and g != given]
        for _ in range(20):
            new = sur + rng.choice(choices) if choices else ""
            if new and new not in taken and new not in doc.raw:
                out[name] = new
                taken.add(new)
                # the name written around one of its titles (陳議長文昌) is renamed alike
                for title in titles.get(name, ()):
                    if _spaced(sur + title + given).search(doc.raw):
                        out[sur + title + given] = sur + title + new[len(sur):]
                break
    return out


def _spaced(name: str) -> re.Pattern[str]:
    """The name as the text may write it: letter-spaced or broken across a line (簡余 晏)."""
    return re.compile(r"\s*".join(f"({re.escape(c)})" for c in name))


def rename(value: Any, mapping: dict[str, str]) -> Any:
    """The value with every old name written as the new one, whitespace inside a name kept."""
    if isinstance(value, str):
        for old, new in mapping.items():
            if old[0] in value:
                value = _spaced(old).sub(partial(_keep_gaps, new=new), value)
        return value
    if isinstance(value, list):
        return [rename(v, mapping) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("source",) else rename(v, mapping) for k, v in value.items()}
    return value


def _keep_gaps(match: re.Match[str], new: str) -> str:
    """The new name with the whitespace the old one had between its characters."""
    out, last = [], match.start()
    for k, char in enumerate(new):
        out.append(match.string[last:match.start(k + 1)] + char)
        last = match.end(k + 1)
    return "".join(out)


def predict(text: str, name: str) -> dict[str, Any]:
    try:
        return extract_bytes(text.encode("utf-8"), name, require_minutes=False).model_dump(mode="json")
    except Exception as exc:  # a failure scores as an empty prediction, and is counted
        print(f"  error on {name}: {exc}", file=sys.stderr)
        return {}


def people_keys(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(squash(p.get("name")), squash(p.get("title"))) for p in doc.get("people") or []}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=3, help="renamings per document")
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--show", type=int, default=25, help="names lost or gained to print")
    args = ap.parse_args()
    shared = Path(args.shared)
    docs = list(annotated(shared if shared.is_dir() else None))
    pool = given_pool(docs)
    t0 = time.perf_counter()
    as_is = new_tallies()
    renamed = new_tallies()
    renamed_names = 0
    lost: Counter[str] = Counter()
    gained: Counter[str] = Counter()
    for doc in docs:
        original = predict(doc.raw, doc.name)
        base = score_document(doc.gold, original)
        for seed in range(args.seeds):
            for field in FIELDS:
                as_is[field].merge(base[field])
            mapping = renaming(doc, pool, random.Random(f"{seed}:{doc.name}"))
            renamed_names += len(mapping)
            gold = rename(doc.gold, mapping)
            pred = predict(rename(doc.raw, mapping), doc.name)
            score = score_document(gold, pred)
            for field in FIELDS:
                renamed[field].merge(score[field])
            # people read right in one copy and not in the other (the gold renamed alike)
            gold_keys = people_keys(gold)
            right_before = people_keys(rename(original, mapping)) & gold_keys
            right_after = people_keys(pred) & gold_keys
            new_names = set(mapping.values())
            for key in right_before - right_after:
                if key[0] in new_names:
                    lost[f"{key[0]} / {key[1]}  ({doc.name})"] += 1
            for key in right_after - right_before:
                if key[0] in new_names:
                    gained[f"{key[0]} / {key[1]}  ({doc.name})"] += 1
    seconds = time.perf_counter() - t0

    rows = []
    for field in FIELDS:
        a, b = as_is[field], renamed[field]
        if a.tp + a.fp + a.fn == 0:
            continue
        rows.append({"field": field, "as_is": round(a.f1(), 3), "renamed": round(b.f1(), 3),
                     "change": round(b.f1() - a.f1(), 3), "recall_as_is": round(a.recall(), 3),
                     "recall_renamed": round(b.recall(), 3)})
    result = {"documents": len(docs), "seeds": args.seeds, "names_renamed": renamed_names,
              "seconds": round(seconds, 1), "python": platform.python_version(), "fields": rows,
              "lost": lost.most_common(), "gained": gained.most_common()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "swap.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lines = ["# Renamed minutes (bench/swap.py)", "",
             f"{len(docs)} annotated documents × {args.seeds} renamings; {renamed_names} names renamed "
             f"(given names drawn from other documents' gold); {seconds:.0f} s.", "",
             "| field | F1 as written | F1 renamed | change | recall as written | recall renamed |",
             "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['field']} | {r['as_is']:.3f} | {r['renamed']:.3f} | {r['change']:+.3f} | "
              f"{r['recall_as_is']:.3f} | {r['recall_renamed']:.3f} |" for r in rows]
    lines += ["", f"People read as written but lost once renamed ({sum(lost.values())}):", ""]
    lines += [f"- {k} ×{n}" for k, n in lost.most_common(args.show)]
    lines += ["", f"People found only once renamed ({sum(gained.values())}):", ""]
    lines += [f"- {k} ×{n}" for k, n in gained.most_common(args.show)]
    (RESULTS / "swap.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
