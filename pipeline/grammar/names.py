"""People as minutes write them: 涂組長, 黃妙英股長, 主席 陳志銘, 許議長崑源, 管校長中閔,
議員陳信瑜、康裕成. Works on compact strings with a profile's titles and surnames."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.profiles import Profile

_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


@dataclass(frozen=True)
class NameHit:
    start: int  # compact offsets of the whole mention (title included)
    end: int
    name: str
    title: str | None
    name_parts: tuple[tuple[int, int], ...] = ()


def is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def clean_title(title: str) -> str:
    """兼主任委員 -> 主任委員: a concurrent post is the post."""
    return title[1:] if title.startswith("兼") and len(title) > 2 else title


def find_titles(s: str, profile: Profile, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Title occurrences (longest first) that are titles here: 委員 in 委員會 is not."""
    end = len(s) if end is None else end
    out: list[tuple[int, int]] = []
    for m in profile.title_regex.finditer(s, start, end):
        after = s[m.end(): m.end() + 2]
        if any(after.startswith(b) for b in profile.title_blockers_after):
            continue
        out.append((m.start(), m.end()))
    return out


def name_chars_ok(name: str, profile: Profile) -> bool:
    return (2 <= len(name) <= 4 and all(is_cjk(c) for c in name)
            and not any(c in profile.name_breaker_set for c in name)
            and not any(w in name for w in profile.stop_words))


def has_surname(name: str, profile: Profile) -> bool:
    if any(name.startswith(c) for c in profile.compound_surnames):
        return True
    return name[:1] in profile.surname_set and len(name) <= 3


def _cut_name(after: str, profile: Profile) -> str:
    """The name part after a title, up to a word that follows names (主持, 代理, 分別 ...)."""
    for k in range(len(after)):
        if after[k] in profile.name_breaker_set or after.startswith(tuple(profile.after_title_words), k):
            return after[:k]
    return after


def parse_token(tok: str, profile: Profile, offset: int = 0) -> NameHit | None:
    """One list entry: 陳志銘 / 代理校長大維 / 許議長崑源 / 簡任秘書彭定民 / 康晏洲書記 / 社會局局長張乃千."""
    tok_stripped = tok.rstrip("等")
    titles = find_titles(tok_stripped, profile)
    if not titles:
        if name_chars_ok(tok_stripped, profile):
            return NameHit(offset, offset + len(tok_stripped), tok_stripped, None,
                           ((offset, offset + len(tok_stripped)),))
        return None
    ts, te = titles[-1] if len(titles) > 1 and titles[-1][1] < len(tok_stripped) else titles[0]
    title = clean_title(tok_stripped[ts:te])
    before = tok_stripped[:ts]
    after = _cut_name(tok_stripped[te:], profile)
    end = te + len(after)
    if after and 1 <= len(after) <= 2 and before and 1 <= len(before) <= 2 and has_surname(before, profile) \
            and name_chars_ok(before + after, profile):
        # 許議長崑源: surname, title, given name
        return NameHit(offset, offset + end, before + after, title,
                       ((offset, offset + ts), (offset + te, offset + end)))
    if after and name_chars_ok(after, profile) and (has_surname(after, profile) or not before):
        # 議長許崑源 / 社會局局長張乃千 / 代理校長大維: title (after an optional unit), then the name
        return NameHit(offset + ts, offset + end, after, title, ((offset + te, offset + end),))
    if not after and before and name_chars_ok(before, profile) and te == len(tok_stripped):
        return NameHit(offset, offset + te, before, title, ((offset, offset + ts),))
    if not after and len(before) == 1 and has_surname(before, profile):
        return NameHit(offset, offset + te, before, title, ((offset, offset + ts),))
    return None
