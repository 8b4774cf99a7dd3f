"""Names folded for grouping: the same body or unit written 臺北/台北, with spaces, or in full-width forms
is one key. The text as written is never replaced; the folded form is a column beside it."""

from __future__ import annotations

import re

from pipeline.fold import fold

_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
# punctuation a list leaves at either end of a name (、台灣大學, 總務組。)
_EDGE = "、,，;；:：.。·・-—*•()（）「」『』\"' "


def normalise_name(value: str | None) -> str | None:
    """`value` folded (台→臺, full-width to half-width, compatibility ideographs) without whitespace or
    list punctuation at its ends; None when nothing is left."""
    if value is None:
        return None
    out = _SPACE.sub("", fold(value)).strip(_EDGE)
    return out or None


def series_of(body: str | None, name: str | None) -> str:
    """The series a meeting belongs to: its normalised body and meeting name (case numbers and session
    numbers count within a series). `(unknown)` when neither is known."""
    return " ".join(x for x in (normalise_name(body), normalise_name(name)) if x) or "(unknown)"
