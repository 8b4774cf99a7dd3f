from __future__ import annotations
from dataclasses import dataclass, field
from pipeline.models import Meeting
@dataclass
class Header:
    meeting: Meeting = field(default_factory=Meeting)
    end: int = 0
    looks_like_minutes: bool = True
    def resolve_times(self, ctx): pass
def read_header(doc, profile): return Header()
