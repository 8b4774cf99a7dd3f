"""Does a document's extraction need a person to look at it? `assess(minutes)` says so, and why.

The reasons are stable codes an analyst can filter on (the meetings table's `review_reasons`):

- `low_coverage`: little of the minutes' body is inside recognised sections;
- `garbled_text`: the text holds characters that do not belong in Chinese minutes (letters of
  unrelated scripts such as 天文ᖂ會, U+FFFD, private-use code points, `(cid:N)` from a PDF whose font
  has no Unicode map), or a page's text layer was judged unreliable and could not be replaced;
- `no_meeting_date`: the header gave no date, so the meeting cannot be placed in time (deadlines
  such as 下週一 cannot be resolved either);
- `low_ocr_confidence`: a page read by OCR was recognised with low confidence;
- `low_extraction_confidence`: the structure itself is in doubt: not recognised as minutes, neither
  a body nor a title in the header, several top-level headings the outline did not understand, or
  the meeting date's written weekday disagreeing with the date.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.models import Minutes

# Below this share of the body's characters inside recognised sections the outline has missed most of
# the minutes. The body runs from the end of the header to the end of the adjournment (attachments and
# sign-in sheets after 散會 are not minutes). Documents whose outline was read score 0.6-1.0 on the
# dev, wide, kcc and real corpora (0.56 the lowest of 332 council minutes); documents whose headings
# were not recognised score 0.0-0.3.
MIN_BODY_COVERAGE = 0.5

# Garbled text: this many suspicious characters, and this share of the non-space characters. One
# stray symbol-font bullet (U+F0E0 in a PDF) is not garbling; the garbled text layer of the real
# corpus (asroc_council_20190427) has 128 in 5,050 (2.5%).
GARBLED_MIN_CHARS = 5
GARBLED_MIN_SHARE = 0.002

# RapidOCR's page confidence (the mean of its lines') is 0.96-0.98 on the clean scans of the real
# corpus; below 0.85 enough characters are misread that names and numbers need checking.
MIN_OCR_CONFIDENCE = 0.85

# Top-level headings (甲乙丙, 壹貳參) the outline did not take as sections: one is usually a stray
# numbering; from three on, the outline most likely chose the wrong level (kcc_t1_r05_m44: six).
MAX_UNKNOWN_HEADINGS = 2

# Scripts that belong in Taiwanese minutes (by Unicode character name prefix).
_SCRIPTS_OK = ("CJK", "LATIN", "HIRAGANA", "KATAKANA", "BOPOMOFO", "FULLWIDTH", "HALFWIDTH", "GREEK",
               "CIRCLED", "PARENTHESIZED", "ROMAN", "IDEOGRAPHIC", "KANGXI", "DIGIT", "SUPERSCRIPT",
               "SUBSCRIPT", "CYRILLIC")
_CID = re.compile(r"\(cid:\d+\)")
# characters outside the blocks Chinese minutes are written in (ASCII and Latin, punctuation, symbols,
# CJK and its punctuation, kana, Bopomofo, compatibility ideographs, full-width forms): only these are
# looked at one by one
_UNUSUAL = re.compile("[^\x00-\u024f\u2000-\u2bff\u2e80-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                      "\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")
_UNRELIABLE = "pdf-text-unreliable"


def _suspicious(ch: str) -> bool:
    o = ord(ch)
    if ch == "\ufffd" or 0xE000 <= o <= 0xF8FF or 0xF0000 <= o:
        return True
    if not ch.isalpha():
        return False
    name = unicodedata.name(ch, "")
    return not name.startswith(_SCRIPTS_OK)


def garbled_count(text: str) -> tuple[int, int]:
    """(suspicious characters, non-space characters) of `text`."""
    suspicious = sum(1 for m in _UNUSUAL.finditer(text) if _suspicious(m.group())) + len(_CID.findall(text))
    return suspicious, _nonspace(text)


def _nonspace(text: str) -> int:
    # the characters between whitespace runs (str.split's whitespace is the regex's \s, checked
    # over every code point; splitting is the cheapest way to count them)
    return sum(map(len, text.split()))


def body_coverage(minutes: Minutes) -> float:
    """The share of the body's non-space characters inside sections (see MIN_BODY_COVERAGE)."""
    text, sections = minutes.text, minutes.sections
    if not sections:
        return 0.0
    first = sections[0].span[0]
    header_end = max((e for s, e in minutes.meeting.spans.values() if e <= first), default=0)
    end = sections[-1].span[1] if sections[-1].kind == "adjournment" else len(text)
    body = _nonspace(text[header_end:end])
    if body == 0:
        return 1.0
    inside = sum(_nonspace(text[s.span[0]:min(s.span[1], end)]) for s in sections)
    return min(1.0, inside / body)


def _low_extraction_confidence(minutes: Minutes) -> bool:
    m = minutes.meeting
    if not minutes.is_minutes or not (m.body or m.title):
        return True
    if len(minutes.coverage.unknown_headings) > MAX_UNKNOWN_HEADINGS:
        return True
    date_span = m.spans.get("date")
    return any(d.weekday_mismatch and (d.value == m.date or (date_span and d.span[0] >= date_span[0]
                                                            and d.span[1] <= date_span[1]))
               for d in minutes.dates)


def assess(minutes: Minutes) -> tuple[bool, list[str]]:
    """(needs_review, reasons) for one document; the reasons in the order of the module docstring."""
    reasons: list[str] = []
    if body_coverage(minutes) < MIN_BODY_COVERAGE:
        reasons.append("low_coverage")
    bad, total = garbled_count(minutes.text)
    if (bad >= GARBLED_MIN_CHARS and bad >= GARBLED_MIN_SHARE * max(total, 1)) or any(
            p.method == _UNRELIABLE for p in minutes.pages):
        reasons.append("garbled_text")
    if not minutes.meeting.date:
        reasons.append("no_meeting_date")
    if any(p.ocr_confidence is not None and p.ocr_confidence < MIN_OCR_CONFIDENCE for p in minutes.pages):
        reasons.append("low_ocr_confidence")
    if _low_extraction_confidence(minutes):
        reasons.append("low_extraction_confidence")
    return bool(reasons), reasons
