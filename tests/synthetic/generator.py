"""Synthetic minutes: fragments of the kinds of text the extractors must read, each written into a
small but whole minutes document (title, header, 報告事項 / 討論事項 / 臨時動議 / 散會), with the gold a
careful reader writes for it (shared/gold/FORMAT.md and the people policy of shared/gold/CHANGES.md).

The generator shares nothing with the pipeline: its vocabularies are the data files next to this
module (surnames, names, titles with their modifiers, bodies and their units, the words of running
text), and its truth is known by construction, never read back from an extraction.

Five classes, each a function `CLASSES[name](count, seed) -> list[Variant]`:

- `person`: one person mention in running text: form (王大明組長, 組長王大明, 王組長大明, 王組長) ×
  context (speaker line, after 感謝 / 由 / 經 / 請 / 針對 / 有關 ..., after a unit) × kind of name
  (single or compound surname, one-character given name, indigenous name with a dot, a Han name with a
  romanised part) × title with or without a modifier.
- `roster`: a header roster in one of many forms (see ROSTER_FORMS).
- `header`: the title and header fields in one layout (see LAYOUTS) under one title grammar (see
  TITLE_GRAMMARS), with dates, times, chairs and recorders in several forms.
- `unit`: a unit right after a common word of running text, of the meeting's own body (a division)
  or of an outside body (not a division).
- `directive`: a directive frame (請X於Y前辦理, 由X辦理, 函請X, 轉請X, 責成X, 交X辦理, 請X及Y, 請X會同Y,
  請X向Z確認, two clauses ...) with a deadline in one of several forms or none, and sentences that only
  look like directives (請審議, 申請, 邀請, 洽悉, 照案通過 ...).

Every variant is drawn from its own `random.Random(f"{seed}:{class}:{index}")`, so a variant depends
only on the seed, its class and its index; the combinations of a class are shuffled by the seed and
cycled, so any prefix of a class covers as many different combinations as it can.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .truth import Focus, GoldBuilder, Json, Span, Variant

DATA_DIR = Path(__file__).resolve().parent
DEFAULT_SEED = 20240407


# ---- vocabularies ------------------------------------------------------------------------------

def _rows(name: str) -> list[list[str]]:
    """The data lines of a list file: `#` starts a comment line, columns are tab-separated."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@cache
def _json(name: str) -> Json:
    data = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@cache
def surnames() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("surnames.txt"))


@cache
def compound_surnames() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("compound_surnames.txt"))


@cache
def given_name_chars() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("given_name_chars.txt"))


@cache
def indigenous_parts() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in _rows("indigenous_names.txt"))


@cache
def romanised_parts() -> tuple[tuple[str, str], ...]:
    return tuple((r[0], r[1]) for r in _rows("romanised_names.txt"))


@cache
def contexts() -> Json:
    return _json("contexts.json")


@dataclass(frozen=True)
class Title:
    """A post as written: a modifier (possibly empty) and its head word."""

    modifier: str
    head: str

    @property
    def text(self) -> str:
        return self.modifier + self.head


@cache
def titles(kind: str) -> tuple[Title, ...]:
    return tuple(Title(m, head) for head, mods in _json("titles.json")[kind] for m in mods)


def unit_titles(unit: str) -> tuple[Title, ...]:
    """The posts of people a unit sends to a meeting (局 → 局長, 科長 ...), by its last word."""
    for suffix, heads in _json("titles.json")["by_unit_suffix"]:
        if unit.endswith(suffix):
            return tuple(Title(m, head) for head, mods in heads for m in mods)
    return titles("visitor")


@dataclass(frozen=True)
class Body:
    """A body that holds meetings, with what a reader knows of it."""

    kind: str
    name: str
    head: str
    meeting: str
    self_ref: str
    units: tuple[str, ...]
    outside: tuple[str, ...]
    collective: str | None
    roster_labels: tuple[tuple[str, str | None], ...]
    locations: tuple[str, ...]
    member: str | None = None

    def owns(self, unit: str) -> bool:
        """A unit of this body (a division of its meetings), its collective word included."""
        return unit in self.units or (self.collective is not None and unit == self.collective)

    @property
    def titled_labels(self) -> tuple[tuple[str, str], ...]:
        """Roster labels that give a title; a council's members are 議員 or 代表, never both."""
        return tuple((label, t) for label, t in self.roster_labels
                     if t and (self.member is None or t == self.member))

    @property
    def untitled_labels(self) -> tuple[str, ...]:
        return tuple(label for label, t in self.roster_labels if not t)


@cache
def bodies() -> tuple[Body, ...]:
    out = []
    for kind, spec in _json("bodies.json").items():
        if kind.startswith("_"):
            continue
        for b in spec["bodies"]:
            out.append(Body(
                kind=kind, name=b["name"], head=b["head"], meeting=b["meeting"], self_ref=spec["self"],
                units=tuple(spec["units"]) + tuple(b.get("units", ())),
                outside=tuple(spec["outside"]), collective=spec["collective"],
                roster_labels=tuple((label, t) for label, t in spec["roster_titled"]),
                locations=tuple(spec["locations"]), member=b.get("member")))
    return tuple(out)


def body_kinds() -> tuple[str, ...]:
    return tuple(dict.fromkeys(b.kind for b in bodies()))


def bodies_of(kind: str) -> tuple[Body, ...]:
    return tuple(b for b in bodies() if b.kind == kind)


# ---- names -------------------------------------------------------------------------------------

NAME_KINDS = ("single", "single-1", "compound", "indigenous", "romanised")


@dataclass(frozen=True)
class Name:
    """A person's name; `surname` is None for a name that is never split (indigenous, with a dot)."""

    full: str
    surname: str | None
    given: str
    kind: str


class NamePool:
    """Distinct names for one document: no two people share a surname (so a surname-only mention
    names one person) or a full name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_surnames: set[str] = set()
        self.used_full: set[str] = set()

    def _surname(self, pool: Sequence[str]) -> str:
        free = [s for s in pool if s not in self.used_surnames]
        choice = self.rng.choice(free or list(pool))
        self.used_surnames.add(choice)
        return choice

    def _given(self, length: int) -> str:
        return "".join(self.rng.sample(given_name_chars(), length))

    def draw(self, kind: str | None = None, *, form: str | None = None) -> Name:
        """A fresh name of a kind (drawn by weight when None) that can be written in `form`."""
        if kind is None:
            kinds = [k for k in NAME_KINDS if form is None or form_fits(form, k)]
            kind = self.rng.choices(kinds, weights=[dict(zip(NAME_KINDS, (70, 8, 10, 6, 6), strict=True))[k]
                                                    for k in kinds])[0]
        for _ in range(100):
            name = self._make(kind, split=form == "surname+title+given")
            if name.full not in self.used_full:
                self.used_full.add(name.full)
                return name
        raise RuntimeError(f"no fresh {kind} name")

    def _make(self, kind: str, *, split: bool = False) -> Name:
        """`split`: the name is written around a title (王組长大明), so its given name has two characters."""
        if kind == "single":
            s, g = self._surname(surnames()), self._given(2)
        elif kind == "single-1":
            s, g = self._surname(surnames()), self._given(1)
        elif kind == "compound":
            s, g = self._surname(compound_surnames()), self._given(2 if split else self.rng.choice((1, 2)))
        elif kind == "indigenous":
            personal = self.rng.choice(indigenous_parts())[0]
            family = self.rng.choice(indigenous_parts())[1]
            dot = self.rng.choice(("‧", "·"))
            return Name(f"{personal}{dot}{family}", None, "", kind)
        elif kind == "romanised":
            personal = self.rng.choice(romanised_parts())[0]
            family = self.rng.choice(romanised_parts())[1]
            joint = self.rng.choice((" ", "."))
            s, g = self._surname(surnames()), self._given(2) + f"{personal}{joint}{family}"
        else:
            raise ValueError(kind)
        return Name(s + g, s, g, kind)


PERSON_FORMS = ("name+title", "title+name", "surname+title+given", "surname+title")


def form_fits(form: str, kind: str) -> bool:
    """Whether a kind of name is written in a form: an indigenous name only whole, and a one-character
    given name is not put after a title (王組長明 is not how minutes write 王明)."""
    if form in ("surname+title+given", "surname+title") and kind == "indigenous":
        return False
    return not (kind == "single-1" and form == "surname+title+given")


def render_person(name: Name, title: str, form: str) -> tuple[str, str]:
    """(the mention as written, the name a reader states)."""
    if form == "name+title":
        return name.full + title, name.full
    if form == "title+name":
        return title + name.full, name.full
    assert name.surname is not None, form
    if form == "surname+title+given":
        return name.surname + title + name.given, name.full
    if form == "surname+title":
        return name.surname + title, name.surname
    raise ValueError(form)


# ---- numbers, dates and times ------------------------------------------------------------------

_CN_DIGITS = "○一二三四五六七八九"
WEEKDAY_NAMES = "一二三四五六日"


def cn_digits(n: int) -> str:
    """Digit by digit, as in 一一三年 and 第五○三次."""
    return "".join(_CN_DIGITS[int(c)] for c in str(n))


def cn_number(n: int) -> str:
    """Spelled out (十二, 二十, 一百零五, 一百一十三), 1 <= n < 1000."""
    assert 0 < n < 1000
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _CN_DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _CN_DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    if ones:
        out += _CN_DIGITS[ones]
    return out


def roc_year(day: dt.date) -> int:
    return day.year - 1911


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


DATE_STYLES = ("roc", "民國", "中華民國", "cn-digits", "cn-spelled", "dotted", "slashed", "gregorian")


def render_date(day: dt.date, style: str) -> str:
    y, m, d = roc_year(day), day.month, day.day
    if style == "roc":
        return f"{y}年{m}月{d}日"
    if style == "民國":
        return f"民國{y}年{m}月{d}日"
    if style == "中華民國":
        return f"中華民國{y}年{m}月{d}日"
    if style == "cn-digits":
        return f"{cn_digits(y)}年{cn_number(m)}月{cn_number(d)}日"
    if style == "cn-spelled":
        return f"中華民國{cn_number(y)}年{cn_number(m)}月{cn_number(d)}日"
    if style == "dotted":
        return f"{y}.{m}.{d}"
    if style == "slashed":
        return f"{y}/{m:02d}/{d:02d}"
    if style == "gregorian":
        return f"{day.year}年{m}月{d}日"
    raise ValueError(style)


def render_weekday(day: dt.date, style: str) -> str:
    w = WEEKDAY_NAMES[day.weekday()]
    return {"full": f"（星期{w}）", "half": f"(星期{w})", "short": f"（{w}）", "none": ""}[style]


TIME_STYLES = ("ampm", "ampm-cn", "24h", "24h-時")


def render_time(hour: int, minute: int, style: str, *, period: bool = True) -> str:
    """A clock time; `period` writes 上午/下午 (a range's end leaves it out when it does not change)."""
    if style in ("24h", "24h-時"):
        return f"{hour:02d}:{minute:02d}" if style == "24h" else f"{hour}時" + (f"{minute}分" if minute else "")
    h12 = hour - 12 if hour > 12 else hour
    mark = ("上午" if hour < 12 else "下午") if period else ""
    if style == "ampm":
        return f"{mark}{h12}時" + (f"{minute}分" if minute else "")
    return f"{mark}{cn_number(h12)}時" + (f"{cn_number(minute)}分" if minute else "")


def hhmm(hour: int, minute: int) -> str:
    return f"{hour:02d}:{minute:02d}"


def random_meeting_day(rng: random.Random) -> dt.date:
    """A meeting day early enough in its year for deadlines to fall later in the same year."""
    return dt.date(rng.randint(2016, 2025), rng.randint(1, 10), rng.randint(1, 28))


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase as written in a directive and what it means."""

    phrase: str           # 於{phrase}: 113年5月31日前, 12月底前, 下週五前, 2個月內
    value: str | None     # ISO day, or None where no calendar day is named
    mention: str | None   # the date mention inside the phrase (a `dates` entry), if any


DEADLINE_KINDS = ("roc-date", "month-day", "month-end", "this-month-end", "next-week", "within")


def make_deadline(rng: random.Random, day: dt.date, kind: str) -> Deadline:
    if kind in ("roc-date", "month-day"):
        # later in the meeting's year, so a year-less day means the meeting's year
        last = dt.date(day.year, 12, 31)
        due = day + dt.timedelta(days=rng.randint(7, max(7, min(150, (last - day).days))))
        text = (f"{roc_year(due)}年" if kind == "roc-date" else "") + f"{due.month}月{due.day}日"
        return Deadline(f"{text}前", due.isoformat(), text)
    if kind == "month-end":
        month = rng.randint(day.month + 1, 12)
        text = rng.choice((f"{month}月底前", f"{cn_number(month)}月底前"))
        return Deadline(text, month_end(day.year, month).isoformat(), text)
    if kind == "this-month-end":
        return Deadline("本月底前", month_end(day.year, day.month).isoformat(), "本月底前")
    if kind == "next-week":
        weekday = rng.randrange(5)
        monday = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=7)
        text = rng.choice(("下週", "下星期")) + WEEKDAY_NAMES[weekday]
        return Deadline(f"{text}前", (monday + dt.timedelta(days=weekday)).isoformat(), text)
    if kind == "within":
        return Deadline(rng.choice(("2個月內", "1個月內", "兩週內", "三個月內")), None, None)
    raise ValueError(kind)


# ---- a document being written ------------------------------------------------------------------

RECORDER_POSTS = ("科員", "專員", "組員", "秘書", "書記", "幹事", "辦事員")
REPORT_SUBJECTS = ("本年度預算執行情形", "年度工作計畫辦理進度", "道路養護計畫執行情形", "資訊系統汰換作業",
                   "防災演練辦理情形", "節約能源措施執行成果", "公共設施維護情形", "服務滿意度調查結果",
                   "環境清潔日活動成果", "年度採購案執行進度")
DISCUSSION_SUBJECTS = ("停車收費標準修正草案", "年度經費分配原則", "場地使用管理要點修正", "獎勵要點修正草案",
                       "年度活動實施計畫", "設施委託經營案", "補助作業要點草案", "公有財產出租案")
SECTION_NUMERALS = "壹貳參肆伍陸柒捌玖拾"
LIST_NUMERALS = "一二三四五六七八九十"


@dataclass
class Draft:
    """The text of one document as it is written, with its gold."""

    body: Body
    day: dt.date
    rng: random.Random
    parts: list[str] = field(default_factory=list)
    length: int = 0
    gold: GoldBuilder = field(default_factory=GoldBuilder)
    regions: list[Span] = field(default_factory=list)
    names: NamePool = field(init=False)
    section_style: str = ""     # set by a numbered header, else chosen by write_body
    section_count: int = 0

    def __post_init__(self) -> None:
        self.names = NamePool(self.rng)

    def write(self, text: str) -> Span:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def line(self, text: str = "") -> Span:
        span = self.write(text)
        self.write("\n")
        return span

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def unit(self, name: str, *, focus: bool = False) -> None:
        """A unit written in the text: a division when the meeting's body owns it."""
        if self.body.owns(name):
            self.gold.division(name, focus=focus)

    def section_heading(self, words: str, kind: str) -> None:
        marker = self.next_section_marker()
        self.line(f"{marker}{words}")
        self.gold.sections.append(kind)

    def next_section_marker(self) -> str:
        """壹、 / 一、 / 1. / nothing: header labels and sections share one numbering."""
        n = self.section_count
        self.section_count += 1
        if self.section_style == "壹":
            return formal_number(n + 1) + "、"
        if self.section_style == "一":
            return cn_number(n + 1) + "、"
        if self.section_style == "1.":
            return f"{n + 1}. "
        return ""


def formal_number(n: int) -> str:
    """壹 … 拾 … 拾貳: the numerals of top-level headings, 1 <= n < 20."""
    return SECTION_NUMERALS[n - 1] if n <= 10 else "拾" + SECTION_NUMERALS[n - 11]


def item_marker(style: str, n: int) -> str:
    """Items one level below the sections."""
    return LIST_NUMERALS[n] + "、" if style == "壹" else f"（{LIST_NUMERALS[n]}）"


# ---- title and header --------------------------------------------------------------------------

TITLE_GRAMMARS = ("body-year-session", "year-body-session", "term-session", "body-line-above", "plain",
                  "school-term", "no-session")


def _session_text(rng: random.Random, n: int) -> str:
    style = rng.choice(("arabic", "spelled", "digits") if n >= 100 else ("arabic", "spelled"))
    return {"arabic": str(n), "spelled": cn_number(n), "digits": cn_digits(n)}[style]


def _record_suffix(rng: random.Random, meeting: str) -> str:
    """紀錄 after a name that ends in 會議 or 會報; 會議紀錄 may follow the other names (定期大會會議紀錄)."""
    options = ("紀錄", "記錄") if meeting.endswith(("會議", "會報")) else ("紀錄", "會議紀錄", "會議記錄")
    return rng.choice(options)


def write_title(d: Draft, grammar: str) -> None:
    """The title line(s); sets meeting body, name and session."""
    rng, body = d.rng, d.body
    roc = roc_year(d.day)
    # a series numbered within a year or a term stays small; one numbered since its start runs long
    number = rng.randint(1, 640) if grammar == "plain" else rng.randint(1, 12)
    session: int | None = number
    meeting = body.meeting
    if grammar == "year-body-session" and body.kind in ("committee", "hospital"):
        meeting = "會議"    # 113年度臺中市都市計畫委員會第一次會議紀錄: the meeting is named 會議
    suffix = _record_suffix(rng, meeting)
    n = _session_text(rng, number)
    if grammar == "body-year-session":
        d.line(f"{body.name}{roc}年度第{n}次{meeting}{suffix}")
    elif grammar == "year-body-session":
        d.line(f"{roc}年度{body.name}第{n}次{meeting}{suffix}")
    elif grammar == "term-session":
        d.line(f"{body.name}第{cn_number(rng.randint(1, 22))}屆第{n}次{meeting}{suffix}")
    elif grammar == "body-line-above":
        d.line(body.name)
        if rng.random() < 0.5:
            d.line()
        d.line(f"第{n}次{meeting}{suffix}")
    elif grammar == "plain":
        d.line(f"{body.name}第{n}次{meeting}{suffix}")
    elif grammar == "school-term":
        d.line(f"{body.name}{roc - (d.day.month < 8)}學年度第{1 if d.day.month >= 8 else 2}學期"
               f"第{n}次{meeting}{suffix}")
    elif grammar == "no-session":
        session = None
        d.line(f"{body.name}{meeting}{suffix}")
    else:
        raise ValueError(grammar)
    d.gold.meeting.update(body=body.name, name=meeting, session=session)


def spaced_label(rng: random.Random, label: str) -> str:
    """時 間, 主　　席, 會 議 時 間: the spacing of labels in typed minutes."""
    if len(label) == 2:
        return label[0] + rng.choice((" ", "　", "　　", "  ")) + label[1]
    return rng.choice((" ", "　")).join(label)


@dataclass
class HeaderField:
    """One label of the header and its value, as written."""

    label: str
    value: str


LAYOUTS = ("plain", "numbered-壹", "numbered-一", "numbered-1", "spaced", "one-line", "next-line", "table",
           "date-time-split")


def write_header(d: Draft, layout: str, fields: list[HeaderField]) -> Span:
    """The header fields in a layout; returns the header's span. Numbered layouts number the labels
    like sections, and the document's sections continue that numbering."""
    rng = d.rng
    start = d.length
    colon = rng.choice(("：", ":"))
    if layout.startswith("numbered-"):
        d.section_style = {"numbered-壹": "壹", "numbered-一": "一", "numbered-1": "1."}[layout]
    lines: list[list[HeaderField]] = [[f] for f in fields]
    if layout == "one-line":
        cut = rng.choice((len(fields), 2, 3))
        lines = [fields[:cut], fields[cut:]] if fields[cut:] else [fields]
    elif layout in ("plain", "spaced") and len(fields) >= 4 and rng.random() < 0.5:
        # 主席：… 紀錄：… on one line, as most typed minutes have it
        chair_at = next((i for i, f in enumerate(fields) if f.label in ("主席", "主持人", "會議主持人")), None)
        if chair_at is not None and chair_at + 1 < len(fields) and fields[chair_at + 1].label in ("紀錄", "記錄"):
            lines = ([[f] for f in fields[:chair_at]] + [fields[chair_at:chair_at + 2]]
                     + [[f] for f in fields[chair_at + 2:]])
    gap = rng.choice(("　　", "    ", "　"))
    for group in lines:
        for i, f in enumerate(group):
            if i:
                d.write(gap)
            label = spaced_label(rng, f.label) if layout == "spaced" else f.label
            if layout.startswith("numbered-"):
                d.write(d.next_section_marker())
            if layout == "table":
                d.write(f"{label}\t")
            elif layout == "next-line":
                d.write(f"{label}{colon}" if rng.random() < 0.6 else label)
                d.write("\n")
            else:
                d.write(f"{label}{colon}")
            d.write(f.value)
        d.write("\n")
    return start, d.length


def _chair_post(d: Draft) -> Title:
    head = Title("", d.body.head)
    return d.rng.choice((head, head, Title("副", head.head), Title("代理", head.head)))


CHAIR_FORMS = ("name", "surname+title+given", "name+title", "title+name", "surname+title", "proxy")
RECORDER_FORMS = ("name", "post+name", "name+post", "two")


def chair_field(d: Draft, form: str, label: str = "主席", *, focus: bool = False) -> HeaderField:
    """The 主席 line; sets meeting.chair and adds the person under the role and under the post."""
    name = d.names.draw(form="surname+title+given" if form == "proxy" else form)
    post = _chair_post(d)
    proxy: Name | None = None
    if form == "name":
        written, stated = name.full, name.full
    elif form == "proxy":
        written, stated = render_person(name, post.text, "surname+title+given")
        proxy = d.names.draw("single")
        written += d.rng.choice((f"({proxy.full}代)", f"（{proxy.full}代理）"))
    else:
        written, stated = render_person(name, post.text, form)
    d.gold.meeting["chair"] = stated
    d.gold.person(stated, label, focus=focus)
    if label != "主席":
        d.gold.person(stated, "主席", optional=True, focus=focus)
    if form != "name":
        d.gold.person(stated, post.text, focus=focus)
    if proxy:
        d.gold.person(proxy.full, None, optional=True, focus=focus)
        d.gold.person(proxy.full, label, optional=True, focus=focus)
    return HeaderField(label, written)


def recorder_field(d: Draft, form: str, label: str = "紀錄", *, focus: bool = False) -> HeaderField:
    """The 紀錄 line; sets meeting.recorder. Under the label 記錄 the pair keeps that spelling and the
    紀錄 spelling is an optional alias (as in the shared gold)."""
    people = [d.names.draw("single")] + ([d.names.draw("single")] if form == "two" else [])
    post = d.rng.choice(RECORDER_POSTS)
    if form == "post+name":
        written = post + people[0].full
    elif form == "name+post":
        written = people[0].full + post
    else:
        written = "、".join(p.full for p in people)
    d.gold.meeting["recorder"] = "、".join(p.full for p in people)
    for p in people:
        d.gold.person(p.full, label, focus=focus)
        if label == "記錄":
            d.gold.person(p.full, "紀錄", optional=True, focus=focus)
        if form in ("post+name", "name+post"):
            d.gold.person(p.full, post, focus=focus)
    return HeaderField(label, written)


def time_field(d: Draft, *, date_style: str, weekday: str, time_style: str, with_end: bool,
               label: str = "時間", split_label: str | None = None) -> list[HeaderField]:
    """The date and time of the meeting: one field, or 日期 and 時間 apart when `split_label`."""
    rng, day = d.rng, d.day
    start_h = rng.choice((8, 9, 9, 10, 10, 13, 14, 14, 15))
    start_m = rng.choice((0, 0, 0, 30))
    end: tuple[int, int] | None = None
    if with_end:
        end_h = start_h + rng.randint(1, 3)
        end_h = end_h + 1 if end_h == 12 else end_h  # no noon, where 上午/下午 would be a matter of taste
        end = (end_h, rng.choice((0, 30)))
    date_text = render_date(day, date_style)
    time_text = render_time(start_h, start_m, time_style)
    if end:
        same_period = (start_h < 12) == (end[0] < 12)
        joiner = rng.choice(("至", "～", "-")) if time_style == "24h" else "至"
        time_text += joiner + render_time(*end, time_style, period=not same_period)
    d.gold.meeting.update(date=day.isoformat(), start_time=hhmm(start_h, start_m),
                          end_time=hhmm(*end) if end else None)
    d.gold.date(date_text, day.isoformat())
    written_date = date_text + render_weekday(day, weekday)
    if split_label:
        return [HeaderField(split_label, written_date), HeaderField(label, time_text)]
    # digits never run into digits (107.2.16 10:00), or the date would change
    glued = written_date[-1].isdigit() and time_text[0].isdigit()
    sep = rng.choice((" ", "　") if glued else ("", " ", "　"))
    return [HeaderField(label, written_date + sep + time_text)]


def location_field(d: Draft, label: str = "地點") -> HeaderField:
    where = d.rng.choice(d.body.locations)
    d.gold.meeting["location"] = where
    return HeaderField(label, where)


def simple_header(d: Draft, *, extra: Sequence[HeaderField] = (), chair: bool = True,
                  recorder: bool = True) -> Span:
    """A common header for the classes that are not about the header."""
    rng = d.rng
    fields = time_field(d, date_style=rng.choice(("roc", "中華民國")), weekday=rng.choice(("full", "none")),
                        time_style="ampm", with_end=False, label=rng.choice(("時間", "會議時間")))
    fields.append(location_field(d))
    if chair:
        fields.append(chair_field(d, rng.choice(("name", "surname+title+given"))))
    if recorder:
        fields.append(recorder_field(d, "name"))
    fields += extra
    return write_header(d, rng.choice(("plain", "plain", "spaced")), fields)


# ---- sections ----------------------------------------------------------------------------------

Writer = Callable[[Draft], None]


def case_name(subject: str) -> str:
    """The name of a case: its subject with 案 added unless it already ends so (修正草案)."""
    return subject if subject.endswith("案") else subject + "案"


def _filler_report(d: Draft, n: int) -> None:
    d.line(f"{item_marker(d.section_style, n)}{d.rng.choice(REPORT_SUBJECTS)}：詳如書面資料。")
    d.line("決定：洽悉。")


def _filler_discussion(d: Draft, n: int) -> None:
    d.line(f"{'案由' + LIST_NUMERALS[n]}：{case_name(d.rng.choice(DISCUSSION_SUBJECTS))}，提請討論。")
    d.line("說明：詳如附件。")
    d.line(d.rng.choice(("決議：照案通過。", "決議：修正後通過。")))


def write_body(d: Draft, *, report: Writer | None = None, discussion: Writer | None = None) -> None:
    """The sections after the header. A fragment writer, when given, writes one item of 報告事項
    (`report`) or of 討論事項 (`discussion`) after a filler item."""
    rng = d.rng
    if not d.section_style:
        d.section_style = rng.choice(("壹", "一", "none"))
    d.line()
    if rng.random() < 0.3:
        d.section_heading("主席致詞：（略）", "chair_remarks")
    if rng.random() < 0.3:
        d.section_heading("確認上次會議紀錄：確認。", "previous_minutes")
    d.section_heading(rng.choice(("報告事項", "業務報告", "工作報告")), "reports")
    _filler_report(d, 0)
    if report:
        report(d)
    d.section_heading(rng.choice(("討論事項", "提案討論")), "discussion")
    _filler_discussion(d, 0)
    if discussion:
        discussion(d)
    if rng.random() < 0.7:
        d.section_heading("臨時動議：無。", "motions")
    start = d.gold.meeting["start_time"]
    if start and d.gold.meeting["end_time"] is None and rng.random() < 0.6:
        # one to three hours after the start, never at noon (上午/下午 12時 is a matter of taste)
        hour = int(start[:2]) + rng.randint(1, 3)
        hour += hour == 12
        minute = rng.choice((0, 10, 30, 45))
        words = rng.choice(("散會：{}。", "散會（{}）", "散會：{}"))
        d.section_heading(words.format(render_time(hour, minute, "ampm")), "adjournment")
        d.gold.meeting["end_time"] = hhmm(hour, minute)
    else:
        d.section_heading("散會。", "adjournment")


def finish(d: Draft, *, id: str, klass: str, subclass: str, facets: dict[str, str], scored: str,
           also: tuple[str, ...] = ()) -> Variant:
    gold, focus_gold = d.gold.build()
    return Variant(id=id, klass=klass, subclass=subclass, facets=facets, text=d.text, gold=gold,
                   focus=Focus(field=scored, regions=sorted(d.regions), gold=focus_gold, also=also))


# ---- the classes ---------------------------------------------------------------------------------

def _cycle(rng: random.Random, combos: list[tuple[Any, ...]], count: int) -> list[tuple[Any, ...]]:
    """`count` combinations: all of them in a seeded order, again and again."""
    order = combos[:]
    rng.shuffle(order)
    return [order[i % len(order)] for i in range(count)]


def _variant_rng(seed: int, klass: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{klass}:{index}")


def _title_of(rng: random.Random, kind: str, *, modified: bool | None = None) -> Title:
    pool = titles(kind) + (titles("visitor") if rng.random() < 0.15 else ())
    if modified is not None:
        pool = tuple(t for t in pool if bool(t.modifier) == modified) or pool
    return rng.choice(pool)


PERSON_CONTEXTS = (*(c["id"] for c in contexts()["person"]), "unit+person")


def generate_person(count: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    """One person mention in running text per document."""
    combos = [(form, ctx, kind) for form in PERSON_FORMS for ctx in PERSON_CONTEXTS for kind in NAME_KINDS
              if form_fits(form, kind)]
    plan = _cycle(random.Random(f"{seed}:person"), combos, count)
    out = []
    by_id = {c["id"]: c for c in contexts()["person"]}
    for i, (form, ctx, kind) in enumerate(plan):
        rng = _variant_rng(seed, "person", i)
        body = rng.choice([b for b in bodies() if b.units] if ctx == "unit+person" else bodies())
        d = Draft(body, random_meeting_day(rng), rng)
        write_title(d, rng.choice(("plain", "body-year-session")))
        simple_header(d)
        name = d.names.draw(kind, form=form)
        modified = rng.random() < 0.5
        unit = rng.choice(body.units) if ctx == "unit+person" else None
        if unit:
            # a person written after a unit holds one of that unit's posts (消防局 → 局長, 科長 ...)
            fitting = [t for t in unit_titles(unit) if bool(t.modifier) == modified] or list(unit_titles(unit))
            title = rng.choice(fitting)
        else:
            title = _title_of(rng, body.kind, modified=modified)

        def fragment(d: Draft, name: Name = name, title: Title = title, form: str = form,
                     ctx: str = ctx, unit: str | None = unit) -> None:
            written, stated = render_person(name, title.text, form)
            marker = item_marker(d.section_style, 1)
            d.line(f"{marker}{d.rng.choice(REPORT_SUBJECTS)}")
            if unit:
                sentence = f"{unit}{written}表示將持續推動。"
                d.unit(unit)
                template: Json = {"action": "none"}
            else:
                template = by_id[ctx]
                sentence = template["template"].replace("{P}", written)
            start = d.length + sentence.index(written)
            d.line(sentence)
            d.regions.append((start, start + len(written)))
            d.gold.person(stated, title.text, unit, focus=True)
            if template.get("role"):
                d.gold.person(stated, template["role"], optional=True, focus=True)
            if template["action"] == "optional":
                clause = sentence.rstrip("。")
                d.gold.action([stated], None, clause, optional=True)
            d.line("決定：洽悉。")

        write_body(d, report=fragment)
        facets = {"form": form, "context": ctx, "name": kind,
                  "title": "modified" if title.modifier else "plain", "body": body.kind}
        out.append(finish(d, id=f"person-{i:04d}", klass="person", subclass=f"{form} × {ctx}",
                          facets=facets, scored="people"))
    return out


ROSTER_FORMS = ("label-、", "label-spaces", "label-ideographic", "one-per-line", "agency-lines",
                "agency-bullets", "seat-codes", "stand-in", "acting", "on-leave", "several-chairs",
                "chairs-in-text", "titles-beside", "untitled", "title-before-list", "absent-label")


# Posts of people who stand in for a member at a meeting.
STAND_IN_POSTS = ("科長", "專員", "秘書", "組長", "主任", "副處長", "技正", "專門委員")
# Posts one person holds in a body: never the title of a list of names.
SINGLE_HOLDER_POSTS = frozenset({"市長", "縣長", "秘書長", "議長", "校長", "院長", "理事長", "會長", "總幹事",
                                 "主任秘書", "局長", "主任委員", "執行秘書", "召集人", "發言人", "護理長",
                                 "督導長", "處長", "鄉長", "鎮長"})


def _roster_names(d: Draft, n: int) -> list[Name]:
    return [d.names.draw() for _ in range(n)]


def _titled_label(d: Draft, *, absent: bool = False) -> tuple[str, str]:
    """A roster label that gives its names a title: 出席委員, 列席委員 ... or, for the absent,
    請假委員 (made from the body's own title where it lists no such label)."""
    labels = d.body.titled_labels
    present = tuple(lt for lt in labels if not lt[0].startswith("請假"))
    if absent:
        away = tuple(lt for lt in labels if lt[0].startswith("請假"))
        return d.rng.choice(away or tuple((f"請假{t}", t) for _, t in present))
    return d.rng.choice(present)


def _roster_attendance(d: Draft, label: str, names: list[str], absent: Sequence[str] = ()) -> None:
    if label.startswith("請假"):
        d.gold.attendance((), names, focus=True)
    elif label.startswith("出席"):
        d.gold.attendance([n for n in names if n not in absent], absent, focus=True)


def write_roster(d: Draft, form: str) -> None:
    """One roster form after the header's chair and recorder, marked as the focus."""
    rng = d.rng
    start = d.length
    colon = rng.choice(("：", ":"))
    if form in ("label-、", "label-spaces", "label-ideographic", "one-per-line", "seat-codes", "stand-in",
                "acting", "on-leave", "absent-label"):
        label, title = _titled_label(d, absent=form == "absent-label")
        names = _roster_names(d, rng.randint(3, 7))
        entries = [n.full for n in names]
        absent: list[str] = []
        if form == "stand-in":
            # 王大明(李小華代): both attend; the stand-in has no title unless one is written with them
            k = rng.randrange(len(names))
            stand = d.names.draw("single")
            stand_title = rng.choice(STAND_IN_POSTS) if rng.random() < 0.3 else ""
            who = rng.choice((stand.full + stand_title, stand_title + stand.full))
            entries[k] += rng.choice(("({}代)", "（{}代）", "（{}代理）")).format(who)
            if stand_title:
                d.gold.person(stand.full, stand_title, focus=True)
            d.gold.person(stand.full, None, optional=True, focus=True)
            d.gold.person(stand.full, title, optional=True, focus=True)
            d.gold.attendance([stand.full], focus=True)
        if form == "acting":
            k = rng.randrange(len(names))
            entries[k] += rng.choice(("（代理）", "(代理)"))
        if form == "on-leave":
            k = rng.randrange(len(names))
            entries[k] += rng.choice(("（請假）", "(請假)"))
            absent.append(names[k].full)
        for k, n in enumerate(names):
            acting = form == "acting" and entries[k].endswith(("（代理）", "(代理)"))
            # someone marked （代理） stands in for a member: the label's title is not clearly theirs
            d.gold.person(n.full, title, optional=acting, focus=True)
            if acting:
                d.gold.person(n.full, None, optional=True, focus=True)
        _roster_attendance(d, label, [n.full for n in names], absent)
        if form == "label-、":
            d.line(f"{label}{colon}{'、'.join(entries)}")
        elif form == "label-spaces":
            d.line(f"{label}{colon}{rng.choice((' ', '  ')).join(entries)}")
        elif form == "label-ideographic":
            d.line(f"{label}{colon}{'　'.join(entries)}")
        elif form == "one-per-line":
            if rng.random() < 0.5:
                d.line(f"{label}{colon}")
                for e in entries:
                    d.line(e)
            else:
                indent = "　" * (len(label) + 1)
                d.line(f"{label}{colon}{entries[0]}")
                for e in entries[1:]:
                    d.line(indent + e)
        elif form == "seat-codes":
            row = rng.choice("ABC")
            codes = [f"{row}{k + 1}" if rng.random() < 0.7 else f"{k + 1:02d}" for k in range(len(entries))]
            d.line(f"{label}{colon}")
            if rng.random() < 0.5:
                for c, e in zip(codes, entries, strict=True):
                    d.line(f"{c} {e}")
            else:
                d.line("　".join(f"{c} {e}" for c, e in zip(codes, entries, strict=True)))
        else:   # stand-in, acting, on-leave, absent-label
            d.line(f"{label}{colon}{'、'.join(entries)}")
    elif form in ("agency-lines", "agency-bullets"):
        titled = d.body.titled_labels and rng.random() < 0.4
        if titled:
            label, title = _titled_label(d)
        else:
            label, title = rng.choice(("列席單位", "列席人員", "出席單位及人員")), ""
        d.line(f"{label}{colon}")
        agencies = rng.sample(list(d.body.outside) + list(d.body.units), k=min(3, len(d.body.outside)))
        for agency in agencies:
            d.unit(agency, focus=True)
            names = _roster_names(d, rng.randint(1, 3))
            entries = []
            for n in names:
                own_title = rng.random() < 0.5
                if own_title:
                    t = rng.choice(unit_titles(agency)).text
                    form_ = rng.choice([f for f in ("name+title", "title+name", "surname+title+given")
                                        if form_fits(f, n.kind)])
                    written, stated = render_person(n, t, form_)
                    d.gold.person(stated, t, agency, focus=True)
                    if title:
                        d.gold.person(stated, title, agency, optional=True, focus=True)
                else:
                    written = n.full
                    if title:
                        d.gold.person(n.full, title, agency, focus=True)
                    else:
                        d.gold.person(n.full, None, agency, optional=True, focus=True)
                entries.append(written)
            bullet = "- " if form == "agency-bullets" else ""
            d.line(f"{bullet}{agency}{rng.choice((' ', '　', '  '))}{rng.choice((' ', '　')).join(entries)}")
    elif form == "titles-beside":
        label = rng.choice(d.body.untitled_labels or ("出席",))
        names = _roster_names(d, rng.randint(3, 6))
        entries = []
        for n in names:
            t = _title_of(rng, d.body.kind).text
            entries.append(n.full + rng.choice(("", " ", "　")) + t)
            d.gold.person(n.full, t, focus=True)
        _roster_attendance(d, label, [n.full for n in names])
        d.line(f"{label}{colon}{rng.choice(('、', '　', '，')).join(entries)}")
    elif form == "untitled":
        label = rng.choice(d.body.untitled_labels or ("出席",))
        names = _roster_names(d, rng.randint(3, 7))
        for n in names:
            d.gold.person(n.full, None, optional=True, focus=True)
        _roster_attendance(d, label, [n.full for n in names])
        d.line(f"{label}{colon}{rng.choice(('、', '　', ' ')).join(n.full for n in names)}")
    elif form == "title-before-list":
        label = rng.choice(("列席", "列席人員"))
        # a plain post of the body's kind, written once before the names it applies to
        t = rng.choice([x.head for x in titles(d.body.kind)
                        if not x.modifier and len(x.head) >= 2 and x.head not in SINGLE_HOLDER_POSTS])
        names = _roster_names(d, rng.randint(2, 5))
        for n in names:
            d.gold.person(n.full, t, focus=True)
        d.line(f"{label}{colon}{t}{'、'.join(n.full for n in names)}")
    else:
        raise ValueError(form)
    d.regions.append((start, d.length))


def _two_chairs(d: Draft, *, with_posts: bool) -> tuple[list[str], list[str]]:
    """(as written, as stated) for a head and a deputy who chair in turn, their posts in the gold."""
    rng = d.rng
    forms = [rng.choice(("surname+title+given", "name+title")) for _ in range(2)]
    people = [d.names.draw(rng.choice(("single", "single", "compound")), form=f) for f in forms]
    posts = [Title("", d.body.head), Title("副", d.body.head)]
    written, stated = [], []
    for p, post, form in zip(people, posts, forms, strict=True):
        if with_posts:
            w, s = render_person(p, post.text, form)
            d.gold.person(s, post.text, focus=True)
        else:
            w, s = p.full, p.full
        written.append(w)
        stated.append(s)
    return written, stated


def _several_chairs(d: Draft) -> HeaderField:
    """主席：甲、乙（分別主持）: both are the chair."""
    rng = d.rng
    written, stated = _two_chairs(d, with_posts=rng.random() < 0.5)
    for s in stated:
        d.gold.person(s, "主席", focus=True)
    d.gold.meeting["chair"] = "、".join(stated)
    return HeaderField("主席", "、".join(written) + rng.choice(("（分別主持）", "(分別主持)", "")))


def generate_roster(count: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    combos = [(form,) for form in ROSTER_FORMS]
    plan = _cycle(random.Random(f"{seed}:roster"), combos, count)
    out = []
    for i, (form,) in enumerate(plan):
        rng = _variant_rng(seed, "roster", i)
        needs_title = form in ("label-、", "label-spaces", "label-ideographic", "one-per-line", "seat-codes",
                               "stand-in", "acting", "on-leave", "absent-label")
        pool = [b for b in bodies() if b.titled_labels] if needs_title else list(bodies())
        body = rng.choice(pool)
        d = Draft(body, random_meeting_day(rng), rng)
        write_title(d, rng.choice(("plain", "body-year-session", "no-session")))
        if form == "several-chairs":
            fields = time_field(d, date_style="roc", weekday="full", time_style="ampm", with_end=False)
            fields.append(location_field(d))
            header_start = d.length
            chairs = _several_chairs(d)
            fields.append(chairs)
            fields.append(recorder_field(d, "name"))
            write_header(d, "plain", fields)
            # the region is the chair line: find it by its value
            text = d.text
            at = text.index(chairs.value, header_start)
            d.regions.append((at, at + len(chairs.value)))
            write_body(d)
        elif form == "chairs-in-text":
            simple_header(d, chair=False)

            def opening(d: Draft) -> None:
                """由甲局長、乙副局長分別主持: the posts count; the role, given in a sentence, is
                optional (as 擔任召集人 in the shared gold 503)."""
                start = d.length
                written, stated = _two_chairs(d, with_posts=True)
                for s in stated:
                    d.gold.person(s, "主席", optional=True, focus=True)
                d.line(f"{item_marker(d.section_style, 1)}本次會議由{'、'.join(written)}分別主持。")
                d.regions.append((start, d.length))

            write_body(d, report=opening)
        else:
            simple_header(d)
            write_roster(d, form)
            write_body(d)
        facets = {"form": form, "body": body.kind}
        out.append(finish(d, id=f"roster-{i:04d}", klass="roster", subclass=form, facets=facets,
                          scored="people", also=("attendance",)))
    return out


def generate_header(count: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    combos = [(layout, grammar) for layout in LAYOUTS for grammar in TITLE_GRAMMARS]
    plan = _cycle(random.Random(f"{seed}:header"), combos, count)
    out = []
    for i, (layout, grammar) in enumerate(plan):
        rng = _variant_rng(seed, "header", i)
        if grammar == "school-term":
            body = rng.choice(bodies_of("school"))
        elif grammar == "term-session":
            body = rng.choice([b for b in bodies() if b.kind in ("council", "association", "committee")])
        else:
            body = rng.choice(bodies())
        d = Draft(body, random_meeting_day(rng), rng)
        write_title(d, grammar)
        date_style = rng.choice(DATE_STYLES)
        time_style = rng.choice(TIME_STYLES)
        weekday = rng.choice(("full", "half", "short", "none"))
        chair_form = rng.choice(CHAIR_FORMS)
        recorder_form = rng.choice(RECORDER_FORMS)
        header_start = d.length
        fields = time_field(d, date_style=date_style, weekday=weekday, time_style=time_style,
                            with_end=rng.random() < 0.5,
                            label=rng.choice(("時間", "會議時間", "開會時間")),
                            split_label="日期" if layout == "date-time-split" else None)
        fields.append(location_field(d, rng.choice(("地點", "會議地點", "開會地點"))))
        fields.append(chair_field(d, chair_form, rng.choice(("主席", "主席", "主持人", "會議主持人")),
                                  focus=True))
        fields.append(recorder_field(d, recorder_form, rng.choice(("紀錄", "紀錄", "記錄")), focus=True))
        if rng.random() < 0.6:
            fields.append(HeaderField(rng.choice(("出席人員", "出席")), rng.choice(("詳如簽到簿", "如簽到表"))))
        end = write_header(d, "plain" if layout == "date-time-split" else layout, fields)[1]
        d.regions.append((header_start, end))
        write_body(d)
        facets = {"layout": layout, "title": grammar, "date": date_style, "time": time_style,
                  "chair": chair_form, "recorder": recorder_form, "body": body.kind}
        out.append(finish(d, id=f"header-{i:04d}", klass="header", subclass=f"{layout} × {grammar}",
                          facets=facets, scored="meeting", also=("people",)))
    return out


def generate_unit(count: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    frames = contexts()["unit"]
    combos = [(f["id"], whose, kind) for f in frames for whose in ("own", "outside") for kind in body_kinds()
              if whose == "outside" or any(b.units for b in bodies_of(kind))]
    plan = _cycle(random.Random(f"{seed}:unit"), combos, count)
    by_id = {f["id"]: f for f in frames}
    out = []
    for i, (frame_id, whose, kind) in enumerate(plan):
        rng = _variant_rng(seed, "unit", i)
        body = rng.choice(bodies_of(kind))
        d = Draft(body, random_meeting_day(rng), rng)
        write_title(d, rng.choice(("plain", "body-year-session", "no-session")))
        simple_header(d)
        frame = by_id[frame_id]
        unit = rng.choice(body.units if whose == "own" else body.outside)
        # a narrative sentence (但…表示, 感謝…) belongs in 說明; a decision may be the 決議 itself
        in_block = "place" not in frame and rng.random() < 0.5

        def fragment(d: Draft, frame: Json = frame, unit: str = unit, in_block: bool = in_block) -> None:
            sentence = frame["template"].replace("{U}", unit)
            d.line(f"案由二：{case_name(d.rng.choice(DISCUSSION_SUBJECTS))}。")
            prefix = "決議：" if in_block else "說明："
            start = d.length + len(prefix)
            d.line(prefix + sentence)
            d.regions.append((start, start + len(sentence)))
            d.unit(unit, focus=True)
            clause = sentence.rstrip("。")
            if frame["action"] == "main":
                d.gold.action([unit], None, clause)
            elif frame["action"] == "optional":
                d.gold.action([unit], None, clause, optional=True)
            if not in_block:
                d.line("決議：照案通過。")

        write_body(d, discussion=fragment)
        facets = {"context": frame_id, "whose": whose, "body": kind, "place": "決議" if in_block else "說明"}
        out.append(finish(d, id=f"unit-{i:04d}", klass="unit", subclass=f"{frame_id} × {whose}",
                          facets=facets, scored="divisions"))
    return out


BLOCK_LABELS = ("決議", "決定", "主席裁示", "會議結論", "主席指示")


def _assignee(d: Draft, kind: str, exclude: Sequence[str] = ()) -> str:
    body = d.body
    pool = body.units if kind == "own" and body.units else body.outside
    choices = [u for u in pool if u not in exclude]
    return d.rng.choice(choices)


def generate_directive(count: int, seed: int = DEFAULT_SEED) -> list[Variant]:
    frames = {f["id"]: f for f in contexts()["directive_frames"]}
    non_directives = {f["id"]: f for f in contexts()["non_directives"]}
    combos: list[tuple[Any, ...]] = []
    for fid, f in frames.items():
        deadlines = DEADLINE_KINDS if "deadline" in f else ("none",)
        for dk in deadlines:
            combos.append(("directive", fid, dk))
    combos += [("look-alike", fid, "none") for fid in non_directives]
    plan = _cycle(random.Random(f"{seed}:directive"), combos, count)
    out = []
    for i, (what, fid, deadline_kind) in enumerate(plan):
        rng = _variant_rng(seed, "directive", i)
        needs_collective = fid == "請集體V"
        pool = [b for b in bodies() if b.collective] if needs_collective else list(bodies())
        body = rng.choice(pool)
        d = Draft(body, random_meeting_day(rng), rng)
        write_title(d, rng.choice(("plain", "body-year-session", "no-session")))
        simple_header(d)
        label = rng.choice(BLOCK_LABELS)
        if fid == "請集體V":
            whose = "collective"
        elif fid in ("函請XV", "轉請XV") or not body.units:
            whose = "outside"    # 函請 and 轉請 go to other bodies; a committee has no units of its own
        else:
            whose = rng.choice(("own", "own", "outside"))
        facets = {"frame": fid, "deadline": deadline_kind, "block": label, "assignee": whose, "body": body.kind,
                  "kind": what}

        def fragment(d: Draft, what: str = what, fid: str = fid, deadline_kind: str = deadline_kind,
                     label: str = label, whose: str = whose) -> None:
            rng_ = d.rng
            in_reports = d.gold.sections[-1] == "reports"
            if in_reports:
                d.line(f"{item_marker(d.section_style, 1)}{rng_.choice(REPORT_SUBJECTS)}：詳如書面資料。")
            else:
                d.line(f"案由二：{case_name(rng_.choice(DISCUSSION_SUBJECTS))}。")
            unit_kind = "outside" if whose == "collective" else whose
            x = _assignee(d, unit_kind)
            y = _assignee(d, unit_kind, exclude=(x,))
            z = rng_.choice([u for u in d.body.outside if u not in (x, y)])
            slots = {"X": x, "Y": y, "Z": z, "C": d.body.collective or ""}

            def written(prefix: str, sentence: str) -> None:
                start = d.length + len(prefix)
                d.line(prefix + sentence)
                d.regions.append((start, start + len(sentence)))

            if what == "look-alike":
                look_alike = non_directives[fid]
                sentence = look_alike["text"].format(**slots)
                # a request to the meeting is written where it belongs: in 說明, or on a line of its own
                # (擬辦：…), with the decision after it; a decision that only notes is the block itself
                if look_alike["place"] == "block":
                    if not in_reports:
                        d.line("說明：詳如附件。")
                    written(f"{label}：", sentence)
                else:
                    if look_alike["place"] == "說明":
                        written("說明：", sentence)
                    else:
                        d.line("說明：詳如附件。")
                        written("", sentence)
                    d.line(f"{label}：照案通過。")
                for slot in ("X", "Z"):
                    if "{" + slot + "}" in look_alike["text"]:
                        d.unit(slots[slot])
                return
            if not in_reports:
                d.line("說明：詳如附件。")
            f = frames[fid]
            deadline = make_deadline(rng_, d.day, deadline_kind) if deadline_kind != "none" else None
            # an outside body is asked for help or an answer, not given the body's own work
            verb = rng_.choice(contexts()["verbs" if whose != "outside" else "outside_verbs"])
            report_verb = rng_.choice(contexts()["report_verbs"])
            clauses = [c.format(**slots, D=deadline.phrase if deadline else "", V=verb, R=report_verb)
                       for c in f["clauses"]]
            written(f"{label}：", rng_.choice(("；", "，")).join(clauses) + "。")
            for k, clause in enumerate(clauses):
                names = [slots[s] for s in f["assignees"][k]]
                due_here = deadline is not None and k == f.get("deadline_clause", 0)
                d.gold.action(names, deadline.value if deadline and due_here else None, clause, focus=True)
            used = {s for c in f["clauses"] for s in "XYZC" if "{" + s + "}" in c}
            for s in sorted(used):
                d.unit(slots[s])
            if deadline and deadline.mention and deadline.value:
                d.gold.date(deadline.mention, deadline.value)

        in_reports = rng.random() < 0.3
        facets["section"] = "reports" if in_reports else "discussion"
        write_body(d, report=fragment if in_reports else None, discussion=None if in_reports else fragment)
        out.append(finish(d, id=f"directive-{i:04d}", klass="directive",
                          subclass=f"{fid} × {deadline_kind}" if what == "directive" else f"look-alike {fid}",
                          facets=facets, scored="action_items"))
    return out


CLASSES: dict[str, Callable[[int, int], list[Variant]]] = {
    "person": generate_person,
    "roster": generate_roster,
    "header": generate_header,
    "unit": generate_unit,
    "directive": generate_directive,
}

# How many variants of each class the full suite has (at least 2,000 in all).
SUITE_SIZES = {"person": 700, "roster": 480, "header": 504, "unit": 340, "directive": 500}


def generate_suite(seed: int = DEFAULT_SEED, sizes: dict[str, int] | None = None) -> list[Variant]:
    sizes = sizes or SUITE_SIZES
    return list(itertools.chain.from_iterable(CLASSES[k](n, seed) for k, n in sizes.items()))
