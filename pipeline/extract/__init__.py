"""Extractors, each a registered component (see `registry`); importing this package registers them."""

from pipeline.extract import actions, cases, dates, people, registry, units

__all__ = ["actions", "cases", "dates", "people", "registry", "units"]
