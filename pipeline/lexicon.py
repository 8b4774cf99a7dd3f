"""Knowledge as data: the word lists in `models/lexicon/*.yaml`, loaded once, searched fast.

Each lexicon file names the public source its entries follow (its `sources:` key). A body's
profile (`models/profiles/*.yaml`) adds what is specific to that body: its own units and their
aliases, titles or labels it uses. The rules never hold word lists of their own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from pipeline.fold import fold
from pipeline.gazetteer import Gazetteer, SharedScan

G = TypeVar("G")

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
    """A unit or body named in the lexicon or a profile: its canonical name and the lists it is
    in (municipal_units, school_units, central, profile ...: 人事室 is in several)."""
    canonical: str
    kinds: frozenset[str]
    by_kind: tuple[tuple[str, str], ...] = ()  # (list, canonical) where a list names it otherwise
    parents: frozenset[str] = frozenset()  # the bodies it belongs to (內政部 for 國土管理署)

    def canonical_in(self, kinds: frozenset[str]) -> str:
        """The canonical name in the lists that apply (研考會 is 研究發展考核委員會 in a city,
        國家發展委員會's former name centrally)."""
        return next((c for k, c in self.by_kind if k in kinds), self.canonical)


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
        """Posts and titles; courtesy forms (先生, 女士) are not a title, post or role."""
        node = self.section("titles", "heads") or {}
        groups = node.values() if not isinstance(node, dict) else [v for k, v in node.items() if k != "courtesy"]
        return frozenset(w for g in groups for w in words(g)) | frozenset(self._extra_titles)

    @cached_property
    def courtesy(self) -> tuple[str, ...]:
        """Courtesy forms (先生, 女士, 同學): written where a title would stand, never a title."""
        node = self.section("titles", "heads") or {}
        return tuple(words(node.get("courtesy"))) if isinstance(node, dict) else ()

    @cached_property
    def lost_glyph_titles(self) -> dict[str, tuple[str, ...]]:
        """A roster title's last glyph -> the titles it may stand for, in a roster's order (事: 理事, 監事)."""
        node = self.section("labels", "lost_glyph_titles") or {}
        return {glyph: tuple(words(titles)) for glyph, titles in node.items()}

    @cached_property
    def lost_glyph_labels(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """A label's last glyph -> the (label, field) pairs it may stand for, in a header's order
        (席: 主席 chair, 出席 attendees, 列席 observers)."""
        field_of = {w: f for f, ws in self.header_labels.items() for w in ws}
        node = self.section("labels", "lost_glyph_labels") or {}
        return {glyph: tuple((w, field_of[w]) for w in words(labels) if w in field_of) for glyph, labels in node.items()}

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
    def view_scan(self) -> SharedScan:
        """`titles`, `not_titles`, `known_units` and the addressees of unit_words (in that order)
        found in a document's view by one automaton pass."""
        return SharedScan((self.titles, self.not_titles, self.known_units,
                           self.gazetteer_of_section("unit_words", "addressees")))

    @cached_property
    def surnames(self) -> dict[str, int]:
        """Single-character surnames with a frequency rank (1 = most common); surnames past the
        ranked table get a rank by the list they are in (rare ones, and ones that are also
        common words, rank last)."""
        rank = {fold(k): int(v) for k, v in (self.section("surnames", "rank") or {}).items()}
        out: dict[str, int] = {}
        for key, default in (("single", 1000), ("single_rare", 5000), ("ambiguous_single", 9000)):
            for s in words(self.section("surnames", key)):
                if len(s) == 1 and s not in out:
                    out[s] = rank.get(s, default)
        return out

    @cached_property
    def compound_surnames(self) -> frozenset[str]:
        return frozenset(w for w in words(self.section("surnames", "compound")) if len(w) >= 2)

    @cached_property
    def foreign_surnames(self) -> frozenset[str]:
        return frozenset(w for key in ("japanese_common", "japanese_registered", "other_registered")
                         for w in words(self.section("surnames", key)))

    # ---- units -----------------------------------------------------------------------
    @cached_property
    def unit_words_by_kind(self) -> dict[str, tuple[str, ...]]:
        node = self.section("unit_words", "by_body_kind") or {}
        return {k: tuple(sorted(set(words(v)), key=len, reverse=True)) for k, v in node.items()}

    @cached_property
    def central_body_kinds(self) -> dict[str, str]:
        """A central body's names (with aliases and former names) -> the kind of body its meetings
        are (unit_words.yaml `body_kind_by_central_kind` of its bodies.yaml `kind`)."""
        by_kind = self.section("unit_words", "body_kind_by_central_kind") or {}
        out: dict[str, str] = {}
        for item in self.section("bodies", "central") or []:
            kind = (item.get("meeting_kind") or by_kind.get(item.get("kind"))) if isinstance(item, dict) else None
            if kind:
                for name in [item["name"], *words(item.get("aliases")), *words(item.get("former"))]:
                    out[fold(name)] = kind
        return out

    def central_body_kind(self, body: str) -> str | None:
        """The kind of a central body the lexicon names (行政院大陸委員會 as 大陸委員會)."""
        key = fold(body)
        return self.central_body_kinds.get(key) or (
            self.central_body_kinds.get(key[3:]) if key.startswith("行政院") else None)

    @cached_property
    def unit_before_head(self) -> re.Pattern[str]:
        """A unit written before its head's post, with the head's surname or full name (綜規處彭處長,
        第二組王副組長, 資管所吳建文所長)."""
        ws = "|".join(map(re.escape, words(self.section("unit_words", "evidenced_by_head"))))
        return re.compile(rf"(?P<w>{ws})(?!副)[\u4e00-\u9fff]{{1,3}}?副?(?P=w)長")

    @cached_property
    def unit_after_self(self) -> re.Pattern[str]:
        """A unit named after the body's word for itself, then reporting or listed (本院秘書處報告)."""
        def alternation(key: str) -> str:
            return "|".join(map(re.escape, sorted(words(self.section("unit_words", key)), key=len, reverse=True)))
        return re.compile(rf"(?:{alternation('self_words')})(?P<name>[\u4e00-\u9fff]{{2,16}}?(?P<w>{alternation('evidenced_after_self')}))"
                          rf"(?={alternation('after_self_unit')})")

    @cached_property
    def unit_chars(self) -> frozenset[str]:
        """The one-character words that end a unit's name (組, 室, 科 ...)."""
        return frozenset(w for w in self.org_words if len(w) == 1)

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
    def school_ends(self) -> tuple[str, ...]:
        """The last words of a primary or secondary school's name (meetings.yaml), longest first."""
        return tuple(sorted(set(words(self.section("meetings", "school_ends"))), key=len, reverse=True))

    @cached_property
    def known_units(self) -> Gazetteer[KnownUnit]:
        """Every unit and body the lexicon names (with aliases), and the profile's own units."""
        entries: dict[str, KnownUnit] = {}

        def add(name: str, canonical: str, kind: str, parent: str | None = None) -> None:
            if name and "{" not in name:
                key = fold(name)
                old = entries.get(key)
                pair = ((kind, fold(canonical)),)
                parents = frozenset({fold(parent)}) if parent else frozenset()
                if old is None:
                    entries[key] = KnownUnit(fold(canonical), frozenset({kind}), pair, parents)
                else:
                    entries[key] = KnownUnit(old.canonical, old.kinds | {kind}, old.by_kind + pair,
                                             old.parents | parents)

        for key, node in (self.files.get("bodies") or {}).items():
            if key == "sources":
                continue
            items = node if isinstance(node, list) else []
            if isinstance(node, dict):
                for sub, value in node.items():
                    if sub == "aliases" and isinstance(value, dict):
                        for canonical, aliases in value.items():
                            for a in words(aliases):
                                add(a, canonical, key)
                    elif "suffixes" not in sub and sub != "committee_number_forms":
                        items = [*items, *(value if isinstance(value, list) else [])]
            for item in items:
                if isinstance(item, str):
                    add(item, item, key)
                elif isinstance(item, dict) and "name" in item:
                    names = [item["name"], *words(item.get("aliases")), *words(item.get("former"))]
                    # 行政院公共工程委員會 is also written without the Yuan's name
                    names += [n[3:] for n in names if n.startswith("行政院") and len(n) > 5]
                    for w in names:
                        add(w, item["name"], key, item.get("parent"))
                elif isinstance(item, dict):
                    for role in ("government", "council"):
                        if role in item:
                            for w in [item[role], *words(item.get(f"{role}_aliases"))]:
                                add(w, item[role], f"local_{role}")
        for alias, canonical in self._profile_units:
            entries[alias] = KnownUnit(canonical, frozenset({"profile"}), (("profile", canonical),))
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
        """Header labels -> field; a meeting role standing as a label (司儀：…) is an `other` field."""
        entries = {w: "other" for w in self.roles}
        entries.update({w: field for field, ws in self.header_labels.items() for w in ws})
        return Gazetteer(entries)

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

    def tuple_of(self, key: str) -> tuple[str, ...]:
        """A function-word list as a tuple, longest first: for str.startswith / endswith."""
        cache = self.__dict__.setdefault("_tuples", {})
        if key not in cache:
            cache[key] = tuple(sorted(self.words_of(key), key=len, reverse=True))
        return cache[key]

    def gazetteer_of(self, *keys: str) -> Gazetteer[bool]:
        """A matcher over the union of function-word lists (built once per lexicon)."""
        cache = self.__dict__.setdefault("_gazetteers", {})
        if keys not in cache:
            cache[keys] = Gazetteer({w: True for k in keys for w in self.words_of(k)})
        return cache[keys]

    def section_words(self, file: str, key: str, *path: str) -> tuple[str, ...]:
        """`words` of a lexicon list, one level or more down (built once per lexicon)."""
        cache = self.__dict__.setdefault("_section_words", {})
        found = cache.get((file, key, *path))
        if found is None:
            node = self.section(file, key)
            for step in path:
                node = (node or {}).get(step)
            found = cache[(file, key, *path)] = tuple(words(node))
        return found

    def gazetteer_of_section(self, file: str, key: str) -> Gazetteer[bool]:
        """A matcher over one list of a lexicon file (built once per lexicon)."""
        cache = self.__dict__.setdefault("_section_gazetteers", {})
        if (file, key) not in cache:
            cache[(file, key)] = Gazetteer({w: True for w in words(self.section(file, key))})
        return cache[(file, key)]

    def grammar(self, cls: Callable[[Lexicon], G]) -> G:
        """One instance of a grammar built over this lexicon (Names, Directives, TitleGrammar):
        their matchers are compiled once per lexicon, not once per document."""
        cache = self.__dict__.setdefault("_grammars", {})
        if cls not in cache:
            cache[cls] = cls(self)
        return cache[cls]


@lru_cache(maxsize=32)
def lexicon_for(extra_titles: tuple[str, ...] = (), labels: tuple[tuple[str, tuple[str, ...]], ...] = (),
                units: tuple[tuple[str, str], ...] = (), directory: str | None = None) -> Lexicon:
    """The lexicon with a profile's additions (cached: built once per profile)."""
    files = _load_files(directory or str(lexicon_dir()))
    return Lexicon(files, extra_titles, {k: list(v) for k, v in labels}, units)
