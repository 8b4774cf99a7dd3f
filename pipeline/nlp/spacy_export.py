"""Per-document JSON results as spaCy `Doc`s, saved as a `DocBin`.

Each document becomes `spacy.blank("zh")` over its `text` (character tokens: no download, no
jieba), with every extraction in `doc.spans["minutes"]` (labels DATE, TIME, CASE, DIVISION,
PERSON, ACTION; `kb_id_` the normalised value, `id_` the backend that produced it) and a
non-overlapping subset of the short ones in `doc.ents`. `doc.user_data` keeps the source path,
its sha256 and the profile. Users can correct these in an annotation tool or train models on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import MissingDependencyError
from pipeline.export.files import write_atomic

SPAN_KEY = "minutes"
# (JSON list, label, the field holding the normalised value)
LAYERS: tuple[tuple[str, str, str], ...] = (
    ("dates", "DATE", "value"),
    ("times", "TIME", "value"),
    ("case_numbers", "CASE", "id"),
    ("divisions", "DIVISION", "canonical"),
    ("people", "PERSON", "name"),
    ("action_items", "ACTION", "deadline"),
)
ENT_LABELS = ("PERSON", "DIVISION", "CASE", "DATE", "TIME")  # ACTION spans are clauses, not entities


@dataclass
class ExportReport:
    documents: int
    spans: int
    ents: int
    skipped_spans: int
    output: Path


def blank_zh() -> Any:
    try:
        import spacy
    except ImportError as exc:
        raise MissingDependencyError(
            "export-spacy needs spaCy, which is not installed; install it with `pip install -e .[nlp]`",
            stage="export",
        ) from exc
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})


def _value(item: dict[str, Any], key: str, fallback: str) -> str:
    v = item.get(key)
    if v is None and key == "canonical":
        v = item.get("name")
    if v is None and key == "deadline":
        v = ""
    return str(v if v is not None else fallback)


def to_doc(nlp: Any, result: dict[str, Any]) -> tuple[Any, int]:
    """One result (the per-document JSON) as a spaCy Doc; also the count of spans left out."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    text = result["text"]
    doc = nlp.make_doc(text)
    spans: list[Any] = []
    skipped = 0
    for key, label, value_key in LAYERS:
        for item in result.get(key) or []:
            start, end = item["span"]
            if not (0 <= start < end <= len(text)):
                skipped += 1
                continue
            cs = doc.char_span(start, end, alignment_mode="expand")
            if cs is None:
                skipped += 1
                continue
            spans.append(Span(doc, cs.start, cs.end, label=label,
                              kb_id=_value(item, value_key, item.get("text", "")),
                              span_id=str(item.get("source") or "rules")))
    spans.sort(key=lambda s: (s.start, -s.end))
    doc.spans[SPAN_KEY] = spans
    doc.ents = filter_spans([s for s in spans if s.label_ in ENT_LABELS])
    source = result.get("source") or {}
    doc.user_data["minutes"] = {"path": source.get("path"), "sha256": source.get("sha256"),
                                "profile": result.get("profile")}
    return doc, skipped


def iter_results(json_dir: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    for f in sorted(json_dir.glob("*.json")):
        yield f, json.loads(f.read_text(encoding="utf-8"))


def results_dir(out: Path) -> Path:
    """OUT/json when OUT is an extract output folder, else OUT itself."""
    return out / "json" if (out / "json").is_dir() else out


def export_spacy(out: str | Path, output: str | Path | None = None,
                 results: Iterable[dict[str, Any]] | None = None) -> ExportReport:
    """Write the results in OUT/json/*.json (or `results`) as a DocBin file (default OUT/minutes.spacy)."""
    from spacy.tokens import DocBin

    out = Path(out)
    target = Path(output) if output else out / "minutes.spacy"
    nlp = blank_zh()
    if results is None:
        folder = results_dir(out)
        if not folder.is_dir():
            raise FileNotFoundError(f"{folder}: no such folder of per-document JSON (run `minutes extract` first)")
        results = (r for _, r in iter_results(folder))
    db = DocBin(store_user_data=True)
    n = n_spans = n_ents = n_skipped = 0
    for result in results:
        doc, skipped = to_doc(nlp, result)
        db.add(doc)
        n += 1
        n_spans += len(doc.spans[SPAN_KEY])
        n_ents += len(doc.ents)
        n_skipped += skipped
    write_atomic(target, db.to_bytes())
    return ExportReport(documents=n, spans=n_spans, ents=n_ents, skipped_spans=n_skipped, output=target)


def load_docs(path: str | Path) -> list[Any]:
    """Read a DocBin written by `export_spacy` back into Docs."""
    from spacy.tokens import DocBin

    nlp = blank_zh()
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))
