"""A synthetic suite for the extractors: minutes text generated together with its gold truth.

`generator` writes fragments of the classes of text the extractors must read (person mentions,
rosters, header layouts, units in running text, directive frames) into small whole minutes
documents; `truth` holds the gold (shared/gold/FORMAT.md) and scores a prediction on a variant's
fragment. Neither imports the pipeline: the truth comes from construction, not from the code under
test. `bench/synthetic.py` runs the whole suite; `tests/test_synthetic.py` asserts a sample.
"""

from .generator import CLASSES, DEFAULT_SEED, SUITE_SIZES, generate_suite
from .truth import Focus, FocusScore, Tally, Variant, score_focus

__all__ = ["CLASSES", "DEFAULT_SEED", "SUITE_SIZES", "Focus", "FocusScore", "Tally", "Variant",
           "generate_suite", "score_focus"]
