"""Optional NLP layers on top of the rules (CKIP models from a local folder; spaCy export).

Importing this package is light: torch, transformers, ckip-transformers and spaCy are imported
only when a backend is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.errors import MinutesError

if TYPE_CHECKING:
    from pipeline.context import Context
    from pipeline.nlp.merge import MergeReport

BACKENDS = ("ckip",)


def apply_ner(ctx: Context, ner: str, ckip_model: str | None = None) -> MergeReport:
    """Run the NER backend `ner` over the document and merge its entities into `ctx`.

    `ckip_model` is the CKIP model folder (default: $MINUTES_CKIP_MODEL).
    """
    if ner != "ckip":
        raise MinutesError(f"unknown NER backend {ner!r}; known: {', '.join(BACKENDS)}", stage="extract")
    from pipeline.nlp.ckip import load_ckip
    from pipeline.nlp.merge import merge_entities

    models = load_ckip(ckip_model)
    result = models.analyse(ctx.doc)
    return merge_entities(ctx, result.entities, backend="ckip", word_bounds=result.word_bounds)


__all__ = ["BACKENDS", "apply_ner"]
