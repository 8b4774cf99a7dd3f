"""Errors of the NLP layer."""

from __future__ import annotations

from pipeline.errors import MissingDependencyError


class CkipModelError(MissingDependencyError):
    """A CKIP model folder is missing, incomplete or not a CKIP model (error type missing_dependency)."""

    stage = "extract"


INSTALL_HINT = "pip install -e .[ckip]"


def ckip_not_installed(detail: str = "") -> MissingDependencyError:
    """The error for `--ner ckip` without the optional extra."""
    extra = f" ({detail})" if detail else ""
    return MissingDependencyError(
        f"--ner ckip needs ckip-transformers, transformers and torch, which are not installed{extra}; "
        f"install them with `{INSTALL_HINT}`",
        stage="extract",
    )
