"""What the extractors share while one document is analysed.

A `Context` carries the document, its profile and lexicon, the header and the outline; each
extractor (a registered component, see `pipeline.extract.registry`) reads what it declares it
requires and returns what it provides, which the runner sets here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.document import Document
from pipeline.grammar.headings import HeadingRules
from pipeline.lexicon import Lexicon
from pipeline.models import (
    ActionItem,
    Candidate,
    CaseNumber,
    Coverage,
    DateMention,
    Division,
    Person,
    Section,
    TimeMention,
)
from pipeline.profiles import Profile
from pipeline.segment.header import Header


@dataclass
class Context:
    doc: Document
    profile: Profile
    lex: Lexicon
    rules: HeadingRules
    head: Header
    sections: list[Section] = field(default_factory=list)
    coverage: Coverage = field(default_factory=lambda: Coverage(chars_total=0, chars_in_sections=0,
                                                                 share_in_sections=0.0))
    dates: list[DateMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    case_numbers: list[CaseNumber] = field(default_factory=list)
    divisions: list[Division] = field(default_factory=list)
    outside_bodies: list[Division] = field(default_factory=list)  # known bodies that are not its units
    people: list[Person] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def body_start(self) -> int:
        """The compact offset where the body begins (after the header)."""
        return self.doc.to_compact(self.head.end)
