"""minutes: Taiwanese (ROC) government meeting minutes to grounded, structured data.

    >>> import pipeline
    >>> m = pipeline.extract("data/raw/taipei_secretariat_107.md")
    >>> m.meeting.date
    '2021-12-16'
"""

from __future__ import annotations

__version__ = "0.3.0"

from pipeline.api import analyse, extract, extract_bytes
from pipeline.models import Minutes

__all__ = ["Minutes", "__version__", "analyse", "extract", "extract_bytes"]
