"""Directive frames (models/lexicon/directives.yaml): trigger words, where the one asked stands,
and the words that only look like a directive.

    after:           請X…, 送請X…, 函請X…, 責成X…, 交由X…     the ones asked follow the trigger
    after_with_verb: 由X於…前辦理, 交X依規定辦理             the same, with a handling verb after X
    before:          X應…, X務必…, X負責                    the one asked is the subject
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from pipeline.gazetteer import Gazetteer
from pipeline.lexicon import Lexicon, words


@dataclass(frozen=True)
class Trigger:
    start: int  # compact offsets of the directive word
    end: int
    word: str
    slot: str  # after, after_with_verb, before


@dataclass(frozen=True)
class _Floor:
    speaking: tuple[str, ...]
    particles: tuple[str, ...]
    later_or_elsewhere: tuple[str, ...]
    pronouns: frozenset[str]


class Directives:
    def __init__(self, lex: Lexicon) -> None:
        self.node = lex.files.get("directives") or {}

    def words_of(self, key: str) -> tuple[str, ...]:
        cache = self.__dict__.setdefault("_words", {})
        if key not in cache:
            cache[key] = tuple(words(self.node.get(key)))
        return cache[key]

    @cached_property
    def triggers(self) -> Gazetteer[str]:
        frames = self.node.get("frames") or {}
        return Gazetteer({w: slot for slot, ws in frames.items() for w in words(ws)})

    @cached_property
    def group(self) -> re.Pattern[str]:
        """A group asked as a whole: 各位理、監事, 全體同仁, 各主管, 各校, 相關單位, 各受檢單位."""
        node = self.node.get("groups") or {}

        def alt(key: str) -> str:
            return "|".join(map(re.escape, sorted(words(node.get(key)), key=len, reverse=True))) or "(?!)"
        people = f"(?:{alt('people')}|理、監事)"
        units = f"(?:{alt('units')})"
        return re.compile(f"(?:{alt('people_qualifiers')}){people}(?:[、及與]?{people})*"
                          f"|(?:{alt('unit_qualifiers')})[^\\x00-\\u4dff各的之]{{0,3}}?{units}+(?:{people}|(?!長))"
                          f"|(?:{alt('unit_adjectives')}){units}+(?!長)"
                          # (學生會, 家長會, 教師節: a bare role that runs into a noun is none)
                          f"|(?:{alt('bare_roles')})(?![會組處室部長節證])")

    @cached_property
    def procedural(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.node.get("procedural") or ["(?!)"]))

    @cached_property
    def proposal(self) -> re.Pattern[str]:
        return re.compile(self.node.get("proposal_sentence") or "(?!)")

    @cached_property
    def handling(self) -> Gazetteer[bool]:
        return Gazetteer({w: True for w in self.words_of("handling_verbs")})

    @cached_property
    def party_ends(self) -> tuple[str, ...]:
        return tuple(sorted(self.words_of("party_ends"), key=len, reverse=True))

    @cached_property
    def reporting(self) -> tuple[str, ...]:
        return tuple(sorted(self.words_of("reporting_verbs"), key=len, reverse=True))

    @cached_property
    def speaking(self) -> tuple[str, ...]:
        """The reporting verbs that ask someone to speak now (請何委員說明), not to take a post or
        attend (請吳委員擔任召集人 is a directive)."""
        kept = set(self.words_of("not_speaking"))
        return tuple(v for v in self.reporting if v not in kept)

    @cached_property
    def floor(self) -> _Floor:
        node = self.node.get("floor") or {}
        speaking = sorted({*self.speaking, *words(node.get("speaking_verbs"))}, key=len, reverse=True)
        return _Floor(tuple(speaking), tuple(sorted(words(node.get("particles")), key=len, reverse=True)),
                      tuple(words(node.get("later_or_elsewhere"))), frozenset(words(node.get("pronouns"))))

    def gives_floor(self, comp: str, p: int, end: int, named: bool) -> bool:
        """Is comp[p:end], what follows 請 and the ones it names, the floor given in the meeting
        (…從語文研究的角度說明, …簡單跟大家報告一下) rather than work asked for?"""
        floor = self.floor
        tail = comp[p:end].rstrip("。.!！?？")
        for particle in floor.particles:
            if tail.endswith(particle) and len(tail) > len(particle):
                tail = tail[:-len(particle)]
                break
        if not named and not tail:
            return False
        verb = next((v for v in floor.speaking if tail.endswith(v)), None)
        if verb is None:
            # 請楊老師。: someone called on, with nothing asked of them
            return named and not tail and comp[end:end + 1] in ("", "。", "\n", "!", "！")
        middle = tail[:-len(verb)]
        if any(ch.isdigit() for ch in middle) or any(w in middle for w in floor.later_or_elsewhere) \
                or any(w in middle for w in self.words_of("not_speaking")):
            return False  # (請吳委員光庭出席說明: asked to attend, and there to speak)
        if named:
            return len(middle) <= 15
        return middle in floor.pronouns or (middle.endswith("的") and 2 <= len(middle) <= 12)

    @cached_property
    def subject_adverbs(self) -> str:
        return "".join(self.words_of("subject_adverbs"))

    @cached_property
    def joiners(self) -> tuple[str, ...]:
        return tuple(sorted(self.words_of("joiners"), key=len, reverse=True))

    @cached_property
    def appositions(self) -> tuple[str, ...]:
        return tuple(sorted(self.words_of("appositions"), key=len, reverse=True))

    @cached_property
    def _chars(self) -> dict[str, frozenset[str]]:
        return {k: frozenset(self.words_of(k)) for k in ("not_before_請", "not_after_請", "not_before_應", "not_after_應")}

    def obliges(self, comp: str, a: int, b: int) -> bool:
        """Does comp[a:b] hold a word of obligation: a directive word that is one there (請, 應, 務必,
        with the blockers of `find`: not 申請, 回應), or another (要 not inside 重要, 摘要; 必須, 希望)?"""
        obligations = set(self.words_of("obligation_words"))
        if any(t.word in obligations for t in self.find(comp, a, b, skip_ying=False, named_at=frozenset())):
            return True
        before, after = self.words_of("not_before_要"), self.words_of("not_after_要")
        for w in (w for w in obligations if w not in self.triggers):
            i = comp.find(w, a, b)
            while i != -1:
                if w != "要" or (comp[i - 1:i] not in before and comp[i + 1:i + 2] not in after):
                    return True
                i = comp.find(w, i + 1, b)
        return False

    def find(self, comp: str, start: int, end: int, *, skip_ying: bool,
             named_at: frozenset[int], named_before: frozenset[int] = frozenset()) -> list[Trigger]:
        """The directive words in comp[start:end] that are directives here. `named_at` holds the
        compact offsets where a unit, a person or a post begins: 請教育部 is 請 + 教育部, not 請教;
        `named_before` where one ends: 各處室應有準備 asks 各處室 (應有 elsewhere is "ought to be")."""
        out: list[Trigger] = []
        nouns = self.words_of("nouns_before_請")
        for a, b, slot in self.triggers.longest(comp, start, end):
            word = comp[a:b]
            prev = comp[a - 1:a]
            if self.procedural.match(comp, a) or (len(word) > 1 and word.endswith("請")
                                                  and self.procedural.match(comp, b - 1)):
                continue  # 請審議, 敬請審議, 交付大會審議: the meeting itself is asked
            if quoted(comp, a):
                continue  # 第4點：「建築基地應自建築線退縮5公尺」: a rule quoted, not the meeting's ask
            if word.endswith("請") and len(word) == 1:
                if b not in named_at and comp[b:b + 1] in self._chars["not_after_請"] and not self.group.match(comp, b):
                    continue  # 請教, 請假 (but 請教師自行下載 asks the teachers)
                if prev in self._chars["not_before_請"] and not comp.endswith(nouns, 0, a):
                    continue
            elif word == "應":
                if slot == "before" and skip_ying:
                    continue
                if comp.endswith(self.words_of("prohibitions_before_應"), max(0, a - 2), a) \
                        or any(comp.find(w, max(start, a - 8), a) != -1 for w in self.words_of("rules_before_應")):
                    continue  # 不應打斷, 依法應…, 依規定報名費應全額退費: a prohibition or a rule, not a directive
                k = comp.find("外", b, b + 20)
                if comp.rfind("除", max(start, a - 20), a) != -1 and k != -1 \
                        and comp.startswith(self.words_of("approval_after_除外"), k + 1 + (comp[k + 1:k + 2] in ",，")):
                    continue  # 本案除下列各項應予修正外，其餘照案通過: a condition of the approval (but
                    # 除於計畫書中應明確載明…外，並不得… asks both)
                # 應該 after the one named asks (各團負責人應該主動聯繫, 總務處應該於月底前完成); with no one
                # before it, or before 是/會/可/有 (應該是, 應該會), it guesses
                deontic = comp.startswith("該", b) and a in named_before and comp[b + 1:b + 2] not in "會沒不"
                c = b + 1 if deontic else b
                if prev in self._chars["not_before_應"] or (
                        any(comp.startswith(x, c) for x in self._chars["not_after_應"])
                        and not comp.startswith(self.words_of("after_應_words"), c)
                        and not (a in named_before and comp.startswith(self.words_of("after_named_應"), c))):
                    continue
                if "之" in comp[b:b + 4]:
                    continue  # 應完成之期程: attributive, not a directive
                clause_end = min([k for k in (comp.find(x, b, end) for x in ",，。；;:：") if k != -1], default=end)
                if clause_end - b <= 10 and comp.endswith(self.words_of("attributive_heads"), b, clause_end):
                    continue  # 其他應再修正及補充部分: a noun phrase
            elif word == "負責":
                if comp.startswith("負責人", a) or a == start:
                    continue
            out.append(Trigger(a, b, word, slot))
        return out


def quoted(comp: str, a: int, reach: int = 120) -> bool:
    """Is position a inside 「…」 or 『…』 opened in the last `reach` characters?"""
    lo = max(0, a - reach)
    return any(comp.rfind(o, lo, a) > comp.rfind(c, lo, a) for o, c in (("「", "」"), ("『", "』")))
