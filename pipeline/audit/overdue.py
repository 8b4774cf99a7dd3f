"""Action-item status on a chosen date: which directives are past their deadline, and whose.

Each action item is cited by document, page, span and its own words. Where a later meeting follows
up the item's meeting (第106次處務會議結論事項辦理情形) the item records it, and where the ledger holds
cases whose number encodes the item's meeting (106xx) their state is given as a best-effort
closed-ness: the case numbers say which meeting a case came from, not which directive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from pipeline.audit.archive import Archive, MeetingDoc, cited_page
from pipeline.audit.ledger import CaseEntry, Ledger, build_ledger
from pipeline.models import ActionItem

ItemState = Literal["overdue", "due", "no_deadline"]
Closure = Literal["closed", "open", "partly_closed"]
UNASSIGNED = "(unassigned)"


@dataclass
class ActionStatus:
    doc: str
    path: str
    meeting: str
    series: str
    meeting_date: str | None
    assignees: list[str]
    text: str
    span: tuple[int, int]
    page: int | None
    section: str
    section_heading: str | None
    item: str | None
    deadline: str | None
    deadline_text: str | None
    state: ItemState
    days_overdue: int | None
    followed_up_in: list[str] = field(default_factory=list)  # later meetings reporting on this one
    linked_cases: list[str] = field(default_factory=list)  # cases numbered from this meeting
    closure: Closure | None = None  # of the linked cases, best effort

    @property
    def citation(self) -> str:
        page = f", p. {self.page}" if self.page is not None else ""
        return f"{self.doc}{page}, chars {self.span[0]}-{self.span[1]}: 「{self.text}」"


def _state(item: ActionItem, as_of: date) -> tuple[ItemState, int | None]:
    if not item.deadline:
        return "no_deadline", None
    try:
        due = date.fromisoformat(item.deadline)
    except ValueError:
        return "no_deadline", None
    return ("overdue", (as_of - due).days) if due < as_of else ("due", None)


def follow_ups(archive: Archive) -> dict[str, list[str]]:
    """stem -> the later meetings whose follow-up report covers that meeting's conclusions."""
    out: dict[str, list[str]] = {}
    for m in archive.meetings:
        for link in m.links:
            if link.kind == "follows_up" and link.target:
                out.setdefault(link.target, []).append(m.stem)
    return out


def _closure(by_origin: dict[tuple[str, int], list[CaseEntry]], meeting: MeetingDoc
             ) -> tuple[list[str], Closure | None]:
    if meeting.session is None:
        return [], None
    cases = by_origin.get((meeting.series, meeting.session), [])
    if not cases:
        return [], None
    closed = sum(not c.open_at_latest for c in cases)
    state: Closure = "closed" if closed == len(cases) else ("open" if closed == 0 else "partly_closed")
    return [c.case_id for c in cases], state


def action_statuses(archive: Archive, as_of: date, ledger: Ledger | None = None) -> list[ActionStatus]:
    """Every action item of the archive with its state on `as_of`, in meeting and text order."""
    ledger = ledger or build_ledger(archive)
    by_origin: dict[tuple[str, int], list[CaseEntry]] = {}
    for c in ledger.cases:
        if c.origin_session is not None:
            by_origin.setdefault((c.series, c.origin_session), []).append(c)
    followed_up = follow_ups(archive)
    out: list[ActionStatus] = []
    for meeting in archive.meetings:
        followed = followed_up.get(meeting.stem, [])
        cases, closure = _closure(by_origin, meeting)
        for item in sorted(meeting.minutes.action_items, key=lambda a: a.span[0]):
            state, late = _state(item, as_of)
            out.append(ActionStatus(
                doc=meeting.stem, path=meeting.minutes.source.path, meeting=meeting.label,
                series=meeting.series, meeting_date=meeting.date, assignees=list(item.assignees),
                text=item.text, span=(item.span[0], item.span[1]), page=cited_page(meeting.minutes, item.page),
                section=item.section,
                section_heading=item.section_heading, item=item.item, deadline=item.deadline,
                deadline_text=item.deadline_text, state=state, days_overdue=late,
                followed_up_in=followed, linked_cases=cases, closure=closure,
            ))
    return out


def overdue_by_assignee(statuses: list[ActionStatus], *, include_closed: bool = True
                        ) -> dict[str, list[ActionStatus]]:
    """The overdue items grouped by assignee (an item with two assignees is listed under both)."""
    groups: dict[str, list[ActionStatus]] = {}
    for s in statuses:
        if s.state != "overdue" or (not include_closed and s.closure == "closed"):
            continue
        for who in s.assignees or [UNASSIGNED]:
            groups.setdefault(who, []).append(s)
    return {k: sorted(v, key=lambda s: (s.deadline or "", s.doc, s.span[0])) for k, v in sorted(groups.items())}


def to_dict(groups: dict[str, list[ActionStatus]], as_of: date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(),
            "assignees": {k: [asdict(s) | {"citation": s.citation} for s in v] for k, v in groups.items()}}
