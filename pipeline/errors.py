"""Typed errors: every stage raises one of these, and a batch records it as an error row."""

from __future__ import annotations


class MinutesError(Exception):
    """Base class. `kind` is the error type users see in the errors table."""

    kind = "internal"
    stage = "pipeline"

    def __init__(self, message: str, *, stage: str | None = None) -> None:
        super().__init__(message)
        if stage is not None:
            self.stage = stage

    @property
    def message(self) -> str:
        return str(self)


class UnreadableError(MinutesError):
    kind = "unreadable"
    stage = "ingest"


class EncryptedError(MinutesError):
    kind = "encrypted"
    stage = "ingest"


class UnsupportedFormatError(MinutesError):
    kind = "unsupported_format"
    stage = "ingest"


class EmptyDocumentError(MinutesError):
    kind = "empty"
    stage = "ingest"


class NotMinutesError(MinutesError):
    kind = "not_minutes"
    stage = "segment"


class TooLargeError(MinutesError):
    kind = "too_large"
    stage = "ingest"


class DocumentTimeoutError(MinutesError):
    kind = "timed_out"
    stage = "extract"


class MissingDependencyError(MinutesError):
    kind = "missing_dependency"
    stage = "ingest"


class InternalError(MinutesError):
    kind = "internal"
