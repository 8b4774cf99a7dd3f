"""Typed assignees of an action item: the text as written, a canonical form and a type.

`typed_assignees(action, minutes)` is the one place that decides. It prefers what extraction states
(`ActionItem.assignee_details`, when the model has it and it is filled) and otherwise derives the
type from the document's own divisions and people:

- a name among the document's people -> `person` (canonical: the name as written without spaces, never
  folded, as names are proper names; a surname alone keeps its title, 涂組長);
- a division flagged collective (各組室), or a group asked as a whole (各位理、監事, 全體同仁, 相關機關)
  -> `collective`;
- another division of the document -> `unit` (canonical: the profile's name of the unit, 公管中心 ->
  市政大樓公共事務管理中心);
- a title alone (理事長, 主席) -> `role`;
- any other organisation name (市府, 交通局 in a council's minutes, 台糖公司) -> `outside_body`;
- what names no organisation at all -> `unknown`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from pipeline.export.names import normalise_name
from pipeline.models import ActionItem, Minutes

AssigneeType = Literal["unit", "person", "role", "collective", "outside_body", "unknown"]
ASSIGNEE_TYPES: tuple[str, ...] = ("unit", "person", "role", "collective", "outside_body", "unknown")

# a group asked as a whole: 各組室, 各位委員, 全體同仁, 相關機關, 有關單位, 所屬機關
_COLLECTIVE = re.compile(r"^(?:各|全體|相關|有關|所屬|各位)")
# the endings of organisation names (a unit of the body, or a body of its own)
_ORG_END = re.compile(r"(?:局|處|部|院|會|府|署|所|司|中心|單位|機關|機構|學校|大學|學院|組|室|科|課|股|隊|館|廳|"
                      r"小組|公司|銀行|協會|學會|基金會|團體)$")
# this body itself (本局, 本會, 本府): one of its own units in the wide sense
_SELF = re.compile(r"^本(?:局|處|部|院|會|府|署|所|中心|校|公司)$")


@dataclass(frozen=True)
class TypedAssignee:
    text: str  # as written (as the action item lists it)
    canonical: str | None
    type: str  # one of ASSIGNEE_TYPES
    type_source: str  # "extraction" (ActionItem.assignee_details) or "export" (derived here)


class _Lookup:
    """The document's people, divisions and titles, by normalised name."""

    def __init__(self, minutes: Minutes) -> None:
        self.people: dict[str, tuple[str, str | None]] = {}
        for p in minutes.people:
            key = normalise_name(p.name)
            if key:
                self.people.setdefault(key, (p.name, p.title))
        self.divisions: dict[str, tuple[str, bool]] = {}
        for d in minutes.divisions:
            canonical = normalise_name(d.canonical) or normalise_name(d.name) or d.name
            for key in (normalise_name(d.name), normalise_name(d.text)):
                if key:
                    self.divisions.setdefault(key, (canonical, d.collective))
        self._profile = minutes.profile
        self._titles: Any = None

    def is_title(self, key: str) -> bool:
        """Is the whole key a post or a role of the lexicon (a post asked as such: 理事長)?"""
        if self._titles is None:
            try:
                from pipeline.grammar.titles import find_titles
                from pipeline.profiles import load_profiles

                profiles = load_profiles()
                lex = (profiles.get(self._profile) or profiles["default"]).lexicon
                self._titles = lambda k: any(t.start == 0 and t.end == len(k) for t in find_titles(k, lex))
            except Exception:  # no profiles here (a library caller without models/): no roles
                self._titles = False
        return bool(self._titles) and bool(self._titles(key))


def _derive(text: str, look: _Lookup) -> TypedAssignee:
    key = normalise_name(text)
    if not key:
        return TypedAssignee(text, None, "unknown", "export")
    person = look.people.get(key)
    if person is not None:
        name, title = person
        canonical = "".join(name.split())  # a person's name is not folded: 黃台生 stays 黃台生
        if len(canonical) == 1 and title:  # 涂組長: a surname and a title
            canonical += "".join(title.split())
        return TypedAssignee(text, canonical, "person", "export")
    division = look.divisions.get(key)
    if division is not None:
        canonical, collective = division
        return TypedAssignee(text, key if collective else canonical, "collective" if collective else "unit",
                             "export")
    if _COLLECTIVE.match(key):
        return TypedAssignee(text, key, "collective", "export")
    if look.is_title(key):
        return TypedAssignee(text, key, "role", "export")
    if _SELF.match(key):
        return TypedAssignee(text, key, "unit", "export")
    if _ORG_END.search(key):
        return TypedAssignee(text, key, "outside_body", "export")
    return TypedAssignee(text, key, "unknown", "export")


def typed_assignees(action: ActionItem, minutes: Minutes, lookup: _Lookup | None = None) -> list[TypedAssignee]:
    """The assignees of `action` with their canonical form and type (see the module's docstring)."""
    details = getattr(action, "assignee_details", None)
    if details:
        out = []
        for d in details:
            kind = getattr(d, "type", "unknown")
            out.append(TypedAssignee(d.text, getattr(d, "canonical", None),
                                     kind if kind in ASSIGNEE_TYPES else "unknown", "extraction"))
        return out
    look = lookup or _Lookup(minutes)
    return [_derive(a, look) for a in action.assignees]


def lookup_for(minutes: Minutes) -> _Lookup:
    """The lookup `typed_assignees` builds, to share across the action items of one document."""
    return _Lookup(minutes)
