"""The pipeline's typed boundaries: what a stage hands to the next, and the result a user gets.

Every extracted value carries `span = [start, end)` into `Minutes.text`, and
`text[start:end]` is the mention as a reader sees it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"  # 1.1: candidates, minutes_confidence/evidence, assignee_details, person roles

Span = tuple[int, int]
SectionKind = Literal[
    "awards", "chair_remarks", "previous_minutes", "tracking", "reports", "discussion",
    "motions", "elections", "adjournment", "other",
]
CaseStatus = Literal["closed", "continued", "new", "mentioned"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceInfo(_Model):
    path: str
    sha256: str
    format: str = Field(description="pdf, image, text, html, docx, odt ...")
    pages: int | None = None
    encoding: str | None = Field(default=None, description="the text encoding detected, for text input")
    bytes: int = 0


class PageInfo(_Model):
    number: int = Field(description="1-based page number")
    start: int
    end: int
    method: str = Field(default="text", description="how the page's text was obtained: text, pdf-text, ocr")
    ocr_confidence: float | None = None
    width: float | None = None
    height: float | None = None
    triage: str | None = Field(default=None, description="why the page was read this way (PDF input)")


class Mention(_Model):
    text: str = Field(description="the mention as written: text[span[0]:span[1]]")
    span: Span
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="x0, top, x1, bottom on its page: PDF points (or image pixels), origin top-left"
    )
    source: str = Field(default="rules", description="which backend produced the value")


class DateMention(Mention):
    value: str = Field(description="ISO date YYYY-MM-DD")
    until: str | None = Field(default=None, description="end of a range, ISO")
    kind: Literal["absolute", "month_day", "day", "relative", "month_end", "compact"] = "absolute"
    weekday: str | None = Field(default=None, description="the weekday written next to the date")
    weekday_mismatch: bool = Field(default=False, description="the written weekday disagrees with the date")


class TimeMention(Mention):
    value: str = Field(description="24-hour HH:MM")


class CaseNumber(Mention):
    id: str
    status: CaseStatus
    status_text: str | None = Field(default=None, description="the words that decided the status")


class Division(Mention):
    name: str = Field(description="the unit as written, whitespace removed")
    canonical: str | None = Field(default=None, description="the unit's profile name, where known")
    collective: bool = Field(default=False, description="a collective such as 各組室")


class Person(Mention):
    name: str
    title: str | None = None
    division: str | None = None
    role: str | None = Field(default=None, description="how the document lists the person: chair, recorder, "
                             "attendee, absentee, observer, stand_in, speaker, or null for running text")
    confidence: float = Field(default=1.0, description="how sure the rules are (0-1)")


class Candidate(Mention):
    """A value the rules proposed but scored too low to report: kept for review, not counted."""
    kind: str = Field(description="person, division, action_item ...")
    value: dict[str, str | None] = Field(default_factory=dict)
    score: float
    reasons: list[str] = Field(default_factory=list)


AssigneeType = Literal["unit", "person", "role", "collective", "outside_body", "unknown"]


class Assignee(_Model):
    text: str = Field(description="the assignee as written")
    canonical: str | None = Field(default=None, description="the profile's or lexicon's name, where known")
    type: AssigneeType


class ActionItem(Mention):
    assignees: list[str] = Field(default_factory=list)
    assignee_details: list[Assignee] = Field(default_factory=list, description="each assignee, typed")
    deadline: str | None = None
    deadline_text: str | None = None
    trigger: str = Field(description="the directive word: 請, 應, 務必, 送請 ...")
    section: str = Field(description="kind of the top-level section it comes from")
    section_heading: str | None = None
    item: str | None = Field(default=None, description="heading of the item it comes from")
    block: str | None = Field(default=None, description="the conclusion or report block label, e.g. 會議結論")


class Meeting(_Model):
    body: str | None = None
    name: str | None = None
    session: int | None = None
    date: str | None = None
    start_time: str | None = None
    end_time: str | None = None
    location: str | None = None
    chair: str | None = None
    recorder: str | None = None
    title: str | None = Field(default=None, description="the title line as written")
    attendees: list[str] = Field(default_factory=list)
    absentees: list[str] = Field(default_factory=list)
    observers: list[str] = Field(default_factory=list)
    spans: dict[str, Span] = Field(default_factory=dict, description="where each header field was read")


class Block(_Model):
    kind: Literal["conclusion", "report"]
    label: str = Field(description="會議結論, 決議, 決定, 主席裁示 ... or the speaker line")
    speaker: str | None = None
    span: Span


class Item(_Model):
    marker: str
    heading: str
    level: int
    span: Span
    blocks: list[Block] = Field(default_factory=list)
    children: list[Item] = Field(default_factory=list)


class Section(_Model):
    kind: SectionKind
    heading: str
    marker: str | None = None
    span: Span
    heading_span: Span
    items: list[Item] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)


class Coverage(_Model):
    chars_total: int
    chars_in_sections: int
    share_in_sections: float
    unknown_headings: list[Mention] = Field(default_factory=list)


class Minutes(_Model):
    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    profile: str
    is_minutes: bool = True
    source: SourceInfo
    text: str
    pages: list[PageInfo] = Field(default_factory=list)
    meeting: Meeting
    sections: list[Section] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    times: list[TimeMention] = Field(default_factory=list)
    case_numbers: list[CaseNumber] = Field(default_factory=list)
    divisions: list[Division] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    coverage: Coverage
    candidates: list[Candidate] = Field(default_factory=list, description="low-scoring values kept for review")
    minutes_confidence: float = Field(default=1.0, description="how sure the rules are that this is minutes")
    minutes_evidence: list[str] = Field(default_factory=list, description="why: a title, header fields, sections")
    warnings: list[str] = Field(default_factory=list)
    needs_review: bool = Field(default=False, description="a person should check this extraction (pipeline.quality)")
    review_reasons: list[str] = Field(default_factory=list, description="why: low_coverage, garbled_text, "
                                      "no_meeting_date, low_ocr_confidence, low_extraction_confidence")


class ErrorRecord(_Model):
    path: str
    sha256: str | None = None
    stage: str
    error_type: str
    message: str
