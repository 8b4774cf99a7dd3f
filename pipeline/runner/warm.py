"""Imported by the local engine's fork server: the pipeline loaded and warmed once, inherited by every
worker it forks, so starting (or replacing) a worker costs a fork, not an import and a first document."""

from __future__ import annotations

from pipeline.runner.task import warm_up

warm_up()
