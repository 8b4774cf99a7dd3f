"""What the extractors share while one document is analysed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipeline.document import Document
from pipeline.models import (
    ActionItem,
    CaseNumber,
    Coverage,
    DateMention,
    Division,
    Person,
    Section,
    TimeMention,
)
from pipeline.profiles import Profile

if TYPE_CHECKING:
    from pipeline.segment.header import Header


@dataclass
class Context:
    doc: Document
    profile: Profile
    head: Header
    sections: list[Section] = field(default_factory=list)
    coverage: Coverage = field(default_factory=lambda: Coverage(chars_total=0, chars_in_sections=0,
                                                                 share_in_sections=0.0))
    dates: list[DateMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    case_numbers: list[CaseNumber] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
