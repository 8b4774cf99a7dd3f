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
from pipeline.grammar.headings import HeadingRules
from pipeline.lexicon import Lexicon, lexicon_for, words

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


class Profile(BaseModel):
    """What is specific to one body (its units and their aliases, titles or labels it uses), on
    top of what holds for minutes in general (the default profile and the lexicon)."""
    model_config = ConfigDict(extra="forbid", frozen=False)
    name: str
    match: list[str] = Field(default_factory=list, description="regexes on the body name or title")
    body_kind: str | None = Field(default=None, description="override of the kind read from the body name")
    units: list[Unit] = Field(default_factory=list)
    units_closed: bool = Field(default=False, description="only the listed units (and collectives) count")
    titles: list[str] = Field(default_factory=list, description="titles this body uses beyond the lexicon's")
    header_labels: dict[str, list[str]] = Field(default_factory=dict, description="labels beyond the lexicon's")
    body_kinds: list[tuple[str, str]]
    section_kinds: list[tuple[str, str]]
    keyword_headings: str

    # ---- derived lookups (computed once per profile) -----------------------------------
    @cached_property
    def lexicon(self) -> Lexicon:
        units = tuple((alias, u.name) for u in self.units for alias in (u.name, *u.aliases))
        labels = tuple((k, tuple(v)) for k, v in sorted(self.header_labels.items()))
        return lexicon_for(tuple(self.titles), labels, units)

    @cached_property
    def heading_rules(self) -> HeadingRules:
        lex = self.lexicon
        labels = tuple(w for ws in lex.header_labels.values() for w in ws)
        # a head's own ruling names a conclusion block too: 局長裁示, 市長指示, 院長提示
        rulings = tuple(h + v for h in sorted(lex.heads) if h.endswith("長") for v in ("裁示", "指示", "提示"))
        return HeadingRules(self.section_kinds, self.keyword_headings, labels, (*lex.conclusion_labels, *rulings),
                            lex.section_keywords, tuple(words(lex.section("labels", "agenda_labels"))),
                            tuple(words(lex.section("labels", "wrapper_headings"))))

    @cached_property
    def unit_alias_map(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for u in self.units:
            out[u.name] = u.name
            for a in u.aliases:
                out[a] = u.name
        return out

    def body_kind_for(self, *names: str | None) -> str:
        if self.body_kind:
            return self.body_kind
        # the body's own name first: 鳳山國中 holds a 課程發展委員會會議, a school's committee whose
        # units are the school's
        for n in names:
            folded = fold(re.sub(r"\s+", "", n)) if n else ""
            for kind, rx in self._body_kind_regexes:
                if folded and rx.search(folded):
                    return kind
        return "unknown"

    @cached_property
    def _body_kind_regexes(self) -> list[tuple[str, re.Pattern[str]]]:
        return [(k, re.compile(p)) for k, p in self.body_kinds]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if key in ("name", "match", "units", "units_closed", "body_kind"):
            out[key] = value
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*value, *out[key]]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
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
