"""Knowledge as data: the word lists in `models/lexicon/*.yaml`, loaded once, searched fast.

Each lexicon file names the public source its entries follow (its `sources:` key). A body's
profile (`models/profiles/*.yaml`) adds what is specific to that body: its own units and their
aliases, titles or labels it uses. The rules never hold word lists of their own.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.fold import fold
from pipeline.gazetteer import Gazetteer

LEXICON_DIR_ENV = "MINUTES_LEXICON"


def lexicon_dir() -> Path:
    env = os.environ.get(LEXICON_DIR_ENV)
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "models" / "lexicon"


def words(node: Any) -> list[str]:
    """Every word in a YAML node: strings, lists of strings, {name, aliases} entries, and the
    values of mappings (categories), flattened and folded like the text rules match on."""
    out: list[str] = []
    if node is None:
        return out
    if isinstance(node, str):
        out.append(fold(node.strip()))
    elif isinstance(node, dict):
        if "name" in node:
            out.append(fold(str(node["name"]).strip()))
            out += words(node.get("aliases"))
        else:
            for value in node.values():
                out += words(value)
    elif isinstance(node, Iterable):
        for item in node:
            out += words(item)
    return [w for w in out if w]


@dataclass(frozen=True)
class KnownUnit:
    """A unit or body named in the lexicon or a profile: its canonical name and its kind."""
    canonical: str
    kind: str  # the list it came from: municipal_units, school_units, central, profile ...


@lru_cache(maxsize=4)
def _load_files(directory: str) -> dict[str, dict[str, Any]]:
    d = Path(directory)
    if not d.is_dir():
        raise FileNotFoundError(
            f"the lexicon folder {d} is missing; set {LEXICON_DIR_ENV} to the folder holding "
            "surnames.yaml, titles.yaml ... (models/lexicon in the source tree)")
    out: dict[str, dict[str, Any]] = {}
    for f in sorted(d.glob("*.yaml")):
        out[f.stem] = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
    return out


class Lexicon:
    """The general lexicon plus one profile's additions, with fast lookups built once."""

    def __init__(self, files: dict[str, dict[str, Any]], extra_titles: Iterable[str] = (),
                 extra_labels: dict[str, list[str]] | None = None,
                 units: Iterable[tuple[str, str]] = ()) -> None:
        self.files = files
        self._extra_titles = tuple(fold(t) for t in extra_titles)
        self._extra_labels = {k: [fold(x) for x in v] for k, v in (extra_labels or {}).items()}
        self._profile_units = tuple((fold(a), fold(c)) for a, c in units)

    def section(self, file: str, key: str) -> Any:
        return (self.files.get(file) or {}).get(key)

    # ---- people ----------------------------------------------------------------------
    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(words(self.section("titles", "roles")))

    @cached_property
    def heads(self) -> frozenset[str]:
        return frozenset(words(self.section("titles", "heads"))) | frozenset(self._extra_titles)

    @cached_property
    def titles(self) -> Gazetteer[str]:
        """Title heads and meeting roles: word -> 'post' or 'role'."""
        entries = {w: "post" for w in self.heads}
        entries.update({w: "role" for w in self.roles if w not in entries})
        return Gazetteer(entries)

    @cached_property
    def modifiers(self) -> Gazetteer[str]:
        """Words that modify a title before its head (副, 代理, 兼, 前 ...): word -> kind."""
        node = self.section("titles", "modifiers") or {}
        return Gazetteer({w: kind for kind, ws in node.items() for w in words(ws)})

    @cached_property
    def not_titles(self) -> Gazetteer[bool]:
        return Gazetteer({w: True for w in words(self.section("titles", "not_titles"))})

    @cached_property
    def surnames(self) -> dict[str, int]:
        """Single-character surnames with their frequency rank (1 = most common)."""
        single = words(self.section("surnames", "single"))
        rank = self.section("surnames", "rank") or {}
        out: dict[str, int] = {}
        for i, s in enumerate(single):
            if len(s) == 1 and s not in out:
                out[s] = int(rank.get(s, i + 1)) if isinstance(rank, dict) else i + 1
        return out

    @cached_property
    def compound_surnames(self) -> frozenset[str]:
        return frozenset(w for w in words(self.section("surnames", "compound")) if len(w) >= 2)

    @cached_property
    def foreign_surnames(self) -> frozenset[str]:
        return frozenset(words(self.section("surnames", "japanese_common")))

    # ---- units -----------------------------------------------------------------------
    @cached_property
    def unit_words_by_kind(self) -> dict[str, tuple[str, ...]]:
        node = self.section("unit_words", "by_body_kind") or {}
        return {k: tuple(sorted(set(words(v)), key=len, reverse=True)) for k, v in node.items()}

    @cached_property
    def collectives(self) -> frozenset[str]:
        return frozenset(words(self.section("unit_words", "collectives")))

    @cached_property
    def not_units(self) -> frozenset[str]:
        return frozenset(words(self.section("unit_words", "generic_not_units")))

    @cached_property
    def org_words(self) -> tuple[str, ...]:
        """Words that end the name of a unit or an organisation, of any kind of body."""
        ws = {w for kind in self.unit_words_by_kind.values() for w in kind}
        ws |= set(words(self.section("unit_words", "organisation_words")))
        return tuple(sorted(ws, key=len, reverse=True))

    @cached_property
    def known_units(self) -> Gazetteer[KnownUnit]:
        """Every unit and body the lexicon names (with aliases), and the profile's own units."""
        entries: dict[str, KnownUnit] = {}
        for key, node in (self.files.get("bodies") or {}).items():
            if key == "sources":
                continue
            for item in node if isinstance(node, list) else words(node):
                if isinstance(item, dict) and "name" in item:
                    canonical = fold(str(item["name"]))
                    for w in words(item):
                        entries.setdefault(w, KnownUnit(canonical, key))
                else:
                    for w in words(item):
                        entries.setdefault(w, KnownUnit(w, key))
        for alias, canonical in self._profile_units:
            entries[alias] = KnownUnit(canonical, "profile")
        return Gazetteer(entries)

    # ---- headers and sections -----------------------------------------------------------
    @cached_property
    def header_labels(self) -> dict[str, tuple[str, ...]]:
        node = dict(self.section("labels", "header_labels") or {})
        for k, v in self._extra_labels.items():
            node[k] = [*words(node.get(k)), *v]
        return {k: tuple(words(v)) for k, v in node.items()}

    @cached_property
    def labels(self) -> Gazetteer[str]:
        return Gazetteer({w: field for field, ws in self.header_labels.items() for w in ws})

    @cached_property
    def section_keywords(self) -> dict[str, tuple[str, ...]]:
        node = self.section("labels", "section_keywords") or {}
        return {k: tuple(words(v)) for k, v in node.items()}

    @cached_property
    def conclusion_labels(self) -> tuple[str, ...]:
        return tuple(sorted(set(words(self.section("labels", "conclusion_labels"))), key=len, reverse=True))

    # ---- words that bound names ----------------------------------------------------------
    @cached_property
    def function_words(self) -> dict[str, frozenset[str]]:
        node = self.files.get("function_words") or {}
        return {k: frozenset(words(v)) for k, v in node.items() if k != "sources"}

    def words_of(self, key: str) -> frozenset[str]:
        return self.function_words.get(key, frozenset())


@lru_cache(maxsize=32)
def lexicon_for(extra_titles: tuple[str, ...] = (), labels: tuple[tuple[str, tuple[str, ...]], ...] = (),
                units: tuple[tuple[str, str], ...] = (), directory: str | None = None) -> Lexicon:
    """The lexicon with a profile's additions (cached: built once per profile)."""
    files = _load_files(directory or str(lexicon_dir()))
    return Lexicon(files, extra_titles, {k: list(v) for k, v in labels}, units)
