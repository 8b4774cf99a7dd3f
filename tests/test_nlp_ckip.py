"""The CKIP layer: model-folder checks, the model view, the merge, and the real ckip-transformers
code path end to end with tiny models built here (seconds; nothing downloaded or committed)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from corpora import FIXTURES, FOUNDING

import pipeline
from pipeline.context import Context
from pipeline.errors import MinutesError
from pipeline.ingest import ingest_bytes
from pipeline.models import DateMention, Division, Person
from pipeline.nlp.errors import CkipModelError
from pipeline.nlp.merge import merge_entities, with_source
from pipeline.nlp.modelcheck import CKIP_MODEL_ENV, check_model_dir
from pipeline.nlp.options import add_nlp_arguments, check_nlp_options, nlp_options
from pipeline.nlp.view import SEPARATOR, Entity, build_view, chunk_bounds, model_char
from pipeline.profiles import select_profile
from pipeline.segment import header

REPO = Path(__file__).resolve().parents[1]
# real minutes texts from tests/fixtures (data/raw holds PDFs, scans and DOCX too)
NLP_DOCS = [FIXTURES / name for name in ("taipei_secretariat_107.md", "kcc_t1_r02_m02.txt", "executive_yuan_meeting_2750.txt",
                   "ly_judiciary_committee_10_1_10_proceedings.txt", "taipei_urban_planning_committee_503.txt")]
PERSONS = ("陳志銘", "黃妙英", "康晏洲")
ORGS = ("總務組",)
LISTS = ("dates", "times", "case_numbers", "divisions", "people", "action_items")


def cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=timeout, env={**os.environ, **(env or {})})


def assert_grounded(result: dict[str, Any]) -> None:
    """CONTRACT.md: every span is [start, end) of text, and text[start:end] is the mention's text."""
    text = result["text"]
    for key in LISTS:
        for m in result.get(key) or []:
            s, e = m["span"]
            assert 0 <= s <= e <= len(text), (key, m)
            assert text[s:e] == m["text"], (key, m)


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pipeline.nlp.tiny import build_tiny_ckip

    base = tmp_path_factory.mktemp("ckip")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(NLP_DOCS))
    return {
        "fixed": build_tiny_ckip(base / "fixed", text, persons=PERSONS, orgs=ORGS),
        "random": build_tiny_ckip(base / "random", text, seed=7),
    }


def make_ctx(text: str) -> Context:
    doc = ingest_bytes(text.encode("utf-8"), "t.txt")
    default = select_profile(None, None)
    head = header.read_header(doc, default.lexicon, default.heading_rules)
    profile = select_profile(head.meeting.body, head.meeting.name, title=head.meeting.title)
    return Context(doc=doc, profile=profile, lex=profile.lexicon, rules=profile.heading_rules, head=head)


def entity(ctx: Context, label: str, name: str, occurrence: int = 0) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = ctx.doc.text.index(name, start + 1)
    end = start + len(name)
    return Entity(label=label, start=start, end=end, text=ctx.doc.text[start:end], name=name, vstart=0, vend=0)


# ---- model folder checks (no torch) ----------------------------------------------------
def test_missing_folder_names_it_and_what_it_must_hold() -> None:
    with pytest.raises(CkipModelError) as exc:
        check_model_dir("/missing/folder")
    msg = str(exc.value)
    assert "/missing/folder" in msg and "ws/" in msg and "ner/" in msg and "config.json" in msg
    assert "\n" not in msg


def test_relative_missing_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CkipModelError) as exc:
        check_model_dir("ckiplab/bert-base-chinese-ner")
    assert str(tmp_path / "ckiplab" / "bert-base-chinese-ner") in str(exc.value)


def test_incomplete_folder_lists_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "config.json").write_text("{}")
    with pytest.raises(CkipModelError) as exc:
        check_model_dir(tmp_path)
    msg = str(exc.value)
    assert f"{tmp_path / 'ws'} lacks model weights" in msg
    assert f"{tmp_path / 'ner'} lacks the folder itself" in msg
    assert exc.value.kind == "missing_dependency" and exc.value.stage == "extract"


def test_no_model_given_says_how(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CKIP_MODEL_ENV, raising=False)
    with pytest.raises(CkipModelError, match="--ckip-model DIR or set MINUTES_CKIP_MODEL"):
        check_nlp_options({"ner": "ckip", "ckip_model": None})


def _parse(*argv: str) -> Any:
    import argparse

    p = argparse.ArgumentParser()
    add_nlp_arguments(p)
    return p.parse_args(argv)


def test_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(CKIP_MODEL_ENV, raising=False)
    assert nlp_options(_parse()) == {"ner": None, "ckip_model": None}
    check_nlp_options(nlp_options(_parse()))  # no NER: nothing to check
    assert nlp_options(_parse("--ckip-model", str(tmp_path))) == {"ner": "ckip", "ckip_model": str(tmp_path)}
    monkeypatch.setenv(CKIP_MODEL_ENV, str(tmp_path / "m"))
    assert nlp_options(_parse("--ner", "ckip")) == {"ner": "ckip", "ckip_model": str(tmp_path / "m")}
    assert nlp_options(_parse()) == {"ner": None, "ckip_model": None}  # the variable alone turns nothing on
    monkeypatch.chdir(tmp_path)
    assert nlp_options(_parse("--ckip-model", "rel"))["ckip_model"] == str(tmp_path / "rel")
    with pytest.raises(MinutesError, match="unknown NER backend"):
        check_nlp_options({"ner": "stanza"})
    with pytest.raises(MinutesError, match="unknown NER backend"):
        pipeline.extract(FOUNDING, ner="stanza")


# ---- the model view --------------------------------------------------------------------
def test_view_maps_every_char_back_to_text() -> None:
    doc = ingest_bytes(FOUNDING.read_bytes(), FOUNDING.name)
    view = build_view(doc, max_chars=60)
    assert len(view.chars) == len(view.index)
    for ch, pos in zip(view.chars, view.index, strict=True):
        assert ch == SEPARATOR if pos < 0 else ch == model_char(doc.text[pos])
    assert view.chunks[0][0] == 0 and view.chunks[-1][1] == len(view.chars)
    assert all(0 < b - a <= 60 for a, b in view.chunks)
    assert all(view.chunks[i][1] == view.chunks[i + 1][0] for i in range(len(view.chunks) - 1))
    assert "主席:陳志銘紀錄:陳慧玲。出席" in view.chars  # a line that ended an entry gets a sentence mark


def test_view_mends_a_wrapped_line_and_compatibility_ideographs() -> None:
    body = "本處同仁參加本府舉辦之年度公務人員專書閱讀心得寫作競賽並由文書組康晏\n洲書記代表領獎致詞。\n\uf98e度計畫"
    doc = ingest_bytes(body.encode("utf-8"), "w.txt")
    view = build_view(doc)
    i = view.chars.index("康晏洲")
    ent = view.entity(doc, "PERSON", i, i + 3)
    assert ent is not None and ent.text == "康晏\n洲" and doc.text[ent.start:ent.end] == ent.text
    assert ent.name == "康晏洲"
    assert "年度計畫" in view.chars  # U+F98E read as 年


def test_chunk_bounds() -> None:
    assert chunk_bounds("") == []
    text = ("一二三四五六七八九十" * 3 + "。") * 20
    bounds = chunk_bounds(text, 100)
    assert all(text[b - 1] == "。" for _, b in bounds)
    assert chunk_bounds("甲" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


# ---- the merge (synthetic entities) ----------------------------------------------------
MEETING = "秘書處處務會議紀錄\n時間:110年12月16日\n主席: 陳志銘\n一、請採購科黃妙英股長於月底前完成,會議室由涂組長安排。\n"


def test_merge_adds_people_with_titles_and_units() -> None:
    ctx = make_ctx(MEETING)
    ctx.divisions = [d for d in ctx.divisions if d.name != "採購科"]
    ents = [entity(ctx, "PERSON", "黃妙英"), entity(ctx, "PERSON", "涂"), entity(ctx, "ORG", "採購科"),
            entity(ctx, "ORG", "會議室"), entity(ctx, "PERSON", "完成")]
    ctx.people = []
    report = merge_entities(ctx, ents)
    people = {p.name: p for p in ctx.people}
    assert people["黃妙英"].title == "股長" and people["黃妙英"].text == "黃妙英股長"
    assert people["黃妙英"].division == "採購科" and people["黃妙英"].source == "ckip"
    assert people["涂"].text == "涂組長" and people["涂"].title == "組長"
    assert "完成" not in people
    names = [d.name for d in ctx.divisions if d.source == "ckip"]
    assert names == ["採購科"]  # 會議室 is not a unit
    assert report.added_people == 2
    for p in [*ctx.people, *ctx.divisions]:
        assert ctx.doc.text[p.span[0]:p.span[1]] == p.text


def test_merge_never_overrides_rules() -> None:
    ctx = make_ctx(MEETING)
    s = ctx.doc.text.index("黃妙英股長")
    rule = Person(name="黃妙英", title="股長", text="黃妙英股長", span=(s, s + 5))
    ctx.people = [rule]
    d = ctx.doc.text.index("採購科")
    ctx.divisions = [Division(name="採購科", canonical="採購科", text="採購科", span=(d, d + 3))]
    report = merge_entities(ctx, [entity(ctx, "PERSON", "黃妙英"), entity(ctx, "ORG", "採購科黃"),
                                  entity(ctx, "PERSON", "妙英股")])
    assert len(ctx.people) == 1 and ctx.people[0].source == "rules+ckip" and ctx.people[0].text == "黃妙英股長"
    assert len(ctx.divisions) == 1 and ctx.divisions[0].source == "rules"  # disagreed: the rule stands
    assert report.confirmed == 1 and report.corrected == 2
    assert with_source("rules+ckip", "ckip") == "rules+ckip"


def test_merge_dates_confirm_or_warn() -> None:
    ctx = make_ctx(MEETING)
    s = ctx.doc.text.index("110年12月16日")
    ctx.dates = [DateMention(text="110年12月16日", span=(s, s + 10), value="2021-12-16")]
    merge_entities(ctx, [entity(ctx, "DATE", "110年12月16日"), entity(ctx, "DATE", "月底")])
    assert ctx.dates[0].source == "rules+ckip" and len(ctx.dates) == 1
    assert any("月底" in w and w.startswith("ckip:") for w in ctx.warnings)


def test_tokenizer_that_ignores_its_vocabulary_is_rebuilt(tiny_models: dict[str, Path]) -> None:
    tokenizer_class = importlib.import_module("transformers").BertTokenizerFast

    from pipeline.nlp.ckip import _verify_tokenizer, _vocab_sample

    folder = tiny_models["random"] / "ner"
    driver = SimpleNamespace(tokenizer=tokenizer_class(vocab_file=str(folder / "vocab.txt")))
    _verify_tokenizer(driver, folder)
    sample = _vocab_sample(folder)
    assert sample and driver.tokenizer.unk_token_id not in driver.tokenizer.convert_tokens_to_ids(sample)


def test_swapped_models_are_refused(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    from pipeline.nlp.ckip import load_ckip

    (tmp_path / "ws").symlink_to(tiny_models["random"] / "ner")
    (tmp_path / "ner").symlink_to(tiny_models["random"] / "ws")
    with pytest.raises(CkipModelError, match="is not a CKIP word-segmentation model"):
        load_ckip(tmp_path)


# ---- end to end through ckip-transformers ----------------------------------------------
def test_extract_with_fixed_tiny_model(tiny_models: dict[str, Path]) -> None:
    m = pipeline.extract(FOUNDING, ner="ckip", ckip_model=str(tiny_models["fixed"]))
    result = json.loads(m.model_dump_json())
    assert_grounded(result)
    by_name = {p["name"]: p for p in result["people"] if "ckip" in p["source"]}
    assert set(PERSONS) <= set(by_name)
    if by_name["黃妙英"]["source"] == "ckip":
        assert by_name["黃妙英"]["title"] == "股長"
    assert any(d["name"] == "總務組" and "ckip" in d["source"] for d in result["divisions"])
    assert all(p["source"] in ("rules", "ckip", "rules+ckip") for key in LISTS for p in result[key])


def test_extract_with_random_tiny_model_stays_grounded(tiny_models: dict[str, Path],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CKIP_MODEL_ENV, str(tiny_models["random"]))
    for path in sorted(NLP_DOCS):
        plain = json.loads(pipeline.extract(path).model_dump_json())
        result = json.loads(pipeline.extract(path, ner="ckip").model_dump_json())
        assert_grounded(result)
        for key in LISTS:  # rule values are all kept, as they were apart from their source
            rules = [{**x, "source": "rules"} for x in result[key] if x["source"] != "ckip"]
            assert rules == plain[key], key


def test_cli_extract_with_ckip(tiny_models: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = cli("extract", str(FOUNDING), "--out", str(out), "--ner", "ckip",
              "--ckip-model", str(tiny_models["fixed"]), "--workers", "1")
    assert res.returncode == 0, res.stderr
    result = json.loads((out / "json" / "taipei_secretariat_107.json").read_text(encoding="utf-8"))
    assert_grounded(result)
    assert {"黃妙英", "康晏洲"} <= {p["name"] for p in result["people"] if "ckip" in p["source"]}


def test_cli_missing_model_folder_fails_fast_and_clearly(tmp_path: Path) -> None:
    res = cli("extract", str(FOUNDING), "--out", str(tmp_path / "out"), "--ner", "ckip",
              "--ckip-model", "/missing/folder", timeout=60)
    assert res.returncode != 0
    assert "/missing/folder" in res.stderr and "ws/" in res.stderr
    assert "Traceback" not in res.stderr


def test_torch_threads_from_environment(tiny_models: dict[str, Path], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    from pipeline.nlp.ckip import THREADS_ENV, load_ckip

    for i, value in enumerate(("abc", "1")):
        root = tmp_path / str(i)
        root.mkdir()
        for sub in ("ws", "ner"):
            (root / sub).symlink_to(tiny_models["random"] / sub)
        monkeypatch.setenv(THREADS_ENV, value)
        before = torch.get_num_threads()
        try:
            if value == "abc":
                with pytest.raises(CkipModelError, match=THREADS_ENV):
                    load_ckip(root)
            else:
                load_ckip(root)
                assert torch.get_num_threads() == 1
        finally:
            torch.set_num_threads(before)


def test_without_the_extra_the_error_says_how_to_install(tiny_models: dict[str, Path], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.nlp.ckip import load_ckip

    monkeypatch.setitem(sys.modules, "ckip_transformers", None)  # as if not installed
    with pytest.raises(MinutesError, match=r"pip install -e \.\[ckip\]") as exc:
        check_nlp_options({"ner": "ckip", "ckip_model": str(tiny_models["random"])})
    assert exc.value.kind == "missing_dependency"
    for sub in ("ws", "ner"):
        (tmp_path / sub).symlink_to(tiny_models["random"] / sub)
    with pytest.raises(MinutesError, match=r"pip install -e \.\[ckip\]"):
        load_ckip(tmp_path)
