"""CLI subcommands of the NLP layer (registered by pipeline.cli)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the NLP subcommands (export-spacy) to the `minutes` parser."""
