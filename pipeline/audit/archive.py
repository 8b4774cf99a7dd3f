"""An archive of extracted minutes (OUT/json), ordered by meeting, with the links between meetings.

A meeting links back to the meeting whose minutes it confirms (宣讀第106次處務會議紀錄) and to the
meeting whose conclusions it follows up (第106次處務會議結論事項辦理情形). Both are read from section and
item headings with a small pattern for 第N次 (or 上次, the previous meeting of the same series).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from pipeline.export.names import series_of
from pipeline.fold import fold
from pipeline.grammar.numerals import NUMERAL, parse_int
from pipeline.models import Item, Minutes

LinkKind = Literal["confirms", "follows_up"]

_SESSION = rf"(?:第(?P<n>[{NUMERAL}]{{1,6}})次|(?P<prev>上次|前次|上一次))"
# the last 第N次 before 紀錄: in 宣讀第1屆第2次定期大會第4次會議紀錄 the meeting is the 4th
_CONFIRMS = re.compile(rf"(?:宣讀|確認|審議|承認).{{0,30}}{_SESSION}.{{0,24}}?(?:紀錄|記錄)")
_FOLLOWS_UP = re.compile(
    rf"{_SESSION}(?!.{{0,24}}?第[{NUMERAL}]{{1,6}}次).{{0,24}}?(?:結論|決議|決定|裁示|指示|列管|交辦)"
    r".{0,8}?(?:事項|案件|事項之|案)?.{0,8}?(?:辦理|執行|處理|追蹤)(?:情形|情況|進度|結果)"
)
_HEADING_LINE_MAX = 80


@dataclass
class MeetingLink:
    """A reference from one meeting to an earlier one of the same series."""

    kind: LinkKind
    text: str
    span: tuple[int, int]
    session: int | None
    previous: bool = False  # written as 上次: the meeting before this one
    date: str | None = None  # the earlier meeting's date where the heading states it
    target: str | None = None  # the stem of the earlier meeting, where it is in the archive


@dataclass
class MeetingDoc:
    """One meeting of the archive: its extracted minutes and where it stands among the others."""

    stem: str
    minutes: Minutes
    links: list[MeetingLink] = field(default_factory=list)

    @property
    def series(self) -> str:
        """The body and meeting name, normalised (臺/台, spaces): case numbers and sessions count within a
        series. The same as the meetings table's `series`."""
        m = self.minutes.meeting
        return series_of(m.body, m.name)

    @property
    def meeting_id(self) -> str:
        """The meeting's id in the tables: the first 16 hex characters of its source's sha256."""
        return self.minutes.source.sha256[:16]

    @property
    def date(self) -> str | None:
        return self.minutes.meeting.date

    @property
    def session(self) -> int | None:
        return self.minutes.meeting.session

    @property
    def label(self) -> str:
        """How a reader names the meeting: 第107次 (2021-12-16), or the file stem."""
        parts = [f"第{self.session}次" if self.session is not None else self.stem]
        if self.date:
            parts.append(f"({self.date})")
        return " ".join(parts)

    def link(self, kind: LinkKind) -> MeetingLink | None:
        return next((x for x in self.links if x.kind == kind), None)

    def sort_key(self) -> tuple[bool, str, int, str]:
        return (self.date is None, self.date or "", self.session if self.session is not None else -1,
                self.stem)


def cited_page(minutes: Minutes, page: int | None) -> int | None:
    """A mention's page as the tables give it: null for input without pages (text, HTML, office files)."""
    return page if minutes.source.pages is not None else None


def _iter_items(items: Iterable[Item]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _iter_items(item.children)


def heading_spans(minutes: Minutes) -> list[tuple[int, int]]:
    """Spans of the section and item headings; every short line when there is no outline."""
    spans: list[tuple[int, int]] = []
    for section in minutes.sections:
        spans.append(section.heading_span)
        for item in _iter_items(section.items):
            start = item.span[0]
            end = minutes.text.find("\n", start)
            spans.append((start, end if end != -1 and end - start <= _HEADING_LINE_MAX * 2 else
                          min(item.span[1], start + _HEADING_LINE_MAX * 2)))
    if not spans:
        pos = 0
        for line in minutes.text.split("\n"):
            if 0 < len(line.strip()) <= _HEADING_LINE_MAX:
                spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    return spans


def _compact_with_index(text: str, start: int, end: int) -> tuple[str, list[int]]:
    folded = fold(text[start:end])
    keep = [(ch, start + i) for i, ch in enumerate(folded) if not ch.isspace() and ch not in "-*"]
    return "".join(c for c, _ in keep), [i for _, i in keep]


def _dates_in(minutes: Minutes, span: tuple[int, int]) -> str | None:
    return next((d.value for d in minutes.dates if span[0] <= d.span[0] and d.span[1] <= span[1]), None)


def find_links(minutes: Minutes) -> list[MeetingLink]:
    """The confirms and follows-up references in a meeting's headings (first of each kind)."""
    found: dict[LinkKind, MeetingLink] = {}
    for start, end in heading_spans(minutes):
        compact, index = _compact_with_index(minutes.text, start, end)
        kind: LinkKind
        for kind, pattern in (("follows_up", _FOLLOWS_UP), ("confirms", _CONFIRMS)):
            if kind in found:
                continue
            m = pattern.search(compact)
            if not m:
                continue
            span = (index[m.start()], index[m.end() - 1] + 1)
            session = parse_int(m.group("n")) if m.group("n") else None
            found[kind] = MeetingLink(kind=kind, text=minutes.text[span[0]:span[1]], span=span,
                                      session=session, previous=m.group("prev") is not None,
                                      date=_dates_in(minutes, (start, end)))
            break  # one heading is one kind of link
    return [found[k] for k in ("confirms", "follows_up") if k in found]


@dataclass
class Archive:
    """The meetings of an output folder, in meeting order, with their links resolved."""

    meetings: list[MeetingDoc]
    skipped: list[str] = field(default_factory=list)
    _stems: dict[str, MeetingDoc] = field(init=False, repr=False)
    _series: dict[str, list[MeetingDoc]] = field(init=False, repr=False)
    _position: dict[str, int] = field(init=False, repr=False)  # stem -> index within its series
    _sessions: dict[tuple[str, int], list[int]] = field(init=False, repr=False)  # -> positions, ascending

    def __post_init__(self) -> None:
        self._stems = {m.stem: m for m in self.meetings}
        self._series, self._position, self._sessions = {}, {}, {}
        for m in self.meetings:
            members = self._series.setdefault(m.series, [])
            self._position[m.stem] = len(members)
            if m.session is not None:
                self._sessions.setdefault((m.series, m.session), []).append(len(members))
            members.append(m)

    def by_stem(self, stem: str) -> MeetingDoc | None:
        return self._stems.get(stem)

    def series(self, name: str) -> list[MeetingDoc]:
        return self._series.get(name, [])

    def position(self, meeting: MeetingDoc) -> int:
        """The meeting's index within its series."""
        return self._position[meeting.stem]

    def latest(self, series: str) -> MeetingDoc | None:
        meetings = self.series(series)
        return meetings[-1] if meetings else None

    def find_session(self, series: str, session: int, *, before: int | None = None) -> MeetingDoc | None:
        """The meeting numbered `session`: the latest such one at a series position below `before`
        (numbers restart in a series such as a council's 定期大會)."""
        positions = self._sessions.get((series, session), [])
        i = bisect_left(positions, before) if before is not None else len(positions)
        return self._series[series][positions[i - 1]] if i > 0 else None

    def resolve(self, meeting: MeetingDoc, link: MeetingLink) -> MeetingDoc | None:
        """The earlier meeting a link names: the latest meeting of the series before this one with
        that number, or the one just before it for 上次."""
        pos = self.position(meeting)
        if link.session is not None:
            return self.find_session(meeting.series, link.session, before=pos)
        return self._series[meeting.series][pos - 1] if link.previous and pos > 0 else None


def json_dir_of(out: Path) -> Path:
    """OUT/json when given OUT, or the folder itself when it holds the JSON files."""
    return out / "json" if (out / "json").is_dir() else out


def load_minutes(path: Path) -> Minutes:
    return Minutes.model_validate_json(path.read_bytes())


def from_minutes(docs: Iterable[tuple[str, Minutes]],
                 links: dict[str, list[MeetingLink]] | None = None) -> Archive:
    """An archive of (stem, minutes); `links`: each stem's links when they were read before the minutes
    were lightened (`load_archive(light=True)`), so that a light archive links exactly as a full one."""
    meetings = sorted((MeetingDoc(stem=stem, minutes=m) for stem, m in docs), key=MeetingDoc.sort_key)
    archive = Archive(meetings=meetings)
    for meeting in meetings:
        known = links.get(meeting.stem) if links is not None else None
        meeting.links = list(known) if known is not None else find_links(meeting.minutes)
        for link in meeting.links:
            target = archive.resolve(meeting, link)
            if target is not None and target is not meeting:
                link.target = target.stem
                if link.session is None:
                    link.session = target.session
    return archive


def _light(m: Minutes) -> Minutes:
    """What the ledger reads of a meeting once its links are read: header, section headings, cases (and
    the text only where there are cases to quote). An archive of 10,000 documents then fits in a few
    hundred MB."""
    for sec in m.sections:
        sec.items = []
    m.dates, m.times, m.people, m.divisions, m.pages = [], [], [], [], []
    if not m.case_numbers:
        m.text, m.action_items = "", []
    return m


def load_archive(out: str | Path, *, light: bool = False) -> Archive:
    """Every OUT/json/*.json that reads as `Minutes`, once per document (of copies of the same bytes under
    several inputs, the one of the first input path, as `meetings.json_file`); files that do not read are
    listed in `skipped`. `light` keeps only what the case ledger needs."""
    folder = json_dir_of(Path(out))
    docs: list[tuple[str, Minutes]] = []
    links: dict[str, list[MeetingLink]] = {}
    seen: dict[str, tuple[str, str]] = {}  # sha256 -> (source path, stem) of the copy kept
    skipped: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            minutes = load_minutes(path)
        except (OSError, ValueError, ValidationError, json.JSONDecodeError):
            skipped.append(path.name)
            continue
        first = seen.get(minutes.source.sha256)
        if first is not None and (first[0], first[1]) <= (minutes.source.path, path.stem):
            continue  # the same document under another input: one meeting (as in the meetings table)
        seen[minutes.source.sha256] = (minutes.source.path, path.stem)
        links[path.stem] = find_links(minutes)  # from the whole document, before it is lightened
        docs.append((path.stem, _light(minutes) if light else minutes))
    kept = {stem for _, stem in seen.values()}
    docs = [d for d in docs if d[0] in kept]
    archive = from_minutes(docs, links)
    archive.skipped = skipped
    return archive
