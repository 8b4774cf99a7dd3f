"""Imported by the local engine before it forks its first worker: the pipeline loaded and warmed once,
inherited by every worker, so starting (or replacing) a worker costs a fork, not an import and a first
document."""

from __future__ import annotations

from pipeline.runner.task import warm_up

warm_up()
