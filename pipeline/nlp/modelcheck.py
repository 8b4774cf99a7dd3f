"""Checks of a CKIP model folder on disk (no torch, no transformers: fast and light).

A CKIP model folder DIR holds two Hugging Face token-classification models:
DIR/ws (word segmentation, labels B and I) and DIR/ner (named entities, labels O, B-PERSON, ...).
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.nlp.errors import CkipModelError

CKIP_MODEL_ENV = "MINUTES_CKIP_MODEL"
SUBMODELS = ("ws", "ner")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.safetensors.index.json",
                "pytorch_model.bin.index.json")
VOCAB_FILES = ("vocab.txt", "tokenizer.json")
NEEDS = ("config.json, model weights (model.safetensors or pytorch_model.bin) "
         "and a tokenizer vocabulary (vocab.txt or tokenizer.json)")
LAYOUT = (f"it must contain ws/ (word segmentation) and ner/ (named entities), each with {NEEDS}; "
          "see models/README.md")


def resolve_model_dir(model_dir: str | os.PathLike[str] | None) -> Path:
    """The absolute model folder: the argument, else $MINUTES_CKIP_MODEL.

    Made absolute so that a missing relative path is never taken for a model-hub name.
    """
    raw = model_dir if model_dir not in (None, "") else os.environ.get(CKIP_MODEL_ENV)
    if not raw:
        raise CkipModelError(
            f"--ner ckip needs a CKIP model folder: pass --ckip-model DIR or set {CKIP_MODEL_ENV}; {LAYOUT}"
        )
    return Path(os.path.abspath(os.path.expanduser(os.fspath(raw))))


def missing_files(folder: Path) -> list[str]:
    """What a model folder lacks, in words ([] when complete)."""
    if not folder.is_dir():
        return ["the folder itself"]
    names = {p.name for p in folder.iterdir()}
    out: list[str] = []
    if "config.json" not in names:
        out.append("config.json")
    if not (names & set(WEIGHT_FILES) or any(n.endswith(".safetensors") for n in names)):
        out.append("model weights (model.safetensors or pytorch_model.bin)")
    if not names & set(VOCAB_FILES):
        out.append("a tokenizer vocabulary (vocab.txt or tokenizer.json)")
    return out


def check_model_dir(model_dir: str | os.PathLike[str] | None) -> Path:
    """Check a CKIP model folder; return it as an absolute path or raise `CkipModelError`."""
    root = resolve_model_dir(model_dir)
    if not root.exists():
        raise CkipModelError(f"CKIP model folder {root} does not exist; {LAYOUT}")
    if not root.is_dir():
        raise CkipModelError(f"CKIP model folder {root} is not a folder; {LAYOUT}")
    problems = []
    for sub in SUBMODELS:
        lacks = missing_files(root / sub)
        if lacks:
            problems.append(f"{root / sub} lacks {', '.join(lacks)}")
    if problems:
        raise CkipModelError(f"CKIP model folder {root} is incomplete: {'; '.join(problems)}; {LAYOUT}")
    return root
