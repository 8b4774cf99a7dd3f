"""Extractors as components: each declares what it requires and what it provides, and the
runner orders them by those declarations (as spaCy's components declare theirs), so no
extractor depends on an order it does not state.

A component is a function `Context -> dict` registered with `@component(...)`; the dict's keys
must be exactly what it provides, and the runner sets them on the context (`meeting.x` keys on
the header's meeting).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.context import Context

# what the context holds before any component runs
BASE = frozenset({"doc", "profile", "lex", "rules", "head", "sections", "coverage"})

Run = Callable[[Context], dict[str, Any]]


@dataclass(frozen=True)
class Component:
    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Run


REGISTRY: dict[str, Component] = {}


def component(name: str, *, requires: tuple[str, ...] = (), provides: tuple[str, ...]) -> Callable[[Run], Run]:
    def register(fn: Run) -> Run:
        REGISTRY[name] = Component(name, requires, provides, fn)
        return fn
    return register


def plan(names: list[str] | None = None) -> list[Component]:
    """The components in an order where each runs after whatever provides what it requires."""
    chosen = [REGISTRY[n] for n in (names or list(REGISTRY))]
    done = set(BASE)
    order: list[Component] = []
    pending = list(chosen)
    while pending:
        ready = [c for c in pending if all(r in done for r in c.requires)]
        if not ready:
            missing = {c.name: [r for r in c.requires if r not in done] for c in pending}
            raise RuntimeError(f"components whose requirements nothing provides: {missing}")
        for c in ready:
            order.append(c)
            done.update(c.provides)
            pending.remove(c)
    return order


def run(ctx: Context, names: list[str] | None = None) -> None:
    for comp in plan(names):
        out = comp.run(ctx)
        extra = set(out) - set(comp.provides)
        if extra:
            raise RuntimeError(f"component {comp.name} returned {sorted(extra)} it does not declare")
        for key, value in out.items():
            if key.startswith("meeting."):
                setattr(ctx.head.meeting, key.split(".", 1)[1], value)
            else:
                setattr(ctx, key, value)
