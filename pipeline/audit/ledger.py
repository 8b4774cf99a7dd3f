"""The 列管 case ledger: every tracked case across the meetings of an archive.

For each case (a case number within a series of meetings, e.g. 臺北市政府秘書處 處務會議 10601): the
meeting that opened it, where it was first seen, every status decision with its meeting and span,
the meeting that closed it, how many meetings and days it stayed open, and whether it is still open
at the latest meeting of its series.

A case number often encodes the meeting that opened it (10601 = meeting 106, item 01). When no
meeting of the archive opens a case as new, the opening meeting is read from the number, and the
entry says so (`opened_basis`).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from pipeline.audit.archive import Archive, MeetingDoc, cited_page
from pipeline.models import CaseNumber

OpenedBasis = Literal["new", "case_number", "case_number_outside_archive", "first_seen"]

# a status decided at a meeting outranks a mere mention of the case in the same meeting
_RANK = {"closed": 3, "continued": 2, "new": 1, "mentioned": 0}
_ENCODED = re.compile(r"^(?P<session>\d{1,4})(?P<item>\d{2})$")
_CLAUSE_STOP = "。；;\n"
_QUOTE_MAX = 160
_LIST_MARKS = "-*•、,， \u3000"


@dataclass
class CaseDecision:
    """One mention of a case at one meeting, with the status decided there."""

    doc: str
    meeting: str
    date: str | None
    session: int | None
    status: str
    text: str
    span: tuple[int, int]
    page: int | None
    status_text: str | None
    quote: str  # the clause around the mention, for citing
    meeting_id: str | None = None  # the meeting's id in the tables


@dataclass
class CaseEntry:
    series: str
    case_id: str
    origin_session: int | None  # read from the case number
    origin_item: int | None
    opened_doc: str | None
    opened_session: int | None
    opened_date: str | None
    opened_basis: OpenedBasis
    opened_note: str
    first_seen_doc: str
    first_seen_date: str | None
    decisions: list[CaseDecision] = field(default_factory=list)
    last_status: str = "mentioned"
    closed_doc: str | None = None
    closed_session: int | None = None
    closed_date: str | None = None
    meetings_open: int | None = None
    days_open: int | None = None
    open_at_latest: bool = True
    latest_doc: str | None = None
    latest_date: str | None = None
    # the meetings above by their id in the tables (`meetings.meeting_id`)
    opened_meeting_id: str | None = None
    first_seen_meeting_id: str | None = None
    closed_meeting_id: str | None = None
    latest_meeting_id: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.series, self.case_id)


@dataclass
class MeetingRow:
    doc: str
    meeting_id: str
    series: str
    session: int | None
    date: str | None
    path: str
    confirms_session: int | None
    confirms_doc: str | None
    confirms_text: str | None
    follows_up_session: int | None
    follows_up_doc: str | None
    follows_up_text: str | None
    cases: int


@dataclass
class Ledger:
    meetings: list[MeetingRow]
    cases: list[CaseEntry]
    skipped: list[str] = field(default_factory=list)

    def case(self, case_id: str, series: str | None = None) -> CaseEntry | None:
        return next((c for c in self.cases if c.case_id == case_id and (series is None or c.series == series)),
                    None)

    def to_dict(self) -> dict[str, Any]:
        return {"meetings": [asdict(m) for m in self.meetings], "cases": [asdict(c) for c in self.cases],
                "skipped": list(self.skipped)}


def encoded_origin(case_id: str) -> tuple[int, int] | None:
    """(session, item) encoded in a case number such as 10601 or 9903, or None."""
    m = _ENCODED.match(case_id.strip())
    if not m or int(m.group("session")) == 0:
        return None
    return int(m.group("session")), int(m.group("item"))


def clause_around(text: str, span: tuple[int, int]) -> str:
    """The clause holding a span (between sentence stops), trimmed to a quotable length."""
    start = max((text.rfind(c, 0, span[0]) for c in _CLAUSE_STOP), default=-1) + 1
    ends = [i for i in (text.find(c, span[1]) for c in _CLAUSE_STOP) if i != -1]
    end = min(ends) if ends else len(text)
    start = max(start, span[0] - _QUOTE_MAX // 2)
    end = min(end, max(span[1], start + _QUOTE_MAX))
    return text[start:end].strip().lstrip(_LIST_MARKS).strip()


def _decision(meeting: MeetingDoc, case: CaseNumber) -> CaseDecision:
    return CaseDecision(doc=meeting.stem, meeting=meeting.label, date=meeting.date, session=meeting.session,
                        status=case.status, text=case.text, span=(case.span[0], case.span[1]),
                        page=cited_page(meeting.minutes, case.page),
                        status_text=case.status_text,
                        quote=clause_around(meeting.minutes.text, case.span), meeting_id=meeting.meeting_id)


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return (date.fromisoformat(b) - date.fromisoformat(a)).days
    except ValueError:
        return None


def _meeting_status(decisions: list[CaseDecision]) -> str:
    return max((d.status for d in decisions), key=lambda s: _RANK.get(s, 0))


def confirmed_dates(archive: Archive) -> dict[tuple[str, int], str]:
    """(series, session) -> the date of that meeting as a later meeting's confirms heading states it
    (宣讀110年11月18日第106次處務會議紀錄): dates of meetings that are not in the archive."""
    out: dict[tuple[str, int], str] = {}
    for m in archive.meetings:
        link = m.link("confirms")
        if link is not None and link.session is not None and link.date:
            out.setdefault((m.series, link.session), link.date)
    return out


def _opening(archive: Archive, series: str, case_id: str, decisions: list[CaseDecision],
             first: MeetingDoc, dates: dict[tuple[str, int], str]
             ) -> tuple[MeetingDoc | None, int | None, str | None, OpenedBasis, str]:
    """(meeting, session, date, basis, note) of the meeting that opened a case."""
    new = next((d for d in decisions if d.status == "new"), None)
    if new is not None:
        meeting = archive.by_stem(new.doc)
        return meeting, new.session, new.date, "new", f"opened as new at {new.meeting}"
    origin = encoded_origin(case_id)
    if origin is not None and (first.session is None or origin[0] <= first.session):
        session = origin[0]
        meeting = archive.find_session(series, session, before=archive.position(first) + 1)
        if meeting is not None:
            return (meeting, session, meeting.date, "case_number",
                    f"opened at {meeting.label}, read from the case number")
        when = dates.get((series, session))
        note = (f"opened at meeting {session} according to the case number; "
                "that meeting is not in the archive")
        if when:
            note += f" (its date {when} is stated by a later meeting that confirms its minutes)"
        return None, session, when, "case_number_outside_archive", note
    return first, first.session, first.date, "first_seen", f"first seen at {first.label}; opening unknown"


def _count_meetings(archive: Archive, series: str, opened: MeetingDoc | None, opened_session: int | None,
                    first: MeetingDoc, end: MeetingDoc) -> int | None:
    """Meetings the case stayed open: after the opening meeting up to the closing (or latest) one."""
    if opened_session is not None and end.session is not None:
        return max(0, end.session - opened_session)
    stop = archive.position(end)
    if opened is not None and opened.series == series:
        return max(0, stop - archive.position(opened))
    return stop - archive.position(first) + 1


def build_entry(archive: Archive, series: str, case_id: str, decisions: list[CaseDecision],
                dates: dict[tuple[str, int], str] | None = None) -> CaseEntry:
    """One case's ledger entry from its decisions, which come in meeting order (`dates`: those of
    `confirmed_dates`, computed once per archive)."""
    first = archive.by_stem(decisions[0].doc)
    latest = archive.latest(series)
    assert first is not None and latest is not None
    dates = confirmed_dates(archive) if dates is None else dates
    opened, opened_session, opened_date, basis, note = _opening(archive, series, case_id, decisions, first, dates)
    origin = encoded_origin(case_id)
    entry = CaseEntry(series=series, case_id=case_id, origin_session=origin[0] if origin else None,
                      origin_item=origin[1] if origin else None,
                      opened_doc=opened.stem if opened else None, opened_session=opened_session,
                      opened_date=opened_date, opened_basis=basis, opened_note=note,
                      first_seen_doc=first.stem, first_seen_date=first.date, decisions=decisions,
                      latest_doc=latest.stem, latest_date=latest.date,
                      opened_meeting_id=opened.meeting_id if opened else None,
                      first_seen_meeting_id=first.meeting_id, latest_meeting_id=latest.meeting_id)
    closed: MeetingDoc | None = None
    per_meeting: dict[str, list[CaseDecision]] = {}
    for d in decisions:
        per_meeting.setdefault(d.doc, []).append(d)
    for stem, here in per_meeting.items():  # meetings in order
        status = _meeting_status(here)
        if status == "closed" and closed is None:
            closed = archive.by_stem(stem)
        elif status in ("continued", "new"):
            closed = None  # reopened, or a later meeting still lists it
        if status != "mentioned":
            entry.last_status = status
    end = closed or latest
    entry.open_at_latest = closed is None
    if closed is not None:
        entry.closed_doc, entry.closed_session, entry.closed_date = closed.stem, closed.session, closed.date
        entry.closed_meeting_id = closed.meeting_id
    entry.meetings_open = _count_meetings(archive, series, opened, opened_session, first, end)
    entry.days_open = _days(opened_date, end.date)
    return entry


def _meeting_row(meeting: MeetingDoc) -> MeetingRow:
    confirms, follows = meeting.link("confirms"), meeting.link("follows_up")
    return MeetingRow(
        doc=meeting.stem, meeting_id=meeting.meeting_id, series=meeting.series, session=meeting.session,
        date=meeting.date, path=meeting.minutes.source.path,
        confirms_session=confirms.session if confirms else None,
        confirms_doc=confirms.target if confirms else None,
        confirms_text=confirms.text if confirms else None,
        follows_up_session=follows.session if follows else None,
        follows_up_doc=follows.target if follows else None,
        follows_up_text=follows.text if follows else None,
        cases=len({c.id for c in meeting.minutes.case_numbers}),
    )


def build_ledger(archive: Archive) -> Ledger:
    """Every case of every series in the archive, in the order the cases were first seen."""
    grouped: dict[tuple[str, str], list[CaseDecision]] = {}
    for meeting in archive.meetings:
        for case in sorted(meeting.minutes.case_numbers, key=lambda c: c.span[0]):
            grouped.setdefault((meeting.series, case.id), []).append(_decision(meeting, case))
    order = {m.stem: i for i, m in enumerate(archive.meetings)}
    dates = confirmed_dates(archive)
    entries = [build_entry(archive, series, case_id, decisions, dates)
               for (series, case_id), decisions in grouped.items()]
    entries.sort(key=lambda e: (order[e.first_seen_doc], e.series,
                                e.opened_session if e.opened_session is not None else 1 << 30,
                                e.origin_item or 0, e.case_id))
    return Ledger(meetings=[_meeting_row(m) for m in archive.meetings], cases=entries,
                  skipped=list(archive.skipped))
