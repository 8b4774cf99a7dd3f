"""Tiny CKIP-format models for tests and benchmarks (seconds to build, nothing downloaded).

`build_tiny_ckip(DIR, text)` writes DIR/ws and DIR/ner in the layout `--ckip-model` reads: a BERT
token-classification model (hidden 32, 2 layers, 2 heads, or another `Shape`) with CKIP's label names and a
character vocabulary built from `text`. By default the weights are random. With `persons` or
`orgs`, the NER model is made deterministic instead: it reads every character on its own and tags
the characters of those names B-/I-/E-TYPE (and all else O), so a test knows what it must find;
the word segmenter then makes every character a word.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.nlp.ckip import quiet_transformers, set_offline
from pipeline.nlp.view import SEPARATOR, model_char

# The entity types of CKIP's NER models (OntoNotes), in its BIOES scheme.
NER_TYPES = ("CARDINAL", "DATE", "EVENT", "FAC", "GPE", "LANGUAGE", "LAW", "LOC", "MONEY", "NORP",
             "ORDINAL", "ORG", "PERCENT", "PERSON", "PRODUCT", "QUANTITY", "TIME", "WORK_OF_ART")
NER_LABELS = ("O", *(f"{p}-{t}" for t in NER_TYPES for p in "BIES"))
WS_LABELS = ("B", "I")
SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
HIDDEN = 32


def vocabulary(text: str) -> list[str]:
    chars = sorted({model_char(c) for c in text if not c.isspace()} | {SEPARATOR})
    ascii_chars = [chr(c) for c in range(0x21, 0x7F)]
    return [*SPECIAL_TOKENS, *dict.fromkeys([*chars, *ascii_chars])]


def _plan(persons: Sequence[str], orgs: Sequence[str]) -> dict[str, str]:
    """Character -> NER label of a deterministic model."""
    plan: dict[str, str] = {}
    for label, names in (("PERSON", persons), ("ORG", orgs)):
        for name in names:
            chars = [model_char(c) for c in name if not c.isspace()]
            if len(chars) == 1:
                plan.setdefault(chars[0], f"S-{label}")
                continue
            for i, c in enumerate(chars):
                role = "B" if i == 0 else "E" if i == len(chars) - 1 else "I"
                plan.setdefault(c, f"{role}-{label}")
    return plan


@dataclass(frozen=True)
class Shape:
    hidden: int = HIDDEN
    layers: int = 2
    heads: int = 2
    intermediate: int = 64


TEST_SHAPE = Shape()
BERT_TINY_SHAPE = Shape(hidden=312, layers=4, heads=12, intermediate=1200)  # ckiplab/bert-tiny-chinese-*


def _make_model(labels: Sequence[str], vocab: list[str], plan: dict[str, str] | None, seed: int,
                shape: Shape = TEST_SHAPE) -> Any:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(seed)
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=shape.hidden, num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads, intermediate_size=shape.intermediate, max_position_embeddings=512,
        id2label=dict(enumerate(labels)), label2id={x: i for i, x in enumerate(labels)},
    )
    model: Any = BertForTokenClassification(config)
    if plan is None:
        return model
    # Context-free: every layer passes its input through (zero attention and feed-forward
    # outputs, zero position embeddings), so a character's label depends on the character only.
    used = sorted(set(plan.values()))
    dim = {label: i + 1 for i, label in enumerate(used)}  # dim 0 stands for "O" (or "B" for ws)
    with torch.no_grad():
        emb = model.bert.embeddings
        emb.position_embeddings.weight.zero_()
        emb.token_type_embeddings.weight.zero_()
        emb.word_embeddings.weight.zero_()
        for i, tok in enumerate(vocab):
            emb.word_embeddings.weight[i, dim.get(plan.get(tok, ""), 0)] = 10.0
        for layer in model.bert.encoder.layer:
            for lin in (layer.attention.output.dense, layer.output.dense):
                lin.weight.zero_()
                lin.bias.zero_()
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.weight[labels.index(labels[0]), 0] = 1.0
        for label, d in dim.items():
            model.classifier.weight[labels.index(label), d] = 1.0
    return model


def _save(folder: Path, model: Any, vocab: list[str]) -> None:
    tokenizer_class = importlib.import_module("transformers").BertTokenizerFast
    folder.mkdir(parents=True, exist_ok=True)
    vocab_path = folder / "vocab.txt"
    vocab_path.write_text("\n".join(vocab) + "\n", encoding="utf-8")
    # Positional: under transformers 5, vocab_file= is silently ignored.
    tokenizer = tokenizer_class(str(vocab_path), do_lower_case=False, model_max_length=512)
    unk = tokenizer.unk_token_id
    probe = vocab[len(SPECIAL_TOKENS)]
    if tokenizer.convert_tokens_to_ids(probe) == unk:
        raise RuntimeError(f"the tokenizer ignored {vocab_path}")
    tokenizer.save_pretrained(str(folder))
    model.save_pretrained(str(folder))


def build_tiny_ckip(root: str | Path, text: str, *, persons: Sequence[str] = (), orgs: Sequence[str] = (),
                    seed: int = 0, shape: Shape = TEST_SHAPE) -> Path:
    """Write a tiny CKIP model folder (root/ws, root/ner) and return its absolute path.

    `shape` sets the size of random models (BERT_TINY_SHAPE: the size of CKIP's bert-tiny models,
    for benchmarks); deterministic models are always TEST_SHAPE.
    """
    set_offline()
    quiet_transformers()
    root = Path(root).absolute()
    vocab = vocabulary(text + "".join(persons) + "".join(orgs))
    deterministic = bool(persons or orgs)
    plan = _plan(persons, orgs) if deterministic else None
    if deterministic:
        shape = TEST_SHAPE
    ws = _make_model(WS_LABELS, vocab, {} if deterministic else None, seed, shape)
    ner = _make_model(NER_LABELS, vocab, plan, seed + 1, shape)
    _save(root / "ws", ws, vocab)
    _save(root / "ner", ner, vocab)
    return root
