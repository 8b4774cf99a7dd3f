"""The person grammar, one for the header and the body: names and how minutes pair them with
titles.

Forms (T = a title from `pipeline.grammar.titles`):
    name T      黃妙英股長          T name      組長王大明, 社會局局長張乃千
    sur T given 許議長崑源          sur T       涂組長
A list entry (a roster, a header value) is bounded by separators, so it is read with every form
(`pipeline.grammar.entries`; a list cut into entries, `pipeline.grammar.rosters`); running text
is read only where a title stands, and the name's edges must agree with the words around it
(`Edges`): that reader is this module's `scan_text`. What a name is, and the readings all of them
make, is `pipeline.grammar.names`.

Everything runs on the compact view (folded, no whitespace); offsets are compact offsets.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.chars import is_cjk
from pipeline.grammar.names import (
    GROUP_HEADS,
    LATIN_RUN,
    Edges,
    Names,
    PersonHit,
    ends_after,
    function_surname,
    starts_before,
)
from pipeline.grammar.titles import Title
from pipeline.lexicon import Lexicon
from pipeline.words import Words

# words that make the unit after them any or every such unit (各村, 本里, 該處)
_EACH = frozenset("各每該本全")


@lru_cache(maxsize=64)
def _up_to_four(words: frozenset[str]) -> tuple[str, ...]:
    """The words of one to four characters, as a tuple for one str.startswith over them all (made
    once per word list, not once per document)."""
    return tuple(w for w in words if 0 < len(w) <= 4)


def scan_text(comp: str, titles: list[Title], names: Names, edges: Edges, lex: Lexicon,
              known: dict[str, list[str]] | None = None, words: Words | None = None) -> list[PersonHit]:
    """People in running text, read at the titles: the best reading at each title.

    `known` maps a surname to given names already read in the document (the roster), so that
    許議長崑源 is read whole even where the given name is followed by more text. `words`, the
    language's vocabulary, keeps names from being glued to the words around them."""
    known = known or {}
    known_full = {sur + g for sur, gs in known.items() for g in gs}
    after_words = lex.words_of("after_titles")
    short_after_words = _up_to_four(after_words)
    after_numbers = lex.words_of("after_numbers")
    out: list[PersonHit] = []
    n = len(comp)

    def glued(a: int, b: int) -> bool:
        """The name comp[a:b] is part of a word rather than a name: 經費簽報, 施政報告."""
        if words is None:
            return False
        # a word across the name's edge, unless the edge is sure (a title's end: 隊長|孫崇, not 長孫)
        if a > 0 and edges.left(a) < 2 and words.common(comp[a - 1:a + 1], 20):
            return True
        if b < n and edges.right(b) < 2 and words.common(comp[b - 1:b + 1], 20):
            return True
        for k in (3, 4):
            if b < a + k <= n and not edges.broken(a, a + k) and words.common(comp[a:a + k], 3):
                return True
        return False

    def wordy(s: str) -> bool:
        """A verb, adverb or function word of the language (補充, 其中): a name only where the text
        ends right after it."""
        return words is not None and len(s) >= 2 and words.verbal(s)

    def name_ok(a: int, b: int) -> bool:
        if edges.broken(a, b):
            return False
        if comp[a:b] in known_full:
            return True
        if words is not None and b - a == 2 and not edges.hard(b) and words.common(comp[a:b], 1000):
            return False  # 主席宣告開會: a frequent word running on in the sentence, not a two-character name
        if words is not None and b - a == 2 and words.common(comp[a:b], 300) \
                and (names.surnames.get(comp[a]) or 10 ** 6) > 50:
            return False  # 市議員資訊…, 稽核查處: a word of the language whose first character is a rare surname
        if words is not None and b - a == 3 and wordy(comp[a + 1:b]) and words.common(comp[a + 1:b], 100) \
                and function_surname(comp[a], names, words):
            return False  # 紀錄應分開: a verb or adverb (應, 將) that is also a rare surname, then a verb
        if words is not None and b - a == 3 and words.common(comp[a:a + 2], 1000) and names.surname_weight(comp[a]) < 1.0:
            return False  # 資料供委員參考: a frequent word whose first character is a rare surname, then a verb
        if words is not None and b - a == 3 and words.grammatical(comp[a + 1:b]):
            return False  # 官其中, 之以及: a pronoun or conjunction is no given name
        # (a rare doubled character, 玲玲 or 婷婷, is a given name although the dictionary tags it;
        # the frequent ones, 常常 or 剛剛, were turned away above)
        doubled = b - a == 2 and comp[a] == comp[a + 1]
        return not glued(a, b) and (not wordy(comp[a:b]) or edges.hard(b) or doubled)

    def sure(strength: int) -> float:
        return 1.0 if strength >= 2 else 0.85

    def given_at(p: int, sur: str) -> tuple[str, float]:
        """The given name after 許議長 (崑源), '' for none (涂組長補充報告), and how surely."""
        for given in known.get(sur, ()):
            if comp.startswith(given, p) and not edges.broken(p, p + len(given)) and not edges.split(p):
                return given, 1.0
        best: tuple[str, float] = ("", 0.0)
        if edges.split(p):
            return best
        # a word that follows titles, one to three characters long, starting at p
        one, two, three = comp[p:p + 1] in after_words, comp[p:p + 2] in after_words, comp[p:p + 3] in after_words
        for g in (2, 1):
            if p + g > n or not names.cjk_ok(comp[p:p + g]):
                continue
            # (a one-character word after titles, 和, starts a given name the text closes at once:
            # 紀委員和均:)
            if two or (g == 2 and three) or (one and (g == 1 or not edges.hard(p + g))):
                continue
            latin = LATIN_RUN.match(comp, p + g)
            if latin and latin.end() - latin.start() >= 2 and edges.right(latin.end()):
                return comp[p:latin.end()], 1.0  # 呂秘書芬廷Sufin.Sing: with the romanised part
            if g == 1 and words is not None and (words.common(comp[p:p + 2], 3) or words.grammatical(comp[p])):
                continue  # 議員妥為說明, 院長依…: one character of a word, or a function word
            strength = edges.right(p + g)
            if strength and sure(strength) > best[1] and name_ok(p, p + g):
                best = (comp[p:p + g], sure(strength))
        return best

    def surname_ok(a: int, sur: str) -> bool:
        if a > 0 and comp[a - 1].isdigit() and sur in after_numbers:
            return False  # 12月30日市長: the day of a date, not a surname
        return True

    before_words = sorted(lex.words_of("before_names"), key=len, reverse=True)
    before_set = frozenset(before_words)
    before_tuple = tuple(before_words)  # (one str.startswith over all of them rules most places out)
    for k, t in enumerate(titles):
        ts, te = t.start, t.end
        prev_end = titles[k - 1].end if k else 0
        next_start = titles[k + 1].start if k + 1 < len(titles) else n
        cands: list[PersonHit] = []
        # surname before the title (涂組長 / 許議長崑源); none where a break stands before the title
        for sl in () if edges.hard(ts) else (2, 1):
            a = ts - sl
            sur = comp[a:ts]
            if a < prev_end or not names.is_surname(sur) or not surname_ok(a, sur) or edges.broken(a, ts):
                continue
            if not edges.left(a) and not any(comp.startswith(g, te) for g in known.get(sur, ())):
                # (婦工潘主委貴鳳: after a word the lexicon does not know, the surname holds only where
                # the given name after the post completes a name the document lists, 潘貴鳳)
                continue
            if sl == 1 and a > 0 and (comp[a - 1] in "各每" or (sur == t.text[:1] and comp[a - 1] in _EACH)):
                break  # 各村村長, 各班導師, 本里里長: the head of every such unit, nobody named
            weight = (0.95 if sur in names.compound else 0.7) if sl == 2 else names.surname_weight(sur)
            if sl == 1 and sur in before_set:
                # 並向議員說明: 向 is far more often "to" than a surname (the lexicon's words before
                # names, in Traditional use: 于 is a surname there, the preposition is written 於)
                weight *= 0.5
            given, given_sure = given_at(te, sur) if te < next_start else ("", 0.0)
            left_sure = sure(edges.left(a))
            if given:
                cands.append(PersonHit(a, te + len(given), sur + given, ((a, ts), (te, te + len(given))), t.text,
                                       "surname_title_given", 0.85 * max(weight, 0.6) * left_sure * given_sure))
            else:
                cands.append(PersonHit(a, te, sur, ((a, ts),), t.text, "surname_title", 0.8 * weight * left_sure))
            break
        # a full name before the title (黃妙英股長, 撒韵·武荖秘書, 周立鳳Sufin.Biho副處長)
        if not edges.split(ts):
            for a in starts_before(comp, ts, prev_end):
                s = names.score(comp[a:ts])
                if s and comp[a:ts] not in before_set and edges.left(a) and name_ok(a, ts):
                    lead = next((w for w in before_words if comp.startswith(w, a) and a + len(w) < ts), None) \
                        if comp.startswith(before_tuple, a) else None
                    if lead is not None:
                        s *= 0.6  # 經傅雲秘書長, 謝謝顏局長: a word that comes before names, then the name
                    cands.append(PersonHit(a, te, comp[a:ts], ((a, ts),), t.text, "name_title",
                                           0.9 * s * sure(edges.left(a))))
            u = ts - 2  # 王妤喬文宣組長: the head of a named group (文宣組), a word before its 組長
            if t.text in GROUP_HEADS and u - 2 >= prev_end and is_cjk(comp[u]) and is_cjk(comp[u + 1]) \
                    and not edges.split(u) and all(c.form == "surname_title" for c in cands):
                for a in starts_before(comp, u, prev_end):
                    s = names.score(comp[a:u])
                    if s >= 0.7 and edges.left(a) and name_ok(a, u):
                        # (not 宣組長, a surname and the title: the name stands before the group's word)
                        cands = [PersonHit(a, te, comp[a:u], ((a, u),), comp[u:te], "name_title",
                                           0.8 * s * sure(edges.left(a)))]
                        break
        # a full name after the title (組長王大明, 社會局局長張乃千, 代理主任伊萬·納威)
        # (a title whose left edge the words do not settle, after a group's name the lexicon does
        # not know, 教練團副團長 謝秀葵, is read when a space sets the name apart and the name ends
        # its line or clause)
        left_sure = edges.left(ts)
        if te < n and not edges.split(te) and not comp.startswith(short_after_words, te) \
                and (left_sure or edges.spaced(te)):  # (not before a word that follows titles: 理事長|連絡上屆…)
            after: list[PersonHit] = []
            for b in ends_after(comp, te, next_start):
                s = names.score(comp[te:b])
                if s and edges.right(b) and (left_sure or edges.hard(b)) and name_ok(te, b):
                    after.append(PersonHit(ts, b, comp[te:b], ((te, b),), t.text, "title_name",
                                           0.9 * s * sure(edges.right(b)) * sure(edges.left(ts))))
            if after:
                cands.append(max(after, key=lambda c: c.score))  # the first of the best: ends come in order
        given_reading = next((c for c in cands if c.form == "surname_title_given"), None)
        if given_reading is not None:
            # 黃呂委員錦茹: two surnames, the title, the given name; not the two-character name 黃呂
            cands = [c for c in cands if not (c.form == "name_title" and c.start == given_reading.start
                                              and len(c.name) == 2)]
        if cands:
            out.append(max(cands, key=lambda c: (c.score, c.end - c.start)))
    return out
