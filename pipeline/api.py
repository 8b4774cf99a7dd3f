"""The library API: one document through ingest -> segment -> extract, as a `Minutes`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.context import Context
from pipeline.document import Document
from pipeline.errors import NotMinutesError
from pipeline.extract import registry
from pipeline.ingest import ingest, ingest_bytes
from pipeline.ingest.layout import attach_provenance
from pipeline.models import Minutes
from pipeline.profiles import Profile, select_profile
from pipeline.quality import assess
from pipeline.segment import header, outline


def analyse(doc: Document, *, require_minutes: bool = True, profile_name: str | None = None,
            ner: str | None = None, ckip_model: str | None = None) -> Minutes:
    """Segment and extract an ingested document."""
    default = select_profile(None, None)
    head = header.read_header(doc, default.lexicon, default.heading_rules)
    profile: Profile = select_profile(head.meeting.body, head.meeting.name, name=profile_name,
                                      title=head.meeting.title)
    if profile.name != "default":
        head = header.read_header(doc, profile.lexicon, profile.heading_rules)
    ctx = Context(doc=doc, profile=profile, lex=profile.lexicon, rules=profile.heading_rules, head=head)
    ctx.sections, ctx.coverage = outline.build_outline(doc, ctx.rules, head.end,
                                                      head.meeting.spans.get("title"))
    registry.run(ctx)
    outline.remarks_by_chair(ctx.sections, {p.title for p in ctx.people if p.role == "chair" and p.title})
    _drop_after_adjournment(ctx)
    if ner:
        from pipeline.nlp import apply_ner

        apply_ner(ctx, ner, ckip_model)
    confidence, evidence = header.looks_like_minutes(head, len(ctx.sections), doc, ctx.lex)
    if require_minutes and not evidence:
        # a file with a title, header fields or sections is read; one with none of them is not minutes
        raise NotMinutesError(
            f"{doc.source.path}: no meeting title, no header fields (時間, 地點, 主席 ...) and no sections "
            "were found; this does not look like meeting minutes (--allow-non-minutes reads it anyway)")
    minutes = Minutes(
        pipeline_version=__version__,
        profile=profile.name,
        is_minutes=bool(evidence),
        minutes_confidence=confidence,
        minutes_evidence=evidence,
        source=doc.source,
        text=doc.text,
        pages=doc.pages,
        meeting=head.meeting,
        sections=ctx.sections,
        dates=ctx.dates,
        times=ctx.times,
        case_numbers=ctx.case_numbers,
        divisions=ctx.divisions,
        people=ctx.people,
        action_items=ctx.action_items,
        coverage=ctx.coverage,
        candidates=ctx.candidates,
        warnings=ctx.warnings,
    )
    if len(doc.pages) > 1 or doc.char_boxes is not None:
        attach_provenance(minutes, doc)  # page and box of every mention; text input claims no page
    minutes.needs_review, minutes.review_reasons = assess(minutes)
    return minutes


def _drop_after_adjournment(ctx: Context) -> None:
    """Attachments after 散會 are not minutes: nothing is extracted from them."""
    if not ctx.sections or ctx.sections[-1].kind != "adjournment":
        return
    limit = ctx.sections[-1].span[1]
    if limit >= len(ctx.doc.text.rstrip()):
        return
    for name in ("dates", "times", "case_numbers", "divisions", "people", "action_items"):
        kept = [m for m in getattr(ctx, name) if m.span[0] < limit]
        setattr(ctx, name, kept)


def extract(path: str | Path, *, require_minutes: bool = True, profile_name: str | None = None,
            ner: str | None = None, ckip_model: str | None = None, **ingest_options: Any) -> Minutes:
    """Read and analyse one file."""
    doc = ingest(path, **ingest_options)
    return analyse(doc, require_minutes=require_minutes, profile_name=profile_name, ner=ner,
                   ckip_model=ckip_model)


def extract_bytes(data: bytes, path: str | Path = "<bytes>", *, require_minutes: bool = True,
                  profile_name: str | None = None, ner: str | None = None, ckip_model: str | None = None,
                  **ingest_options: Any) -> Minutes:
    """Analyse one document given as bytes (a pure function of the bytes and options)."""
    doc = ingest_bytes(data, path, **ingest_options)
    return analyse(doc, require_minutes=require_minutes, profile_name=profile_name, ner=ner,
                   ckip_model=ckip_model)
