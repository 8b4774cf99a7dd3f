"""Profiles: what is specific to a body is data (models/profiles/*.yaml), not code.

`default.yaml` holds what the rules know about minutes in general; a body's profile adds its
units and aliases, titles and heading words. A profile is chosen by the body name (or title)
in the header; unknown bodies get the default.
"""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from pipeline.fold import fold

PROFILE_DIR_ENV = "MINUTES_PROFILES"


def profile_dir() -> Path:
    env = os.environ.get(PROFILE_DIR_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "models" / "profiles"


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    aliases: list[str] = Field(default_factory=list)


class Directive(BaseModel):
    model_config = ConfigDict(extra="forbid")
    triggers: list[str]
    continuation: list[str]
    split_before: list[str]
    not_before_請: list[str]
    nouns_before_請: list[str]
    not_after_請: list[str]
    procedural: list[str]
    not_before_應: list[str]
    not_after_應: list[str]
    skip_應_in_sections: list[str]
    proposal_labels: list[str]
    proposal_sentence: str
    assignee_suffixes: list[str]
    not_assignee_start: str
    list_separators: list[str]
    appositions: list[str]
    deadline_after: list[str]


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)
    name: str
    match: list[str] = Field(default_factory=list, description="regexes on the body name or title")
    body_kind: str | None = Field(default=None, description="override of the kind read from the body name")
    units: list[Unit] = Field(default_factory=list)
    units_closed: bool = Field(default=False, description="only the listed units (and collectives) count")
    titles: list[str]
    title_patterns: list[str]
    title_blockers_after: list[str]
    surnames: str
    compound_surnames: list[str]
    stop_chars: str
    name_breakers: str
    unit_breakers: str
    stop_words: list[str]
    person_left_words: list[str]
    given_name_only_after: list[str]
    org_end_chars: str
    after_title_words: list[str]
    unit_suffixes: dict[str, list[str]]
    unit_abbreviation_pattern: str
    unit_blockers_after: list[str]
    body_kinds: list[tuple[str, str]]
    collective_prefixes: list[str]
    collective_units: list[str]
    not_units: list[str]
    parent_prefixes: list[str]
    header_labels: dict[str, list[str]]
    section_kinds: list[tuple[str, str]]
    keyword_headings: str
    conclusion_labels: list[str]
    directive: Directive

    # ---- derived lookups (computed once per profile) -----------------------------------
    @cached_property
    def surname_set(self) -> frozenset[str]:
        return frozenset(self.surnames.replace(" ", "").replace("\n", ""))

    @cached_property
    def stop_set(self) -> frozenset[str]:
        return frozenset(self.stop_chars.replace(" ", "").replace("\n", ""))

    @cached_property
    def name_breaker_set(self) -> frozenset[str]:
        return frozenset(self.name_breakers.replace(" ", "").replace("\n", ""))

    @cached_property
    def unit_breaker_set(self) -> frozenset[str]:
        return frozenset(self.unit_breakers.replace(" ", "").replace("\n", ""))

    @cached_property
    def title_regex(self) -> re.Pattern[str]:
        words = sorted(set(self.titles), key=len, reverse=True)
        alts = [*self.title_patterns, *(re.escape(w) for w in words)]
        return re.compile("(?:代理|兼)?(?:" + "|".join(alts) + ")(?:兼(?:" + "|".join(alts) + "))?")

    @cached_property
    def unit_alias_map(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for u in self.units:
            out[u.name] = u.name
            for a in u.aliases:
                out[a] = u.name
        return out

    @cached_property
    def section_kind_regexes(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(k, re.compile(p)) for k, p in self.section_kinds]

    def body_kind_for(self, *names: str | None) -> str:
        if self.body_kind:
            return self.body_kind
        for kind, pattern in self.body_kinds:
            rx = re.compile(pattern)
            for n in names:
                if n and rx.search(fold(re.sub(r"\s+", "", n))):
                    return kind
        return "unknown"


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if key in ("name", "match", "units", "units_closed", "body_kind"):
            out[key] = value
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*value, *out[key]]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value) if key == "directive" else {**out[key], **value}
        elif isinstance(value, str) and key in ("surnames", "stop_chars", "name_breakers", "unit_breakers"):
            out[key] = out.get(key, "") + value
        else:
            out[key] = value
    return out


@lru_cache(maxsize=8)
def load_profiles(directory: str | None = None) -> dict[str, Profile]:
    d = Path(directory) if directory else profile_dir()
    default_path = d / "default.yaml"
    if not default_path.exists():
        raise FileNotFoundError(
            f"the default profile {default_path} is missing; set {PROFILE_DIR_ENV} to the folder "
            "holding default.yaml (models/profiles in the source tree)"
        )
    # Rules match on the folded view, so profiles are folded the same way (台 -> 臺 ...).
    base = yaml.safe_load(fold(default_path.read_text(encoding="utf-8")))
    profiles = {"default": Profile.model_validate(base)}
    for f in sorted(d.glob("*.yaml")):
        if f.name == "default.yaml":
            continue
        raw = yaml.safe_load(fold(f.read_text(encoding="utf-8"))) or {}
        profiles[raw.get("name", f.stem)] = Profile.model_validate(_merge(base, raw))
    return profiles


def select_profile(body: str | None, meeting_name: str | None, *, name: str | None = None,
                   title: str | None = None) -> Profile:
    profiles = load_profiles()
    if name:
        if name not in profiles:
            raise KeyError(f"no profile named {name!r}; known: {', '.join(sorted(profiles))}")
        return profiles[name]
    keys = [fold(re.sub(r"\s+", "", x)) for x in (body, title) if x]
    for prof in profiles.values():
        for pattern in prof.match:
            if any(re.search(pattern, k) for k in keys):
                return prof
    return profiles["default"]
