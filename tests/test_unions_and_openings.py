"""Classes of text from batch u (stop 22), each generated in variants: the opening of the agenda
(報告出席人數, 主席宣佈開會) as no section of its own kind; the last minutes confirmed and then their
tracking reported under one heading (確認上次會議紀錄並報告執行情形); an agenda label and its content on
one line (確認議程變更議程:1.…併案討論); a post and given name after a word the lexicon does not know,
where the name is one the document lists (婦工潘主委貴鳳); a courtesy to those present (請各位見諒,
請各位多多發表高見) that asks no one; 今日本人 and 今日本會 as today; a career verb before a unit
(榮升…投遞股專員). The truth is written beside each generator, never read from the pipeline."""

from __future__ import annotations

import itertools

import pytest
from test_flattened_and_units import run

HEAD = ("中華郵政工會基隆分會第3屆第2次理事會議紀錄\n時間: 99 年 4 月 14 日 ( 星期三 ) 上午 9 時 30 分\n"
        "地點:基隆郵局 5 樓簡報室\n出席人員:張伯章 盧志淵 唐盛康 王耀東\n列席人員:陳壽山 潘貴鳳 王惠琴 徐世隆\n"
        "主席:張理事長伯章 記錄:孫可玉\n")


# ---------------------------------------------------------------------------------------------
# 1. The opening of the agenda, 2. the last minutes and their tracking under one heading

@pytest.mark.parametrize(("opening", "confirm"), list(itertools.product(
    ["報告出席人數", "主席報告出席人數,並宣佈開會", "主席宣布開會", "宣佈開會"],
    ["確認上次會議紀錄並報告執行情形", "宣讀上次會議紀錄及執行情形", "確認前次會議記錄暨辦理情形"])))
def test_the_opening_and_the_last_minutes(opening: str, confirm: str) -> None:
    text = HEAD + f"壹、{opening}\n貳、{confirm}\n第二屆第二十次理事會議記錄(附件一)(通過)\n參、工作報告\n略。\n肆、提案討論\n提案一\n案由:請審議本會預算。\n"
    m = run(text)
    assert [s.kind for s in m.sections] == ["other", "previous_minutes", "reports", "discussion"]


@pytest.mark.parametrize("opening", ["主席宣佈開會並致詞", "主席宣布開會並致辭"])
def test_the_chair_opening_with_remarks(opening: str) -> None:
    # the control: the chair who opens the meeting and speaks gives the chair's remarks
    m = run(HEAD + f"壹、{opening}\n各位好。\n貳、工作報告\n略。\n")
    assert [s.kind for s in m.sections] == ["chair_remarks", "reports"]


@pytest.mark.parametrize(("label", "content"), list(itertools.product(
    ["確認議程", "確定議程", "確認議程變更議程"],
    ["1.原提案一及原提案六併案討論。", "原提案十四變更為提案一,其餘提案延期至下次會議討論。"])))
def test_an_agenda_label_with_its_content(label: str, content: str) -> None:
    m = run(HEAD + f"一、主席報告\n略。\n二、{label}:{content}\n三、工作報告\n略。\n")
    assert [s.kind for s in m.sections] == ["chair_remarks", "other", "reports"]


# ---------------------------------------------------------------------------------------------
# 3. A post and given name after a word the lexicon does not know

@pytest.mark.parametrize(("lead", "person"), list(itertools.product(
    ["婦工", "郵工", "青委會"], [("潘", "主委", "貴鳳"), ("王", "副主委", "惠琴"), ("徐", "副主委", "世隆")])))
def test_a_listed_name_around_its_post(lead: str, person: tuple[str, str, str]) -> None:
    surname, post, given = person
    text = HEAD + f"壹、主席報告\n首先歡迎本會總務科江科長育洲、{lead}{surname}{post}{given}首次參加本屆次的理事會議。\n"
    m = run(text)
    assert (surname + given, post) in {(p.name, p.title) for p in m.people}


@pytest.mark.parametrize("lead", ["婦工", "郵工"])
def test_an_unlisted_name_after_an_unknown_word_is_not_read_so(lead: str) -> None:
    # the control: 林主委 after an unknown word, with no 林… in the rosters, stays unread as 林+given
    m = run(HEAD + f"壹、主席報告\n首先歡迎{lead}林主委大成首次參加。\n")
    assert ("林大成", "主委") not in {(p.name, p.title) for p in m.people}


# ---------------------------------------------------------------------------------------------
# 4. A courtesy asks no one, 5. 今日本人 is today

@pytest.mark.parametrize("courtesy", ["請各位見諒", "請大家多多包涵", "請各位多多發表高見", "請多指教", "請與會代表踴躍發表意見"])
def test_a_courtesy_asks_no_one(courtesy: str) -> None:
    m = run(HEAD + f"壹、主席報告\n郵工陳主委因服務單位人員調度困難而無法與會,{courtesy}。\n")
    assert m.action_items == []


@pytest.mark.parametrize(("today", "after"), list(itertools.product(["今日", "今天"], ["本人", "本會", "本校", "本次會議"])))
def test_today_before_the_speaker_or_the_body(today: str, after: str) -> None:
    m = run(HEAD + f"壹、主席報告\n{today}{after}以感謝的心情來主持會議。\n")
    assert any(d.text == today and d.value == "2010-04-14" for d in m.dates)


def test_japan_is_no_day() -> None:
    # the control: 今日本政府 reads 今 日本 (Japan), no date
    m = run(HEAD + "壹、主席報告\n如今日本政府也推動相同政策。\n")
    assert not any(d.text.startswith("今日") for d in m.dates)


# ---------------------------------------------------------------------------------------------
# 6. A career verb before a unit

@pytest.mark.parametrize(("verb", "unit"), list(itertools.product(["榮升", "升任", "調任", "轉任"], ["總務科", "人事室", "企劃行銷科"])))
def test_a_career_verb_is_no_part_of_the_unit(verb: str, unit: str) -> None:
    m = run(HEAD + f"壹、主席報告\n祝賀本會吳理事東鎔{verb}{unit}專員。\n")
    assert not any(d.name.startswith(verb) or d.name.startswith(verb[1:]) for d in m.divisions)
