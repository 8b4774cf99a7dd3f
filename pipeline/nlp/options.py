"""`minutes extract` options of the NLP layer: --ner and --ckip-model.

    add_nlp_arguments(parser)        # when the extract parser is built
    opts = nlp_options(args)         # {"ner": ..., "ckip_model": ...}: keyword arguments of extract()
    check_nlp_options(opts)          # before the batch: raises a MinutesError within seconds
"""

from __future__ import annotations

import argparse
import os
from typing import TypedDict

from pipeline.errors import MinutesError
from pipeline.nlp import BACKENDS
from pipeline.nlp.errors import ckip_not_installed
from pipeline.nlp.modelcheck import CKIP_MODEL_ENV, check_model_dir, resolve_model_dir


class NlpOptions(TypedDict):
    ner: str | None
    ckip_model: str | None


def add_nlp_arguments(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("NLP layer (optional; needs `pip install -e .[ckip]`)")
    g.add_argument("--ner", choices=BACKENDS, default=None,
                   help="add a statistical NER layer on top of the rules: person and unit names the rules "
                        "miss are added with source 'ckip'; rule values it agrees with get source 'rules+ckip'")
    g.add_argument("--ckip-model", metavar="DIR", default=None,
                   help=f"CKIP model folder holding ws/ and ner/ (default: ${CKIP_MODEL_ENV}); "
                        "implies --ner ckip; see models/README.md")


def nlp_options(args: argparse.Namespace) -> NlpOptions:
    """The NLP keyword arguments of `pipeline.extract` from parsed arguments."""
    ner = getattr(args, "ner", None)
    explicit_model = getattr(args, "ckip_model", None)
    if ner is None and explicit_model:
        ner = "ckip"
    if ner is None:
        return {"ner": None, "ckip_model": None}
    model = explicit_model or os.environ.get(CKIP_MODEL_ENV) or None
    return {"ner": ner, "ckip_model": str(resolve_model_dir(model)) if model else None}


def check_nlp_options(opts: NlpOptions | dict[str, object]) -> None:
    """Fail fast, before any document is read: raises a `MinutesError` with one clear message."""
    ner = opts.get("ner")
    if not ner:
        return
    if ner not in BACKENDS:
        raise MinutesError(f"unknown NER backend {ner!r}; known: {', '.join(BACKENDS)}", stage="extract")
    model = opts.get("ckip_model")
    check_model_dir(str(model) if model else None)
    from pipeline.nlp.ckip import ckip_installed

    if not ckip_installed():
        raise ckip_not_installed("ckip-transformers is missing")
