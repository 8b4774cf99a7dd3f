"""needs_review: each reason raised by what it names, on real minutes (the founding document) changed in
one way at a time, and not raised on the document as it is."""

from __future__ import annotations

import pytest

from pipeline import quality
from pipeline.api import extract
from pipeline.models import Mention, Minutes, PageInfo

try:  # tests/ as a package (tests/__init__.py) or as plain folder on sys.path
    from tests.audit_support import FIXTURES, FOUNDING
except ImportError:
    from audit_support import FIXTURES, FOUNDING  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def founding() -> Minutes:
    return extract(FOUNDING)


def test_a_well_read_document_needs_no_review(founding: Minutes) -> None:
    assert quality.assess(founding) == (False, [])
    assert (founding.needs_review, founding.review_reasons) == (False, [])  # set by analyse()
    assert quality.body_coverage(founding) > 0.95


def test_no_outline_is_low_coverage(founding: Minutes) -> None:
    m = founding.model_copy(update={"sections": []})
    assert quality.assess(m) == (True, ["low_coverage"])


def test_sections_missing_most_of_the_body_is_low_coverage(founding: Minutes) -> None:
    m = founding.model_copy(update={"sections": founding.sections[:1]})  # only 頒獎, of five sections
    assert quality.body_coverage(m) < quality.MIN_BODY_COVERAGE
    assert "low_coverage" in quality.assess(m)[1]


def test_letters_of_unrelated_scripts_are_garbled_text(founding: Minutes) -> None:
    text = founding.text
    # a text layer of the 天文ᖂ會 kind: every 40th Chinese character read as a letter of another script
    # (about 2.5%, as in the garbled real PDF); same length, so every span still holds
    foreign = "ᖂᄎࡋߏଣதഢයຏႣ"
    chars = list(text)
    cjk = [k for k, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for n, k in enumerate(cjk[::40]):
        chars[k] = foreign[n % len(foreign)]
    garbled = "".join(chars)
    assert quality.assess(founding.model_copy(update={"text": garbled}))[1] == ["garbled_text"]
    i = text.index("處務會議")
    one = text[:i] + "\uf0e0" + text[i + 1:]  # one symbol-font bullet is not garbling
    assert quality.assess(founding.model_copy(update={"text": one})) == (False, [])


def test_an_unreliable_text_layer_is_garbled_text(founding: Minutes) -> None:
    pages = [PageInfo(number=1, start=0, end=len(founding.text), method="pdf-text-unreliable")]
    assert quality.assess(founding.model_copy(update={"pages": pages}))[1] == ["garbled_text"]


def test_no_meeting_date(founding: Minutes) -> None:
    meeting = founding.meeting.model_copy(update={"date": None})
    assert quality.assess(founding.model_copy(update={"meeting": meeting})) == (True, ["no_meeting_date"])


def test_low_ocr_confidence(founding: Minutes) -> None:
    low = [PageInfo(number=1, start=0, end=len(founding.text), method="ocr", ocr_confidence=0.6)]
    high = [PageInfo(number=1, start=0, end=len(founding.text), method="ocr", ocr_confidence=0.97)]
    assert quality.assess(founding.model_copy(update={"pages": low}))[1] == ["low_ocr_confidence"]
    assert quality.assess(founding.model_copy(update={"pages": high})) == (False, [])


def test_low_extraction_confidence(founding: Minutes) -> None:
    unknown = [Mention(text=f"丙、其他{k}", span=(0, 1)) for k in range(quality.MAX_UNKNOWN_HEADINGS + 1)]
    coverage = founding.coverage.model_copy(update={"unknown_headings": unknown})
    assert quality.assess(founding.model_copy(update={"coverage": coverage}))[1] == ["low_extraction_confidence"]
    nameless = founding.meeting.model_copy(update={"body": None, "title": None})
    assert quality.assess(founding.model_copy(update={"meeting": nameless}))[1] == ["low_extraction_confidence"]
    assert quality.assess(founding.model_copy(update={"is_minutes": False}))[1] == ["low_extraction_confidence"]
    day = next(d for d in founding.dates if d.value == founding.meeting.date)
    wrong = [d.model_copy(update={"weekday_mismatch": True}) if d is day else d for d in founding.dates]
    assert quality.assess(founding.model_copy(update={"dates": wrong}))[1] == ["low_extraction_confidence"]


def test_a_real_document_without_a_date_is_flagged() -> None:
    m = extract(FIXTURES / "lieyu_township_council_10_1_proceedings.txt")
    assert m.meeting.date is None and m.needs_review and "no_meeting_date" in m.review_reasons
