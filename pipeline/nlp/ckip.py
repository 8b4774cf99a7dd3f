"""CKIP models (ckip-transformers) loaded from a local folder, never from a model hub.

torch, transformers and ckip-transformers are imported here, lazily, only when `--ner ckip` is used.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.document import Document
from pipeline.errors import MinutesError
from pipeline.nlp.errors import CkipModelError, ckip_not_installed
from pipeline.nlp.modelcheck import LAYOUT, check_model_dir
from pipeline.nlp.view import DEFAULT_CHUNK, Entity, ModelView, build_view

BATCH_SIZE = 32
_NER_LABEL = re.compile(r"^(?:O|[BIES]-[A-Za-z_]+)$")
_SPECIAL = re.compile(r"^\[[A-Z]+\]$|^<.*>$|^##")
_lock = threading.Lock()
_cache: dict[Path, CkipModels | MinutesError] = {}


def set_offline() -> None:
    """Keep transformers and huggingface_hub off the network (read when they are first imported)."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def quiet_transformers() -> None:
    """No progress bars or load reports from transformers on a batch's stderr."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


THREADS_ENV = "MINUTES_TORCH_THREADS"


def _set_threads() -> None:
    """torch's CPU threads from $MINUTES_TORCH_THREADS (e.g. 1 with `--workers` = cores)."""
    raw = os.environ.get(THREADS_ENV, "").strip()
    if not raw:
        return
    try:
        n = int(raw)
    except ValueError:
        raise CkipModelError(f"{THREADS_ENV}={raw!r}: expected a number of threads") from None
    if n > 0:
        import torch

        torch.set_num_threads(n)


def ckip_installed() -> bool:
    return importlib.util.find_spec("ckip_transformers") is not None


@dataclass
class CkipResult:
    view: ModelView
    entities: list[Entity]
    word_bounds: set[int]  # view offsets where a word starts or ends


class CkipModels:
    """The word segmenter (DIR/ws) and the entity chunker (DIR/ner) of one model folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        set_offline()
        if not ckip_installed():
            raise ckip_not_installed("ckip-transformers is missing")
        try:
            from ckip_transformers.nlp import CkipNerChunker, CkipWordSegmenter
        except ImportError as exc:
            raise ckip_not_installed(str(exc)) from exc
        quiet_transformers()
        _set_threads()
        self.ws = self._load(CkipWordSegmenter, root / "ws")
        self.ner = self._load(CkipNerChunker, root / "ner")
        self._check_labels()
        self.max_chars = min(DEFAULT_CHUNK, self._max_length(self.ws), self._max_length(self.ner))

    # ---- loading -----------------------------------------------------------------------
    @staticmethod
    def _load(driver_class: Any, folder: Path) -> Any:
        try:
            driver = driver_class(model_name=str(folder), device=-1)
        except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CkipModelError(f"cannot load the CKIP model in {folder}: {first}; {LAYOUT}") from exc
        _verify_tokenizer(driver, folder)
        return driver

    def _check_labels(self) -> None:
        ws_labels = list(self.ws.model.config.id2label.values())
        if len(ws_labels) != 2:
            raise CkipModelError(
                f"{self.root / 'ws'} is not a CKIP word-segmentation model: it has {len(ws_labels)} labels, "
                "not 2 (B, I)"
            )
        ner_labels = [str(x) for x in self.ner.model.config.id2label.values()]
        bad = [x for x in ner_labels if not _NER_LABEL.match(x)]
        if bad or "O" not in ner_labels:
            raise CkipModelError(
                f"{self.root / 'ner'} is not a CKIP NER model: its labels must be O and B-/I-/E-/S-TYPE "
                f"(e.g. B-PERSON), found {', '.join((bad or ner_labels)[:5])}"
            )

    @staticmethod
    def _max_length(driver: Any) -> int:
        tok_max = int(min(driver.tokenizer.model_max_length, 10**6))
        pos_max = int(getattr(driver.model.config, "max_position_embeddings", 512))
        return max(8, min(tok_max, pos_max) - 3)

    # ---- running -----------------------------------------------------------------------
    def analyse_view(self, doc: Document, view: ModelView) -> CkipResult:
        texts = view.chunk_texts()
        if not texts:
            return CkipResult(view=view, entities=[], word_bounds=set())
        options = {"batch_size": BATCH_SIZE, "show_progress": False, "max_length": self.max_chars}
        words = self.ws(texts, **options)
        tokens = self.ner(texts, **options)
        bounds: set[int] = set()
        entities: list[Entity] = []
        for (cstart, _), chunk_words, chunk_tokens in zip(view.chunks, words, tokens, strict=True):
            pos = cstart
            bounds.add(pos)
            for w in chunk_words:
                pos += len(w)
                bounds.add(pos)
            for tok in chunk_tokens:
                ent = view.entity(doc, str(tok.ner), cstart + tok.idx[0], cstart + tok.idx[1])
                if ent is not None:
                    entities.append(ent)
        for i, ix in enumerate(view.index):  # inserted separators are word boundaries
            if ix < 0:
                bounds.update((i, i + 1))
        return CkipResult(view=view, entities=entities, word_bounds=bounds)

    def analyse(self, doc: Document) -> CkipResult:
        return self.analyse_view(doc, build_view(doc, self.max_chars))


def _vocab_sample(folder: Path, limit: int = 5) -> list[str]:
    """A few ordinary tokens of the folder's own vocabulary file."""
    tokens: list[str] = []
    vocab = folder / "vocab.txt"
    if vocab.exists():
        tokens = [t.rstrip("\n") for t in vocab.read_text(encoding="utf-8").splitlines()]
    else:
        try:
            data = json.loads((folder / "tokenizer.json").read_text(encoding="utf-8"))
            v = data.get("model", {}).get("vocab", {})
            tokens = list(v) if isinstance(v, dict) else [x[0] for x in v]
        except (OSError, ValueError, AttributeError, IndexError, TypeError):
            tokens = []
    out = [t for t in tokens if t and not _SPECIAL.match(t) and len(t) == 1 and not t.isspace()]
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def _vocab_ok(tokenizer: Any, sample: list[str]) -> bool:
    unk = tokenizer.unk_token_id
    ids = tokenizer.convert_tokens_to_ids(sample)
    return all(i is not None and i != unk for i in ids)


def _verify_tokenizer(driver: Any, folder: Path) -> None:
    """Make sure the tokenizer really uses the folder's vocabulary.

    Under transformers 5 a BERT tokenizer built with `vocab_file=` silently ignores it, and every
    character becomes [UNK] while the model still runs. Rebuild it from vocab.txt (passed
    positionally) if that happened, and refuse the folder if it still does not hold.
    """
    sample = _vocab_sample(folder)
    if not sample or _vocab_ok(driver.tokenizer, sample):
        return
    vocab = folder / "vocab.txt"
    if vocab.exists():
        tokenizer_class = importlib.import_module("transformers").BertTokenizerFast
        old = driver.tokenizer
        rebuilt = tokenizer_class(str(vocab), do_lower_case=getattr(old, "do_lower_case", False),
                                    model_max_length=old.model_max_length)
        if _vocab_ok(rebuilt, sample):
            driver.tokenizer = rebuilt
            return
    raise CkipModelError(
        f"the tokenizer in {folder} does not use its vocabulary (the characters {''.join(sample)} "
        "all read as [UNK]); save the tokenizer again with vocab.txt, see models/README.md"
    )


def load_ckip(model_dir: str | os.PathLike[str] | None) -> CkipModels:
    """The models of one folder, loaded once per process (failures are remembered too)."""
    root = check_model_dir(model_dir)
    with _lock:
        cached = _cache.get(root)
        if cached is None:
            try:
                cached = CkipModels(root)
            except MinutesError as exc:
                cached = exc
            _cache[root] = cached
    if isinstance(cached, MinutesError):
        raise cached
    return cached


def clear_cache() -> None:
    with _lock:
        _cache.clear()
